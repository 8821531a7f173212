package widget

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// introScreen is the first screen: the quiz's title and intro, how long it
// takes, the disclaimer and the privacy note, then Start, or the offer to
// continue the visitor's saved progress (resumeOffer).
type introScreen struct {
	app.Compo

	W      words
	Total  int         // questions shown to everyone
	Notice string      // a share link that could not be shown: shareNotice
	Saved  resumeOffer // the visitor's progress, if any
	// OnStart starts afresh; OnResume continues; OnTake leaves a share
	// link's notice.
	OnStart, OnResume, OnTake func()
}

// renderIntro is the intro for the visitor's journey.
func (p *quizPage) renderIntro() app.UI {
	q := p.w.q
	total := 0
	for _, v := range q.Visible(quiz.Answers{}) {
		if v {
			total++
		}
	}
	return &introScreen{
		W:        p.w,
		Total:    total,
		Notice:   p.nav.badLink,
		Saved:    p.resumeOffer(),
		OnStart:  p.start,
		OnResume: p.resume,
		OnTake:   p.takeQuiz,
	}
}

// resumeOffer is what the intro offers when the visitor has answered
// before: continue at question N of Total, or see their result (Done).
type resumeOffer struct {
	N, Total int
	Done     bool
}

// resumeOffer is the offer for the visitor's journey: none without answers
// (nor on a shared result's page).
func (p *quizPage) resumeOffer() resumeOffer {
	if p.flow == nil || len(p.flow.Answers()) == 0 || p.nav.shared != nil {
		return resumeOffer{}
	}
	n, total := p.flow.Progress()
	return resumeOffer{N: n, Total: total, Done: n == 0}
}

func (c *introScreen) Render() app.UI {
	q := c.W.q
	minutes := q.Minutes
	if minutes == 0 {
		minutes = (len(q.Questions)*20 + 59) / 60
	}
	privacy, disclaimer := c.W.t("privacy"), c.W.t("disclaimer")
	if q.Privacy != nil {
		privacy = c.W.tx(q.Privacy)
	}
	if q.Disclaimer != nil {
		disclaimer = c.W.tx(q.Disclaimer)
	}
	offer := c.Saved.Total > 0
	sep := " · " // between the time it takes and the count: 「約5分・全19問」 in Japanese
	if c.W.fullWidth() {
		sep = "・"
	}
	return app.Section().Class("screen intro").Body(
		app.H1().ID("quiz-title").TabIndex(-1).Text(c.W.tx(q.Title)),
		app.If(c.Notice != "", func() app.UI {
			return &shareNotice{W: c.W, Kind: c.Notice, OnTake: c.OnTake}
		}),
		// A visitor who left off sees where to go on first.
		app.If(offer, func() app.UI { return c.renderStart() }),
		paragraphs("intro-text", c.W.tx(q.Intro)),
		app.P().Class("meta").Text(fill(c.W.t("minutes"), "minutes", strconv.Itoa(minutes))+sep+fill(c.W.t("questions_count"), "total", strconv.Itoa(c.Total))),
		app.Div().Class("notice disclaimer").Body(
			app.H2().Text(c.W.t("disclaimer_title")),
			paragraphs("", disclaimer),
		),
		app.Div().Class("notice privacy").Body(
			app.H2().Text(c.W.t("privacy_title")),
			paragraphs("", privacy),
		),
		app.If(!offer, func() app.UI { return c.renderStart() }),
		// Only in the page the server sends: without JavaScript, say why
		// Start does nothing.
		app.If(app.IsServer, func() app.UI {
			return app.Elem("noscript").Body(app.P().Class("notice warn").Text(c.W.t("noscript")))
		}),
	)
}

// renderStart is the Start button, or, with progress saved, the offer to
// continue (or to see the last result) and to start over.
func (c *introScreen) renderStart() app.UI {
	start := func(label, class string) app.UI {
		return app.Button().ID("start").Type("button").Class(class).Text(label).
			OnClick(func(ctx app.Context, e app.Event) { c.OnStart() })
	}
	s := c.Saved
	if s.Total == 0 {
		return start(c.W.t("start"), "primary")
	}
	// Starting again is one action with one name, midway or after a
	// result.
	label, again := c.W.t("resume_result"), c.W.t("resume_restart")
	if !s.Done {
		label = fill(c.W.t("resume_continue"), "n", strconv.Itoa(s.N), "total", strconv.Itoa(s.Total))
	}
	return app.Div().ID("resume-offer").Class("notice resume").Body(
		app.P().Text(c.W.t("resume_note")),
		app.Div().Class("nav").Body(
			start(again, "secondary"),
			app.Button().ID("resume").Type("button").Class("primary").Text(label).
				OnClick(func(ctx app.Context, e app.Event) { c.OnResume() }),
		),
	)
}
