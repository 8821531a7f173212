package widget

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

const svgNS = "http://www.w3.org/2000/svg"

// Chart geometry, in viewBox units. The box is narrow so that on a phone
// the text stays near its CSS size; CSS caps the width on large screens.
const (
	chartW     = 360
	chartRow   = 44
	chartBarY  = 22 // bar offset within a row, below its label
	chartBarH  = 12
	chartBarW  = 300 // bar length at 100
	chartValue = chartBarW + 8
)

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// renderChart draws one horizontal bar per dimension, 0–100, with the
// dimension's name above its bar and the score at its end. The SVG carries a
// title and a text description so screen readers get the same numbers.
func (w words) renderChart(scores []quiz.DimensionScore) app.UI {
	h := chartRow*len(scores) + 4
	desc := make([]string, len(scores))
	for i, s := range scores {
		desc[i] = w.tx(s.Dimension.Name) + " " + strconv.Itoa(s.Score)
	}
	rows := make([]app.UI, 0, len(scores)+2)
	rows = append(rows,
		svg("title").ID("chart-title").Text(w.t("chart_label")),
		svg("desc").ID("chart-desc").Text(strings.Join(desc, ", ")),
	)
	for i, s := range scores {
		y := i * chartRow
		bar := chartBarW * s.Score / 100
		rows = append(rows, svg("g").Class("chart-row").DataSet("dimension", s.Dimension.ID).DataSet("score", s.Score).Body(
			svg("text").Class("chart-label").Attr("x", 0).Attr("y", y+16).Text(w.tx(s.Dimension.Name)),
			svg("rect").Class("chart-track").Attr("x", 0).Attr("y", y+chartBarY).Attr("width", chartBarW).Attr("height", chartBarH).Attr("rx", 6),
			svg("rect").Class("chart-bar").Attr("x", 0).Attr("y", y+chartBarY).Attr("width", bar).Attr("height", chartBarH).Attr("rx", 6),
			svg("text").Class("chart-value").Attr("x", chartValue).Attr("y", y+chartBarY+chartBarH-1).Text(strconv.Itoa(s.Score)),
		))
	}
	return svg("svg").
		ID("dimension-chart").
		Class("chart").
		Attr("viewBox", "0 0 "+strconv.Itoa(chartW)+" "+strconv.Itoa(h)).
		Attr("role", "img").
		Aria("labelledby", "chart-title chart-desc").
		Body(rows...)
}
