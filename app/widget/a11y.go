package widget

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// Accessibility beyond the markup of each screen: one live region that
// announces progress and the result, number keys for the options, and the
// chart's data as a table.

// renderStatus is the page's one live region. It stays in place across
// screens (go-app updates its text in place), so screen readers announce
// each change: the question number, then the result's summary.
func (p *quizPage) renderStatus() app.UI {
	s := ""
	switch p.screen {
	case loading:
		s = p.t("loading")
	case asking:
		n, total := p.progress()
		s = fill(p.t("progress"), "n", strconv.Itoa(n), "total", strconv.Itoa(total))
	case result:
		s = p.resultSummary()
	}
	return app.P().ID("quiz-status").Class("visually-hidden").Role("status").Aria("live", "polite").Text(s)
}

// onOptionKey chooses an option with the number keys while the focus is in
// the question's form: 1–9 pick the Nth option (a checkbox toggles, within
// the question's max), then the focus goes to it, where Enter submits.
// Keys with a modifier, held keys and typing in a text field are left alone.
// It changes the answer, not the boxes: keys pressed faster than the page
// renders then add up as they should.
func (p *quizPage) onOptionKey(ctx app.Context, e app.Event) {
	k := e.Get("key").String()
	typ := e.Get("target").Get("type")
	if len(k) != 1 || k[0] < '1' || k[0] > '9' || p.screen != asking ||
		e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool() || e.Get("repeat").Bool() ||
		typ.Truthy() && !strings.Contains(" radio checkbox submit button ", " "+typ.String()+" ") {
		return
	}
	qu := p.quiz.Questions[p.current]
	id := k // a scale point
	if qu.Kind != quiz.Scale {
		n := int(k[0] - '0')
		if n > len(qu.Options) {
			return
		}
		id = qu.Options[n-1].ID
	}
	in := app.Window().GetElementByID("opt-" + qu.ID + "-" + id)
	a := p.answers[qu.ID]
	tick := qu.Kind != quiz.Multi || !slices.Contains(a.Choices, id)
	if !in.Truthy() || tick && qu.Blocked(a, id) {
		return // no such scale point; or one more than the maximum, which the next render disables
	}
	// The answer first, as a click would give it; the next render ticks
	// the boxes from it.
	p.choose(qu, id, tick)
	in.Call("focus")
}

// renderChartTable is the chart's numbers as a table, folded under the
// chart: the SVG speaks them as one sentence, the table row by row. (Generic
// elements, few calls: each go-app element type and call adds to app.wasm.)
func (p *quizPage) renderChartTable(scores []quiz.DimensionScore) app.UI {
	rows := make([]app.UI, len(scores)+1)
	for i := range rows {
		head, cell, scope := p.t("chart_dimension"), p.t("chart_score"), "col"
		if i > 0 {
			s := scores[i-1]
			head, cell, scope = p.tx(s.Dimension.Name), strconv.Itoa(s.Score), "row"
		}
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		rows[i] = app.Elem("tr").Body(app.Elem("th").Attr("scope", scope).Text(head), app.Elem(tag).Text(cell))
	}
	return app.Elem("details").Class("chart-table").Body(
		app.Elem("summary").Text(p.t("chart_table")),
		app.Elem("table").Body(
			app.Elem("caption").Text(p.t("chart_label")),
			app.Elem("thead").Body(rows[0]),
			app.Elem("tbody").Body(rows[1:]...),
		),
	)
}
