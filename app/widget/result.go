package widget

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// renderResult explains the result: the fit band and its chart, the top
// path and the runner-up with why, the answers that shaped it, matching
// benefits and doubts, certifications, the call to action and sources.
func (p *quizPage) renderResult() app.UI {
	res := p.res
	q := p.quiz
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
	return attrs.Body(
		app.H1().ID("result-title").TabIndex(-1).Text(p.t("result_title")),
		p.renderShareNotice(), // share.go
		app.If(res.Undifferentiated, func() app.UI {
			return app.P().ID("undifferentiated").Class("notice warn").Text(p.t("undifferentiated"))
		}),
		app.If(res.HasFit, func() app.UI { return p.renderFit() }),
		p.renderPaths(),
		app.If(len(res.Benefits) > 0, func() app.UI {
			return p.renderNotes("benefits", p.t("benefits_title"), res.Benefits)
		}),
		app.If(len(res.Concerns) > 0, func() app.UI {
			return p.renderNotes("concerns", p.t("concerns_title"), res.Concerns)
		}),
		app.If(len(res.Certifications) > 0, func() app.UI { return p.renderCerts() }),
		app.If(q.CTA.URL != "", func() app.UI {
			return app.Section().ID("cta-box").Class("card cta").Body(
				app.H2().Text(p.t("cta_title")),
				app.If(q.CTA.Text != nil, func() app.UI { return paragraphs("", p.tx(q.CTA.Text)) }),
				app.A().ID("cta").Class("button primary").Href(p.embed.ctaURL(q.CTA.URL)).Target("_blank").Rel("noopener").
					Text(p.tx(q.CTA.Label)).
					OnClick(func(ctx app.Context, e app.Event) { p.embed.post("cta", nil) }),
			)
		}),
		app.If(len(q.Sources) > 0, func() app.UI { return p.renderSources() }),
		p.renderShare(), // share.go
		app.Div().Class("nav").Body(
			app.Button().ID("restart").Type("button").Class("secondary").Text(p.t("restart")).
				OnClick(func(ctx app.Context, e app.Event) { p.restart() }), // history.go
			p.renderPrintButton(), // print.go
		),
		p.renderPrintFooter(),
	)
}

// resultSummary is one sentence for the live region: band and top path.
func (p *quizPage) resultSummary() string {
	s := ""
	if p.res.Band != nil {
		s = p.t("fit_title") + ": " + p.tx(p.res.Band.Title) + ". "
	}
	if p.res.Top != nil {
		s += p.t("top_path") + ": " + p.tx(p.res.Top.Title)
	}
	return s
}

func (p *quizPage) renderFit() app.UI {
	res := p.res
	return app.Section().ID("fit").Class("card fit").Body(
		app.H2().Text(p.t("fit_title")),
		app.If(res.Band != nil, func() app.UI {
			return app.Div().Body(
				app.P().ID("fit-band").Class("band").DataSet("band", res.Band.ID).Text(p.tx(res.Band.Title)),
				app.If(res.Band.Text != nil, func() app.UI { return paragraphs("band-text", p.tx(res.Band.Text)) }),
			)
		}),
		app.P().ID("fit-score").Class("score").Text(fill(p.t("fit_score"), "score", strconv.Itoa(res.Fit))),
		app.H3().Text(p.t("dimensions_title")),
		p.renderChart(res.Dimensions),
		p.renderChartTable(res.Dimensions), // a11y.go
	)
}

func (p *quizPage) renderPaths() app.UI {
	res := p.res
	return app.Section().ID("paths").Class("paths").Body(
		app.H2().Text(p.t("paths_title")),
		app.If(res.Top != nil, func() app.UI {
			return p.renderPath("top-path", p.t("top_path"), res.Top, true)
		}),
		app.If(res.RunnerUp != nil, func() app.UI {
			return p.renderPath("runner-up", p.t("runner_up"), res.RunnerUp, false)
		}),
	)
}

func (p *quizPage) renderPath(id, badge string, o *quiz.Outcome, full bool) app.UI {
	score := 0
	for _, ps := range p.res.Paths {
		if ps.Outcome == o {
			score = ps.Score
		}
	}
	return app.Article().ID(id).Class("card path").DataSet("outcome", o.ID).Body(
		app.P().Class("badge").Text(badge),
		app.H3().Class("path-title").Text(p.tx(o.Title)),
		app.P().Class("path-score").Text(fill(p.t("path_score"), "score", strconv.Itoa(score))),
		paragraphs("summary", p.tx(o.Summary)),
		app.H4().Text(p.t("why_title")),
		paragraphs("why", p.tx(o.Why)),
		app.If(full && len(p.res.Contributions) > 0, func() app.UI { return p.renderContributions() }),
		p.renderWhatIf(full), // whatif.go
		app.If(full && len(o.Skills) > 0, func() app.UI {
			return app.Div().Body(app.H4().Text(p.t("skills_title")), p.list("skills", o.Skills))
		}),
		app.If(full && len(o.NextSteps) > 0, func() app.UI {
			return app.Div().Body(app.H4().Text(p.t("next_steps_title")), p.list("next-steps", o.NextSteps))
		}),
	)
}

func (p *quizPage) list(class string, items []quiz.Text) app.UI {
	return app.Ul().Class(class).Body(
		app.Range(items).Slice(func(i int) app.UI { return app.Li().Text(p.tx(items[i])) }),
	)
}

// renderContributions lists the answers that added most to the top path:
// the question, then what the visitor answered.
func (p *quizPage) renderContributions() app.UI {
	cs := p.res.Contributions
	return app.Div().ID("contributions").Body(
		app.H4().Text(p.t("contributions_title")),
		app.Ul().Class("contributions").Body(
			app.Range(cs).Slice(func(i int) app.UI {
				c := cs[i]
				answer := ""
				if c.Option != nil {
					answer = p.tx(c.Option.Label)
				} else {
					answer = p.t("scale_" + strconv.Itoa(c.Scale))
				}
				return app.Li().Body(
					app.Span().Class("contribution-q").Text(p.tx(c.Question.Text)),
					app.Span().Class("contribution-a").Text(answer),
				)
			}),
		),
	)
}

func (p *quizPage) renderNotes(id, title string, notes []*quiz.Note) app.UI {
	return app.Section().ID(id).Class("card notes").Body(
		app.H2().Text(title),
		app.Ul().Body(
			app.Range(notes).Slice(func(i int) app.UI {
				n := notes[i]
				return app.Li().DataSet("note", n.ID).Body(
					app.H3().Text(p.tx(n.Title)),
					paragraphs("", p.tx(n.Text)),
					app.If(n.Source != nil, func() app.UI {
						return app.P().Class("cite").Text(p.t("sources_title") + ": " + p.tx(n.Source.Title))
					}),
				)
			}),
		),
	)
}

func (p *quizPage) renderCerts() app.UI {
	certs := p.res.Certifications
	return app.Section().ID("certifications").Class("card certs").Body(
		app.H2().Text(p.t("certs_title")),
		app.Ul().Body(
			app.Range(certs).Slice(func(i int) app.UI {
				c := certs[i]
				return app.Li().DataSet("cert", c.ID).Body(
					app.H3().Text(p.tx(c.Name)),
					app.If(c.Text != nil, func() app.UI { return paragraphs("", p.tx(c.Text)) }),
					app.Dl().Body(
						app.If(c.Issuer != nil, func() app.UI {
							return app.Div().Body(app.Dt().Text(p.t("issuer")), app.Dd().Text(p.tx(c.Issuer)))
						}),
						app.If(c.Prerequisites != nil, func() app.UI {
							return app.Div().Body(app.Dt().Text(p.t("prerequisites")), app.Dd().Text(p.tx(c.Prerequisites)))
						}),
					),
					app.If(c.URL != "", func() app.UI {
						return app.P().Body(
							app.Text(p.t("cert_link")+": "),
							app.A().Href(c.URL).Target("_blank").Rel("noopener").Text(c.URL),
						)
					}),
				)
			}),
		),
	)
}

func (p *quizPage) renderSources() app.UI {
	srcs := p.quiz.Sources
	return app.Section().ID("sources").Class("sources").Body(
		app.H2().Text(p.t("sources_title")),
		app.Ul().Body(
			app.Range(srcs).Slice(func(i int) app.UI {
				s := srcs[i]
				label := p.tx(s.Title)
				if s.Publisher != nil {
					label += " — " + p.tx(s.Publisher)
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
