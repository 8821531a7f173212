package widget

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
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
// Back button is then history.back(), and "Start over" goes back to the
// base entry before starting, so that Back never leads to answers that were
// cleared. Entries from before a reload belong to an earlier page: going
// there loads the page afresh (the intro, with "continue").

// navState is the page's state for history, saved progress and shared
// results.
type navState struct {
	base       int  // depth of the entry the page was loaded in
	restarting bool // going back to the base entry, to start afresh there

	last string // the snapshot last written to localStorage: storage.go

	shared  *flow.Flow // a result opened from a share link: share.go
	badLink string     // a share link that could not be shown: its notice
	share   shareState // the share button's outcome

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
	v := p.view()
	switch v.Screen() {
	case flow.Question:
		return "q=" + v.Current().ID
	case flow.Result:
		if p.nav.shared != nil {
			return "r=" + p.w.q.ShareCode(v.Answers())
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

// restart is the result's "Start over": back to the page's first entry,
// then the first question (from a shared result: as "Take the quiz").
func (p *quizPage) restart() {
	if p.nav.shared != nil {
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
// in becomes the base (or, after the page's first script took steps, the
// entry it was loaded in then), showing the intro, a shared result, or the
// step restored.
func (p *quizPage) initHistory(base int) {
	if app.IsServer {
		return
	}
	p.nav.base = base
	if st := browserHistory().Get("state"); base < 0 && st.Type() == app.TypeNumber {
		p.nav.base = st.Int()
	} else if base < 0 {
		p.nav.base = 0
	}
	frag := app.Window().URL().Fragment
	if p.flow.Screen() == flow.Intro {
		id, isQuestion := strings.CutPrefix(frag, "q=")
		switch code, isShare := strings.CutPrefix(frag, "r="); {
		case isShare:
			p.openShared(code)
			p.replaceFragment(frag)
			return
		// A reload on a step keeps the visitor there, when the saved
		// answers lead to it: the result, or a question.
		case frag == doneFragment:
			p.flow.Finish()
		case isQuestion:
			p.flow.Jump(id)
		}
	}
	p.replaceStep()
}

// OnNav is called by go-app when the URL changes: Back, Forward, a link
// to a fragment, and the widget's own steps (then nothing is to be done).
func (p *quizPage) OnNav(ctx app.Context) {
	if p.flow == nil {
		return
	}
	if p.nav.restarting && p.depth() <= p.nav.base {
		p.nav.restarting = false
		p.start()
		return
	}
	frag := app.Window().URL().Fragment
	if code, ok := strings.CutPrefix(frag, "r="); ok {
		if p.nav.shared == nil || frag != p.stepFragment() {
			p.openShared(code)
		}
		return
	}
	if p.nav.shared != nil {
		p.leaveShared("")
	}
	p.nav.badLink = ""
	f := p.flow
	switch id, isQuestion := strings.CutPrefix(frag, "q="); {
	case frag == "":
		if f.Screen() != flow.Intro {
			f.Home()
			p.focusAfterRender("quiz-title")
		}
		return
	case frag == doneFragment && f.Screen() == flow.Result:
		return
	case frag == doneFragment && f.Finish():
		p.persist()
		p.focusAfterRender("result-title")
		return
	case isQuestion && f.Current() != nil && f.Current().ID == id:
		return
	case isQuestion && f.Jump(id):
		p.asked()
		return
	}
	// A step the answers no longer lead to (an earlier answer changed,
	// answers cleared, a link typed in): the first question still to
	// answer, the result if none, or the intro without answers.
	switch {
	case len(f.Answers()) == 0:
		f.Home()
		p.focusAfterRender("quiz-title")
	default:
		f.Open()
		if f.Screen() == flow.Question {
			p.asked()
		} else {
			p.persist()
			p.focusAfterRender("result-title")
		}
	}
	p.replaceStep()
}
