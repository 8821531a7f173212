package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// TestWhatIf: the result says which answers would have put the runner-up
// first. The visitor goes back (browser Back) to each such question, gives
// the other answer, and walks on: the runner-up is now the top path. Once
// with one change, once with two.
func TestWhatIf(t *testing.T) {
	p := newPage(t)
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d change(s)", n), func(t *testing.T) {
			p := p.forSubtest(t)
			var g *quiz.Golden
			var w *quiz.WhatIf
			for _, c := range theQuiz.Golden {
				if w = theQuiz.WhatIf(c.Answers); len(w.Changes) == n {
					g = c
					break
				}
			}
			if g == nil {
				t.Skipf("no golden case of quiz.toml has a what-if of %d change(s)", n)
			}
			before := theQuiz.Score(g.Answers)
			p.open("/?lang=en", "intro")
			p.runQuickly(g.Answers)

			shown := eval[string](p, `document.getElementById('what-if')?.textContent ?? ''`)
			if want := text(w.Outcome.Title, "en"); !strings.Contains(shown, want) {
				t.Errorf("the what-if reads %q; want it to name %q", shown, want)
			}
			for _, c := range w.Changes {
				for _, want := range []string{text(c.Question.Text, "en"), answerText(c.Question, c.To), answerText(c.Question, c.From)} {
					if !strings.Contains(shown, want) {
						t.Errorf("the what-if reads %q; want it to contain %q", shown, want)
					}
				}
			}

			// Apply the changes, earliest first, going back with the browser.
			a := quiz.Answers{}
			for k, v := range g.Answers {
				a[k] = v
			}
			seq := shownQuestions(theQuiz, g.Answers)
			back := len(seq) - slices.Index(seq, w.Changes[0].Question)
			p.historyGo(-int64(back), fmt.Sprintf("going back %d steps", back))
			for _, c := range w.Changes {
				p.waitQuestion(c.Question.ID, "going to a question the what-if names")
				p.expectChecked(c.Question, a[c.Question.ID], "going back")
				var js strings.Builder
				for _, v := range optionValues(c.Question) {
					was, now := slices.Contains(values(c.Question, c.From), v), slices.Contains(values(c.Question, c.To), v)
					if was != now && (now || c.Question.Kind == quiz.Multi) {
						fmt.Fprintf(&js, "document.getElementById(%s).click();\n", jsString(inputID(c.Question, v)))
					}
				}
				eval[chromedp.Void](p, js.String())
				a[c.Question.ID] = c.To
				p.expectChecked(c.Question, c.To, "giving the what-if's answer")
				// Next until the next change, or the result.
				for {
					on := p.state().Question
					eval[chromedp.Void](p, `document.getElementById('next').click()`)
					p.waitFor("after Next on "+on, `document.querySelector('main#quiz')?.dataset.screen === 'result' || document.querySelector('#question-form fieldset')?.dataset.question !== `+jsString(on))
					s := p.state()
					if s.Screen == "result" || slices.ContainsFunc(w.Changes, func(c quiz.Change) bool { return c.Question.ID == s.Question }) {
						break
					}
				}
			}
			p.waitScreen("result", "after the what-if's changes")
			got := eval[shownResult](p, shownResultJS)
			if got.Path != before.RunnerUp.ID {
				t.Errorf("after the what-if's changes the top path is %q; want the runner-up before, %q", got.Path, before.RunnerUp.ID)
			}
			p.checkResult(a, "en")
		})
	}
}

// answerText is an answer as the what-if shows it.
func answerText(qu *quiz.Question, a quiz.Answer) string {
	if qu.Kind == quiz.Scale {
		return ui(fmt.Sprintf("scale_%d", a.Scale), "en")
	}
	var labels []string
	for _, o := range qu.Options {
		if slices.Contains(a.Choices, o.ID) {
			labels = append(labels, text(o.Label, "en"))
		}
	}
	return strings.Join(labels, " / ")
}
