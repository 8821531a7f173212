package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// page is one headless Chromium (fresh profile) with one tab, plus what its
// console said.
type page struct {
	t   *testing.T
	ctx context.Context // the tab; no deadline (each wait sets its own)
	*console
	// keyboard makes every step check where the keyboard focus went.
	keyboard bool
}

// console is what the browser printed, shared by a test and its subtests.
type console struct {
	browserOutput *lockedBuffer

	mu       sync.Mutex
	messages []string // every console message, for failure reports
	problems []string // console errors, exceptions, log errors, Go panics
}

// forSubtest returns the same tab, failing t instead of the parent test.
func (p *page) forSubtest(t *testing.T) *page {
	return &page{t: t, ctx: p.ctx, console: p.console, keyboard: p.keyboard}
}

// browserConfig changes how the browser starts.
type browserConfig struct {
	lang string // --lang and --accept-lang: the browser's languages
}

type browserOption func(*browserConfig)

// withLang starts the browser in language l (--lang, --accept-lang).
func withLang(l string) browserOption { return func(c *browserConfig) { c.lang = l } }

// chromiumPath finds the browser, or skips the test (fails it when CI=true).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	} else {
		for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
			if path, err := exec.LookPath(name); err == nil {
				return path
			}
		}
	}
	const msg = "chromium not found: install Debian's chromium"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newPage starts a browser for this test. It is closed when the test ends;
// the test then fails if the console showed any error.
func newPage(t *testing.T, opts ...browserOption) *page {
	t.Helper()
	cfg := browserConfig{lang: "en-US"}
	for _, o := range opts {
		o(&cfg)
	}
	exe := chromiumPath(t)
	p := &page{t: t, console: &console{browserOutput: &lockedBuffer{}}}
	profile := t.TempDir() // removed after the browser has exited (cleanups run in reverse)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		// --lang sets the UI language; headless Chromium takes
		// navigator.languages (and Accept-Language) from --accept-lang.
		chromedp.Flag("lang", cfg.lang),
		chromedp.Flag("accept-lang", cfg.lang),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
		chromedp.CombinedOutput(p.browserOutput),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(p.onEvent))
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser to exit
		p.checkConsole()
	})

	// The first Do starts the browser and binds its life to ctx, which has no
	// deadline; the timer guards against a browser that never answers.
	timer := time.AfterFunc(30*time.Second, cancelTab)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer within 30s (%v)", err)
	}
	if err != nil {
		t.Fatalf("starting %s: %v\nbrowser output:\n%s", exe, err, p.browserOutput.String())
	}
	p.ctx = ctx
	p.do("installing the prerender marker", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdppage.AddScriptToEvaluateOnNewDocument,
			cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: markPrerenderedJS})
		if err != nil {
			return err
		}
		// A headless tab is not focused unless told so; without focus,
		// key events and element.focus() do not behave as for a visitor.
		if _, err := cdp.Call(ctx, t, cdppage.BringToFront, cdp.Empty{}); err != nil {
			return err
		}
		_, err = cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	return p
}

// onEvent records the console. It runs in the tab's read loop: no commands.
func (p *console) onEvent(ev any) {
	var msg string
	problem := false
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		msg = "console." + string(ev.Type) + ": " + formatArgs(ev.Args)
		problem = ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		msg = fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
		problem = true
	case *log.EventEntryAdded:
		e := ev.Entry
		msg = fmt.Sprintf("browser log (%s, %s): %s", e.Level, e.Source, e.Text)
		if e.URL != "" {
			msg += " [" + e.URL + "]"
		}
		problem = e.Level == log.EntryLevelError
	default:
		return
	}
	// The Go runtime prints panics through console.log (wasm_exec.js).
	if strings.Contains(msg, "panic:") || strings.Contains(msg, "fatal error:") {
		problem = true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.messages = append(p.messages, msg)
	if problem {
		p.problems = append(p.problems, msg)
	}
}

func formatArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil:
		case len(a.Value) > 0:
			s = string(a.Value)
		case a.UnserializableValue != "":
			s = string(a.UnserializableValue)
		default:
			s = a.Description
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// consoleProblems returns the errors seen so far.
func (p *console) consoleProblems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

func (p *console) consoleLog() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.messages, "\n")
}

// checkConsole fails the test if the console showed an error.
func (p *page) checkConsole() {
	if probs := p.consoleProblems(); len(probs) > 0 {
		p.t.Errorf("the browser console shows %d error(s) (a visitor's DevTools would show them too):\n  %s",
			len(probs), strings.Join(probs, "\n  "))
	}
	if p.t.Failed() {
		p.t.Logf("whole browser console:\n%s", p.consoleLog())
	}
}

// ---------------------------------------------------------------------------
// Reading the page.

// state is what a visitor could tell about the page at a glance.
type state struct {
	Screen   string `json:"screen"`   // main#quiz[data-screen]
	Lang     string `json:"lang"`     // main#quiz[lang]
	DocLang  string `json:"docLang"`  // <html lang>
	Question string `json:"question"` // fieldset[data-question]
	Kind     string `json:"kind"`     // fieldset[data-kind]
	Focus    string `json:"focus"`    // the focused element, as #id or tag
	Hint     bool   `json:"hint"`     // #required-hint shown
	Progress string `json:"progress"` // #progress-text
	URL      string `json:"url"`
	// Live is true once the engine draws the page (false while the page
	// is the server's, run by its early script or waiting for the engine).
	Live bool `json:"live"`
}

const stateJS = `(() => {
	const m = document.querySelector('main#quiz');
	const fs = document.querySelector('#question-form fieldset[data-question]');
	const a = document.activeElement;
	const pt = document.getElementById('progress-text');
	let focus = '';
	if (a) focus = a.id ? '#' + a.id : a.tagName.toLowerCase();
	return {
		screen: m ? (m.dataset.screen || '') : '',
		lang: m ? m.lang : '',
		docLang: document.documentElement.lang,
		question: fs ? fs.dataset.question : '',
		kind: fs ? fs.dataset.kind : '',
		focus: focus,
		hint: !!document.getElementById('required-hint'),
		progress: pt ? pt.textContent : '',
		url: location.href,
		live: !!m && !m.__e2ePrerendered,
	};
})()`

func (p *page) state() state {
	p.t.Helper()
	return eval[state](p, stateJS)
}

// describe is the state in words, for failure messages.
func (s state) String() string {
	if s.Screen == "" {
		return "a page without main#quiz[data-screen] (blank or not the widget) at " + s.URL
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the %q screen", s.Screen)
	if !s.Live {
		b.WriteString(" (still the server's page: the engine has not taken over)")
	}
	if s.Question != "" {
		fmt.Fprintf(&b, " on question %q (%s, %q)", s.Question, s.Kind, s.Progress)
	}
	if s.Hint {
		b.WriteString(" with the \"please answer\" hint")
	}
	fmt.Fprintf(&b, ", focus on %s, lang %q", s.Focus, s.Lang)
	return b.String()
}

// describe returns the current state in words without failing.
func (p *page) describe() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[state](stateJS))
	if err != nil {
		return "(page state unreadable: " + err.Error() + ")"
	}
	return s.String()
}

// asPhone makes the tab a 360×780 phone (pixel ratio 2, touch).
func (p *page) asPhone() {
	p.t.Helper()
	p.do("a 360×780 phone", chromedp.EmulateViewport(360, 780, chromedp.EmulateScale(2), chromedp.EmulateMobile))
}

// eval runs a JavaScript expression and decodes its value. An expression
// sent while a navigation replaces the page's JavaScript context (a reload,
// the service worker taking over, go-app restarting) is sent again in the
// new context, within the same budget.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
		if err == nil {
			return v
		}
		if !contextReplaced(err) || !sleepCtx(ctx, pollInterval) {
			p.t.Fatalf("evaluating in the page: %v\n%s", err, js)
		}
	}
}

// pollInterval is how often the waits look again.
const pollInterval = 25 * time.Millisecond

// contextReplaced reports whether err is DevTools saying that the page's
// JavaScript context went away under a command: a navigation or a reload
// replaced the document. The command can simply be sent again.
func contextReplaced(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	for _, s := range []string{
		"Cannot find context with specified id",
		"Execution context was destroyed",
		"Inspected target navigated or closed",
		"Cannot find default execution context",
		"uniqueContextId not found",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// sleepCtx waits d, or less when ctx ends first; it reports whether ctx
// is still live.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// do runs actions with the 20s budget.
func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v\nthe page shows %s", what, err, p.describe())
	}
}

// waitFor polls a JavaScript predicate until it is true. On timeout the test
// fails with what the visitor would see instead.
func (p *page) waitFor(what, predicate string) {
	p.t.Helper()
	p.waitForWithin(waitTimeout, what, predicate)
}

func (p *page) waitForWithin(d time.Duration, what, predicate string) {
	p.t.Helper()
	if err := p.poll(d, predicate); err != nil {
		p.t.Fatalf("%s: %v; the page shows %s%s", what, err, p.describe(), p.problemsSuffix())
	}
}

// poll evaluates a JavaScript predicate every pollInterval until it is
// true, for at most d. A predicate that throws counts as false, and so does
// a page whose context a navigation replaced meanwhile: the poll goes on in
// the new document (this is what makes a wait safe across a reload or the
// app's start). It returns nil once the predicate held.
func (p *page) poll(d time.Duration, predicate string) error {
	return pollUntil(p.ctx, d, func(ctx context.Context) (bool, error) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { try { return !!(`+predicate+`); } catch (e) { return false; } })()`,
			chromedp.EvalAwaitPromise))
		if contextReplaced(err) {
			return false, nil
		}
		return ok, err
	})
}

// pollUntil calls cond every pollInterval until it reports true, for at
// most d. It is the one waiting loop of these tests: every wait, in the
// page, in a frame or in Go, goes through it, so none sleeps a fixed time
// or gives up early on a busy machine. An error from cond ends the wait.
func pollUntil(parent context.Context, d time.Duration, cond func(ctx context.Context) (bool, error)) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	for {
		// Each try gets a few seconds of its own, so a stuck command
		// cannot use up the whole wait.
		tryCtx, cancelTry := context.WithTimeout(ctx, 5*time.Second)
		ok, err := cond(tryCtx)
		cancelTry()
		switch {
		case ok:
			return nil
		case err != nil && ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded):
			return err
		}
		if !sleepCtx(ctx, pollInterval) {
			if parent.Err() != nil {
				return parent.Err()
			}
			return fmt.Errorf("not after %v", d)
		}
	}
}

// until polls a condition computed in Go (from the page, a frame or the
// console) until it holds, then returns; on timeout the test fails with
// what the visitor would see.
func (p *page) until(what string, cond func() bool) {
	p.t.Helper()
	err := pollUntil(p.ctx, waitTimeout, func(context.Context) (bool, error) { return cond(), nil })
	if err != nil {
		p.t.Fatalf("%s: %v; the page shows %s%s", what, err, p.describe(), p.problemsSuffix())
	}
}

func (p *page) problemsSuffix() string {
	if probs := p.consoleProblems(); len(probs) > 0 {
		return "\nconsole errors so far:\n  " + strings.Join(probs, "\n  ")
	}
	return ""
}

// open loads a path of the server and waits until the widget shows screen.
func (p *page) open(path, screen string) {
	p.t.Helper()
	p.do("opening "+path, chromedp.Navigate(baseURL+path))
	p.waitScreen(screen, "after opening "+path)
}

// waitScreen waits until the engine draws main#quiz[data-screen=name]. The
// engine runs when the visitor first does something or a step needs it
// (app/webapp/loader.js): while the page is still the server's, this asks
// for it as a visitor's first tap would, so that the test's next steps
// meet the engine, never a hand-over halfway through a click. The early
// script's own screens are tested with the wasm held (early_test.go).
func (p *page) waitScreen(name, after string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%s, the %q screen should appear", after, name),
		fmt.Sprintf(`(() => { const m = document.querySelector('main#quiz');
			if (m && m.__e2ePrerendered) { window.pmoquizEngine?.demand?.(); }
			return !!m && !m.__e2ePrerendered && m.dataset.screen === %q; })()`, name))
}

// markPrerenderedJS runs in every new document before its scripts: it tags
// the server's prerendered main#quiz, so the tests can tell it from the one
// the app renders (go-app replaces the prerendered body when it starts, and
// both show the intro).
const markPrerenderedJS = `document.addEventListener('DOMContentLoaded', () => {
	const m = document.querySelector('main#quiz');
	if (m) m.__e2ePrerendered = true;
}, {once: true});`

// click clicks an element with the mouse (real mouse events at its center).
func (p *page) click(sel string) {
	p.t.Helper()
	p.do("clicking "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// keys sends real key events to the focused element.
func (p *page) keys(what, keys string) {
	p.t.Helper()
	p.do("pressing "+what, chromedp.KeyEvent(keys))
}

// focused is the id of the focused element ("" when it has none).
func (p *page) focused() string {
	p.t.Helper()
	return eval[string](p, `document.activeElement ? document.activeElement.id : ''`)
}

// jsString quotes s for JavaScript source.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
