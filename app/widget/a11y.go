package widget

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// Accessibility beyond the markup of each screen: one live region that
// announces progress and the result, and the chart's data as a table. (The
// number keys are the question screen's: question.go.)

// renderStatus is the page's one live region. It stays in place across
// screens (go-app updates its text in place), so screen readers announce
// each change: the question number, then the result's summary.
func (p *quizPage) renderStatus() app.UI {
	s := ""
	if p.flow != nil {
		switch v := p.view(); v.Screen() {
		case flow.Question:
			n, total := v.Progress()
			s = fill(p.w.t("progress"), "n", strconv.Itoa(n), "total", strconv.Itoa(total))
		case flow.Result:
			s = p.w.resultSummary(v.Result())
		}
	}
	return app.P().ID("quiz-status").Class("visually-hidden").Role("status").Aria("live", "polite").Text(s)
}

// renderChartTable is the chart's numbers as a table, folded under the
// chart: the SVG speaks them as one sentence, the table row by row. (Generic
// elements, few calls: each go-app element type and call adds to app.wasm.)
func (w words) renderChartTable(scores []quiz.DimensionScore) app.UI {
	rows := make([]app.UI, len(scores)+1)
	for i := range rows {
		head, cell, scope := w.t("chart_dimension"), w.t("chart_score"), "col"
		if i > 0 {
			s := scores[i-1]
			head, cell, scope = w.tx(s.Dimension.Name), strconv.Itoa(s.Score), "row"
		}
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		rows[i] = app.Elem("tr").Body(app.Elem("th").Attr("scope", scope).Text(head), app.Elem(tag).Text(cell))
	}
	return app.Elem("details").Class("chart-table").Body(
		app.Elem("summary").Text(w.t("chart_table")),
		app.Elem("table").Body(
			app.Elem("caption").Text(w.t("chart_label")),
			app.Elem("thead").Body(rows[0]),
			app.Elem("tbody").Body(rows[1:]...),
		),
	)
}

// focusOn moves the focus to el, with a focus ring only where the browser
// would draw one for a keyboard user. Browsers draw it on an element a
// script focuses after a key press and not after a click or a tap, but
// also before the visitor has done anything at all: a page opened from a
// link (a shared result, a damaged link) would greet a mouse or touch
// visitor with a heavy box around its heading. Until the visitor first
// presses a key or touches the page, the focus moves without the ring
// (FocusOptions.focusVisible; browsers without it draw as they would).
func focusOn(el app.Value) {
	if ua := app.Window().Get("navigator").Get("userActivation"); ua.Truthy() && !ua.Get("hasBeenActive").Bool() {
		el.Call("focus", map[string]any{"focusVisible": false})
		return
	}
	el.Call("focus")
}
