package widget

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// resultScreen explains a result: the fit band and its chart, the top path
// and the runner-up with why, the answers that shaped it and the change
// that would have put the runner-up first, matching benefits and doubts,
// certifications, the call to action, the sources, and sharing.
type resultScreen struct {
	app.Compo

	W      words
	Res    *quiz.Result
	WhatIf *quiz.WhatIf // nil: nothing to say
	Shared bool         // opened from a share link
	CTA    string       // the call to action's link, as the embedding page wants it
	Share  shareState
	// OnRestart starts again, OnTake takes the quiz from a shared result,
	// OnShare shares, OnCTA tells of a click on the call to action.
	OnRestart, OnTake, OnShare, OnCTA func()
}

// renderResult is the result on screen: the visitor's, or a shared one.
func (p *quizPage) renderResult() app.UI {
	v := p.view()
	return &resultScreen{
		W:         p.w,
		Res:       v.Result(),
		WhatIf:    p.whatIf(),
		Shared:    p.nav.shared != nil,
		CTA:       p.embed.ctaURL(p.w.q.CTA.URL),
		Share:     p.nav.share,
		OnRestart: p.restart,
		OnTake:    p.takeQuiz,
		OnShare:   p.share,
		OnCTA:     func() { p.embed.post("cta", nil) },
	}
}

// whatIf is the smallest change of answers that would put the runner-up
// first (quiz.WhatIf), computed once per result.
func (p *quizPage) whatIf() *quiz.WhatIf {
	v := p.view()
	if p.nav.whatIfRes != v.Result() {
		p.nav.whatIfRes = v.Result()
		p.nav.whatIf = p.w.q.WhatIf(v.Answers())
	}
	return p.nav.whatIf
}

// resultSummary is one sentence for the live region: band and top path.
func (w words) resultSummary(res *quiz.Result) string {
	colon, stop := w.punct()
	s := ""
	if res.Band != nil {
		s = w.t("fit_title") + colon + w.tx(res.Band.Title) + stop
	}
	if res.Top != nil {
		s += w.t("top_path") + colon + w.tx(res.Top.Title)
	}
	return s
}

// punct is the colon and the full stop that join UI strings into a
// sentence: full-width in Japanese and Chinese (「相性：…。」), not the ASCII
// ": " and ". " of other languages.
func (w words) punct() (colon, stop string) {
	if w.fullWidth() {
		return "：", "。"
	}
	return ": ", ". "
}

// fullWidth reports whether the visitor's language sets its punctuation
// full-width: Japanese and Chinese.
func (w words) fullWidth() bool {
	l, _, _ := strings.Cut(w.locale, "-")
	return l == "ja" || l == "zh"
}

// Render leads with the answer: on a phone's first screen, the path that
// fits best with its match and how clear its lead is, then the fit with
// the PMO role, then Share. The why, the answers that shaped it and what
// would change it follow, each in a card of its own; then the runner-up,
// the traits, what the visitor would gain, certifications, the call to
// action, the disclaimer, and the sources, folded.
func (c *resultScreen) Render() app.UI {
	res := c.Res
	q := c.W.q
	attrs := app.Section().ID("result").Class("screen result")
	if res.Top != nil {
		attrs = attrs.DataSet("path", res.Top.ID)
	}
	if res.RunnerUp != nil {
		attrs = attrs.DataSet("runner-up", res.RunnerUp.ID)
	}
	if res.Band != nil {
		attrs = attrs.DataSet("band", res.Band.ID)
	}
	disclaimer := c.W.t("disclaimer")
	if q.Disclaimer != nil {
		disclaimer = c.W.tx(q.Disclaimer)
	}
	colon, _ := c.W.punct()
	return attrs.Body(
		app.If(c.Shared, func() app.UI {
			return &shareNotice{W: c.W, Kind: noticeShared, OnTake: c.OnTake}
		}),
		c.renderHead(),
		app.If(res.HasFit, func() app.UI { return c.renderFitSummary() }),
		&shareBox{W: c.W, State: c.Share, OnShare: c.OnShare},
		app.If(res.Undifferentiated, func() app.UI {
			return app.P().ID("undifferentiated").Class("notice warn").Text(c.W.t("undifferentiated"))
		}),
		app.If(res.Top != nil, func() app.UI { return c.renderWhy() }),
		app.If(len(res.Contributions) > 0, func() app.UI { return c.renderContributions() }),
		app.If(c.WhatIf != nil, func() app.UI { return c.renderWhatIf() }),
		app.If(res.RunnerUp != nil, func() app.UI { return c.renderPath("runner-up", c.W.t("runner_up"), res.RunnerUp) }),
		app.If(res.HasFit, func() app.UI { return c.renderProfile() }),
		app.If(len(res.Benefits) > 0, func() app.UI {
			return c.renderNotes("benefits", c.W.t("benefits_title"), res.Benefits)
		}),
		app.If(len(res.Concerns) > 0, func() app.UI {
			return c.renderNotes("concerns", c.W.t("concerns_title"), res.Concerns)
		}),
		app.If(len(res.Certifications) > 0, func() app.UI { return c.renderCerts() }),
		app.If(q.CTA.URL != "", func() app.UI {
			return app.Section().ID("cta-box").Class("card cta").Body(
				app.H2().Text(c.W.t("cta_title")),
				app.If(q.CTA.Text != nil, func() app.UI { return paragraphs("", c.W.tx(q.CTA.Text)) }),
				app.A().ID("cta").Class("button primary").Href(c.CTA).Target("_blank").Rel("noopener").
					Text(c.W.tx(q.CTA.Label)).
					OnClick(func(ctx app.Context, e app.Event) { c.OnCTA() }),
			)
		}),
		app.Div().ID("result-disclaimer").Class("notice disclaimer compact").Body(
			app.P().Body(app.Strong().Text(c.W.t("disclaimer_title")+colon), app.Text(disclaimer)),
		),
		app.If(len(q.Sources) > 0, func() app.UI { return c.renderSources() }),
		app.Div().Class("nav").Body(
			app.Button().ID("restart").Type("button").Class("secondary").Text(c.W.t("restart")).
				OnClick(func(ctx app.Context, e app.Event) { c.OnRestart() }),
			app.Button().ID("print").Type("button").Class("secondary").Text(c.W.t("print")).
				OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") }),
		),
		c.renderPrintFooter(), // print.go
	)
}

// lead fills a lead_ or basis_ text with the two paths and the margin.
func (c *resultScreen) lead(t quiz.Text) string {
	res := c.Res
	runner := ""
	if res.RunnerUp != nil {
		runner = c.W.tx(res.RunnerUp.Title)
	}
	return fill(c.W.tx(t), "top", c.W.tx(res.Top.Title), "runner", runner, "margin", strconv.Itoa(res.Margin))
}

// renderHead is the answer: the path that fits best, its match and how
// clear its lead over the runner-up is. Its title is the page's heading.
func (c *resultScreen) renderHead() app.UI {
	res := c.Res
	if res.Top == nil {
		return app.H1().ID("result-title").TabIndex(-1).Text(c.W.t("result_title"))
	}
	ps := res.Path(res.Top)
	return app.Article().ID("top-path").Class("path top").DataSet("outcome", res.Top.ID).Body(
		app.P().Class("badge").Text(c.W.t("top_path")),
		app.H1().ID("result-title").Class("path-title").TabIndex(-1).Text(c.W.tx(res.Top.Title)),
		app.P().Class("path-score").Text(fill(c.W.t("path_score"), "score", strconv.Itoa(ps.Score))),
		app.If(res.LeadText != nil, func() app.UI { return app.P().ID("lead").Class("lead").Text(c.lead(res.LeadText)) }),
		paragraphs("summary", c.W.tx(res.Top.Summary)),
	)
}

// renderFitSummary is the fit with the PMO role: the band, said in words,
// and the score.
func (c *resultScreen) renderFitSummary() app.UI {
	res := c.Res
	return app.Section().ID("fit").Class("card fit").Body(
		app.H2().Text(c.W.t("fit_title")),
		app.If(res.Band != nil, func() app.UI {
			return app.Div().Body(
				app.P().ID("fit-band").Class("band").DataSet("band", res.Band.ID).Text(c.W.tx(res.Band.Title)),
				app.If(res.Band.Text != nil, func() app.UI { return paragraphs("band-text", c.W.tx(res.Band.Text)) }),
			)
		}),
		app.P().ID("fit-score").Class("score").Text(fill(c.W.t("fit_score"), "score", strconv.Itoa(res.Fit))),
	)
}

// renderWhy is why the top path suits the visitor, in words the scores
// support (the engine picks them by level), what decided it, and what to
// build on it.
func (c *resultScreen) renderWhy() app.UI {
	res := c.Res
	o := res.Top
	ps := res.Path(o)
	return app.Section().ID("why").Class("card").Body(
		app.H2().Text(c.W.t("why_title")),
		paragraphs("why", c.W.tx(ps.Why)),
		app.If(res.BasisText != nil, func() app.UI { return app.P().ID("basis").Class("basis").Text(c.lead(res.BasisText)) }),
		app.If(ps.HasProfile && ps.HasWishes, func() app.UI {
			return app.P().ID("path-parts").Class("meta").Text(fill(c.W.t("path_parts"), "profile", strconv.Itoa(ps.Profile), "wishes", strconv.Itoa(ps.Wishes)))
		}),
		app.If(len(o.Skills) > 0, func() app.UI {
			return app.Elem("details").Class("fold").Body(app.Elem("summary").Text(c.W.t("skills_title")), c.list("skills", o.Skills))
		}),
		app.If(len(o.NextSteps) > 0, func() app.UI {
			return app.Elem("details").Class("fold").Body(app.Elem("summary").Text(c.W.t("next_steps_title")), c.list("next-steps", o.NextSteps))
		}),
	)
}

// renderProfile is the visitor's traits: a heading that claims a strength
// only when one is shown, and the chart (its numbers as a table, folded).
func (c *resultScreen) renderProfile() app.UI {
	res := c.Res
	title := c.W.t("dimensions_title")
	if res.DimensionsTitle != nil {
		title = c.W.tx(res.DimensionsTitle)
	}
	return app.Section().ID("profile").Class("card profile").Body(
		app.H2().Text(title),
		c.W.renderChart(res.Dimensions),      // chart.go
		c.W.renderChartTable(res.Dimensions), // a11y.go
	)
}

// renderPath is the runner-up: its match, what it is, and why it could
// suit the visitor too.
func (c *resultScreen) renderPath(id, badge string, o *quiz.Outcome) app.UI {
	ps := c.Res.Path(o)
	return app.Article().ID(id).Class("card path").DataSet("outcome", o.ID).Body(
		app.P().Class("badge").Text(badge),
		app.H2().Class("path-title").Text(c.W.tx(o.Title)),
		app.P().Class("path-score").Text(fill(c.W.t("path_score"), "score", strconv.Itoa(ps.Score))),
		paragraphs("summary", c.W.tx(o.Summary)),
	)
}

func (c *resultScreen) list(class string, items []quiz.Text) app.UI {
	return app.Ul().Class(class).Body(
		app.Range(items).Slice(func(i int) app.UI { return app.Li().Text(c.W.tx(items[i])) }),
	)
}

// renderContributions lists the answers that added most to the top path:
// the question, then what the visitor answered.
func (c *resultScreen) renderContributions() app.UI {
	cs := c.Res.Contributions
	return app.Section().ID("contributions").Class("card").Body(
		app.H2().Text(c.W.t("contributions_title")),
		app.Ul().Class("contributions").Body(
			app.Range(cs).Slice(func(i int) app.UI {
				ct := cs[i]
				answer := ""
				if ct.Option != nil {
					answer = c.W.tx(ct.Option.Label)
				} else {
					answer = c.W.t("scale_" + strconv.Itoa(ct.Scale))
				}
				return app.Li().Body(
					app.Span().Class("contribution-q").Text(c.W.tx(ct.Question.Text)),
					app.Span().Class("contribution-a").Text(answer),
				)
			}),
		),
	)
}

// renderWhatIf says, under the top path's reasons, which answers would
// have made the runner-up come first, or that no small change would.
func (c *resultScreen) renderWhatIf() app.UI {
	w := c.WhatIf
	path := c.W.tx(w.Outcome.Title)
	var list app.UI
	text := fill(c.W.t("whatif_none"), "path", path, "top", c.W.tx(c.Res.Top.Title))
	if len(w.Changes) > 0 {
		text = fill(c.W.t("whatif_text"), "path", path)
		items := make([]app.UI, len(w.Changes))
		for i, ch := range w.Changes {
			items[i] = app.Li().Body(
				app.Span().Class("contribution-q").Text(c.W.tx(ch.Question.Text)),
				app.Span().Class("contribution-a").Text(fill(c.W.t("whatif_answer"),
					"old", c.W.answerLabel(ch.Question, ch.From), "new", c.W.answerLabel(ch.Question, ch.To))),
			)
		}
		list = app.Ul().Class("contributions").Body(items...)
	}
	// Folded: it answers a question the visitor may not have.
	return app.Elem("details").ID("what-if").Class("card what-if fold").Body(
		app.Elem("summary").Text(c.W.t("whatif_title")), app.P().Text(text), list)
}

// answerLabel is an answer as the visitor saw it.
func (w words) answerLabel(qu *quiz.Question, a quiz.Answer) string {
	if qu.Kind == quiz.Scale {
		return w.t("scale_" + strconv.Itoa(a.Scale))
	}
	s := ""
	for _, o := range qu.Options {
		if slices.Contains(a.Choices, o.ID) {
			if s != "" {
				s += " / "
			}
			s += w.tx(o.Label)
		}
	}
	return s
}

func (c *resultScreen) renderNotes(id, title string, notes []*quiz.Note) app.UI {
	colon, _ := c.W.punct()
	return app.Section().ID(id).Class("card notes").Body(
		app.H2().Text(title),
		app.Ul().Body(
			app.Range(notes).Slice(func(i int) app.UI {
				n := notes[i]
				return app.Li().DataSet("note", n.ID).Body(
					app.Elem("details").Class("fold").Body(
						app.Elem("summary").Text(c.W.tx(n.Title)),
						paragraphs("", c.W.tx(n.Text)),
						app.If(n.Source != nil, func() app.UI {
							return app.P().Class("cite").Text(c.W.t("sources_title") + colon + c.W.tx(n.Source.Title))
						}),
					),
				)
			}),
		),
	)
}

func (c *resultScreen) renderCerts() app.UI {
	certs := c.Res.Certifications
	colon, _ := c.W.punct()
	return app.Section().ID("certifications").Class("card certs").Body(
		app.H2().Text(c.W.t("certs_title")),
		app.Ul().Body(
			app.Range(certs).Slice(func(i int) app.UI {
				ct := certs[i]
				return app.Li().DataSet("cert", ct.ID).Body(app.Elem("details").Class("fold").Body(
					app.Elem("summary").Text(c.W.tx(ct.Name)),
					app.If(ct.Text != nil, func() app.UI { return paragraphs("", c.W.tx(ct.Text)) }),
					app.Dl().Body(
						app.If(ct.Issuer != nil, func() app.UI {
							return app.Div().Body(app.Dt().Text(c.W.t("issuer")), app.Dd().Text(c.W.tx(ct.Issuer)))
						}),
						app.If(ct.Prerequisites != nil, func() app.UI {
							return app.Div().Body(app.Dt().Text(c.W.t("prerequisites")), app.Dd().Text(c.W.tx(ct.Prerequisites)))
						}),
					),
					app.If(ct.URL != "", func() app.UI {
						return app.P().Body(
							app.Text(c.W.t("cert_link")+colon),
							app.A().Href(ct.URL).Target("_blank").Rel("noopener").Text(ct.URL),
						)
					}),
				))
			}),
		),
	)
}

// renderSources lists where the facts come from, folded: most visitors
// do not open it, and the page stays short.
func (c *resultScreen) renderSources() app.UI {
	srcs := c.W.q.Sources
	return app.Elem("details").ID("sources").Class("sources").Body(
		app.Elem("summary").Text(c.W.t("sources_title")),
		app.Ul().Body(
			app.Range(srcs).Slice(func(i int) app.UI {
				s := srcs[i]
				label := c.W.tx(s.Title)
				if s.Publisher != nil {
					label += " — " + c.W.tx(s.Publisher)
				}
				if s.Date != "" {
					label += fill(c.W.t("source_date"), "date", s.Date)
				}
				return app.Li().Body(
					app.Text(label+" "),
					app.If(s.URL != "", func() app.UI {
						return app.A().Href(s.URL).Target("_blank").Rel("noopener").Text(s.URL)
					}),
				)
			}),
		),
	)
}
