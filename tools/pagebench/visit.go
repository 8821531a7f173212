package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// netCond is a throttled network, as Chromium emulates it: Latency is
// added to every request, and each target's downloads share Down bits per
// second (uploads Up).
type netCond struct {
	Name     string
	Latency  time.Duration
	Down, Up float64 // bits per second
}

// The networks of issue 11's table: its bandwidths, and its round-trip
// times added to every request (as the measurement did; DevTools'
// own presets add more, to model connection set-up).
var networks = []netCond{
	{Name: "fast 4G", Latency: 40 * time.Millisecond, Down: 9e6, Up: 1.5e6},
	{Name: "slow 4G", Latency: 150 * time.Millisecond, Down: 1.6e6, Up: 0.75e6},
}

// The phone: viewport, pixel ratio and CPU slowdown.
const (
	phoneWidth  = 360
	phoneHeight = 780
	phoneDPR    = 2
	cpuSlowdown = 4
)

// How the visitor acts: the state of the page is read every poll; a click
// is repeated when it had no effect after clickGap.
const (
	poll     = 50 * time.Millisecond
	clickGap = 150 * time.Millisecond
)

// site is a page under test and how a visitor answers it.
type site struct {
	name string
	url  string
	js   pageJS
}

// pageJS tells the in-page script where things are. Selectors are CSS.
type pageJS struct {
	Start        string `json:"start"`        // the intro's Start button
	Question     string `json:"question"`     // a question on screen
	QuestionAttr string `json:"questionAttr"` // its attribute holding the question id
	Option       string `json:"option"`       // in the question: its first option's input
	Next         string `json:"next"`         // the Next button
	Q1           string `json:"q1"`           // the first question's id
	Q2           string `json:"q2"`           // the question after Q1's first option
	// AppRuns is a JavaScript function (B) → bool: has the page's app run?
	AppRuns string `json:"-"`
}

// wasmRunsJS is the one definition of "the wasm runs" for our page: the
// page's main#quiz is an element the app rendered. go-app replaces the
// prerendered body's root when the wasm starts (it does not hydrate), so
// the main#quiz that was in the document when parsing ended (B.pre, taken
// on readystatechange "interactive", before any deferred script runs) is
// the server's, and a different one is the app's. A page without a
// prerendered main#quiz counts from the first one that appears. (Today
// that is also when go-app removes its loader, #app-wasm-loader.) An early
// script that answers before the wasm runs must change main#quiz's
// content, not replace the element, or this definition has to change.
const wasmRunsJS = `(B) => {
	const m = document.querySelector('main#quiz');
	return B.pre !== undefined && !!m && m !== B.pre;
}`

// ourPage is how the quiz's page is answered: the selectors the browser
// tests use (e2e/).
func ourPage(url, q1, q2 string) site {
	return site{name: "us", url: url, js: pageJS{
		Start:        "#start",
		Question:     "#question-form fieldset[data-question]",
		QuestionAttr: "data-question",
		Option:       "input",
		Next:         "#next",
		Q1:           q1,
		Q2:           q2,
		AppRuns:      wasmRunsJS,
	}}
}

// referenceSite is how the SurveyJS page is answered (survey-js-ui 2.x
// markup). Its app has run when the survey is in its container.
func referenceSite(url, q1, q2 string) site {
	return site{name: "reference", url: url, js: pageJS{
		Start:        ".sd-navigation__start-btn",
		Question:     ".sd-question[data-name]",
		QuestionAttr: "data-name",
		Option:       "input",
		Next:         ".sd-navigation__next-btn",
		Q1:           q1,
		Q2:           q2,
		AppRuns:      `(B) => !!document.querySelector('#surveyContainer .sd-root-modern')`,
	}}
}

// instrumentJS runs in every new document before the page's scripts. It
// records, in page time (ms since navigation start): first contentful
// paint, the frame in which the first and second questions are first on
// screen, and when the app ran. tick() tells the driver what a visitor
// would click now, and where, or why not yet.
const instrumentJS = `(() => {
	if (window.top !== window || window.__bench) return;
	const P = __PAGE__;
	const appRuns = __APPRUNS__;
	const now = () => performance.now();
	const B = window.__bench = {fcp: null, q1: null, q2: null, q2dom: null, app: null, clicks: 0, pre: undefined};
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) {
				if (e.name === 'first-contentful-paint' && B.fcp === null) B.fcp = e.startTime;
			}
		}).observe({type: 'paint', buffered: true});
	} catch (e) {}
	const describe = (el) => el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
		(typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') : 'nothing';
	B.log = [];
	addEventListener('mousedown', (e) => { B.clicks++; B.log.push([Math.round(now()), 'mousedown on ' + describe(e.target)]); }, true);
	addEventListener('click', (e) => { B.log.push([Math.round(now()), 'click on ' + describe(e.target)]); }, true);
	const question = () => document.querySelector(P.question);
	const atFrame = (key) => requestAnimationFrame(() => { if (B[key] === null) { B[key] = now(); B.log.push([Math.round(B[key]), key + ' on screen']); } });
	let seen1 = false, seen2 = false;
	const check = () => {
		const q = question();
		const id = q && q.getAttribute(P.questionAttr);
		if (id === P.q1 && !seen1) { seen1 = true; atFrame('q1'); }
		if (id === P.q2 && !seen2) { seen2 = true; B.q2dom = now(); atFrame('q2'); }
		if (B.app === null && appRuns(B)) { B.app = now(); B.log.push([Math.round(B.app), 'app runs']); }
	};
	document.addEventListener('readystatechange', () => {
		if (document.readyState !== 'loading' && B.pre === undefined) B.pre = document.querySelector('main#quiz');
		check();
	});
	new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
		attributeFilter: ['data-question', 'data-name', 'data-screen', 'id']});
	B.tick = () => {
		const r = tick();
		r.t = Math.round(now());
		return r;
	};
	const tick = () => {
		check();
		const q = question();
		const id = q && q.getAttribute(P.questionAttr);
		if (id === P.q2) return {done: true};
		let action, el;
		if (id === P.q1) {
			const input = q.querySelector(P.option);
			if (input && !input.checked) {
				action = 'option';
				el = input.closest('label') || (input.labels && input.labels[0]) || input;
			} else {
				action = 'next';
				el = document.querySelector(P.next);
			}
		} else {
			action = 'start';
			el = document.querySelector(P.start);
		}
		if (!el) return {action, why: 'absent'};
		if (el.disabled || el.getAttribute('aria-disabled') === 'true') return {action, why: 'disabled'};
		const r = el.getBoundingClientRect();
		if (!r.width || !r.height) return {action, why: 'not laid out'};
		if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) {
			el.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
			return {action, why: 'scrolled into view'};
		}
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === el || el.contains(hit))) return {action, why: 'covered by ' + describe(hit)};
		return {action, x, y};
	};
	B.result = () => ({fcp: B.fcp, q1: B.q1, q2: B.q2 === null ? B.q2dom : B.q2, app: B.app, clicks: B.clicks, log: B.log});
})();`

// script is instrumentJS for this site.
func (s site) script() string {
	page, _ := json.Marshal(s.js)
	return strings.NewReplacer("__PAGE__", string(page), "__APPRUNS__", s.js.AppRuns).Replace(instrumentJS)
}

// visitResult is what one visit measured. Times are milliseconds from
// navigation start; AppRuns is -1 when the app had not run when the visit
// ended.
type visitResult struct {
	FCP         float64 `json:"fcpMs"`
	FirstAnswer float64 `json:"firstAnswerMs"`
	AppRuns     float64 `json:"appRunsMs"`
	Bytes       int64   `json:"bytes"`
	Requests    int     `json:"requests"`
	// WasmPage and WasmWorker count app.wasm (any .wasm) downloads with a
	// body (200 from the network) by the page and by its service worker.
	WasmPage   int `json:"wasmDownloadsPage"`
	WasmWorker int `json:"wasmDownloadsWorker"`
	Clicks     int `json:"clicks"`
}

// tab is one page target and its session.
type tab struct {
	b       *browser
	id      string
	session string
}

// openTab opens a new tab; the tracker sets it up (a throttled phone with
// the in-page script) before it runs.
func (t *tracker) openTab(ctx context.Context) (*tab, error) {
	var created struct {
		TargetID string `json:"targetId"`
	}
	if err := t.b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &created); err != nil {
		return nil, err
	}
	tb := &tab{b: t.b, id: created.TargetID}
	select {
	case tb.session = <-t.expectPage(created.TargetID):
	case <-time.After(30 * time.Second):
		tb.close()
		return nil, fmt.Errorf("the new tab was not attached within 30 s")
	case <-ctx.Done():
		tb.close()
		return nil, ctx.Err()
	}
	t.mu.Lock()
	err := t.setupErr
	t.mu.Unlock()
	if err != nil {
		tb.close()
		return nil, err
	}
	return tb, nil
}

func (tb *tab) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tb.b.call(ctx, "", "Target.closeTarget", map[string]any{"targetId": tb.id}, nil)
}

// eval evaluates expr in the page and decodes its value into out.
func (tb *tab) eval(ctx context.Context, expr string, await bool, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	params := map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": await}
	if err := tb.b.call(ctx, tb.session, "Runtime.evaluate", params, &r); err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg = e.Exception.Description
		}
		return fmt.Errorf("in the page: %s", msg)
	}
	if out == nil || len(r.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(r.Result.Value, out)
}

// click is a left click with real mouse events at (x, y), CSS pixels of
// the viewport.
func (tb *tab) click(ctx context.Context, x, y float64) error {
	for _, ev := range []map[string]any{
		{"type": "mouseMoved", "x": x, "y": y},
		{"type": "mousePressed", "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1},
		{"type": "mouseReleased", "x": x, "y": y, "button": "left", "buttons": 0, "clickCount": 1},
	} {
		if err := tb.b.call(ctx, tb.session, "Input.dispatchMouseEvent", ev, nil); err != nil {
			return err
		}
	}
	return nil
}

// tick is what the in-page script says a visitor can do now.
type tick struct {
	T      float64 `json:"t"` // page time
	Done   bool    `json:"done"`
	Action string  `json:"action"` // start, option, next
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Why    string  `json:"why"` // why it cannot be clicked yet ("" when it can)
}

// figures are what the in-page script recorded.
type figures struct {
	FCP    *float64 `json:"fcp"`
	Q2     *float64 `json:"q2"`
	App    *float64 `json:"app"`
	Clicks int      `json:"clicks"`
	Log    [][2]any `json:"log"`    // [page time, what happened]
	Worker bool     `json:"worker"` // no service worker, or it is active
	Now    float64  `json:"now"`
}

// visit opens a new tab, loads s.url, answers as a visitor who clicks as
// soon as a click can land (answer), waits for the page to settle
// (settle) and closes the tab.
func (t *tracker) visit(ctx context.Context, s site, timeout, settleMax, dwell time.Duration) (visitResult, error) {
	var res visitResult
	t.reset()
	tb, err := t.openTab(ctx)
	if err != nil {
		return res, err
	}
	defer tb.close()
	trail, err := t.answer(ctx, tb, s.url, timeout)
	if err != nil {
		return res, err
	}
	fig, err := t.settle(ctx, tb, settleMax, dwell)
	if err != nil {
		return res, err
	}
	if fig.FCP == nil || fig.Q2 == nil {
		return res, fmt.Errorf("the page recorded no first paint or second question")
	}
	res.FCP, res.FirstAnswer, res.Clicks, res.AppRuns = *fig.FCP, *fig.Q2, fig.Clicks, -1
	if fig.App != nil {
		res.AppRuns = *fig.App
	}
	t.count(&res)
	if t.verbose != nil {
		for _, e := range fig.Log {
			trail = append(trail, fmt.Sprintf("  %6v ms %v", e[0], e[1]))
		}
		sort.SliceStable(trail, func(i, j int) bool { return msOf(trail[i]) < msOf(trail[j]) })
		t.verbose("  %s: first paint %.0f ms\n%s\n%s", s.url, res.FCP, strings.Join(trail, "\n"), t.describeRequests())
	}
	return res, nil
}

// answer navigates to url and clicks what the page says a visitor would
// click next (Start, the first option, Next) as soon as it can be clicked,
// again when a click had no effect after clickGap, until the second
// question is on screen. It returns what the page said, for -v.
func (t *tracker) answer(ctx context.Context, tb *tab, url string, timeout time.Duration) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := t.b.call(ctx, tb.session, "Page.navigate", map[string]any{"url": url}, nil); err != nil {
		return nil, err
	}
	var trail []string
	var last tick
	var lastErr error
	var clicked string
	var clickedAt time.Time
	for {
		var tk *tick
		// Until the page's document exists, __bench is not there; a
		// navigation can also replace the context under a call: try again.
		if err := tb.eval(ctx, "window.__bench ? __bench.tick() : null", false, &tk); err != nil {
			lastErr = err
		}
		if tk != nil {
			if !tk.Done && (tk.Action != last.Action || tk.Why != last.Why) {
				trail = append(trail, fmt.Sprintf("  %6.0f ms can %s: %s", tk.T, tk.Action, cmp.Or(tk.Why, "yes")))
			}
			last = *tk
			if tk.Done {
				return trail, nil
			}
			if tk.Why == "" && (tk.Action != clicked || time.Since(clickedAt) >= clickGap) {
				if err := tb.click(ctx, tk.X, tk.Y); err != nil && ctx.Err() == nil {
					return nil, fmt.Errorf("clicking %s: %v", tk.Action, err)
				}
				clicked, clickedAt = tk.Action, time.Now()
			}
		}
		select {
		case <-ctx.Done():
			msg := fmt.Sprintf("no second question on screen within %v; the visitor was to click %s (%s)", timeout, cmp.Or(last.Action, "nothing"), cmp.Or(last.Why, "clickable"))
			if lastErr != nil {
				msg += "; last error: " + lastErr.Error()
			}
			return nil, errors.New(msg)
		case <-time.After(poll):
		}
	}
}

// settle waits until the app ran, the service worker (if any) is active,
// the network has been quiet for a second, and dwell has passed since the
// app ran (at most settleMax; an app that has not run by then is reported
// as not run), then returns what the page recorded.
func (t *tracker) settle(ctx context.Context, tb *tab, settleMax, dwell time.Duration) (figures, error) {
	const state = `(async () => {
		const r = window.__bench.result();
		let worker = true;
		if (navigator.serviceWorker) {
			const reg = await navigator.serviceWorker.getRegistration();
			worker = !reg || (!!reg.active && !reg.installing && !reg.waiting);
		}
		return Object.assign(r, {worker, now: performance.now()});
	})()`
	deadline := time.Now().Add(settleMax)
	for {
		var fig figures
		if err := tb.eval(ctx, state, true, &fig); err != nil {
			return fig, fmt.Errorf("reading the page's figures: %v", err)
		}
		ran := fig.App != nil
		if ran && fig.Now-*fig.App >= float64(dwell/time.Millisecond) && fig.Worker && t.quiet(time.Second) {
			return fig, nil
		}
		if time.Now().After(deadline) {
			if !ran {
				return fig, nil
			}
			return fig, fmt.Errorf("the page did not settle within %v (service worker active: %v, network quiet: %v%s)", settleMax, fig.Worker, t.quiet(time.Second), t.inFlight())
		}
		select {
		case <-ctx.Done():
			return fig, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// msOf reads the time a trail line starts with.
func msOf(line string) float64 {
	var v float64
	fmt.Sscan(strings.TrimSpace(line), &v)
	return v
}
