package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// The embedding tests serve a site owner's page from a second origin (the
// same host, another port) and put the quiz on it with embed.js, as the
// README tells site owners to.

// quizServerWith starts a quiz server for one test with extra flags.
func quizServerWith(t *testing.T, extra ...string) string {
	t.Helper()
	s, err := startServer(serverBin, quizFile, webDir, extra...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("stopping the quiz server: %v", err)
		}
	})
	return s.url
}

// hostLogJS records the quiz's host events as a site's analytics would.
const hostLogJS = `window.__events = [];
["quiz:ready", "quiz:start", "quiz:progress", "quiz:complete", "quiz:cta"].forEach(function (n) {
  document.addEventListener(n, function (e) {
    window.__events.push({target: e.target.id, type: e.type, detail: e.detail});
  });
});`

// hostSite serves body as a page on its own origin, with hostLogJS at
// /log.js and any extra paths given.
func hostSite(t *testing.T, body string, extra map[string]string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	})
	files := map[string]string{"/log.js": hostLogJS}
	for k, v := range extra {
		files[k] = v
	}
	for path, content := range files {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			ct := "text/javascript; charset=utf-8"
			if strings.HasSuffix(path, ".html") {
				ct = "text/html; charset=utf-8"
			}
			w.Header().Set("Content-Type", ct)
			fmt.Fprint(w, content)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

type hostEvent struct {
	Target string         `json:"target"`
	Type   string         `json:"type"`
	Detail map[string]any `json:"detail"`
}

func (p *page) hostEvents() []hostEvent {
	p.t.Helper()
	return eval[[]hostEvent](p, `window.__events || []`)
}

// waitEvent waits until the host page has received an event of type typ.
func (p *page) waitEvent(typ, after string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%s, the host page should receive %s (it has %v)", after, typ, p.hostEvents()),
		fmt.Sprintf(`(window.__events || []).some(e => e.type === %q)`, typ))
}

// frameEval evaluates js inside the embedded quiz's frame (the first whose
// URL starts with prefix + "/", or with prefix when it has a query) and
// decodes the result into T.
func frameEval[T any](p *page, prefix, js string) T {
	p.t.Helper()
	var out T
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		tree, err := cdp.Call(ctx, t, cdppage.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		match := prefix
		if !strings.Contains(match, "?") {
			match += "/"
		}
		frame := findFrame(tree.FrameTree, match)
		if frame == nil {
			return fmt.Errorf("no frame at %s on the page", prefix)
		}
		world, err := cdp.Call(ctx, t, cdppage.CreateIsolatedWorld, cdppage.CreateIsolatedWorldParams{FrameID: frame.ID, WorldName: "e2e"})
		if err != nil {
			return err
		}
		yes := true
		res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
			Expression: js, ContextID: world.ExecutionContextID, ReturnByValue: &yes, AwaitPromise: &yes,
		})
		if err != nil {
			return err
		}
		if res.ExceptionDetails != nil {
			return fmt.Errorf("exception: %s", res.ExceptionDetails.Text)
		}
		if res.Result == nil || len(res.Result.Value) == 0 {
			return nil
		}
		return json.Unmarshal(res.Result.Value, &out)
	}))
	if err != nil {
		p.t.Fatalf("evaluating in the quiz's frame: %v\n%s", err, js)
	}
	return out
}

func findFrame(tree *cdppage.FrameTree, prefix string) *cdp.Frame {
	if tree == nil {
		return nil
	}
	if tree.Frame != nil && tree.Frame.ParentID != "" && strings.HasPrefix(tree.Frame.URL, prefix) {
		return tree.Frame
	}
	for _, c := range tree.ChildFrames {
		if f := findFrame(c, prefix); f != nil {
			return f
		}
	}
	return nil
}

// frameFit is how the frame and its content compare.
type frameFit struct {
	Frame   float64 `json:"frame"`   // the iframe's height on the host page
	Content float64 `json:"content"` // the quiz's content height inside it
	Scroll  bool    `json:"scroll"`  // the frame's document can scroll
}

// expectFit waits until the frame is as tall as its content (within 4 px)
// and shows no scrollbar of its own.
func (p *page) expectFit(quizOrigin, where string) {
	p.t.Helper()
	p.expectFrameFit(quizOrigin, "iframe", where)
}

// expectFrameFit is expectFit for the frame at prefix (see frameEval),
// shown by the host page's element sel.
func (p *page) expectFrameFit(quizOrigin, sel, where string) {
	p.t.Helper()
	var f frameFit
	fits := func() bool {
		f = frameEval[frameFit](p, quizOrigin, `({
			content: document.body.getBoundingClientRect().height,
			scroll: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
		})`)
		f.Frame = eval[float64](p, `document.querySelector(`+jsString(sel)+`).getBoundingClientRect().height`)
		return math.Abs(f.Frame-f.Content) <= 4 && !f.Scroll
	}
	if pollUntil(p.ctx, waitTimeout, func(context.Context) (bool, error) { return fits(), nil }) == nil {
		return
	}
	p.t.Errorf("%s: the frame is %.0f px tall for %.0f px of content (inner scrollbar: %v); a visitor sees a gap or a second scrollbar",
		where, f.Frame, f.Content, f.Scroll)
}

// TestEmbed: a site owner's page on another origin embeds the quiz with the
// placeholder form; the frame follows its content's height on every screen
// and screen size, the page receives the events in order with the outcome
// the engine computes, and the call to action carries the page's options.
func TestEmbed(t *testing.T) {
	quizURL := quizServerWith(t, "-frame-ancestors", "http://127.0.0.1:*")
	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body><h1>Careers</h1>
<div id="embed" data-pmo-quiz data-lang="en" data-campaign="spring" data-cta-url="https://jobs.example.com/pmo" data-min-height="300">
  <a href="`+quizURL+`/">Take the quiz</a></div>
<script src="`+quizURL+`/embed.js" async></script></body></html>`, nil)

	g := theQuiz.Golden[0]
	res := theQuiz.Score(g.Answers)
	p := newPage(t)
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitEvent("quiz:ready", "after the host page loads")

	type frameAttrs struct {
		Title, Loading, Sandbox, Src string
	}
	a := eval[frameAttrs](p, `(() => { const f = document.querySelector('#embed iframe');
		return {Title: f.title, Loading: f.loading, Sandbox: f.getAttribute('sandbox'), Src: f.src}; })()`)
	if a.Title != theQuiz.Title.Get("en", "") || a.Loading != "lazy" || !strings.Contains(a.Sandbox, "allow-scripts") || strings.Contains(a.Sandbox, "allow-top-navigation") {
		t.Errorf("the iframe has title %q, loading %q, sandbox %q; want the quiz's English title, lazy loading, a sandbox with scripts and no top navigation", a.Title, a.Loading, a.Sandbox)
	}
	if n := eval[int](p, `document.querySelectorAll('#embed a').length`); n != 0 {
		t.Errorf("the no-JavaScript link is still shown next to the quiz")
	}
	p.expectFit(quizURL, "on the intro")

	frameEval[any](p, quizURL, `document.getElementById('start').click()`)
	p.waitEvent("quiz:start", "after Start in the frame")
	p.expectFit(quizURL, "on the first question")

	// Answer the golden case inside the frame.
	p.answerInFrame(quizURL, g.Answers)
	p.waitEvent("quiz:complete", "after the last question")
	p.expectFit(quizURL, "on the result (wide)")

	// A phone-sized host: the content reflows taller, the frame follows.
	p.do("narrowing the window", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 740, DeviceScaleFactor: 1, Mobile: true})
		return err
	}))
	p.expectFit(quizURL, "on the result at 360 px")

	ev := p.hostEvents()
	var types []string
	for _, e := range ev {
		types = append(types, strings.TrimPrefix(e.Type, "quiz:"))
		if e.Target != "embed" {
			t.Errorf("event %s was dispatched on #%s; want the embed element #embed", e.Type, e.Target)
		}
	}
	n := len(shownQuestions(theQuiz, g.Answers))
	want := []string{"ready", "start"}
	for i := 0; i < n; i++ {
		want = append(want, "progress")
	}
	want = append(want, "complete")
	if strings.Join(types, " ") != strings.Join(want, " ") {
		t.Errorf("the host page received events %v; want %v", types, want)
	}
	for i, e := range ev {
		if e.Type == "quiz:progress" {
			if idx, _ := e.Detail["index"].(float64); int(idx) != i-1 {
				t.Errorf("progress event %d has index %v; want %d", i-1, e.Detail["index"], i-1)
			}
		}
		if e.Type == "quiz:complete" {
			if e.Detail["outcome"] != res.Top.ID || e.Detail["band"] != res.Band.ID {
				t.Errorf("quiz:complete detail = %v; want outcome %q band %q (the engine's result)", e.Detail, res.Top.ID, res.Band.ID)
			}
			if len(e.Detail) != 3 || e.Detail["quiz"] != theQuiz.ID {
				t.Errorf("quiz:complete carries %v; want only outcome, band and the quiz's id %q", e.Detail, theQuiz.ID)
			}
		}
	}

	// The call to action goes where the host page asked, with its campaign.
	href := frameEval[string](p, quizURL, `document.getElementById('cta').href`)
	if href != "https://jobs.example.com/pmo?utm_campaign=spring" {
		t.Errorf("the call to action links to %q; want the page's override with its campaign", href)
	}
	frameEval[any](p, quizURL, `document.getElementById('cta').addEventListener('click', e => e.preventDefault()); document.getElementById('cta').click()`)
	p.waitEvent("quiz:cta", "after a click on the call to action")
	if theme := frameEval[string](p, quizURL, `document.querySelector('main#quiz').dataset.theme`); theme != "auto" {
		t.Errorf("theme = %q with no data-theme; want auto", theme)
	}
}

// TestEmbedTwiceAndForeignMessages: two quizzes on one page (one-line form
// and options per quiz) run independently, and messages that look like the
// quiz's but come from another origin or window are ignored.
func TestEmbedTwiceAndForeignMessages(t *testing.T) {
	quizURL := quizServerWith(t, "-frame-ancestors", "http://127.0.0.1:* http://localhost:*")
	// The foreign frame, served from yet another origin, posts a forged
	// quiz:complete for the first quiz's id to its parent.
	forger := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/forge.js" {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `const id = new URLSearchParams(location.search).get('id');
parent.postMessage({ns: "pmo-quiz", v: 1, id: id, type: "complete", detail: {outcome: "forged", band: "forged"}}, "*");
parent.postMessage({ns: "pmo-quiz", v: 1, id: id, type: "resize", detail: {height: 5000}}, "*");`)
			return
		}
		fmt.Fprint(w, `<!doctype html><link rel="icon" href="data:,"><script src="/forge.js"></script>`)
	}))
	t.Cleanup(forger.Close)
	forgerURL := strings.Replace(forger.URL, "127.0.0.1", "localhost", 1)

	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body>
<div id="one"><script src="`+quizURL+`/embed.js" async data-lang="ja" data-theme="dark"></script></div>
<div id="two"><script src="`+quizURL+`/embed.js" async data-lang="en"></script></div>
<script src="/page.js"></script>
</body></html>`, map[string]string{"/page.js": `window.forge = function (forger) {
  const f = document.querySelector('#one iframe');
  const id = new URL(f.src).searchParams.get('embed');
  // Same origin as the page: not the quiz's origin, not its frame.
  window.postMessage({ns: "pmo-quiz", v: 1, id: id, type: "complete", detail: {outcome: "forged"}}, "*");
  // A frame from a third origin posts as if it were the quiz; its script
  // runs before its load event, and the messages are queued by then.
  return new Promise(function (resolve) {
    const x = document.createElement('iframe');
    x.addEventListener('load', function () { setTimeout(function () { resolve(id); }, 300); });
    x.src = forger + '/?id=' + encodeURIComponent(id);
    document.body.appendChild(x);
  });
};`})
	p := newPage(t)
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitFor("both quizzes should report ready", `(window.__events || []).filter(e => e.type === 'quiz:ready').length === 2`)
	type frames struct {
		Count  int      `json:"count"`
		Langs  []string `json:"langs"`
		Themes []string `json:"themes"`
	}
	f := eval[frames](p, `(() => { const fs = Array.from(document.querySelectorAll('iframe'));
		return {count: fs.length, langs: fs.map(f => new URL(f.src).searchParams.get('lang')), themes: fs.map(f => new URL(f.src).searchParams.get('theme') || '')}; })()`)
	if f.Count != 2 || strings.Join(f.Langs, ",") != "ja,en" || strings.Join(f.Themes, ",") != "dark," {
		t.Fatalf("the page has %d quiz frames with languages %v and themes %v; want 2, [ja en], [dark \"\"]", f.Count, f.Langs, f.Themes)
	}
	p.expectFrameFit(quizURL+"/?lang=ja", "#one iframe", "the first quiz's intro")
	p.expectFrameFit(quizURL+"/?lang=en", "#two iframe", "the second quiz's intro")
	heightBefore := eval[float64](p, `document.querySelector('#one iframe').getBoundingClientRect().height`)
	eval[string](p, `window.forge(`+jsString(forgerURL)+`)`)
	for _, e := range p.hostEvents() {
		if e.Type == "quiz:complete" {
			t.Errorf("a forged message from another origin became a %s event on #%s: %v", e.Type, e.Target, e.Detail)
		}
	}
	if h := eval[float64](p, `document.querySelector('#one iframe').getBoundingClientRect().height`); h != heightBefore {
		t.Errorf("a forged resize message changed the frame's height from %.0f to %.0f", heightBefore, h)
	}
	if theme := frameEval[string](p, quizURL+"/?lang=ja", `document.querySelector('main#quiz').dataset.theme`); theme != "dark" {
		t.Errorf("the first quiz's theme is %q; want dark (data-theme on its script)", theme)
	}
}

// TestFrameAncestorsRefused: with -frame-ancestors naming one site, a page
// on another origin cannot show the quiz.
func TestFrameAncestorsRefused(t *testing.T) {
	quizURL := quizServerWith(t, "-frame-ancestors", "https://careers.example.com")
	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body><div id="embed" data-pmo-quiz><a href="`+quizURL+`/">Take the quiz</a></div>
<script src="`+quizURL+`/embed.js" async></script></body></html>`, nil)
	p := newPage(t)
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitFor("the loader should add the frame", `!!document.querySelector('#embed iframe')`)
	// The browser refuses to render the frame: it never becomes the quiz,
	// so no event arrives, and the console says why.
	pollUntil(p.ctx, waitTimeout, func(context.Context) (bool, error) { return p.sawProblem("frame-ancestors"), nil })
	if !p.takeProblem("frame-ancestors") {
		t.Errorf("the browser did not refuse the frame: no frame-ancestors violation was reported")
	}
	if ev := p.hostEvents(); len(ev) != 0 {
		t.Errorf("the host page received %v from a quiz it may not frame", ev)
	}
}

// sawProblem reports whether a console problem mentions s.
func (p *console) sawProblem(s string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range p.problems {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// takeProblem removes the console problems that mention s (an error the
// test expects) and reports whether there were any.
func (p *console) takeProblem(s string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.problems[:0]
	found := false
	for _, m := range p.problems {
		if strings.Contains(m, s) {
			found = true
			continue
		}
		kept = append(kept, m)
	}
	p.problems = kept
	return found
}

// blockStorageJS makes every frame's storage throw on access, as browsers
// do for a third-party frame when the visitor blocks third-party storage.
// It runs in the page's own JavaScript world, so it reports what that world
// sees through the DOM, which the test's isolated world shares: CSP
// violations, and whether storage works once the page's scripts have run.
const blockStorageJS = `(() => {
	let violations = '';
	const mark = (k, v) => { if (document.documentElement) document.documentElement.dataset[k] = v; };
	document.addEventListener('securitypolicyviolation', e => {
		violations += e.violatedDirective + ' ' + e.blockedURI + '; ';
		mark('cspViolations', violations);
	});
	if (window !== window.top) {
		for (const name of ['localStorage', 'sessionStorage']) {
			Object.defineProperty(window, name, { configurable: true, get() {
				throw new DOMException('The operation is insecure.', 'SecurityError');
			} });
		}
	}
	window.addEventListener('load', () => {
		mark('cspViolations', violations);
		try { localStorage.setItem('probe', '1'); mark('storage', 'usable'); }
		catch (e) { mark('storage', 'throws'); }
	});
})()`

// TestEmbedWithBlockedStorage: where the browser blocks storage in the
// quiz's frame, the quiz still runs to its result, under the server's CSP
// with no violation.
func TestEmbedWithBlockedStorage(t *testing.T) {
	quizURL := quizServerWith(t, "-frame-ancestors", "http://127.0.0.1:*")
	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body><script src="`+quizURL+`/embed.js" async data-lang="en"></script></body></html>`, nil)
	p := newPage(t)
	p.do("blocking storage in frames", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: blockStorageJS})
		return err
	}))
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitEvent("quiz:ready", "with storage blocked in the frame")
	if got := frameEval[string](p, quizURL, `document.documentElement.dataset.storage || ''`); got != "usable" {
		t.Errorf("with storage blocked, the quiz's page sees localStorage as %q; want the guard's stand-in (usable)", got)
	}
	g := theQuiz.Golden[1]
	frameEval[any](p, quizURL, `document.getElementById('start').click()`)
	p.answerInFrame(quizURL, g.Answers)
	p.waitEvent("quiz:complete", "with storage blocked, after the last question")
	// The event leaves before the result is drawn: wait for the screen.
	got := ""
	p.until("with storage blocked, the result should be drawn", func() bool {
		got = frameEval[string](p, quizURL, `document.querySelector('#result')?.dataset.path || ''`)
		return got != ""
	})
	if got != g.ExpectPath {
		t.Errorf("with storage blocked the result shows path %q; want %q", got, g.ExpectPath)
	}
	if v := frameEval[string](p, quizURL, `document.documentElement.dataset.cspViolations ?? 'not recorded'`); v != "" {
		t.Errorf("the quiz broke its own Content-Security-Policy: %v", v)
	}
}

// answerInFrame answers, from the current question on, every question shown
// for a in the embedded quiz at prefix, submitting each.
func (p *page) answerInFrame(prefix string, a quiz.Answers) {
	p.t.Helper()
	p.answerInFrameFrom(prefix, a, 0)
}

// answerInFrameFrom is answerInFrame from the question shown at index from.
func (p *page) answerInFrameFrom(prefix string, a quiz.Answers, from int) {
	p.t.Helper()
	p.answerInFrameOf(theQuiz, prefix, a, from)
}

// answerInFrameOf is answerInFrameFrom for the quiz q.
func (p *page) answerInFrameOf(q *quiz.Quiz, prefix string, a quiz.Answers, from int) {
	p.t.Helper()
	for _, qu := range shownQuestions(q, a)[from:] {
		p.until(fmt.Sprintf("question %q should appear in the frame", qu.ID), func() bool {
			return frameEval[bool](p, prefix, fmt.Sprintf(`document.querySelector('fieldset[data-question]')?.dataset.question === %q`, qu.ID))
		})
		var js strings.Builder
		for _, v := range values(qu, a[qu.ID]) {
			fmt.Fprintf(&js, "document.getElementById(%s).click();", jsString(inputID(qu, v)))
		}
		js.WriteString("document.getElementById('next').click();")
		frameEval[any](p, prefix, js.String())
	}
}
