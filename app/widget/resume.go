package widget

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// Resume: the visitor's progress is kept in localStorage as they answer
// (the snapshot an update's reload keeps in sessionStorage, update.go),
// under a key per quiz id and with the quiz's content hash, so that a
// changed quiz never resumes into answers given to other questions. On a
// later visit the intro offers to continue where the visitor left off, or
// to see their last result. Without storage (private modes, a blocked
// third-party frame) the quiz runs the same, and offers to continue only
// within the page view (after Back to the intro).

const resumeKey = "pmoquiz-progress-" // + quiz id

// resumePoint is the visitor's own progress.
type resumePoint struct {
	answers quiz.Answers
	current int  // question last on screen, -1 if none
	done    bool // the visitor had reached the result
}

// snapshot is the visitor's place, as saved.
func (p *quizPage) snapshot() savedProgress {
	s := savedProgress{Quiz: p.quiz.ID, Hash: p.quiz.Hash, Screen: screenNames[p.screen], Answers: p.answers}
	if p.screen == asking {
		s.Current = p.quiz.Questions[p.current].ID
	}
	for _, i := range p.trail {
		s.Trail = append(s.Trail, p.quiz.Questions[i].ID)
	}
	return s
}

// readSnapshot checks a saved snapshot against the quiz loaded: same quiz
// id (and hash, if sameHash), every question and option it names still
// there.
func (p *quizPage) readSnapshot(raw string, sameHash bool) (r resumePoint, trail []int, ok bool) {
	var s savedProgress
	if raw == "" || json.Unmarshal([]byte(raw), &s) != nil || s.Quiz != p.quiz.ID || sameHash && s.Hash != p.quiz.Hash {
		return r, nil, false
	}
	r = resumePoint{answers: quiz.Answers{}, current: -1, done: s.Screen == screenNames[result]}
	for id, a := range s.Answers {
		qu := p.quiz.Question(id)
		if qu == nil || !qu.Valid(a) {
			return r, nil, false
		}
		r.answers[id] = a
	}
	for _, id := range s.Trail {
		qu := p.quiz.Question(id)
		if qu == nil {
			return r, nil, false
		}
		trail = append(trail, qu.Index())
	}
	if qu := p.quiz.Question(s.Current); qu != nil && s.Screen == screenNames[asking] {
		r.current = qu.Index()
	}
	return r, trail, true
}

// persist saves the visitor's progress once it changed. It runs on each
// render, so that every answer and step is kept as it happens.
func (p *quizPage) persist() {
	if p.quiz == nil || p.nav.shared || p.screen != asking && p.screen != result {
		return
	}
	p.nav.saved = resumePoint{answers: p.answers, current: p.current, done: p.screen == result}
	raw := ""
	if len(p.answers) > 0 {
		b, _ := json.Marshal(p.snapshot())
		raw = string(b)
	}
	if raw == p.nav.last {
		return
	}
	p.nav.last = raw
	if raw == "" {
		webStorage("localStorage", "removeItem", resumeKey+p.quiz.ID)
	} else {
		webStorage("localStorage", "setItem", resumeKey+p.quiz.ID, raw)
	}
}

// afterLoad runs once the quiz is loaded (and an update's progress
// restored): it reads the saved progress, then sets up history.
func (p *quizPage) afterLoad() {
	if raw, _ := webStorage("localStorage", "getItem", resumeKey+p.quiz.ID); raw != "" && p.screen == intro {
		if r, _, ok := p.readSnapshot(raw, true); ok {
			p.nav.saved, p.nav.last = r, raw
		} else {
			webStorage("localStorage", "removeItem", resumeKey+p.quiz.ID)
		}
	}
	p.initHistory()
}

// resumeTarget is where "continue" leads: the question the visitor was
// on, else the first one unanswered, or the result (-1); n of total is its
// place on the visitor's path.
func (p *quizPage) resumeTarget() (target, n, total int) {
	r := p.nav.saved
	vis := p.quiz.Visible(r.answers)
	target = -1
	if !r.done || !p.quiz.Complete(r.answers) {
		target = r.current
		if target < 0 || !p.reachable(r.answers, target, vis) {
			target = p.firstUnanswered(r.answers, vis)
		}
	}
	for i, v := range vis {
		if v {
			total++
			if i <= target {
				n++
			}
		}
	}
	return target, n, total
}

// resume takes the visitor back where they left off, with a history entry
// for each step before it, so that Back retraces them.
func (p *quizPage) resume() {
	p.answers = p.nav.saved.answers
	target, _, _ := p.resumeTarget()
	vis := p.quiz.Visible(p.answers)
	end := target
	if target < 0 {
		end = len(vis)
	}
	steps := p.pathBefore(end, vis)
	for _, i := range steps {
		p.pushFragment("q=" + p.quiz.Questions[i].ID)
	}
	if target < 0 {
		p.showResult(vis)
	} else {
		p.trail = steps
		p.goTo(target)
	}
	p.pushStep()
}

// renderStart is the intro's Start button, or, with progress saved, the
// offer to continue (or see the last result) and to start over.
func (p *quizPage) renderStart() app.UI {
	start := func(label, class string) app.UI {
		return app.Button().ID("start").Type("button").Class(class).Text(label).
			OnClick(func(ctx app.Context, e app.Event) { p.start() })
	}
	if len(p.nav.saved.answers) == 0 || p.nav.shared {
		return start(p.t("start"), "primary")
	}
	target, n, total := p.resumeTarget()
	label, again := p.t("resume_result"), p.t("start")
	if target >= 0 {
		label = fill(p.t("resume_continue"), "n", strconv.Itoa(n), "total", strconv.Itoa(total))
		again = p.t("resume_restart")
	}
	return app.Div().ID("resume-offer").Class("notice resume").Body(
		app.P().Text(p.t("resume_note")),
		app.Div().Class("nav").Body(
			start(again, "secondary"),
			app.Button().ID("resume").Type("button").Class("primary").Text(label).
				OnClick(func(ctx app.Context, e app.Event) { p.resume() }),
		),
	)
}

// webStorage calls one method of window.localStorage or sessionStorage.
// Any access may throw (storage blocked for a third-party frame, quota,
// private modes): then it reports false and the quiz goes on without it.
// Property reads go through Reflect.get, a call, because a getter that
// throws inside a plain read would abort the Go program instead of
// panicking.
func webStorage(name, method string, args ...any) (result string, ok bool) {
	if app.IsServer {
		return "", false
	}
	defer func() {
		if recover() != nil {
			result, ok = "", false
		}
	}()
	w := app.Window()
	store := w.Get("Reflect").Call("get", w, name)
	if !store.Truthy() {
		return "", false
	}
	v := store.Call(method, args...)
	if v.Type() == app.TypeString {
		return v.String(), true
	}
	return "", true
}
