package widget

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// screen is where the visitor is.
type screen int

const (
	loading screen = iota
	failed
	intro
	asking
	result
)

var screenNames = [...]string{"loading", "error", "intro", "question", "result"}

// quizPage is the whole widget: it loads the quiz, then walks the visitor
// from the intro through the questions to the result. All state lives here;
// rendering is split by screen across files.
type quizPage struct {
	app.Compo

	quiz     *quiz.Quiz
	loadErr  string   // the quiz file could not be fetched
	problems []string // the quiz file has problems (one line each)
	locale   string
	screen   screen
	current  int // index of the question on screen
	answers  quiz.Answers
	// trail is the questions visited, in order, so Back retraces the
	// visitor's own path through conditional questions.
	trail    []int
	showHint bool // "please answer" after Next with no answer
	res      *quiz.Result
	// ctx is the component's own context, saved at mount. Work deferred
	// through it runs after the next render even when the element whose
	// event caused that render (the Start button, the last question's form)
	// is gone from the page: go-app drops work deferred on a removed source.
	ctx app.Context
	// embed is set when a page frames the quiz through embed.js.
	embed embedding
	pwa   pwa // install button, "new version" notice: update.go

	nav navState // resume, history, share links: history.go

	// serverQuiz gives the quiz to prerender on the server (Routes).
	serverQuiz func() *quiz.Quiz
}

// OnPreRender runs on the server: the first HTML already shows the intro.
func (p *quizPage) OnPreRender(ctx app.Context) {
	if p.serverQuiz == nil {
		return
	}
	if q := p.serverQuiz(); q != nil {
		p.quiz, p.screen = q, intro
		p.locale = p.pickLocale(ctx.Page().URL(), nil)
		ctx.Page().SetTitle(q.Title.Get(p.locale, q.Locales[0]))
		ctx.Page().SetLang(p.locale) // <html lang>: the server renders one page per language
	}
}

// OnMount runs in the browser: fetch the quiz file and parse it here, with
// the same engine the server and the checker use.
func (p *quizPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.embed = readEmbedding(app.Window().URL())
	p.embed.watchHeight()
	p.mountPWA(ctx)
	p.screen = loading
	p.locale = p.pickLocale(app.Window().URL(), browserLanguages())
	ctx.Async(func() {
		src, err := fetchText(QuizPath[1:]) // relative: works under a sub-path
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.screen, p.loadErr = failed, err.Error()
			} else {
				p.load(ctx, src)
			}
			p.embed.post("ready", map[string]any{"ok": p.screen != failed})
		})
	})
}

// load parses the quiz and shows its intro, or the error panel.
func (p *quizPage) load(ctx app.Context, src []byte) {
	q, err := quiz.Parse("quiz.toml", src)
	if err != nil {
		p.screen, p.problems = failed, problemLines(err)
		return
	}
	p.quiz = q
	applyTheme(q.Theme) // theme.go
	p.locale = p.pickLocale(app.Window().URL(), browserLanguages())
	p.screen = intro
	p.setDocumentLanguage(ctx)
	p.restoreProgress() // after an update's reload: update.go
	p.afterLoad()       // saved progress, history, share links: resume.go
}

func problemLines(err error) []string {
	if list, ok := err.(quiz.ErrorList); ok {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.Error()
		}
		return lines
	}
	return []string{err.Error()}
}

// pickLocale chooses the language: ?lang= in the URL, else the browser's
// first language the quiz has, else the quiz's default.
func (p *quizPage) pickLocale(u *url.URL, browser []string) string {
	locales := []string{"ja", "en"}
	if p.quiz != nil {
		locales = p.quiz.Locales
	}
	var want []string
	if u != nil {
		want = append(want, u.Query().Get("lang"))
	}
	want = append(want, browser...)
	for _, w := range want {
		for _, l := range locales {
			if w != "" && (strings.EqualFold(w, l) || strings.EqualFold(strings.SplitN(w, "-", 2)[0], l)) {
				return l
			}
		}
	}
	return locales[0]
}

func browserLanguages() []string {
	nav := app.Window().Get("navigator")
	if !nav.Truthy() {
		return nil
	}
	var out []string
	if langs := nav.Get("languages"); langs.Truthy() {
		for i := 0; i < langs.Length(); i++ {
			out = append(out, langs.Index(i).String())
		}
	}
	if l := nav.Get("language"); l.Truthy() {
		out = append(out, l.String())
	}
	return out
}

// t returns a UI string in the visitor's language.
func (p *quizPage) t(key string) string {
	ui := quiz.DefaultUI()
	fallback := "ja"
	if p.quiz != nil {
		ui, fallback = p.quiz.UI, p.quiz.Locales[0]
	}
	return ui[key].Get(p.locale, fallback)
}

// tx returns a quiz text in the visitor's language.
func (p *quizPage) tx(t quiz.Text) string {
	return t.Get(p.locale, p.quiz.Locales[0])
}

// setLocale switches the language, keeps the answers, and records the choice
// in the URL so a reload keeps it.
func (p *quizPage) setLocale(ctx app.Context, l string) {
	p.locale = l
	u := app.Window().URL()
	qs := u.Query()
	qs.Set("lang", l)
	u.RawQuery = qs.Encode()
	app.Window().Get("history").Call("replaceState", p.depth(), "", u.String()) // depth: history.go
	p.setDocumentLanguage(ctx)
}

func (p *quizPage) setDocumentLanguage(ctx app.Context) {
	app.Window().Get("document").Get("documentElement").Set("lang", p.locale)
	if p.quiz != nil {
		ctx.Page().SetTitle(p.tx(p.quiz.Title))
	}
}

// start begins (or restarts) the quiz at its first question.
func (p *quizPage) start() {
	p.embed.post("start", nil)
	p.answers = quiz.Answers{}
	p.trail = nil
	p.res = nil
	p.showHint = false
	p.goTo(0)
	p.pushStep() // history.go
}

func (p *quizPage) goTo(i int) {
	p.screen, p.current, p.showHint = asking, i, false
	n, total := p.progress()
	p.embed.post("progress", map[string]any{"index": n, "total": total})
	p.afterRender(func() {
		p.syncInputs()
		focus("q-legend")
	})
}

// syncInputs sets every option's checked and disabled state from the
// answers. go-app reuses the previous question's inputs in place and only
// touches what its virtual tree says changed, so a tick the browser drew
// but no render recorded (a choice and Enter within one frame) would
// otherwise stay on the next question.
func (p *quizPage) syncInputs() {
	qu := p.quiz.Questions[p.current]
	a := p.answers[qu.ID]
	inputs := app.Window().Get("document").Call("querySelectorAll", "#question-form input")
	for i := 0; i < inputs.Length(); i++ {
		in := inputs.Index(i)
		v := in.Get("value").String()
		checked := slices.Contains(a.Choices, v) || qu.Kind == quiz.Scale && strconv.Itoa(a.Scale) == v
		in.Set("checked", checked)
		in.Set("disabled", !checked && qu.Blocked(a, v))
	}
}

// next moves past the current question, to the next one shown or to the
// result.
func (p *quizPage) next() {
	qu := p.quiz.Questions[p.current]
	if !qu.Answered(p.answers[qu.ID]) {
		p.showHint = true
		p.focusAfterRender("required-hint")
		return
	}
	p.trail = append(p.trail, p.current)
	vis := p.quiz.Visible(p.answers)
	for i := p.current + 1; i < len(vis); i++ {
		if vis[i] {
			p.goTo(i)
			p.pushStep() // history.go
			return
		}
	}
	p.res = p.quiz.Score(p.answers) // answers to questions now hidden are not scored
	p.screen = result
	p.pushStep()
	p.focusAfterRender("result-title")
	done := map[string]any{}
	if p.res.Top != nil {
		done["outcome"] = p.res.Top.ID
	}
	if p.res.Band != nil {
		done["band"] = p.res.Band.ID
	}
	p.embed.post("complete", done)
}

// back returns to the previous question, or to the intro from the first.
func (p *quizPage) back() {
	if p.historyBack() { // history.go: the browser goes back, OnNav follows
		return
	}
	defer p.replaceStep()
	if len(p.trail) == 0 {
		p.screen = intro
		p.focusAfterRender("quiz-title")
		return
	}
	prev := p.trail[len(p.trail)-1]
	p.trail = p.trail[:len(p.trail)-1]
	p.goTo(prev)
}

// choose records a click on value (an option id, or a scale point "1" to
// "5") of the current question, by the engine's rules (quiz.Question.Choose:
// a multi question's max, its exclusive option). Kept out of line: inlined
// into its three callers it makes app.wasm 1.1 KB larger raw and 3 KB
// larger in brotli (measured).
//
//go:noinline
func (p *quizPage) choose(qu *quiz.Question, value string, checked bool) {
	p.answers[qu.ID] = qu.Choose(p.answers[qu.ID], value, checked)
	p.showHint = false
}

// progress is the 1-based number of the current question and the number
// of questions on the visitor's path as it now stands.
func (p *quizPage) progress() (n, total int) {
	vis := p.quiz.Visible(p.answers)
	for i, v := range vis {
		if v {
			total++
			if i <= p.current {
				n++
			}
		}
	}
	return n, total
}

// afterRender runs f once the next render has reached the page.
func (p *quizPage) afterRender(f func()) {
	p.ctx.Defer(func(app.Context) { f() })
}

func (p *quizPage) focusAfterRender(id string) {
	p.afterRender(func() { focus(id) })
}

// focus moves keyboard focus to the element with the given id.
func focus(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

func (p *quizPage) Render() app.UI {
	p.persist() // resume.go
	var body app.UI
	switch p.screen {
	case loading:
		body = app.P().Class("loading").Text(p.t("loading")) // announced by renderStatus
	case failed:
		body = p.renderError()
	case intro:
		body = p.renderIntro()
	case asking:
		body = p.renderQuestion()
	case result:
		body = p.renderResult()
	}
	return app.Main().
		ID("quiz").
		Class("quiz").
		Lang(p.locale).
		DataSet("screen", screenNames[p.screen]).
		DataSet("theme", p.theme()).
		Body(
			p.renderStatus(), // first, so it stays in place: a11y.go
			p.renderHeader(),
			p.renderUpdateNotice(),
			body,
		)
}

// theme is the colour scheme asked for by the embedding page; "auto"
// follows the visitor's system setting.
func (p *quizPage) theme() string {
	if p.embed.theme == "" {
		return "auto"
	}
	return p.embed.theme
}

// renderHeader shows the quiz title (after the intro) and the language
// switch.
func (p *quizPage) renderHeader() app.UI {
	if p.quiz == nil {
		return app.Div().Class("quiz-header")
	}
	return app.Div().Class("quiz-header").Body(
		p.renderLogo(), // theme.go
		app.If(p.screen != intro, func() app.UI {
			return app.P().Class("quiz-name").Text(p.tx(p.quiz.Title))
		}),
		app.If(len(p.quiz.Locales) > 1, func() app.UI {
			return app.Nav().Class("lang-switch").Aria("label", p.t("language_label")).Body(
				app.Range(p.quiz.Locales).Slice(func(i int) app.UI {
					l := p.quiz.Locales[i]
					return app.Button().
						Type("button").
						Class("lang").
						Lang(l).
						DataSet("lang", l).
						Aria("pressed", l == p.locale).
						Text(p.quiz.UI["language_name"].Get(l, l)).
						OnClick(func(ctx app.Context, e app.Event) { p.setLocale(ctx, l) }, app.EventScope("lang", l))
				}),
			)
		}),
		p.renderInstall(),
	)
}
