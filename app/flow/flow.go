// Package flow is the visitor's journey through a quiz as plain data: the
// screen, the question on it, the answers, and every move between them.
//
// It holds the rules of the journey and none of its effects: no DOM,
// storage, URL or network, no go-app. What an answer may be and what a click
// makes of it, which questions are shown and the result all come from the
// engine (quiz.Question.Choose and Answered, quiz.Quiz.Visible and Score),
// so the widget, the page's first script handing over its answers, and a
// test on the host walk the same journey:
//
//	f := flow.New(q)
//	f.Start()                 // the first question
//	f.Choose("se", true)      // an option id, or a scale point "1".."5"
//	f.Next()                  // false, with Hint set, when not answered
//	f.Back()                  // the previous question shown, or the intro
//	b, _ := json.Marshal(f.Snapshot())
//
// The journey keeps one invariant: every question shown before the one on
// screen is answered (on the result, every question shown). Back therefore
// retraces the visitor's path by itself: the questions shown before the
// current one, a question hidden by a later change of answer skipped.
// Answers to questions that became hidden are kept, so they come back if
// the visitor changes their mind, and are not scored (Score ignores them).
package flow

import (
	"slices"

	"pmoquiz/app/quiz"
)

// Screen is what the visitor sees.
type Screen string

// The screens.
const (
	Intro    Screen = "intro"
	Question Screen = "question"
	Result   Screen = "result"
)

// Flow is one visitor's place in a quiz. The zero value is not usable:
// make one with New or Resume.
type Flow struct {
	q      *quiz.Quiz
	screen Screen
	// at is the question on screen; on the intro, the one last on screen,
	// where Continue returns (-1: none, or the result).
	at      int
	answers quiz.Answers
	hint    bool
	res     *quiz.Result
}

// New is a visitor on the intro, with no answers.
func New(q *quiz.Quiz) *Flow {
	return &Flow{q: q, screen: Intro, at: -1, answers: quiz.Answers{}}
}

// Quiz is the quiz walked.
func (f *Flow) Quiz() *quiz.Quiz { return f.q }

// Screen is the screen the visitor is on.
func (f *Flow) Screen() Screen { return f.screen }

// Current is the question on screen, nil on the intro and the result.
func (f *Flow) Current() *quiz.Question {
	if f.screen != Question {
		return nil
	}
	return f.q.Questions[f.at]
}

// Answers are the visitor's answers, by question id, those to questions now
// hidden included. The map is the flow's own: read it, do not change it.
func (f *Flow) Answers() quiz.Answers { return f.answers }

// Hint reports whether the visitor pressed Next without answering the
// question on screen ("please answer"); any choice or move clears it.
func (f *Flow) Hint() bool { return f.hint }

// Result is the result on the result screen, nil elsewhere.
func (f *Flow) Result() *quiz.Result { return f.res }

// Trail is the path Back retraces: the questions shown before the one on
// screen (on the result, every question shown), in order; nil on the
// intro.
func (f *Flow) Trail() []*quiz.Question {
	end := f.at
	switch f.screen {
	case Intro:
		return nil
	case Result:
		end = len(f.q.Questions)
	}
	return f.shownBefore(end, f.q.Visible(f.answers))
}

// Progress is the question on screen's place among the questions shown
// (1-based) and how many are shown, as the answers stand; on the intro,
// the same for the question Continue would go to. n is 0 on the result,
// and on the intro when Continue would go to the result.
func (f *Flow) Progress() (n, total int) {
	if f.screen == Intro {
		return f.Offer()
	}
	return f.progressAt(f.at)
}

// Offer is Progress as the intro would give it, on any screen: where
// Continue would go (n is 0 for the result). The page keeps it beside the
// saved journey, for the next visit's intro.
func (f *Flow) Offer() (n, total int) { return f.progressAt(f.resumeAt()) }

// progressAt is question at's place among the questions shown, and how
// many are shown.
func (f *Flow) progressAt(at int) (n, total int) {
	for i, v := range f.q.Visible(f.answers) {
		if v {
			total++
			if i <= at {
				n++
			}
		}
	}
	return n, total
}

// Start begins afresh: no answers, the first question (the intro's Start,
// "Start over", the result's "Start again").
func (f *Flow) Start() {
	f.answers = quiz.Answers{}
	f.ask(0)
}

// Restart forgets the answers and shows the intro.
func (f *Flow) Restart() {
	f.answers = quiz.Answers{}
	f.show(Intro)
	f.at = -1
}

// Choose sets value on or off on the question on screen: an option id, or
// a scale point "1" to "5" (quiz.Question.Choose: a single question takes
// the option picked, a multi question toggles it within its max, an
// exclusive option clears the others and another clears it). Questions
// after it may appear or disappear. It reports whether the answer changed;
// off the question screen it does nothing.
func (f *Flow) Choose(value string, on bool) bool {
	qu := f.Current()
	if qu == nil {
		return false
	}
	f.hint = false
	old := f.answers[qu.ID]
	a := qu.Choose(old, value, on)
	if same(a, old) {
		return false
	}
	f.answers[qu.ID] = a
	return true
}

// Next leaves an answered question for the next one shown, or, after the
// last, for the result. On a question not answered it sets Hint and stays.
// It reports whether the visitor moved.
func (f *Flow) Next() bool {
	qu := f.Current()
	if qu == nil {
		return false
	}
	if !qu.Answered(f.answers[qu.ID]) {
		f.hint = true
		return false
	}
	vis := f.q.Visible(f.answers)
	for i := f.at + 1; i < len(vis); i++ {
		if vis[i] {
			f.ask(i)
			return true
		}
	}
	return f.Finish()
}

// Back goes to the previous question shown (skipping any that a changed
// answer hid), from the first question to the intro, from the result to
// the last question. On the intro it does nothing and reports false: the
// page is left.
func (f *Flow) Back() bool {
	trail := f.Trail()
	switch {
	case f.screen == Intro:
		return false
	case len(trail) == 0:
		f.show(Intro)
	default:
		f.ask(trail[len(trail)-1].Index())
	}
	return true
}

// Jump goes to question id, from any screen, when the visitor can be there:
// it is shown, and every question shown before it is answered (a step of
// the visitor's own, as the browser's Back and Forward buttons name them).
// It reports whether it did.
func (f *Flow) Jump(id string) bool {
	qu := f.q.Question(id)
	if qu == nil || !f.reachable(qu.Index(), f.q.Visible(f.answers)) {
		return false
	}
	f.ask(qu.Index())
	return true
}

// Finish shows the result, from any screen, when every question shown is
// answered; it reports whether it did. The result is the engine's Score of
// the answers (which leaves out those to hidden questions).
func (f *Flow) Finish() bool {
	if !f.q.Complete(f.answers) {
		return false
	}
	f.show(Result)
	f.at, f.res = -1, f.q.Score(f.answers)
	return true
}

// Finished is the journey of a visitor who gave answers a (as a share
// link carries them) and is on their result; ok is false when a does not
// answer every question shown. Answers the quiz cannot have are left out.
func Finished(q *quiz.Quiz, a quiz.Answers) (f *Flow, ok bool) {
	f = New(q)
	for id, ans := range a {
		if qu := q.Question(id); qu != nil && qu.Answered(ans) {
			f.answers[id] = ans
		}
	}
	return f, f.Finish()
}

// Home shows the intro and keeps the answers (the browser's Back to the
// intro); Continue returns from there.
func (f *Flow) Home() { f.show(Intro) }

// Continue goes where the visitor left off: the question last on screen
// when they can still be there, else the first question shown and not
// answered, else the result.
func (f *Flow) Continue() {
	if at := f.resumeAt(); at >= 0 {
		f.ask(at)
	} else {
		f.Finish()
	}
}

// resumeAt is the question Continue goes to, or -1 for the result.
func (f *Flow) resumeAt() int {
	vis := f.q.Visible(f.answers)
	if f.at >= 0 && f.reachable(f.at, vis) {
		return f.at
	}
	return f.firstOpen(vis)
}

// firstOpen is the first question shown and not answered, or -1.
func (f *Flow) firstOpen(vis []bool) int {
	for i, qu := range f.q.Questions {
		if vis[i] && !qu.Answered(f.answers[qu.ID]) {
			return i
		}
	}
	return -1
}

// Open goes to the first question shown and not answered, or, when every
// one is, to the result: where a step the answers no longer lead to (the
// browser's Forward after an earlier answer changed) takes the visitor.
func (f *Flow) Open() {
	if i := f.firstOpen(f.q.Visible(f.answers)); i >= 0 {
		f.ask(i)
	} else {
		f.Finish()
	}
}

// reachable reports whether question i is shown and every question shown
// before it answered.
func (f *Flow) reachable(i int, vis []bool) bool {
	if !vis[i] {
		return false
	}
	for _, qu := range f.shownBefore(i, vis) {
		if !qu.Answered(f.answers[qu.ID]) {
			return false
		}
	}
	return true
}

// shownBefore is the questions shown before index end.
func (f *Flow) shownBefore(end int, vis []bool) []*quiz.Question {
	var out []*quiz.Question
	for i := range end {
		if vis[i] {
			out = append(out, f.q.Questions[i])
		}
	}
	return out
}

// ask puts question i on screen.
func (f *Flow) ask(i int) {
	f.show(Question)
	f.at = i
}

// show changes screens: the hint goes, and the result unless shown.
func (f *Flow) show(s Screen) {
	f.screen, f.hint, f.res = s, false, nil
}

// same reports whether two answers are equal.
func same(a, b quiz.Answer) bool {
	return a.Scale == b.Scale && slices.Equal(a.Choices, b.Choices)
}
