package widget

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// How the widget starts. On the server, Prerender writes the page the
// visitor sees first: the intro, the templates of the question screens and
// what the page's early script needs to show them (app/webapp/early.js).
// That script answers the first questions while app.wasm downloads; in the
// browser, Run then takes the journey over from it, on the same screen,
// with the same answers, language and focus, before go-app draws anything.

// QuizPath is where the widget fetches the quiz file from, relative to the
// app's root.
const QuizPath = "/quiz.toml"

// Run starts the widget in the browser (cmd/quizwasm): it waits for the
// quiz file (already on its way: the early script asked for it as the page
// loaded), takes the journey over from the early script, then hands the
// page to go-app.
func Run() {
	p := newClientPage()
	app.RouteWithRegexp(pagePaths, func() app.Composer { return p })
	app.RunWhenOnBrowser()
}

// handOver is what the early script hands over (window.pmoquizEarly): the
// journey so far as a flow snapshot, the history entry it started from,
// the element with the focus, the language on screen, the step the
// visitor asked for that needed the engine ("start", "next", "resume"),
// if any, whether the intro offered the saved journey, and whether it told
// an embedding page that the quiz is ready.
type handOver struct {
	Snapshot json.RawMessage `json:"snapshot"`
	Base     int             `json:"base"`
	Focus    string          `json:"focus"`
	Locale   string          `json:"locale"`
	Pending  string          `json:"pending"`
	Hint     bool            `json:"hint"`    // "please answer" is on screen
	Offered  bool            `json:"offered"` // the intro offers the saved journey
	Ready    bool            `json:"ready"`   // it told the embedding page
}

// newClientPage makes the page in the browser, in its first state: the
// error panel, the early script's journey, the one kept across an update's
// reload, the intro offering saved progress, or a fresh intro.
func newClientPage() *quizPage {
	u := app.Window().URL()
	p := &quizPage{embed: readEmbedding(u)}
	src, err := quizSource()
	var q *quiz.Quiz
	if err == nil {
		q, err = quiz.Parse("quiz.toml", src)
	}
	if q == nil {
		takeHandOver() // the early script stops: the page shows the problems
		p.w = words{locale: pickLocale([]string{"ja", "en"}, u, browserLanguages())}
		if _, isList := err.(quiz.ErrorList); isList {
			p.problems = problemLines(err, p.w.locale)
		} else {
			p.loadErr = err.Error()
		}
		return p
	}
	p.w = words{q: q, locale: pickLocale(q.Locales, u, append(pathLocale(u.Path), browserLanguages()...))}
	// As late as can be: the early script stops here, and go-app draws
	// the page in the same task.
	early, handed := takeHandOver()
	base := -1
	if handed {
		// The visitor has seen the page in its language: keep it.
		if slices.Contains(q.Locales, early.Locale) {
			p.w.locale = early.Locale
		}
		p.early = handOver{Ready: early.Ready}
		if f, err := resumeJSON(string(early.Snapshot), flow.Resume, q); err == nil {
			p.flow, p.early, base = f, early, early.Base
			if early.Hint {
				f.Next() // unanswered: it stays, with the hint
			}
			if early.Offered && f.Screen() == flow.Intro && len(f.Answers()) == 0 {
				// The visitor is on the intro that offers their saved
				// journey: the engine's offer is of that journey.
				p.flow = p.loadSaved()
				if p.flow == nil {
					p.flow = f
				}
			}
		}
	}
	if p.flow == nil {
		p.flow = p.loadForReload()
	}
	if p.flow == nil {
		p.flow = p.loadSaved()
	}
	if p.flow == nil {
		p.flow = flow.New(q)
	}
	p.initHistory(base)
	return p
}

// takeHandOver asks the early script for the journey so far, which stops
// it: from now on the page is the engine's.
func takeHandOver() (h handOver, ok bool) {
	early := app.Window().Get("pmoquizEarly")
	if !early.Truthy() || early.Get("handOver").Type() != app.TypeFunction {
		return h, false
	}
	v := early.Call("handOver")
	if v.Type() != app.TypeString || json.Unmarshal([]byte(v.String()), &h) != nil {
		return handOver{}, false
	}
	return h, true
}

// quizSource is the quiz file: the early script's request for it (a
// promise of its text), or a request of our own.
func quizSource() ([]byte, error) {
	early := app.Window().Get("pmoquizEarly")
	if early.Truthy() && early.Get("quizText").Truthy() {
		return await(early.Get("quizText"))
	}
	return await(app.Window().Call("fetch", QuizPath[1:]).Call("then", app.FuncOf(func(_ app.Value, args []app.Value) any {
		resp := args[0]
		if !resp.Get("ok").Bool() {
			return app.Window().Get("Promise").Call("reject", "HTTP "+resp.Get("status").String())
		}
		return resp.Call("text")
	})))
}

// await blocks until a JavaScript promise of a text settles. (The browser's
// fetch: net/http would add megabytes to app.wasm.)
func await(promise app.Value) ([]byte, error) {
	type outcome struct {
		text string
		err  error
	}
	done := make(chan outcome, 1)
	var ok, fail app.Func
	ok = app.FuncOf(func(_ app.Value, args []app.Value) any {
		done <- outcome{text: args[0].String()}
		return nil
	})
	fail = app.FuncOf(func(_ app.Value, args []app.Value) any {
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- outcome{err: errors.New(msg)}
		return nil
	})
	promise.Call("then", ok, fail)
	o := <-done
	ok.Release()
	fail.Release()
	return []byte(o.text), o.err
}

// resumeJSON reads a snapshot and resumes it against q.
func resumeJSON(raw string, resume func(*quiz.Quiz, flow.Snapshot) (*flow.Flow, error), q *quiz.Quiz) (*flow.Flow, error) {
	s, err := flow.Decode([]byte(raw))
	if err != nil {
		return nil, err
	}
	return resume(q, s)
}

// pickLocale chooses the language among locales: ?lang= in the URL, else
// the browser's first language the quiz has, else the quiz's first.
func pickLocale(locales []string, u *url.URL, browser []string) string {
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

// pagePaths matches every path the page is served at (under the base
// path, which go-app takes off): "/", "/index.html", "/index.en.html".
const pagePaths = `^/(index(\.[A-Za-z-]+)?\.html)?$`

// PagePath is the path of the page in locale: /index.html for the quiz's
// first language, /index.<locale>.html for the others. The base path ("/")
// is the page too: the server picks its language from ?lang= or the
// browser's languages; a static host serves index.html there, and the
// early script moves a visitor who asked for another language to its page.
func PagePath(q *quiz.Quiz, locale string) string {
	if locale == q.Locales[0] {
		return "/index.html"
	}
	return "/index." + locale + ".html"
}

// PageLocale is the language of the page at u: ?lang= when the quiz has
// it, else the first of the visitor's languages (Accept-Language) it has,
// else its first. The server keeps one prerendered page per language.
func PageLocale(q *quiz.Quiz, u *url.URL, accept []string) string {
	return pickLocale(q.Locales, u, accept)
}

// pathLocale is the language a page's path names (index.en.html: "en"),
// as a visitor's choice that comes before their browser's languages.
func pathLocale(path string) []string {
	name := path[strings.LastIndex(path, "/")+1:]
	if l, ok := strings.CutPrefix(strings.TrimSuffix(name, ".html"), "index."); ok && strings.HasSuffix(name, ".html") {
		return []string{l}
	}
	return nil
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

// Prerender is the page's body in one language, as the server sends it:
// the intro (main#quiz, its first element, which go-app replaces when it
// starts), then the early script's data and the question screens as
// templates (QuestionTemplates).
func Prerender(q *quiz.Quiz, locale string) string {
	p := &quizPage{w: words{q: q, locale: locale}, flow: flow.New(q), embed: embedding{theme: "auto"}}
	return encode(p) + earlyData(q, locale) + questionTemplates(q, locale)
}

// encode is the HTML of ui as the engine would draw it in the browser:
// go-app's encoding without what the browser would read otherwise.
func encode(ui app.UI) string {
	html := betweenTags.ReplaceAllString(app.HTMLString(ui), "><")
	html = falseAttrs.ReplaceAllString(html, "")
	return bareTrue.ReplaceAllString(html, ` $1="true"$2`)
}

// bareTrue are ARIA and data attributes whose value is "true", which
// go-app's encoder writes bare: aria-pressed alone is an empty value, not
// true.
var bareTrue = regexp.MustCompile(`\s((?:aria|data)-[a-z-]+)([\s>])`)

// falseAttrs are boolean attributes go-app's encoder writes as ="false",
// which HTML reads as on: an unticked box would be drawn ticked, and an
// enabled one disabled, until a script fixes them.
var falseAttrs = regexp.MustCompile(`\s(?:checked|disabled|selected|readonly|required|hidden|open|autofocus|novalidate|multiple)="false"`)

// betweenTags is the indentation go-app's encoder writes between elements.
// The page the engine draws has no such text: kept, it would show where
// white space counts (the quiz's paragraphs keep line breaks), and the
// page would move when the engine takes it over.
var betweenTags = regexp.MustCompile(`>\s+<`)
