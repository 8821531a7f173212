package e2e

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// The quiz answers from the first paint (app/webapp/early.js): while
// app.wasm is on its way, the visitor presses Start and answers the
// questions on the prerendered page; when the engine starts, it takes the
// journey over on the same screen, with the same answers, language, theme
// and focus. These tests hold the page's request for app.wasm for as long
// as they want the engine not to run: the slowest network there is.

// holdWasm holds every request for app.wasm until release is called; the
// requests made after it go through.
func (p *page) holdWasm() (release func()) {
	p.t.Helper()
	var once sync.Once
	released := make(chan struct{})
	events := chromedp.BrowserEvents(p.ctx, fetch.RequestPaused)
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	if _, err := chromedp.CallBrowser(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*.wasm"}},
	}); err != nil {
		p.t.Fatalf("enabling request interception: %v", err)
	}
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			go func(id fetch.RequestID) {
				select {
				case <-released:
				case <-p.ctx.Done():
					return
				}
				chromedp.CallBrowser(p.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
			}(ev.RequestID)
		}
	}()
	return func() { once.Do(func() { close(released) }) }
}

// earlyState is the page before and at the hand-over, as a visitor sees it.
type earlyState struct {
	Engine      string   `json:"engine"`      // html[data-engine]
	Prerendered bool     `json:"prerendered"` // main#quiz is the server's element
	Screen      string   `json:"screen"`
	Question    string   `json:"question"`
	Checked     []string `json:"checked"`
	Disabled    []string `json:"disabled"`
	Focus       string   `json:"focus"`
	Progress    string   `json:"progress"`
	Next        string   `json:"next"`
	Hint        bool     `json:"hint"`
	Lang        string   `json:"lang"`
	Theme       string   `json:"theme"`
	// Boxes are where the screen's parts are, in page coordinates.
	Boxes map[string][4]float64 `json:"boxes"`
	Shift float64               `json:"shift"` // layout shift so far (CLS)
}

const earlyStateJS = `(() => {
	const m = document.querySelector('main#quiz');
	const fs = document.querySelector('#question-form fieldset[data-question]');
	const a = document.activeElement;
	const box = (sel) => { const e = document.querySelector(sel); if (!e) return null;
		const r = e.getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY, r.width, r.height]; };
	const boxes = {};
	for (const sel of ['main#quiz', '.quiz-header', 'h1', '#progress-text', 'legend', '.options', '#next', '#back', '#required-hint', '#start']) {
		const b = box(sel); if (b) boxes[sel] = b;
	}
	return {
		engine: document.documentElement.dataset.engine || '',
		prerendered: !!m && !!m.__e2ePrerendered,
		screen: m ? m.dataset.screen : '',
		question: fs ? fs.dataset.question : '',
		checked: Array.from(document.querySelectorAll('#question-form input:checked')).map(i => i.value),
		disabled: Array.from(document.querySelectorAll('#question-form input:disabled')).map(i => i.value),
		focus: a && a.id ? a.id : (a ? a.tagName.toLowerCase() : ''),
		progress: (document.getElementById('progress-text') || {}).textContent || '',
		next: (document.getElementById('next') || {}).textContent || '',
		hint: !!document.getElementById('required-hint'),
		lang: m ? m.lang : '',
		theme: m ? m.dataset.theme : '',
		boxes: boxes,
		shift: (window.__e2eShift || 0),
	};
})()`

// watchShifts adds up the page's layout shifts from now on (as CLS does).
const watchShiftsJS = `window.__e2eShift = 0; new PerformanceObserver((l) => {
	for (const e of l.getEntries()) { if (!e.hadRecentInput) window.__e2eShift += e.value; }
}).observe({type: 'layout-shift'});`

func (p *page) earlyState() earlyState {
	p.t.Helper()
	return eval[earlyState](p, earlyStateJS)
}

// expectEarly checks that the engine has not run: the page is still the
// server's, answering through its early script.
func (p *page) expectEarly(when string) {
	p.t.Helper()
	if s := p.earlyState(); s.Engine != "loading" && s.Engine != "ready" || !s.Prerendered {
		p.t.Fatalf("%s the engine runs already (html[data-engine]=%q, main#quiz still the server's: %v): this test wants it held", when, s.Engine, s.Prerendered)
	}
}

// waitEngine waits until the engine has taken the page over.
func (p *page) waitEngine(after string) {
	p.t.Helper()
	p.waitFor(after+", the engine should take the page over",
		`(() => { const m = document.querySelector('main#quiz'); return document.documentElement.dataset.engine === 'running' && !!m && !m.__e2ePrerendered; })()`)
}

// openEarly opens path with app.wasm held, and waits for the page's early
// script.
func (p *page) openEarly(path string) (release func()) {
	p.t.Helper()
	release = p.holdWasm()
	p.t.Cleanup(release)
	p.do("opening "+path, chromedp.Navigate(baseURL+path))
	p.waitFor("the page's early script should be ready", `document.documentElement.dataset.engine === 'loading' && !!window.pmoquizEarly?.active?.()`)
	eval[chromedp.Void](p, watchShiftsJS)
	return release
}

// TestEarlyAnswers: a visitor on a slow network starts and answers every
// question before the engine runs (which waits, quietly, on the last Next),
// then gets the result the engine gives for those answers; in Japanese and
// in English, with Back on the way.
func TestEarlyAnswers(t *testing.T) {
	for _, tc := range []struct{ locale, golden string }{
		{"ja", "SE curious about advising many industries"},
		{"en", "Developer who wants to go deeper into technology"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			g := goldenCase(t, tc.golden)
			p := newPage(t, withLang(tc.locale))
			release := p.openEarly("/?lang=" + tc.locale)
			p.expectEarly("on the intro")
			p.click("button#start")
			qs := shownQuestions(theQuiz, g.Answers)
			answered := quiz.Answers{}
			for i, qu := range qs {
				p.expectQuestion(qu, i+1, answered, "before the engine runs")
				p.expectFocus("q-legend", "the question text")
				p.expectStatus(fmt.Sprintf("question %q", qu.ID), fillUI(ui("progress", tc.locale), "n", fmt.Sprint(i+1), "total", fmt.Sprint(visibleCount(theQuiz, answered))))
				if i == 2 { // Back, then Next again: the answer is kept
					p.click("button#back")
					p.expectQuestion(qs[1], 2, answered, "after Back")
					p.expectChecked(qs[1], g.Answers[qs[1].ID], "Back")
					p.click("button#next")
					p.expectQuestion(qu, i+1, answered, "after Next again")
				}
				if i == 3 { // Next without an answer: the hint
					p.click("button#next")
					p.waitFor("Next without an answer should ask for one", `!!document.getElementById('required-hint')`)
					p.expectFocus("required-hint", "the hint")
				}
				p.answerByMouse(qu, g.Answers[qu.ID])
				answered[qu.ID] = g.Answers[qu.ID]
			}
			want := ui("engine_wait", tc.locale)
			p.waitFor("on the last question, Next should say the result is being got ready",
				fmt.Sprintf(`document.getElementById('next')?.textContent.startsWith(%s)`, jsString(want)))
			p.expectEarly("waiting for the result,")
			if s := p.earlyState(); s.Screen != "question" || s.Question != qs[len(qs)-1].ID {
				t.Errorf("waiting for the engine, the page shows %q on question %q; want the last question", s.Screen, s.Question)
			}
			release()
			p.waitEngine("once app.wasm arrives")
			p.waitScreen("result", "once the engine runs")
			p.checkResult(g.Answers, tc.locale)
			if got := p.earlyState().Lang; got != tc.locale {
				t.Errorf("the result is in %q; want %q", got, tc.locale)
			}
		})
	}
}

// TestEarlyConditions: before the engine runs, the questions a condition
// shows appear as the answers call for them, and the result is the
// engine's for the path taken.
func TestEarlyConditions(t *testing.T) {
	q, file := branchingQuiz(t)
	srv := ownServer(t, file, "127.0.0.1:0")
	for _, a := range []quiz.Answers{
		{"role": {Choices: []string{"dev"}}, "years": {Scale: 4}, "likes": {Choices: []string{"code", "plan"}}},
		{"role": {Choices: []string{"lead"}}, "likes": {Choices: []string{"talk"}}, "leading": {Choices: []string{"yes"}}},
	} {
		p := newPage(t, withLang("en"))
		release := p.holdWasm()
		t.Cleanup(release)
		p.do("opening the quiz", chromedp.Navigate(srv.url+"/?lang=en"))
		p.waitFor("the page's early script should be ready", `document.documentElement.dataset.engine === 'loading' && !!document.getElementById('quiz-early')`)
		p.click("button#start")
		var path []string
		for i, v := range q.Visible(a) {
			if v {
				path = append(path, q.Questions[i].ID)
			}
		}
		answered := quiz.Answers{}
		for i, id := range path {
			qu := q.Question(id)
			p.waitQuestion(id, fmt.Sprintf("before the engine runs, step %d of %v", i+1, path))
			total := 0
			for _, v := range q.Visible(answered) {
				if v {
					total++
				}
			}
			if got, want := p.state().Progress, fmt.Sprintf("Question %d of %d", i+1, total); got != want {
				t.Errorf("on %q the progress reads %q; want %q", id, got, want)
			}
			p.answerByMouse(qu, a[id])
			answered[id] = a[id]
		}
		p.expectEarly("on the last question")
		release()
		p.waitScreen("result", "once the engine runs")
		if got, want := eval[string](p, `document.getElementById('result').dataset.path`), q.Score(a).Top.ID; got != want {
			t.Errorf("path %v: the result is %q; the engine gives %q", path, got, want)
		}
	}
}

// TestEarlyHandOver: the engine takes over in the middle of a question,
// a multi one answered to its maximum, with the focus on an option: the
// same screen, answers, disabled options, focus, theme and boxes, and no
// layout shift; then the quiz goes on.
func TestEarlyHandOver(t *testing.T) {
	g := goldenCase(t, "Current PMO happy in a supporting role")
	qs := shownQuestions(theQuiz, g.Answers)
	multi := -1
	for i, qu := range qs {
		if qu.Kind == quiz.Multi && qu.Max > 0 && len(g.Answers[qu.ID].Choices) == qu.Max {
			multi = i
			break
		}
	}
	if multi < 0 {
		t.Fatalf("golden case %q answers no multi question to its maximum: pick another", g.Name)
	}
	p := newPage(t, withLang("ja"))
	release := p.openEarly("/?lang=ja&theme=dark")
	if s := p.earlyState(); s.Theme != "dark" {
		t.Errorf("with ?theme=dark the page before the engine is %q", s.Theme)
	}
	p.click("button#start")
	answered := quiz.Answers{}
	for i, qu := range qs[:multi] {
		p.expectQuestion(qu, i+1, answered, "before the engine runs")
		p.answerByMouse(qu, g.Answers[qu.ID])
		answered[qu.ID] = g.Answers[qu.ID]
	}
	qu := qs[multi]
	p.expectQuestion(qu, multi+1, answered, "before the engine runs")
	for _, c := range g.Answers[qu.ID].Choices {
		p.click(fmt.Sprintf(`label.option:has(> input#%s)`, inputID(qu, c)))
	}
	p.expectChecked(qu, g.Answers[qu.ID], "ticking its maximum")
	eval[chromedp.Void](p, fmt.Sprintf(`document.getElementById(%q).focus()`, inputID(qu, g.Answers[qu.ID].Choices[0])))
	before := p.earlyState()
	if !before.Prerendered || before.Engine == "running" {
		t.Fatalf("the engine ran before the test let it: %+v", before)
	}

	release()
	p.waitEngine("once app.wasm arrives")
	after := p.earlyState()
	for _, d := range []struct {
		what      string
		got, want any
	}{
		{"screen", after.Screen, before.Screen},
		{"question", after.Question, before.Question},
		{"ticked", after.Checked, before.Checked},
		{"disabled", after.Disabled, before.Disabled},
		{"focus", after.Focus, before.Focus},
		{"progress", after.Progress, before.Progress},
		{"Next", after.Next, before.Next},
		{"language", after.Lang, before.Lang},
		{"theme", after.Theme, before.Theme},
	} {
		if fmt.Sprint(d.got) != fmt.Sprint(d.want) {
			t.Errorf("at the hand-over the %s changed from %v to %v", d.what, d.want, d.got)
		}
	}
	for sel, b := range before.Boxes {
		a, ok := after.Boxes[sel]
		if !ok {
			t.Errorf("at the hand-over %s went from the page", sel)
			continue
		}
		for k := range b {
			if math.Abs(a[k]-b[k]) > 0.5 {
				t.Errorf("at the hand-over %s moved from %v to %v", sel, b, a)
				break
			}
		}
	}
	if after.Shift > 0 {
		t.Errorf("the page's layout shifted by %.4f (CLS) before and at the hand-over; want none", after.Shift)
	}

	// The engine goes on from there.
	p.click("button#next")
	for i, qu := range qs[multi+1:] {
		answered[qs[multi].ID] = g.Answers[qs[multi].ID]
		p.expectQuestion(qu, multi+2+i, answered, "after the hand-over")
		p.answerByMouse(qu, g.Answers[qu.ID])
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.waitScreen("result", "after the last question")
	p.checkResult(g.Answers, "ja")
	// Back walks the steps the early script took too.
	p.historyGo(-1, "Back from the result")
	p.waitQuestion(qs[len(qs)-1].ID, "after Back from the result")
}

// TestEarlyKeyboard: before the engine runs, the early screens pass axe and
// work with the keyboard: number keys choose, Enter goes on, the focus
// follows.
func TestEarlyKeyboard(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	p := newPage(t, withLang("ja"))
	p.keyboard = true
	release := p.openEarly("/?lang=ja")
	p.expectNoAxeViolations("the intro before the engine runs")
	eval[chromedp.Void](p, `document.getElementById('start').focus()`)
	p.keys("Enter on Start", "\r")
	qs := shownQuestions(theQuiz, g.Answers)
	answered := quiz.Answers{}
	for i, qu := range qs[:4] {
		p.expectQuestion(qu, i+1, answered, "before the engine runs")
		if i == 0 {
			p.expectNoAxeViolations("a question before the engine runs")
		}
		for _, v := range values(qu, g.Answers[qu.ID]) {
			n := 0
			for j, o := range optionValues(qu) {
				if o == v {
					n = j + 1
				}
			}
			p.keys(fmt.Sprintf("%d on question %q", n, qu.ID), fmt.Sprint(n))
		}
		p.expectChecked(qu, g.Answers[qu.ID], "the number keys")
		p.keys("Enter", "\r")
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.expectQuestion(qs[4], 5, answered, "after Enter")
	p.keys("Tab to the options", "\t")
	p.keys("Enter without an answer", "\r")
	p.waitFor("Enter without an answer should ask for one", `!!document.getElementById('required-hint')`)
	p.expectFocus("required-hint", "the hint")
	p.expectNoAxeViolations("the hint before the engine runs")
	p.expectEarly("after four questions")
	release()
	p.waitEngine("once app.wasm arrives")
	if s := p.earlyState(); s.Question != qs[4].ID || !s.Hint || s.Focus != "required-hint" {
		t.Errorf("after the hand-over: question %q, hint %v, focus %q; want %q with the hint, focused", s.Question, s.Hint, s.Focus, qs[4].ID)
	}
}

// TestEarlyWasmBlocked: where app.wasm cannot load (a proxy refuses it),
// the page says so in words with a link to try again, and the answers
// are kept for it; never a spinner that never ends.
func TestEarlyWasmBlocked(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	p := newPage(t, withLang("en"))
	p.intercept("*.wasm", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		return &fetch.FulfillRequestParams{ResponseCode: 403, ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/plain"}}}
	})
	p.do("opening the quiz", chromedp.Navigate(baseURL+"/?lang=en"))
	p.waitFor("the page should say the quiz cannot be completed here",
		`document.documentElement.dataset.engine === 'failed' && !!document.getElementById('engine-status')`)
	p.takeProblem("403")
	msg := eval[string](p, `document.getElementById('engine-status').textContent`)
	if !strings.Contains(msg, ui("engine_failed", "en")) || !strings.Contains(msg, ui("retry", "en")) {
		t.Errorf("the message reads %q; want %q and a %q link", msg, ui("engine_failed", "en"), ui("retry", "en"))
	}
	if href := eval[string](p, `document.querySelector('#engine-status a').getAttribute('href')`); href != "/?lang=en" {
		t.Errorf("the retry link goes to %q; want the page again", href)
	}
	// The questions still answer; the result cannot come.
	p.click("button#start")
	qs := shownQuestions(theQuiz, g.Answers)
	for _, qu := range qs {
		p.waitQuestion(qu.ID, "with the engine blocked")
		p.answerByMouse(qu, g.Answers[qu.ID])
	}
	if got := eval[string](p, `document.getElementById('next').textContent`); got != ui("see_result", "en") {
		t.Errorf("with the engine blocked, the last Next reads %q; want %q, not a wait that never ends", got, ui("see_result", "en"))
	}
	if saved := eval[string](p, `sessionStorage.getItem('pmoquiz-update-progress') || ''`); !strings.Contains(saved, `"`+qs[len(qs)-1].ID+`"`) {
		t.Errorf("the answers are not kept for the retry: %q", saved)
	}
}

// TestNoJavaScript: without JavaScript the page says it needs it, in the
// visitor's language, where Start is.
func TestNoJavaScript(t *testing.T) {
	for _, locale := range []string{"ja", "en"} {
		p := newPage(t, withLang(locale))
		p.do("turning JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		p.do("opening the quiz", chromedp.Navigate(baseURL+"/?lang="+locale))
		p.waitFor("the page should load", `document.readyState === 'complete'`)
		type notice struct {
			Text  string  `json:"text"`
			H     float64 `json:"h"`
			Below bool    `json:"below"`
		}
		n := eval[notice](p, `(() => { const e = document.querySelector('main#quiz noscript p'); const s = document.getElementById('start');
			if (!e) return {text: '', h: 0, below: false};
			return {text: e.textContent, h: e.getBoundingClientRect().height, below: e.getBoundingClientRect().top >= s.getBoundingClientRect().bottom}; })()`)
		if n.Text != ui("noscript", locale) || n.H == 0 || !n.Below {
			t.Errorf("%s without JavaScript: the notice reads %q (%.0f px high, under Start: %v); want %q", locale, n.Text, n.H, n.Below, ui("noscript", locale))
		}
	}
}

// TestEarlyEmbedded: in a site owner's page, the framed quiz answers before
// the engine runs too: the host hears start and progress, the frame follows
// the early screens' height, and the engine finishes the journey.
func TestEarlyEmbedded(t *testing.T) {
	quizURL := quizServerWith(t, "-frame-ancestors", "http://127.0.0.1:*")
	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body><h1>Careers</h1>
<div id="embed" data-pmo-quiz data-lang="en" data-min-height="300"><a href="`+quizURL+`/">Take the quiz</a></div>
<script src="`+quizURL+`/embed.js" async></script></body></html>`, nil)
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	qs := shownQuestions(theQuiz, g.Answers)
	p := newPage(t)
	release := p.holdWasm()
	t.Cleanup(release)
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitEvent("quiz:ready", "after the host page loads")
	early := func(when string) {
		t.Helper()
		if got := frameEval[string](p, quizURL, `document.documentElement.dataset.engine || ''`); got != "loading" {
			t.Fatalf("%s the framed quiz's engine is %q; this test holds it (want loading)", when, got)
		}
	}
	early("on the intro")
	p.expectFit(quizURL, "on the intro, before the engine runs")

	frameEval[any](p, quizURL, `document.getElementById('start').click()`)
	p.waitEvent("quiz:start", "after Start in the frame")
	for i, qu := range qs[:3] {
		p.until(fmt.Sprintf("question %q should appear in the frame", qu.ID), func() bool {
			return frameEval[bool](p, quizURL, fmt.Sprintf(`document.querySelector('fieldset[data-question]')?.dataset.question === %q`, qu.ID))
		})
		p.expectFit(quizURL, fmt.Sprintf("on question %d before the engine runs", i+1))
		var js strings.Builder
		for _, v := range values(qu, g.Answers[qu.ID]) {
			fmt.Fprintf(&js, "document.getElementById(%s).click();\n", jsString(inputID(qu, v)))
		}
		js.WriteString("document.getElementById('next').click();")
		frameEval[any](p, quizURL, js.String())
	}
	early("after three questions")
	var progress []float64
	for _, e := range p.hostEvents() {
		if e.Type == "quiz:progress" {
			progress = append(progress, e.Detail["index"].(float64))
		}
	}
	if fmt.Sprint(progress) != "[1 2 3 4]" {
		t.Errorf("before the engine runs the host heard progress %v; want [1 2 3 4]", progress)
	}

	release()
	p.until("the engine should take the framed quiz over", func() bool {
		return frameEval[string](p, quizURL, `document.documentElement.dataset.engine || ''`) == "running"
	})
	p.answerInFrameFrom(quizURL, g.Answers, 3)
	p.waitEvent("quiz:complete", "after the last question")
	p.expectFit(quizURL, "on the result")
	count := map[string]int{}
	for _, e := range p.hostEvents() {
		count[e.Type]++
	}
	if count["quiz:ready"] != 1 || count["quiz:start"] != 1 || count["quiz:complete"] != 1 {
		t.Errorf("the host heard %v; want ready, start and complete once each", count)
	}
}

// TestEarlyRepeatVisit: on a repeat visit the page comes from the service
// worker, the build's files from its cache (none is asked of the network),
// and the early script answers from the first paint again.
func TestEarlyRepeatVisit(t *testing.T) {
	srv := ownServer(t, quizFile, "127.0.0.1:0")
	p := newPage(t, withLang("ja"))
	p.openURL(srv.url+"/?lang=ja", "intro")
	p.waitOffline()

	var mu sync.Mutex
	var fetched []string
	p.intercept("*", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		mu.Lock()
		fetched = append(fetched, ev.Request.URL)
		mu.Unlock()
		return nil
	})
	p.do("leaving", chromedp.Navigate("about:blank"))
	p.do("coming back", chromedp.Navigate(srv.url+"/?lang=ja"))
	p.waitFor("the early script should be ready", `!!window.pmoquizEarly && !!document.getElementById('quiz-early')`)
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	g := goldenCase(t, "SE curious about advising many industries")
	qs := shownQuestions(theQuiz, g.Answers)
	answered := quiz.Answers{}
	for i, qu := range qs {
		p.expectQuestion(qu, i+1, answered, "on the repeat visit")
		p.answerByMouse(qu, g.Answers[qu.ID])
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.waitScreen("result", "on the repeat visit")
	p.checkResult(g.Answers, "ja")
	mu.Lock()
	defer mu.Unlock()
	for _, u := range fetched {
		if strings.Contains(u, ".wasm") || strings.Contains(u, "/app.") || strings.Contains(u, "wasm_exec") || strings.HasSuffix(u, ".css") {
			t.Errorf("the repeat visit asked the network for %s; the build's files should come from the cache", u)
		}
	}
}

// TestPagePaths: the page in each language at its own path (where a
// static host's visitor who asked for English is moved) is the quiz, in
// that language, and completes.
func TestPagePaths(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	p := newPage(t, withLang("ja"))
	p.open("/index.en.html", "intro")
	if s := p.state(); s.Lang != "en" || s.DocLang != "en" {
		t.Errorf("/index.en.html is in %q (<html lang=%q>); want English", s.Lang, s.DocLang)
	}
	p.runQuickly(g.Answers)
	p.checkResult(g.Answers, "en")
	p.open("/index.html", "intro")
	if s := p.state(); s.Lang != "ja" {
		t.Errorf("/index.html is in %q; want the quiz's first language", s.Lang)
	}
}

// TestEarlyOffer: a visitor who answered before the engine ran and left
// finds, coming back, the offer to continue drawn at once by the early
// script as the engine draws it; starting over needs no engine, and
// continuing takes them, once it runs, to where they left off.
func TestEarlyOffer(t *testing.T) {
	p := newPage(t, withLang("ja"))
	release := p.openEarly("/?lang=ja")
	g := goldenCase(t, "SE curious about advising many industries")
	qs := shownQuestions(theQuiz, g.Answers)
	answerTwo := func(when string) quiz.Answers {
		answered := quiz.Answers{}
		for i, qu := range qs[:2] {
			p.expectQuestion(qu, i+1, answered, when)
			p.answerByMouse(qu, g.Answers[qu.ID])
			answered[qu.ID] = g.Answers[qu.ID]
		}
		p.expectQuestion(qs[2], 3, answered, when)
		p.expectEarly(when)
		return answered
	}
	comeBack := func(when string) {
		p.do("leaving", chromedp.Navigate("about:blank"))
		p.do("coming back", chromedp.Navigate(baseURL+"/?lang=ja"))
		p.waitFor(when+", the early script should offer to continue", `!!window.pmoquizEarly?.active?.() && !!document.querySelector('#resume-offer button#resume')`)
		p.expectEarly(when)
	}
	p.click("button#start")
	answered := answerTwo("on the first visit, before the engine runs")
	offer := uiFill(ui("resume_continue", "ja"), "n", "3", "total", strconv.Itoa(visibleCount(theQuiz, answered)))

	comeBack("on the second visit")
	p.expectResume(offer, ui("resume_restart", "ja"), "on the second visit, before the engine runs:")
	if n := eval[int](p, `document.querySelectorAll('#start').length`); n != 1 {
		t.Errorf("the intro has %d Start buttons; want the offer's only", n)
	}
	p.expectNoAxeViolations("the intro's offer drawn by the early script")
	// Starting over: the first question, nothing ticked, the saved
	// journey forgotten, all before the engine runs.
	p.click("button#start")
	p.expectQuestion(qs[0], 1, quiz.Answers{}, "after starting over")
	if saved := eval[bool](p, `localStorage.getItem('pmoquiz-progress-'+`+jsString(theQuiz.ID)+`) !== null`); saved {
		t.Error("starting over kept the saved journey")
	}
	p.expectEarly("after starting over")
	answered = answerTwo("after starting over")

	comeBack("on the third visit")
	p.expectResume(offer, ui("resume_restart", "ja"), "on the third visit, before the engine runs:")
	// The offer's elements, attributes (in any order) and texts.
	const offerJS = `(() => { const f = (e) => e.nodeType === 3 ? e.textContent :
		'<' + e.tagName + ' ' + Array.from(e.attributes).map(a => a.name + '=' + a.value).sort().join(' ') + '>' + Array.from(e.childNodes).map(f).join('') + '</>';
		return f(document.getElementById('resume-offer')); })()`
	early := eval[string](p, offerJS)
	// The engine runs (as after the visitor's first touch) and draws the
	// same offer.
	release()
	eval[chromedp.Void](p, `window.pmoquizEngine.demand()`)
	p.waitFor("the engine should run and offer the same", `document.documentElement.dataset.engine === 'running' && !document.querySelector('main#quiz').__e2ePrerendered && !!document.getElementById('resume')`)
	if engine := eval[string](p, offerJS); engine != early {
		t.Errorf("the early script's offer differs from the engine's:\n early: %s\nengine: %s", early, engine)
	}
	p.click("button#resume")
	p.expectQuestion(qs[2], 3, answered, "after continuing")
}

// TestEarlyOfferContinue: continuing before the engine runs waits on the
// button, then lands where the visitor left off.
func TestEarlyOfferContinue(t *testing.T) {
	p := newPage(t, withLang("ja"))
	release := p.openEarly("/?lang=ja")
	g := goldenCase(t, "SE curious about advising many industries")
	qs := shownQuestions(theQuiz, g.Answers)
	p.click("button#start")
	answered := quiz.Answers{}
	for i, qu := range qs[:3] {
		p.expectQuestion(qu, i+1, answered, "before the engine runs")
		p.answerByMouse(qu, g.Answers[qu.ID])
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.do("leaving", chromedp.Navigate("about:blank"))
	p.do("coming back", chromedp.Navigate(baseURL+"/?lang=ja"))
	p.waitFor("the early script should offer to continue", `!!window.pmoquizEarly?.active?.() && !!document.querySelector('#resume-offer button#resume')`)
	p.click("button#resume")
	p.waitFor("Continue should wait for the engine, on its button", `document.getElementById('resume').getAttribute('aria-disabled') === 'true'`)
	p.expectEarly("after pressing Continue")
	release()
	p.expectQuestion(qs[3], 4, answered, "once the engine runs")
	p.answerByMouse(qs[3], g.Answers[qs[3].ID])
	answered[qs[3].ID] = g.Answers[qs[3].ID]
	for i, qu := range qs[4:] {
		p.expectQuestion(qu, i+5, answered, "after continuing")
		p.answerByMouse(qu, g.Answers[qu.ID])
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.waitScreen("result", "after continuing")
	p.checkResult(g.Answers, "ja")
}

// TestEngineCompiledAside: app.wasm is downloaded and compiled by the
// loader's worker, off the page's thread (its long tasks would hold a
// visitor's taps while the page loads); where a host refuses the worker's
// script, the page compiles it itself and the visitor gets the same result.
func TestEngineCompiledAside(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	for _, tc := range []struct {
		name, want string
		refused    bool
	}{
		{"worker", "worker", false},
		{"worker refused", "page", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, withLang("ja"))
			if tc.refused {
				p.intercept("*/compile.*.js", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
					return &fetch.FulfillRequestParams{ResponseCode: 404, ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/plain"}}}
				})
			}
			p.do("opening the quiz", chromedp.Navigate(baseURL+"/"))
			p.waitFor("app.wasm should be compiled", `['ready', 'running'].includes(document.documentElement.dataset.engine)`)
			if got := eval[string](p, `window.pmoquizEngine.compiler`); got != tc.want {
				t.Errorf("app.wasm was compiled by the %q; want the %q", got, tc.want)
			}
			if tc.refused && !strings.Contains(p.consoleLog(), "compiled on the page's thread") {
				t.Errorf("with the worker refused, the console does not say where app.wasm was compiled:\n%s", p.consoleLog())
			}
			p.click("button#start")
			for _, qu := range shownQuestions(theQuiz, g.Answers) {
				p.answer(qu, g.Answers)
			}
			p.waitScreen("result", "after the last answer")
			p.checkResult(g.Answers, "ja")
		})
	}
}

// TestStartWorksAtFirstPaint: the page is not painted before its script
// ran (app.js holds rendering, page.go), so the Start a visitor sees first
// answers a tap, even when app.js comes late: it is held here until the
// page is parsed and styled, when the browser could otherwise paint it.
func TestStartWorksAtFirstPaint(t *testing.T) {
	p := newPage(t, withLang("ja"))
	release := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	p.intercept("*/app.*.js", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		<-release
		return nil
	})
	// Not chromedp.Navigate: it waits for the load event, which waits for
	// the held script.
	p.do("opening the quiz", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.Navigate, cdppage.NavigateParams{URL: baseURL + "/"})
		return err
	}))
	p.waitFor("the page should be parsed and styled, its script still on its way",
		`document.readyState !== 'loading' && document.styleSheets.length > 0 && !!document.getElementById('start') && !window.pmoquizEarly`)
	p.waitFor("the page's script is held: a few frames could be drawn meanwhile",
		`new Promise(r => setTimeout(() => r(true), 0))`)
	once.Do(func() { close(release) })
	type times struct {
		Paint, Ready float64
	}
	p.waitFor("the page should be painted and its script ready",
		`performance.getEntriesByName('first-contentful-paint').length > 0 && performance.getEntriesByName('pmoquiz-early-ready').length > 0`)
	got := eval[times](p, `({Paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
		Ready: performance.getEntriesByName('pmoquiz-early-ready')[0].startTime})`)
	if got.Paint < got.Ready {
		t.Errorf("the page was painted at %.0f ms, its script ready at %.0f ms: a visitor saw a Start that did nothing for %.0f ms", got.Paint, got.Ready, got.Ready-got.Paint)
	}
	p.click("button#start")
	p.waitFor("Start, pressed once, should show the first question", `!!document.querySelector('#question-form fieldset[data-question]')`)
}
