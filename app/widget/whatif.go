package widget

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// whatIf is the smallest change of answers that would put the runner-up
// first (quiz.WhatIf), computed once per result.
func (p *quizPage) whatIf() *quiz.WhatIf {
	if p.nav.whatIfRes != p.res {
		p.nav.whatIfRes = p.res
		p.nav.whatIf = p.quiz.WhatIf(p.answers)
	}
	return p.nav.whatIf
}

// renderWhatIf says, under the top path's reasons, which answers would
// have made the runner-up come first, or that no small change would.
func (p *quizPage) renderWhatIf(top bool) app.UI {
	if !top || p.whatIf() == nil {
		return nil
	}
	w := p.nav.whatIf
	path := p.say(w.Outcome.Title)
	var list app.UI
	text := fill(p.t("whatif_none"), "path", path, "top", p.say(p.res.Top.Title))
	if len(w.Changes) > 0 {
		text = fill(p.t("whatif_text"), "path", path)
		items := make([]app.UI, len(w.Changes))
		for i, c := range w.Changes {
			items[i] = p.whatIfItem(c)
		}
		list = app.Ul().Class("contributions").Body(items...)
	}
	return app.Div().ID("what-if").Body(app.H4().Text(p.t("whatif_title")), app.P().Text(text), list)
}

// whatIfItem is one change: the question, then the answer instead of the
// one given.
func (p *quizPage) whatIfItem(c quiz.Change) app.UI {
	return app.Li().Body(
		app.Span().Class("contribution-q").Text(p.say(c.Question.Text)),
		app.Span().Class("contribution-a").Text(fill(p.t("whatif_answer"), "old", p.answerLabel(c.Question, c.From), "new", p.answerLabel(c.Question, c.To))),
	)
}

// say is tx, kept out of line: it is called from many places here.
//
//go:noinline
func (p *quizPage) say(t quiz.Text) string { return p.tx(t) }

// answerLabel is an answer as the visitor saw it.
func (p *quizPage) answerLabel(qu *quiz.Question, a quiz.Answer) string {
	if qu.Kind == quiz.Scale {
		return p.t("scale_" + strconv.Itoa(a.Scale))
	}
	s := ""
	for _, o := range qu.Options {
		if slices.Contains(a.Choices, o.ID) {
			if s != "" {
				s += " / "
			}
			s += p.say(o.Label)
		}
	}
	return s
}
