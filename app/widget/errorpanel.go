package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// errorPanel replaces the quiz when its file cannot be used: every
// problem the checker found, each with its line, and a button to try again
// (a quiz file being edited may be fixed by then).
type errorPanel struct {
	app.Compo

	W        words
	LoadErr  string   // the file could not be fetched
	Problems []string // its problems, one line each: file:line:col: message
}

func (c *errorPanel) Render() app.UI {
	return app.Section().ID("error-panel").Class("screen error-panel").Role("alert").Body(
		app.H1().ID("error-title").Text(c.W.t("error_title")),
		app.If(c.LoadErr != "", func() app.UI {
			return app.Div().Body(
				app.P().Text(c.W.t("error_load")),
				app.Pre().Class("error-item").Text(c.LoadErr),
			)
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().Text(c.W.t("error_help")),
				app.Ul().Class("error-list").Body(
					app.Range(c.Problems).Slice(func(i int) app.UI {
						return app.Li().Class("error-item").Text(c.Problems[i])
					}),
				),
			)
		}),
		app.Button().ID("retry").Type("button").Class("primary").Text(c.W.t("retry")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
	)
}
