package widget

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// The browser's Back and Forward buttons walk the visitor's steps. Each
// step the widget moves forward to gets a history entry of its own, the
// page's URL with a fragment naming the step ("#q=<question id>", "#done"
// for the result; the intro has none), so the query (?lang=, the embed
// options) is kept. Entries are pushed through go-app (ctx.NavigateTo), so
// that its record of the URL stays right; on Back and Forward go-app sees
// the new URL (popstate) and calls OnNav, which moves to the step the
// fragment names when the visitor's answers lead there.
//
// Every entry holds its depth (history.state: entries of this quiz below
// it), so the entries between the one the page was loaded in (base) and the
// current one are known to be the visitor's steps, in order: the widget's
// Back button is then history.back(), and "Start again" goes back to the
// base entry before starting, so that Back never leads to answers that were
// cleared. Entries from before a reload belong to an earlier page: going
// there loads the page afresh (the intro, with "continue").

// navState is the widget's state for resume, history and shared results.
type navState struct {
	base       int  // depth of the entry the page was loaded in
	restarting bool // going back to the base entry, to start afresh there

	saved resumePoint // the visitor's own progress: resume.go
	last  string      // snapshot last written to localStorage

	shared    bool             // showing a result from a share link: share.go
	badLink   quiz.ShareStatus // a share link that could not be shown, or ShareOK
	link      string           // the share link, shown for copying
	linkRes   *quiz.Result     // the result it links to
	copied    string           // the copy's outcome, for the live region
	whatIf    *quiz.WhatIf
	whatIfRes *quiz.Result // the result whatIf was computed for
}

const doneFragment = "done"

//go:noinline
func browserHistory() app.Value { return app.Window().Get("history") }

// depth is the current entry's depth, or the base when it has none.
func (p *quizPage) depth() int {
	if st := browserHistory().Get("state"); st.Type() == app.TypeNumber {
		return st.Int()
	}
	return p.nav.base
}

// stepFragment names the step on screen.
func (p *quizPage) stepFragment() string {
	switch p.screen {
	case asking:
		return "q=" + p.quiz.Questions[p.current].ID
	case result:
		if p.nav.shared {
			return "r=" + p.quiz.ShareCode(p.answers)
		}
		return doneFragment
	}
	return ""
}

// pushStep adds a history entry for the step now on screen.
func (p *quizPage) pushStep() { p.pushFragment(p.stepFragment()) }

func (p *quizPage) pushFragment(frag string) {
	if app.IsServer || p.ctx.Context == nil {
		return
	}
	d := p.depth() + 1
	u := app.Window().URL()
	u.Fragment = frag
	p.ctx.NavigateTo(u)
	// go-app skips a URL equal to the last it saw (it may not have seen
	// a replaceState since): push it then.
	if app.Window().URL().Fragment != frag {
		browserHistory().Call("pushState", d, "", u.String())
		return
	}
	browserHistory().Call("replaceState", d, "")
}

// replaceStep makes the current entry name the step on screen.
func (p *quizPage) replaceStep() { p.replaceFragment(p.stepFragment()) }

func (p *quizPage) replaceFragment(frag string) {
	if app.IsServer {
		return
	}
	u := app.Window().URL()
	u.Fragment = frag
	browserHistory().Call("replaceState", p.depth(), "", u.String())
}

// historyBack is the widget's Back button when the entry below is the
// previous step: the browser goes back and OnNav follows. False when the
// step has no entry of this page below it (after a reload).
func (p *quizPage) historyBack() bool {
	if app.IsServer || p.depth() <= p.nav.base {
		return false
	}
	browserHistory().Call("back")
	return true
}

// restart is the result's "Start again": back to the page's first entry,
// then the first question (from a shared result: as "Take the quiz").
func (p *quizPage) restart() {
	if p.nav.shared {
		p.takeQuiz()
		return
	}
	if n := p.depth() - p.nav.base; n > 0 && !app.IsServer {
		p.nav.restarting = true
		browserHistory().Call("go", -n)
		return
	}
	p.replaceFragment("")
	p.start()
}

// initHistory runs once the quiz is loaded: the entry the page was loaded
// in becomes the base, showing the intro, a shared result, or the step an
// update's reload restored.
func (p *quizPage) initHistory() {
	if app.IsServer {
		return
	}
	if st := browserHistory().Get("state"); st.Type() == app.TypeNumber {
		p.nav.base = st.Int()
	}
	frag := app.Window().URL().Fragment
	if code, ok := strings.CutPrefix(frag, "r="); ok && p.screen == intro {
		p.openShared(code)
		p.replaceFragment(frag)
		return
	}
	p.replaceStep()
}

// OnNav is called by go-app when the URL changes: Back, Forward, a link
// to a fragment, and the widget's own steps (then nothing is to be done).
func (p *quizPage) OnNav(ctx app.Context) {
	if p.quiz == nil || p.screen == loading || p.screen == failed {
		return
	}
	if p.nav.restarting && p.depth() <= p.nav.base {
		p.nav.restarting = false
		p.start()
		return
	}
	frag := app.Window().URL().Fragment
	if code, ok := strings.CutPrefix(frag, "r="); ok {
		if !p.nav.shared || frag != p.stepFragment() {
			p.openShared(code)
		}
		return
	}
	if p.nav.shared {
		p.leaveShared()
	}
	p.nav.badLink = quiz.ShareOK
	vis := p.quiz.Visible(p.answers)
	switch id, isQuestion := strings.CutPrefix(frag, "q="); {
	case frag == "":
		if p.screen != intro {
			p.screen = intro
			p.focusAfterRender("quiz-title")
		}
		return
	case frag == doneFragment && p.quiz.Complete(p.answers):
		if p.screen != result {
			p.showResult(vis)
		}
		return
	case isQuestion:
		if qu := p.quiz.Question(id); qu != nil && p.reachable(p.answers, qu.Index(), vis) {
			if p.screen != asking || p.current != qu.Index() {
				p.trail = p.pathBefore(qu.Index(), vis)
				p.goTo(qu.Index())
			}
			return
		}
	}
	// A step the answers no longer lead to (an earlier answer changed,
	// answers cleared, a link typed in): the first question still to
	// answer, the result if none, or the intro without answers.
	switch i := p.firstUnanswered(p.answers, vis); {
	case len(p.answers) == 0:
		p.screen = intro
		p.focusAfterRender("quiz-title")
	case i >= 0:
		p.trail = p.pathBefore(i, vis)
		p.goTo(i)
	default:
		p.showResult(vis)
	}
	p.replaceStep()
}

// firstUnanswered is the first question shown and not answered, or -1.
func (p *quizPage) firstUnanswered(a quiz.Answers, vis []bool) int {
	for i, qu := range p.quiz.Questions {
		if vis[i] && !qu.Answered(a[qu.ID]) {
			return i
		}
	}
	return -1
}

// reachable reports whether question i is shown and every question shown
// before it is answered.
func (p *quizPage) reachable(a quiz.Answers, i int, vis []bool) bool {
	if !vis[i] {
		return false
	}
	for _, j := range p.pathBefore(i, vis) {
		if !p.quiz.Questions[j].Answered(a[p.quiz.Questions[j].ID]) {
			return false
		}
	}
	return true
}

// pathBefore is the questions shown before question i: Back's trail.
//
//go:noinline
func (p *quizPage) pathBefore(i int, vis []bool) []int {
	var out []int
	for j := 0; j < i; j++ {
		if vis[j] {
			out = append(out, j)
		}
	}
	return out
}

// showResult shows the result of the answers (which are complete).
func (p *quizPage) showResult(vis []bool) {
	p.trail = p.pathBefore(len(vis), vis)
	p.res = p.quiz.Score(p.answers)
	p.screen = result
	p.focusAfterRender("result-title")
}
