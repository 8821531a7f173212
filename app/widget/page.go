// Package widget is the quiz's user interface: go-app components over the
// visitor's journey (app/flow), prerendered on the server and run in the
// browser (boot.go).
package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// quizPage is the widget: it owns the visitor's journey (a flow.Flow, the
// rules in plain Go) and adapts the browser to it: history (history.go),
// storage (storage.go), the page that embeds the quiz (embed.go) and the
// installed app (pwa.go). Each screen is a component of its own, given
// plain data and the page's actions (intro.go, question.go, result.go,
// errorpanel.go); every change of the journey goes through an action
// below, which then records it (history, storage, events), never Render.
type quizPage struct {
	app.Compo

	w        words      // the quiz and the visitor's language
	loadErr  string     // the quiz file could not be fetched: the error panel
	problems []string   // the quiz file has problems: the error panel
	flow     *flow.Flow // the visitor's own journey; nil with problems
	// ctx is the page's own context, saved at mount. Work deferred
	// through it runs after the next render even when the element whose
	// event caused that render (the Start button, the last question's form)
	// is gone from the page: go-app drops work deferred on a removed source.
	ctx   app.Context
	embed embedding // set when a page frames the quiz through embed.js
	pwa   pwa       // install button, "new version" notice: pwa.go
	nav   navState  // history, saved progress, shared results: history.go
	// early is what the page's first script handed over (boot.go): the
	// step the visitor asked for before the engine ran, and the focus.
	early handOver
}

// screenName is the screen on display, as main#quiz[data-screen] names it.
func (p *quizPage) screenName() string {
	if p.flow == nil {
		return "error"
	}
	return string(p.view().Screen())
}

// view is the journey on screen: a shared result's, or the visitor's own.
func (p *quizPage) view() *flow.Flow {
	if p.nav.shared != nil {
		return p.nav.shared
	}
	return p.flow
}

// OnMount runs in the browser once the page is on screen: it watches what
// the browser tells the page, says the quiz is ready, and does what the
// visitor asked before the engine ran.
func (p *quizPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.embed.watchHeight()
	p.mountPWA(ctx)
	if !p.early.Ready {
		p.embed.post("ready", map[string]any{"ok": p.flow != nil})
	}
	if p.flow == nil {
		return
	}
	applyTheme(p.w.q.Theme)
	p.setDocumentLanguage(ctx)
	switch p.early.Pending {
	case "start":
		p.start()
	case "next":
		p.next()
	case "resume":
		if len(p.flow.Answers()) > 0 {
			p.resume()
		}
	default:
		if p.early.Focus != "" {
			p.focusAfterRender(p.early.Focus)
		}
	}
}

// setLocale switches the language, keeps the answers, and records the choice
// in the URL so a reload keeps it.
func (p *quizPage) setLocale(ctx app.Context, l string) {
	p.w.locale = l
	u := app.Window().URL()
	qs := u.Query()
	qs.Set("lang", l)
	u.RawQuery = qs.Encode()
	browserHistory().Call("replaceState", p.depth(), "", u.String())
	p.setDocumentLanguage(ctx)
}

func (p *quizPage) setDocumentLanguage(ctx app.Context) {
	app.Window().Get("document").Get("documentElement").Set("lang", p.w.locale)
	ctx.Page().SetTitle(p.w.tx(p.w.q.Title))
}

// The visitor's actions. Each changes the journey, then records the step.

// start begins afresh at the first question.
func (p *quizPage) start() {
	p.embed.post("start", nil)
	p.flow.Start()
	p.asked()
	p.pushStep()
}

// choose ticks or unticks value (an option id, or a scale point) on the
// question on screen.
func (p *quizPage) choose(value string, on bool) {
	if p.flow.Choose(value, on) {
		p.persist()
	}
}

// next moves past the question on screen, to the next one shown or to the
// result; unanswered, the "please answer" hint shows.
func (p *quizPage) next() {
	if !p.flow.Next() {
		p.focusAfterRender("required-hint")
		return
	}
	p.pushStep()
	if p.flow.Screen() == flow.Question {
		p.asked()
		return
	}
	p.showResult()
}

// asked announces the question now on screen and puts the focus on it.
func (p *quizPage) asked() {
	n, total := p.flow.Progress()
	p.embed.post("progress", map[string]any{"index": n, "total": total})
	p.persist()
	p.afterRender(func() {
		p.syncInputs()
		focus("q-legend")
	})
}

// showResult tells the embedding page of the result now on screen.
func (p *quizPage) showResult() {
	p.persist()
	p.focusAfterRender("result-title")
	res := p.flow.Result()
	done := map[string]any{}
	if res.Top != nil {
		done["outcome"] = res.Top.ID
	}
	if res.Band != nil {
		done["band"] = res.Band.ID
	}
	p.embed.post("complete", done)
}

// back returns to the previous question, or to the intro from the first.
// Where the entry below is the previous step, that is the browser's Back.
func (p *quizPage) back() {
	if p.historyBack() {
		return
	}
	p.flow.Back()
	if p.flow.Screen() == flow.Intro {
		p.focusAfterRender("quiz-title")
	} else {
		p.asked()
	}
	p.replaceStep()
}

// resume takes the visitor back where they left off, with a history entry
// for each step before it, so that Back retraces them.
func (p *quizPage) resume() {
	p.flow.Continue()
	for _, qu := range p.flow.Trail() {
		p.pushFragment("q=" + qu.ID)
	}
	p.pushStep()
	if p.flow.Screen() == flow.Question {
		p.asked()
	} else {
		p.showResult()
	}
}

// syncInputs sets every option's checked and disabled state from the
// answer. go-app reuses the previous question's inputs in place and only
// touches what its virtual tree says changed, so a tick the browser drew
// but no render recorded (a choice and Enter within one frame) would
// otherwise stay on the next question.
func (p *quizPage) syncInputs() {
	qu := p.flow.Current()
	if qu == nil {
		return
	}
	a := p.flow.Answers()[qu.ID]
	inputs := app.Window().Get("document").Call("querySelectorAll", "#question-form input")
	for i := 0; i < inputs.Length(); i++ {
		in := inputs.Index(i)
		v := in.Get("value").String()
		in.Set("checked", isChosen(qu, a, v))
		in.Set("disabled", qu.Blocked(a, v))
	}
}

// afterRender runs f once the next render has reached the page.
func (p *quizPage) afterRender(f func()) {
	if p.ctx.Context == nil {
		return
	}
	p.ctx.Defer(func(app.Context) { f() })
}

func (p *quizPage) focusAfterRender(id string) {
	p.afterRender(func() { focus(id) })
}

// focus moves keyboard focus to the element with the given id.
func focus(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		focusOn(el) // a11y.go
	}
}

func (p *quizPage) Render() app.UI {
	var body app.UI
	switch v := p.view(); {
	case p.flow == nil:
		body = &errorPanel{W: p.w, LoadErr: p.loadErr, Problems: p.problems}
	case v.Screen() == flow.Intro:
		body = p.renderIntro()
	case v.Screen() == flow.Question:
		body = p.renderQuestion()
	default:
		body = p.renderResult()
	}
	return app.Main().
		ID("quiz").
		Class("quiz").
		Lang(p.w.locale).
		DataSet("screen", p.screenName()).
		DataSet("theme", p.embed.theme).
		Body(
			p.renderStatus(), // first, so it stays in place: a11y.go
			p.renderHeader(),
			p.renderUpdateNotice(), // pwa.go
			body,
		)
}

// renderHeader shows the logo, the quiz title (hidden on the intro, which
// has it as its heading), the language switch and the install button.
func (p *quizPage) renderHeader() app.UI {
	q := p.w.q
	if p.flow == nil {
		return app.Div().Class("quiz-header")
	}
	return app.Div().Class("quiz-header").Body(
		p.renderLogo(), // theme.go
		app.P().Class("quiz-name").Text(p.w.tx(q.Title)),
		// Before the language switch, which stays where it is when the
		// button comes (web/app.css).
		p.renderInstall(), // pwa.go
		app.If(len(q.Locales) > 1, func() app.UI {
			return app.Nav().Class("lang-switch").Aria("label", attr(p.w.t("language_label"))).Body(
				app.Range(q.Locales).Slice(func(i int) app.UI {
					l := q.Locales[i]
					return app.Button().
						Type("button").
						Class("lang").
						Lang(l).
						DataSet("lang", l).
						Aria("pressed", l == p.w.locale).
						Text(q.UI["language_name"].Get(l, l)).
						OnClick(func(ctx app.Context, e app.Event) { p.setLocale(ctx, l) }, app.EventScope("lang", l))
				}),
			)
		}),
	)
}

// problemLines are an error's lines for the error panel, in the
// visitor's language.
func problemLines(err error, locale string) []string {
	if list, ok := err.(quiz.ErrorList); ok {
		return list.In(locale)
	}
	return []string{err.Error()}
}
