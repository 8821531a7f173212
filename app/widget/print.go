package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The result on paper: web/app.css's print rules lay it out on A4 and hide
// the controls; the result's Print button opens the browser's dialog, and
// this line says when and from which version of the quiz the sheet was
// printed.

// renderPrintFooter is shown on paper only: the quiz, its version and the
// date, in the visitor's language and date format.
func (c *resultScreen) renderPrintFooter() app.UI {
	date := ""
	if !app.IsServer {
		date = app.Window().Get("Date").New().Call("toLocaleDateString", c.W.locale).String()
	}
	return app.P().ID("print-footer").Class("print-only").
		Text(fill(c.W.t("print_footer"), "title", c.W.tx(c.W.q.Title), "version", c.W.q.Version, "date", date))
}
