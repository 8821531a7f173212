package widget

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// questionScreen is one question: where the visitor is (N of Total), the
// question with its options as native radio buttons or checkboxes, the
// "please answer" hint, Back and Next. The page's early script
// (app/webapp/early.js) shows the same screens from the prerendered
// templates of QuestionTemplates before the engine runs: the markup here
// and the changes that script makes must stay the same.
type questionScreen struct {
	app.Compo

	W      words
	Q      *quiz.Question
	Answer quiz.Answer
	N      int  // its place among the questions shown, 1-based
	Total  int  // questions shown, as the answers stand
	Hint   bool // Next was pressed without an answer
	// OnChoose ticks or unticks a value (an option id, or a scale point
	// "1".."5"); OnPick does what a click on it would do now (a number
	// key), and reports false when it cannot be ticked; OnNext and OnBack
	// move.
	OnChoose       func(value string, on bool)
	OnPick         func(value string) bool
	OnNext, OnBack func()
}

// renderQuestion is the question on screen in the visitor's journey.
func (p *quizPage) renderQuestion() app.UI {
	qu := p.flow.Current()
	n, total := p.flow.Progress()
	return &questionScreen{
		W:        p.w,
		Q:        qu,
		Answer:   p.flow.Answers()[qu.ID],
		N:        n,
		Total:    total,
		Hint:     p.flow.Hint(),
		OnChoose: p.choose,
		OnPick:   p.pick,
		OnNext:   p.next,
		OnBack:   p.back,
	}
}

// progressText is "question N of Total" in the visitor's language.
func (c *questionScreen) progressText() string {
	return fill(c.W.t("progress"), "n", strconv.Itoa(c.N), "total", strconv.Itoa(c.Total))
}

func (c *questionScreen) Render() app.UI {
	qu := c.Q
	nextLabel := c.W.t("next")
	if c.N == c.Total {
		nextLabel = c.W.t("see_result")
	}
	hint := ""
	if qu.Kind == quiz.Multi {
		hint = c.W.t("multi_hint_any")
		if qu.Max > 0 && qu.Max < len(qu.Options) {
			hint = fill(c.W.t("multi_hint"), "max", strconv.Itoa(qu.Max))
		}
	}
	progress := c.progressText()
	return app.Section().Class("screen question").Body(
		app.Div().Class("progress").Body(
			app.P().ID("progress-text").Text(progress),
			app.Progress().ID("progress").Max(c.Total).Value(c.N).Aria("label", attr(progress)),
		),
		app.If(qu.Section != nil, func() app.UI {
			return app.P().Class("section-title").Text(c.W.tx(qu.Section.Title))
		}),
		app.Form().ID("question-form").
			Attr("novalidate", true).
			On("keydown", c.onKey).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.OnNext()
			}).
			Body(
				app.FieldSet().
					DataSet("question", qu.ID).
					DataSet("kind", string(qu.Kind)).
					Aria("describedby", "q-hint").
					Body(
						app.Legend().ID("q-legend").TabIndex(-1).Text(c.W.tx(qu.Text)),
						app.P().ID("q-hint").Class("hint").Body(
							app.If(qu.Help != nil, func() app.UI { return app.Span().Text(c.W.tx(qu.Help) + " ") }),
							app.Span().Text(hint),
						),
						c.renderOptions(),
					),
				app.If(c.Hint, func() app.UI {
					return app.P().ID("required-hint").Class("required-hint").Role("alert").TabIndex(-1).Text(c.W.t("required_hint"))
				}),
				app.Div().Class("nav").Body(
					app.Button().ID("back").Type("button").Class("secondary").Text(c.W.t("back")).
						OnClick(func(ctx app.Context, e app.Event) { c.OnBack() }),
					app.Button().ID("next").Type("submit").Class("primary").Text(nextLabel),
				),
			),
	)
}

// values are the question's choices: its option ids, or the scale points.
func values(qu *quiz.Question) []string {
	if qu.Kind == quiz.Scale {
		out := make([]string, quiz.ScalePoints)
		for i := range out {
			out[i] = strconv.Itoa(i + 1)
		}
		return out
	}
	out := make([]string, len(qu.Options))
	for i, o := range qu.Options {
		out[i] = o.ID
	}
	return out
}

// isChosen reports whether value is ticked in answer a.
func isChosen(qu *quiz.Question, a quiz.Answer, value string) bool {
	if qu.Kind == quiz.Scale {
		return a.Scale != 0 && strconv.Itoa(a.Scale) == value
	}
	return slices.Contains(a.Choices, value)
}

// renderOptions draws native radios or checkboxes. Each handler gets its
// own scope: go-app compares handlers by code pointer, so without it a
// closure would keep the first option's values.
func (c *questionScreen) renderOptions() app.UI {
	qu := c.Q
	typ := "radio"
	if qu.Kind == quiz.Multi {
		typ = "checkbox"
	}
	vals := values(qu)
	return app.Div().Class("options " + string(qu.Kind)).Body(
		app.Range(vals).Slice(func(i int) app.UI {
			v := vals[i]
			label := ""
			if qu.Kind == quiz.Scale {
				label = c.W.t("scale_" + v)
			} else {
				label = c.W.tx(qu.Options[i].Label)
			}
			id := "opt-" + qu.ID + "-" + v
			return app.Label().Class("option").For(id).Body(
				app.Input().
					ID(id).
					Type(typ).
					Name(qu.ID).
					Value(v).
					Checked(isChosen(qu, c.Answer, v)).
					Disabled(qu.Blocked(c.Answer, v)).
					OnChange(func(ctx app.Context, e app.Event) {
						c.OnChoose(v, ctx.JSSrc().Get("checked").Bool())
					}, app.EventScope(qu.ID, v)),
				app.Span().Class("option-label").Text(label),
			)
		}),
	)
}

// onKey chooses an option with the number keys while the focus is in the
// question's form: 1–9 pick the Nth option (a checkbox toggles, within the
// question's max), then the focus goes to it, where Enter submits. Keys
// with a modifier, held keys and typing in a text field are left alone.
func (c *questionScreen) onKey(ctx app.Context, e app.Event) {
	k := e.Get("key").String()
	typ := e.Get("target").Get("type")
	if len(k) != 1 || k[0] < '1' || k[0] > '9' ||
		e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool() || e.Get("repeat").Bool() ||
		typ.Truthy() && !strings.Contains(" radio checkbox submit button ", " "+typ.String()+" ") {
		return
	}
	vals := values(c.Q)
	n := int(k[0] - '0')
	if n > len(vals) {
		return
	}
	v := vals[n-1]
	if in := app.Window().GetElementByID("opt-" + c.Q.ID + "-" + v); in.Truthy() && c.OnPick(v) {
		in.Call("focus")
	}
}

// pick does to value what a click on it would do now: a multi question's
// box toggles, within its max; other questions take the value. The answer
// changes, not the boxes: keys pressed faster than the page renders add up.
func (p *quizPage) pick(value string) bool {
	qu := p.flow.Current()
	a := p.flow.Answers()[qu.ID]
	on := qu.Kind != quiz.Multi || !isChosen(qu, a, value)
	if on && qu.Blocked(a, value) {
		return false // one more than the maximum, which the page shows disabled
	}
	p.choose(value, on)
	return true
}
