//go:build livepreview

package widget

import (
	"errors"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// The widget on a quiz source that changes while it runs: the studio's
// live preview (app/studio), and the page of quizserver -dev, which
// follows the file as it is saved. A new source is parsed and, when it is
// a quiz, shown at once, on the same step: the journey so far is written
// down as a flow snapshot and resumed against the new quiz (flow.
// ResumeChanged), keeping every answer the new quiz still accepts. A
// source with problems shows them (the error panel), and the journey comes
// back when the source is fixed.
//
// RunPreview is its own entry point, compiled only with the build tag
// livepreview (cmd/previewwasm, built as web/preview.wasm): the visitor's
// app.wasm (cmd/quizwasm, Run) is built without this file and stays byte
// for byte what it is without the preview (even an unused file changes
// what the linker keeps).
//
// Where the source comes from is the page's choice, through the loader's
// environment (goappGetenv), PMOQUIZ_LIVE:
//
//   - "studio": from the page that frames this one, by postMessage, and
//     only from a page of the same origin (event.origin and event.source
//     are checked). The frame says {ns: "pmoquiz-studio", v: 1, type:
//     "ready"} once it listens; the studio sends {type: "source", seq,
//     text, lang}, {type: "lang", lang} or {type: "restart"}; the frame
//     answers each source with {type: "applied", seq, ok, screen,
//     question} once it is on screen.
//   - "dev" (or anything else): the page's own quiz file, asked for again
//     every second while the page is visible (quizserver -dev answers
//     304 while it is unchanged).

// previewNS names the studio's messages.
const previewNS = "pmoquiz-studio"

// RunPreview starts the widget on a live source (see above).
func RunPreview() {
	var p *quizPage
	src := make(chan liveSource, 8)
	if app.Getenv("PMOQUIZ_LIVE") == "studio" {
		p = newStudioPreview(src)
	} else {
		p = newClientPage()
		go pollQuizFile(src)
	}
	go followSource(p, src)
	app.Route("/", func() app.Composer { return p })
	app.RunWhenOnBrowser()
}

// liveSource is a new quiz source, or a new language, or a restart.
type liveSource struct {
	seq     int
	text    string
	hasText bool
	lang    string
	restart bool
}

// newStudioPreview listens to the studio, says it is ready, and waits for
// the first source.
func newStudioPreview(src chan liveSource) *quizPage {
	w := app.Window()
	origin := w.Get("location").Get("origin").String()
	parent := w.Get("parent")
	w.Call("addEventListener", "message", app.FuncOf(func(_ app.Value, args []app.Value) any {
		e := args[0]
		d := e.Get("data")
		// Only the page that framed this one, on this origin; only our
		// messages, whatever else is posted.
		if stringOf(e.Get("origin")) != origin || !e.Get("source").Equal(parent) || d.Type() != app.TypeObject ||
			stringOf(d.Get("ns")) != previewNS || numberOf(d.Get("v")) != 1 {
			return nil
		}
		s := liveSource{lang: stringOf(d.Get("lang"))}
		switch stringOf(d.Get("type")) {
		case "source":
			if d.Get("text").Type() != app.TypeString {
				return nil
			}
			s.seq, s.text, s.hasText = numberOf(d.Get("seq")), d.Get("text").String(), true
		case "lang":
		case "restart":
			s.restart = true
		default:
			return nil
		}
		select {
		case src <- s:
		default: // the studio sends the latest again with its next change
		}
		return nil
	}))
	postToStudio(map[string]any{"type": "ready"})

	first := <-src
	for !first.hasText {
		first = <-src
	}
	p := &quizPage{embed: readEmbedding(app.Window().URL())}
	q, err := quiz.Parse("quiz.toml", []byte(first.text))
	if q == nil {
		p.w = words{locale: quiz.MessageLanguage(first.lang)}
		p.problems = problemLines(err, p.w.locale)
		return p
	}
	p.w = words{q: q, locale: pickLocale(q.Locales, nil, []string{first.lang})}
	p.flow = flow.New(q)
	p.initHistory(-1)
	postToStudio(map[string]any{"type": "applied", "seq": first.seq, "ok": true, "screen": "intro", "question": ""})
	return p
}

// postToStudio posts a message to the framing page, on this origin only.
func postToStudio(m map[string]any) {
	m["ns"], m["v"] = previewNS, 1
	w := app.Window()
	w.Get("parent").Call("postMessage", m, w.Get("location").Get("origin").String())
}

// numberOf is v as a whole number, or -1.
func numberOf(v app.Value) int {
	if v.Type() == app.TypeNumber {
		return v.Int()
	}
	return -1
}

func stringOf(v app.Value) string {
	if v.Type() == app.TypeString {
		return v.String()
	}
	return ""
}

// followSource applies each new source once the page is on screen.
func followSource(p *quizPage, src chan liveSource) {
	var kept *flow.Snapshot // the journey while the source has problems
	for s := range src {
		for p.ctx.Context == nil { // not mounted yet
			time.Sleep(20 * time.Millisecond)
		}
		var q *quiz.Quiz
		var err error
		if s.hasText {
			q, err = quiz.Parse("quiz.toml", []byte(s.text))
			if q == nil && err == nil {
				err = errors.New("quiz.toml: no quiz")
			}
		}
		p.ctx.Dispatch(func(ctx app.Context) {
			switch {
			case s.restart && p.flow != nil:
				p.nav.shared = nil
				p.flow = flow.New(p.w.q)
				p.replaceStep()
			case !s.hasText:
				if p.w.q != nil && slices.Contains(p.w.q.Locales, s.lang) && p.flow != nil {
					p.w.locale = s.lang
					p.setDocumentLanguage(ctx)
				}
			case q == nil:
				if p.flow != nil {
					snap := p.flow.Snapshot()
					kept = &snap
				}
				p.flow, p.nav.shared = nil, nil
				p.problems, p.loadErr = problemLines(err, p.w.locale), ""
			default:
				kept = applyQuiz(ctx, p, q, s.lang, kept)
			}
			if s.hasText && app.Getenv("PMOQUIZ_LIVE") == "studio" {
				seq, ok := s.seq, q != nil
				p.afterRender(func() {
					screen, question := "error", ""
					if p.flow != nil {
						screen = string(p.flow.Screen())
						if c := p.flow.Current(); c != nil {
							question = c.ID
						}
					}
					postToStudio(map[string]any{"type": "applied", "seq": seq, "ok": ok, "screen": screen, "question": question})
				})
			}
		})
	}
}

// applyQuiz shows q in place of the quiz on screen, on the same step as
// far as q allows; kept is the journey saved while the source had
// problems. It returns what to keep next (nothing: the journey is on
// screen).
func applyQuiz(ctx app.Context, p *quizPage, q *quiz.Quiz, lang string, kept *flow.Snapshot) *flow.Snapshot {
	snap := kept
	if p.flow != nil {
		s := p.flow.Snapshot()
		snap = &s
	}
	locale := p.w.locale
	if lang != "" {
		locale = lang
	}
	if !slices.Contains(q.Locales, locale) {
		locale = q.Locales[0]
	}
	p.w = words{q: q, locale: locale}
	p.problems, p.loadErr = nil, ""
	p.nav.shared, p.nav.badLink, p.nav.whatIf, p.nav.whatIfRes = nil, "", nil, nil
	p.flow = nil
	if snap != nil {
		p.flow = resumeLoosely(q, *snap)
	}
	if p.flow == nil {
		p.flow = flow.New(q)
	}
	applyTheme(q.Theme)
	p.setDocumentLanguage(ctx)
	p.replaceStep()
	if p.flow.Screen() == flow.Question {
		p.afterRender(p.syncInputs)
	}
	return nil
}

// resumeLoosely resumes a snapshot of the quiz as it was against q: the
// same step, with the answers q still accepts (an answer to a question
// or an option since removed is dropped, not the whole journey), or nil.
func resumeLoosely(q *quiz.Quiz, s flow.Snapshot) *flow.Flow {
	s.Quiz = q.ID // an edited id is still the same quiz being previewed
	f, err := flow.ResumeChanged(q, s)
	if err == nil {
		return f
	}
	if !errors.Is(err, flow.ErrAnswer) {
		return nil
	}
	kept := map[string]any{}
	for id, v := range s.Answers {
		one := flow.Snapshot{V: flow.Version, Quiz: q.ID, Hash: q.Hash, Screen: flow.Intro, Answers: map[string]any{id: v}}
		if _, err := flow.ResumeChanged(q, one); err == nil {
			kept[id] = v
		}
	}
	s.Answers = kept
	f, _ = flow.ResumeChanged(q, s)
	return f
}

// pollQuizFile asks for the page's quiz file every second while the page
// is visible, and sends each new content.
func pollQuizFile(src chan liveSource) {
	last := ""
	if early := app.Window().Get("pmoquizEarly"); early.Truthy() && early.Get("quizText").Truthy() {
		if b, err := await(early.Get("quizText")); err == nil {
			last = string(b) // what the page was started with
		}
	}
	etag := ""
	wait := time.Second
	for {
		time.Sleep(wait)
		if app.Window().Get("document").Get("visibilityState").String() == "hidden" {
			continue
		}
		text, tag, status := fetchIfChanged(QuizPath[1:], etag)
		wait = time.Second
		if status == 0 { // the server is gone: ask less often
			wait = 10 * time.Second
		}
		if status != 200 {
			continue
		}
		etag = tag
		if text == last {
			continue
		}
		last = text
		src <- liveSource{text: text, hasText: true}
	}
}

// fetchIfChanged asks for url unless it still has etag: its text, ETag
// and status (200: changed; 304: not; 0: no answer).
func fetchIfChanged(url, etag string) (text, tag string, status int) {
	headers := map[string]any{}
	if etag != "" {
		headers["If-None-Match"] = etag
	}
	type result struct {
		text, tag string
		status    int
	}
	done := make(chan result, 1)
	var onText, onResp, onFail app.Func
	onFail = app.FuncOf(func(app.Value, []app.Value) any {
		done <- result{}
		return nil
	})
	onResp = app.FuncOf(func(_ app.Value, args []app.Value) any {
		resp := args[0]
		if code := resp.Get("status").Int(); code != 200 {
			done <- result{status: code}
			return nil
		}
		tag := stringOf(resp.Get("headers").Call("get", "ETag"))
		onText = app.FuncOf(func(_ app.Value, args []app.Value) any {
			done <- result{text: args[0].String(), tag: tag, status: 200}
			return nil
		})
		resp.Call("text").Call("then", onText, onFail)
		return nil
	})
	app.Window().Call("fetch", url, map[string]any{"cache": "no-store", "headers": headers}).Call("then", onResp, onFail)
	r := <-done
	onResp.Release()
	onFail.Release()
	if onText != nil {
		onText.Release()
	}
	return r.text, r.tag, r.status
}
