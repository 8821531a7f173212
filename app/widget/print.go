package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The result on paper: web/app.css's print rules lay it out on A4 and hide
// the controls; these are the Print button and the line that says when and
// from which version of the quiz the sheet was printed.

// renderPrintButton opens the browser's print dialog.
func (p *quizPage) renderPrintButton() app.UI {
	return app.Button().ID("print").Type("button").Class("secondary").Text(p.t("print")).
		OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") })
}

// renderPrintFooter is shown on paper only: the quiz, its version and the
// date, in the visitor's language and date format.
func (p *quizPage) renderPrintFooter() app.UI {
	date := ""
	if !app.IsServer {
		date = app.Window().Get("Date").New().Call("toLocaleDateString", p.locale).String()
	}
	return app.P().ID("print-footer").Class("print-only").
		Text(fill(p.t("print_footer"), "title", p.tx(p.quiz.Title), "version", p.quiz.Version, "date", date))
}
