package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// The installed web app: offline use after one visit, and updates. Each test
// starts servers of its own (the test stops them to go offline, or restarts
// one with another quiz to deploy a new version), never TestMain's.

// TestOffline: a visitor opens the quiz once; the server then stops (the
// network is gone for real). Reloading shows the quiz from the service
// worker's cache, and the visitor completes it to a result in Japanese and,
// through ?lang=en (a URL never fetched while online), in English.
func TestOffline(t *testing.T) {
	srv := ownServer(t, quizFile, "127.0.0.1:0")
	p := newPage(t, withLang("ja"))
	p.openURL(srv.url+"/", "intro")
	p.waitOffline()
	p.expectNoUpdateNotice("after the first visit")
	if errs := p.installabilityErrors(); len(errs) > 0 {
		t.Errorf("Chromium would not offer to install the app: %v", errs)
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("stopping the server: %v", err)
	}

	p.do("reloading with the server stopped", chromedp.Reload())
	p.waitScreen("intro", "after reloading with the server stopped")
	p.checkIntro("ja")
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	p.runQuickly(g.Answers)
	p.checkResult(g.Answers, "ja")
	// The page coming back while offline: the update check fails quietly.
	eval[chromedp.Void](p, `document.dispatchEvent(new Event('visibilitychange'))`)

	p.openURL(srv.url+"/?lang=en", "intro")
	p.checkIntro("en")
	g = goldenCase(t, "Team leader who wants to run projects")
	p.runQuickly(g.Answers)
	p.checkResult(g.Answers, "en")
	p.expectNoUpdateNotice("offline")
}

// TestUpdate: version 1 is deployed and a visitor starts the quiz. Version
// 2 (a new title) is deployed while the page is open: when the page becomes
// visible again it shows the "new version" notice without interrupting, and
// its Reload button brings the new quiz with the visitor's answers and
// place kept. Version 3 drops the question the visitor is on: the reload
// then starts afresh. Version 4 is found on a revisit (the app's start).
func TestUpdate(t *testing.T) {
	titles := []string{"PMO Career Quiz", "PMO Career Quiz v2", "PMO Career Quiz v3", "PMO Career Quiz v4"}
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	shown := shownQuestions(theQuiz, g.Answers)
	onScreen := shown[2] // the visitor has answered the first two

	site := newSite(t)
	var srv *testServer
	deploy := func(v int, edit func(string) string) {
		t.Helper()
		srv = site.deploy(titles[v-1], edit)
	}
	deploy(1, nil)
	p := newPage(t, withLang("en"))
	p.openURL(srv.url+"/?lang=en", "intro")
	p.waitOffline()
	p.expectNoUpdateNotice("after the first visit")
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	p.answer(shown[0], g.Answers)
	p.answer(shown[1], g.Answers)
	p.waitQuestion(onScreen.ID, "after answering two questions")

	// Version 2, noticed when the page becomes visible again.
	deploy(2, nil)
	eval[chromedp.Void](p, `document.dispatchEvent(new Event('visibilitychange'))`)
	p.waitUpdateNotice("version 2, after the page became visible again")
	if s := p.state(); s.Screen != "question" || s.Question != onScreen.ID {
		t.Errorf("the notice interrupted the visitor: the page shows %s, want question %q", s, onScreen.ID)
	}
	p.click("button#update-reload")
	p.waitFor("after Reload, version 2 should show the visitor's question again",
		fmt.Sprintf(`document.querySelector('main#quiz:not([data-screen="loading"])') && !document.getElementById('app-wasm-loader') && document.querySelector('.quiz-name')?.textContent === %q && document.querySelector('#question-form fieldset')?.dataset.question === %q`,
			titles[1], onScreen.ID))
	p.expectNoUpdateNotice("after the reload into version 2")
	// The answers given before the update are still there.
	p.click("button#back")
	p.waitQuestion(shown[1].ID, "after Back")
	p.expectChecked(shown[1], g.Answers[shown[1].ID], "the update's reload")
	p.click("button#back")
	p.waitQuestion(shown[0].ID, "after Back")
	p.expectChecked(shown[0], g.Answers[shown[0].ID], "the update's reload")
	eval[chromedp.Void](p, `document.getElementById('next').click()`)
	p.waitQuestion(shown[1].ID, "after Next")
	eval[chromedp.Void](p, `document.getElementById('next').click()`)
	p.waitQuestion(onScreen.ID, "after Next")

	// Version 3 no longer has that question: the reload starts afresh.
	deploy(3, func(s string) string {
		old := fmt.Sprintf("id = %q", onScreen.ID)
		if strings.Count(s, old) != 1 {
			t.Fatalf("quiz.toml has %d lines %s: update this test", strings.Count(s, old), old)
		}
		// The golden cases answer it: drop them (they are last).
		s, _, _ = strings.Cut(s, "\n[[golden]]")
		return strings.ReplaceAll(strings.Replace(s, old, `id = "renamed_q"`, 1),
			fmt.Sprintf("question = %q", onScreen.ID), `question = "renamed_q"`)
	})
	eval[chromedp.Void](p, `document.dispatchEvent(new Event('visibilitychange'))`)
	p.waitUpdateNotice("version 3")
	p.click("button#update-reload")
	p.waitFor("after Reload into a version without the visitor's question, the intro should show",
		`!document.getElementById('app-wasm-loader') && document.querySelector('main#quiz')?.dataset.screen === 'intro'`)
	if got := eval[string](p, `document.getElementById('quiz-title').textContent`); got != titles[2] {
		t.Errorf("after Reload the title reads %q, want version 3's %q", got, titles[2])
	}

	// Version 4, found when the visitor comes back (the app's start).
	deploy(4, nil)
	p.openURL(srv.url+"/?lang=en", "intro")
	p.waitUpdateNotice("version 4, on a revisit")
	p.click("button#update-reload")
	p.waitFor("after Reload, version 4's title should show",
		fmt.Sprintf(`!document.getElementById('app-wasm-loader') && document.getElementById('quiz-title')?.textContent === %q`, titles[3]))
}

// TestUpdateFoundWhileLoading: the browser may install a new version while
// a revisited page is still loading, before the page registers its service
// worker (which waits for app.wasm, loader.js): the page still offers the
// reload. The page's compiler worker is held at its start until the new
// version has taken over.
func TestUpdateFoundWhileLoading(t *testing.T) {
	site := newSite(t)
	srv := site.deploy("PMO Career Quiz", nil)
	p := newPage(t, withLang("en"))
	p.openURL(srv.url+"/?lang=en", "intro")
	p.waitOffline()
	p.expectNoUpdateNotice("after the first visit")
	srv = site.deploy("PMO Career Quiz v2", nil)

	// The service worker versions as the browser reports them.
	var mu sync.Mutex
	var first string // the version that controls the page now
	status := map[string]serviceworker.VersionStatus{}
	versions := chromedp.Events(p.ctx, serviceworker.WorkerVersionUpdated)
	go func() {
		for ev, err := range versions {
			if err != nil {
				return // the test is over
			}
			mu.Lock()
			for _, v := range ev.Versions {
				if first == "" && v.Status == serviceworker.VersionStatusActivated {
					first = v.VersionID
				}
				status[v.VersionID] = v.Status
			}
			mu.Unlock()
		}
	}()
	attached := chromedp.Events(p.ctx, target.AttachedToTarget)
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	flat := true
	if _, err := chromedp.Call(ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("watching the service worker: %v", err)
	}
	p.until("the browser should report the service worker that controls the page", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return first != ""
	})
	if _, err := chromedp.Call(ctx, target.SetAutoAttach, target.SetAutoAttachParams{
		AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: &flat, Filter: target.Filter{{Type: "worker"}},
	}); err != nil {
		t.Fatalf("holding the page's workers at their start: %v", err)
	}
	// Not chromedp.Navigate: it waits for the load event, which waits for
	// nothing here but could.
	p.do("revisiting the quiz", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.Navigate, cdppage.NavigateParams{URL: srv.url + "/?lang=en"})
		return err
	}))
	var compiler target.SessionID
	for ev, err := range attached {
		if err != nil {
			t.Fatalf("waiting for the page's compiler worker: %v", err)
		}
		if !strings.Contains(ev.TargetInfo.URL, "/compile.") {
			t.Fatalf("the page started a worker other than its compiler: %s", ev.TargetInfo.URL)
		}
		compiler = ev.SessionID
		break
	}
	p.waitFor("on the revisit, the page should show its intro, its script run",
		`document.querySelector('main#quiz')?.dataset.screen === 'intro' && !!window.pmoquizEarly && !!window.pmoquizEngine`)
	if _, err := chromedp.Call(ctx, serviceworker.UpdateRegistration, serviceworker.UpdateRegistrationParams{ScopeURL: srv.url + "/"}); err != nil {
		t.Fatalf("asking the browser to look for a new version: %v", err)
	}
	p.until("the browser should install and activate version 2", func() bool {
		mu.Lock()
		defer mu.Unlock()
		for id, s := range status {
			if id != first && s == serviceworker.VersionStatusActivated {
				return true
			}
		}
		return false
	})
	if got := eval[string](p, `document.documentElement.dataset.engine`); got != "loading" {
		t.Fatalf("the engine is %q with its compiler held; want \"loading\" (the page has not registered its service worker yet)", got)
	}
	// Detaching lets the held worker run.
	if _, err := chromedp.Call(ctx, target.DetachFromTarget, target.DetachFromTargetParams{SessionID: compiler}); err != nil {
		t.Fatalf("letting the compiler worker run: %v", err)
	}
	p.waitUpdateNotice("version 2, installed while the page was loading")
	p.click("button#update-reload")
	p.waitFor("after Reload, version 2's title should show",
		`!document.getElementById('app-wasm-loader') && document.getElementById('quiz-title')?.textContent === 'PMO Career Quiz v2'`)
	p.expectNoUpdateNotice("after the reload into version 2")
}

// ---------------------------------------------------------------------------
// Helpers for tests with servers of their own.

// liveSite is one origin on which a test deploys versions of the quiz, as a
// site owner would: one server at a time, on the same address.
type liveSite struct {
	t    *testing.T
	addr string
	path string // the quiz file served
	srv  *testServer
}

func newSite(t *testing.T) *liveSite {
	return &liveSite{t: t, addr: freeAddr(t), path: filepath.Join(t.TempDir(), "quiz.toml")}
}

// deploy stops the version being served, if any, and serves the default
// quiz with its English title changed to title and edited by edit (if not
// nil).
func (s *liveSite) deploy(title string, edit func(string) string) *testServer {
	s.t.Helper()
	if s.srv != nil {
		if err := s.srv.stop(); err != nil {
			s.t.Fatalf("stopping the version before %q: %v", title, err)
		}
	}
	src := string(quizSource)
	if !strings.Contains(src, `en = "PMO Career Quiz" }`) {
		s.t.Fatal(`quiz.toml no longer has the title en = "PMO Career Quiz": update this test`)
	}
	src = strings.Replace(src, `en = "PMO Career Quiz" }`, fmt.Sprintf(`en = %q }`, title), 1)
	if edit != nil {
		src = edit(src)
	}
	if _, err := quiz.Parse("quiz.toml", []byte(src)); err != nil {
		s.t.Fatalf("the version %q of the quiz has problems: %v", title, err)
	}
	if err := os.WriteFile(s.path, []byte(src), 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.srv = ownServer(s.t, s.path, s.addr)
	return s.srv
}

// testServer is a server of a test's own, stopped once.
type testServer struct {
	*server
	once sync.Once
	err  error
}

func (s *testServer) stop() error {
	s.once.Do(func() { s.err = s.server.stop() })
	return s.err
}

// ownServer starts the server binary on addr (port 0: any) with a quiz;
// it is stopped when the test ends, unless the test stopped it.
func ownServer(t *testing.T, quizPath, addr string) *testServer {
	t.Helper()
	srv, err := startServer(serverBin, quizPath, webDir, "-addr", addr)
	if err != nil {
		t.Fatalf("starting a server of the test's own: %v", err)
	}
	s := &testServer{server: srv}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() && s.stderr.Len() > 0 {
			t.Logf("the server's stderr:\n%s", s.stderr.String())
		}
	})
	return s
}

// freeAddr returns a loopback address with a port free right now, for a
// server restarted on the same origin.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// openURL loads a full URL and waits until the widget shows screen.
func (p *page) openURL(u, screen string) {
	p.t.Helper()
	p.do("opening "+u, chromedp.Navigate(u))
	p.waitScreen(screen, "after opening "+u)
}

// waitOffline waits until the service worker has installed (its cache
// filled: the install waits for the whole list) and controls the page.
func (p *page) waitOffline() {
	p.t.Helper()
	p.waitFor("the service worker should install and take control of the page (offline support)",
		`navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated'`)
}

// answer answers the question on screen as a does and goes on.
func (p *page) answer(qu *quiz.Question, a quiz.Answers) {
	p.t.Helper()
	p.waitQuestion(qu.ID, "")
	var js strings.Builder
	for _, v := range values(qu, a[qu.ID]) {
		fmt.Fprintf(&js, "document.getElementById(%s).click();\n", jsString(inputID(qu, v)))
	}
	eval[chromedp.Void](p, js.String())
	p.expectChecked(qu, a[qu.ID], "clicking "+strings.Join(values(qu, a[qu.ID]), ", "))
	eval[chromedp.Void](p, `document.getElementById('next').click()`)
}

func (p *page) waitQuestion(id, after string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%s: question %q should be on screen", after, id),
		fmt.Sprintf(`!document.getElementById('app-wasm-loader') && document.querySelector('#question-form fieldset[data-question]')?.dataset.question === %q`, id))
}

// waitUpdateNotice waits for the "new version" notice: a status line with
// the quiz's text and a Reload button.
func (p *page) waitUpdateNotice(what string) {
	p.t.Helper()
	p.waitFor(what+": the \"new version\" notice should appear",
		`!!document.querySelector('#update-notice button#update-reload') && document.querySelector('#update-status[role="status"]')?.textContent.trim() !== ''`)
	locale := p.state().Lang
	if got, want := eval[string](p, `document.getElementById('update-status').textContent`), ui("update_available", locale); got != want {
		p.t.Errorf("%s: the notice reads %q, want %q", what, got, want)
	}
	if got, want := eval[string](p, `document.getElementById('update-reload').textContent`), ui("update_reload", locale); got != want {
		p.t.Errorf("%s: the notice's button reads %q, want %q", what, got, want)
	}
}

// expectNoUpdateNotice checks that the page has found no new version (the
// loader counts them as it finds them) and shows no "new version" notice:
// a first install is not an update.
func (p *page) expectNoUpdateNotice(when string) {
	p.t.Helper()
	p.waitFor(when+": the page's script should run", `!!window.pmoquizEngine`)
	if eval[bool](p, `window.pmoquizEngine.updates > 0 || !!document.getElementById('update-reload')`) {
		p.t.Errorf("%s the page shows the \"new version\" notice, though no new version was deployed", when)
	}
}

// installabilityErrors asks Chromium why it would not offer to install the
// app (none: it would).
func (p *page) installabilityErrors() []string {
	p.t.Helper()
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	res, err := chromedp.Call(ctx, cdppage.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		p.t.Fatalf("Page.getInstallabilityErrors: %v", err)
	}
	var out []string
	for _, e := range res.InstallabilityErrors {
		s := e.ErrorID
		for _, a := range e.ErrorArguments {
			s += fmt.Sprintf(" %s=%s", a.Name, a.Value)
		}
		out = append(out, s)
	}
	return out
}
