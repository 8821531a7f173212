package widget

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// paragraphs renders a text as paragraphs, one per blank-line-separated
// block. Text is always text: go-app escapes it, nothing is parsed as HTML.
func paragraphs(class, s string) app.UI {
	blocks := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	return app.Div().Class(class).Body(
		app.Range(blocks).Slice(func(i int) app.UI {
			return app.P().Text(strings.TrimSpace(blocks[i]))
		}),
	)
}

// fill replaces {name} placeholders in a UI string.
func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

func (p *quizPage) renderIntro() app.UI {
	q := p.quiz
	// Questions shown to everyone; conditional ones may add to this.
	total := 0
	for _, v := range q.Visible(quiz.Answers{}) {
		if v {
			total++
		}
	}
	minutes := q.Minutes
	if minutes == 0 {
		minutes = (len(q.Questions)*20 + 59) / 60
	}
	privacy, disclaimer := p.t("privacy"), p.t("disclaimer")
	if q.Privacy != nil {
		privacy = p.tx(q.Privacy)
	}
	if q.Disclaimer != nil {
		disclaimer = p.tx(q.Disclaimer)
	}
	return app.Section().Class("screen intro").Body(
		app.H1().ID("quiz-title").TabIndex(-1).Text(p.tx(q.Title)),
		p.renderShareNotice(), // a share link that cannot be shown: share.go
		paragraphs("intro-text", p.tx(q.Intro)),
		app.P().Class("meta").Text(fill(p.t("minutes"), "minutes", strconv.Itoa(minutes))+" · "+fill(p.t("questions_count"), "total", strconv.Itoa(total))),
		app.Div().Class("notice disclaimer").Body(
			app.H2().Text(p.t("disclaimer_title")),
			paragraphs("", disclaimer),
		),
		app.Div().Class("notice privacy").Body(
			app.H2().Text(p.t("privacy_title")),
			paragraphs("", privacy),
		),
		p.renderStart(), // with "continue" when progress is saved: resume.go
	)
}

func (p *quizPage) renderError() app.UI {
	return app.Section().ID("error-panel").Class("screen error-panel").Role("alert").Body(
		app.H1().ID("error-title").Text(p.t("error_title")),
		app.If(p.loadErr != "", func() app.UI {
			return app.Div().Body(
				app.P().Text(p.t("error_load")),
				app.Pre().Class("error-item").Text(p.loadErr),
			)
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().Text(p.t("error_help")),
				app.Ul().Class("error-list").Body(
					app.Range(p.problems).Slice(func(i int) app.UI {
						return app.Li().Class("error-item").Text(p.problems[i])
					}),
				),
			)
		}),
		app.Button().ID("retry").Type("button").Text(p.t("retry")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
	)
}

func (p *quizPage) renderQuestion() app.UI {
	qu := p.quiz.Questions[p.current]
	n, total := p.progress()
	last := n == total
	nextLabel := p.t("next")
	if last {
		nextLabel = p.t("see_result")
	}
	hint := ""
	if qu.Kind == quiz.Multi {
		hint = p.t("multi_hint_any")
		if qu.Max > 0 && qu.Max < len(qu.Options) {
			hint = fill(p.t("multi_hint"), "max", strconv.Itoa(qu.Max))
		}
	}
	progressText := fill(p.t("progress"), "n", strconv.Itoa(n), "total", strconv.Itoa(total))
	return app.Section().Class("screen question").Body(
		app.Div().Class("progress").Body(
			app.P().ID("progress-text").Text(progressText),
			app.Progress().ID("progress").Max(total).Value(n).Aria("label", progressText),
		),
		app.If(qu.Section != nil, func() app.UI {
			return app.P().Class("section-title").Text(p.tx(qu.Section.Title))
		}),
		app.Form().ID("question-form").
			Attr("novalidate", true).
			On("keydown", p.onOptionKey). // number keys: a11y.go
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				p.next()
			}).
			Body(
				app.FieldSet().
					DataSet("question", qu.ID).
					DataSet("kind", string(qu.Kind)).
					Aria("describedby", "q-hint").
					Body(
						app.Legend().ID("q-legend").TabIndex(-1).Text(p.tx(qu.Text)),
						app.P().ID("q-hint").Class("hint").Body(
							app.If(qu.Help != nil, func() app.UI { return app.Span().Text(p.tx(qu.Help) + " ") }),
							app.Span().Text(hint),
						),
						p.renderOptions(qu),
					),
				app.If(p.showHint, func() app.UI {
					return app.P().ID("required-hint").Class("required-hint").Role("alert").TabIndex(-1).Text(p.t("required_hint"))
				}),
				app.Div().Class("nav").Body(
					app.Button().ID("back").Type("button").Class("secondary").Text(p.t("back")).
						OnClick(func(ctx app.Context, e app.Event) { p.back() }),
					app.Button().ID("next").Type("submit").Class("primary").Text(nextLabel),
				),
			),
	)
}

// renderOptions draws native radios or checkboxes. Each handler gets its
// own scope: go-app compares handlers by code pointer, so without it a
// closure would keep the first option's values.
func (p *quizPage) renderOptions(qu *quiz.Question) app.UI {
	a := p.answers[qu.ID]
	if qu.Kind == quiz.Scale {
		points := make([]int, quiz.ScalePoints)
		for i := range points {
			points[i] = i + 1
		}
		return app.Div().Class("options scale").Body(
			app.Range(points).Slice(func(i int) app.UI {
				v := points[i]
				return p.option(qu, "radio", strconv.Itoa(v), p.t("scale_"+strconv.Itoa(v)), a.Scale == v, false,
					func(ctx app.Context, checked bool) { p.choose(qu, strconv.Itoa(v), checked) })
			}),
		)
	}
	typ := "radio"
	if qu.Kind == quiz.Multi {
		typ = "checkbox"
	}
	return app.Div().Class("options " + string(qu.Kind)).Body(
		app.Range(qu.Options).Slice(func(i int) app.UI {
			o := qu.Options[i]
			checked := slices.Contains(a.Choices, o.ID)
			return p.option(qu, typ, o.ID, p.tx(o.Label), checked, !checked && qu.Blocked(a, o.ID),
				func(ctx app.Context, checked bool) { p.choose(qu, o.ID, checked) })
		}),
	)
}

func (p *quizPage) option(qu *quiz.Question, typ, value, label string, checked, disabled bool, onChange func(app.Context, bool)) app.UI {
	id := "opt-" + qu.ID + "-" + value
	return app.Label().Class("option").For(id).Body(
		app.Input().
			ID(id).
			Type(typ).
			Name(qu.ID).
			Value(value).
			Checked(checked).
			Disabled(disabled).
			OnChange(func(ctx app.Context, e app.Event) {
				onChange(ctx, ctx.JSSrc().Get("checked").Bool())
			}, app.EventScope(qu.ID, value)),
		app.Span().Class("option-label").Text(label),
	)
}
