package widget

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

const svgNS = "http://www.w3.org/2000/svg"

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// renderChart shows the visitor's traits as a list: each row is the
// trait's name and score in the page's own text (its size follows the
// visitor's, on a phone too), a bar from 0 to 100 with marks where the
// scores turn middle and high, and, folded under it, what the trait means.
// A trait at the high level is marked as a strength, in words as well as
// in colour. The bars are drawn in SVG, their lengths as percentages: the
// page's policy allows no style attributes.
func (w words) renderChart(scores []quiz.DimensionScore) app.UI {
	lv := w.q.Levels
	rows := make([]app.UI, len(scores))
	for i, s := range scores {
		level := string(s.Level)
		if level == "" {
			level = string(lv.Of(s.Score))
		}
		value := strconv.Itoa(s.Score)
		if s.Level == quiz.High {
			value += " · " + w.t("level_high")
		}
		label := app.Elem("summary").Body(
			app.Span().Class("chart-label").Text(w.tx(s.Dimension.Name)),
			app.Span().Class("chart-value").Text(value),
			svg("svg").Class("chart-bar-svg").Attr("aria-hidden", "true").Attr("focusable", "false").
				Attr("viewBox", "0 0 100 12").Attr("preserveAspectRatio", "none").Body(
				svg("rect").Class("chart-track").Attr("x", 0).Attr("y", 2).Attr("width", 100).Attr("height", 8).Attr("rx", 4),
				svg("rect").Class("chart-bar").Attr("x", 0).Attr("y", 2).Attr("width", s.Score).Attr("height", 8).Attr("rx", 4),
				svg("line").Class("chart-mark").Attr("x1", lv.Middle).Attr("x2", lv.Middle).Attr("y1", 0).Attr("y2", 12),
				svg("line").Class("chart-mark").Attr("x1", lv.High).Attr("x2", lv.High).Attr("y1", 0).Attr("y2", 12),
			),
		)
		row := app.Elem("details").Class("chart-row level-"+level).
			DataSet("dimension", s.Dimension.ID).DataSet("score", s.Score)
		if s.Dimension.Description != nil {
			rows[i] = row.Body(label, app.P().Class("chart-desc").Text(w.tx(s.Dimension.Description)))
		} else {
			rows[i] = row.Body(label)
		}
	}
	return app.Div().ID("dimension-chart").Class("chart").Body(
		app.Div().Class("chart-rows").Body(rows...),
		app.P().Class("chart-key").Text(fill(w.t("chart_key"), "middle", strconv.Itoa(lv.Middle), "high", strconv.Itoa(lv.High))),
	)
}
