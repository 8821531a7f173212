package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
	"pmoquiz/app/quizset"
)

// Several quizzes from one deployment (issue 14): the repository's folder
// quizzes/ (the PMO quiz, in Japanese and English, and the QA quiz, in
// English), served by the server and, exported, by nginx; each quiz at
// /<id>/ with its own page, worker and offline copy, one app.wasm for all.

// folder is the repository's quizzes/ as the engine reads it.
type folder struct {
	dir     string
	quizzes []*quiz.Quiz // in the folder's order
}

func repoFolder(t *testing.T) folder {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "quizzes"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := quizset.Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	entries := quizset.Read(files, quiz.Options{})
	if err := quizset.Err(entries); err != nil {
		t.Fatalf("quizzes/ has problems:\n%v", err)
	}
	f := folder{dir: dir}
	for _, e := range entries {
		f.quizzes = append(f.quizzes, e.Quiz)
	}
	if len(f.quizzes) < 2 || len(f.quizzes[0].Locales) < 2 {
		t.Fatalf("quizzes/ has %d quizzes; want two at least, the first in two languages (these tests use both)", len(f.quizzes))
	}
	return f
}

// textIn is a quiz text in locale, as the widget picks it.
func textIn(q *quiz.Quiz, t quiz.Text, locale string) string { return t.Get(locale, q.Locales[0]) }

// checkIntroIn checks that the intro of quiz q shows, in locale.
func (p *page) checkIntroIn(q *quiz.Quiz, locale string) {
	p.t.Helper()
	s := p.state()
	title := eval[string](p, `document.querySelector('h1#quiz-title')?.textContent.trim() ?? ''`)
	if want := textIn(q, q.Title, locale); title != want || s.Lang != locale || s.DocLang != locale {
		p.t.Errorf("intro of %s: title %q, lang %q, <html lang=%q>; want %q in %s", q.ID, title, s.Lang, s.DocLang, want, locale)
	}
	if got := eval[string](p, `document.title`); got != textIn(q, q.Title, locale) {
		p.t.Errorf("intro of %s: the document's title is %q; want the quiz's", q.ID, got)
	}
}

// checkResultIn checks the result screen against quiz q's engine for the
// answers, in locale: the top path, its title, the band, the language.
func (p *page) checkResultIn(q *quiz.Quiz, a quiz.Answers, locale string) {
	p.t.Helper()
	res := q.Score(a)
	got := eval[shownResult](p, shownResultJS)
	if !got.Present || got.Path != res.Top.ID || got.TopTitle != textIn(q, res.Top.Title, locale) {
		p.t.Errorf("result of %s: path %q titled %q; the engine says %q, %q (%s)", q.ID, got.Path, got.TopTitle, res.Top.ID, textIn(q, res.Top.Title, locale), locale)
	}
	if res.Band != nil && got.Band != res.Band.ID {
		p.t.Errorf("result of %s: band %q; the engine says %q", q.ID, got.Band, res.Band.ID)
	}
	if want := textIn(q, res.Top.Title, locale); got.Title != want {
		p.t.Errorf("result of %s: heading %q; want the top path %q", q.ID, got.Title, want)
	}
	if s := p.state(); s.Lang != locale || s.DocLang != locale {
		p.t.Errorf("result of %s: lang %q, <html lang=%q>; want %s", q.ID, s.Lang, s.DocLang, locale)
	}
}

// logged is one line of an access log: a request and what went back.
type logged struct {
	path   string
	status int
	bytes  int
}

var quizserverLog = regexp.MustCompile(`^\S+ GET ("(?:[^"\\]|\\.)*") (\d{3}) (\d+) `)

// accessLog is what the server has logged so far (-access-log).
func accessLog(t *testing.T, s *server) []logged {
	t.Helper()
	var out []logged
	for _, line := range strings.Split(s.stdout.String(), "\n") {
		m := quizserverLog.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		path, err := strconv.Unquote(m[1])
		if err != nil {
			t.Fatalf("access log line %q: %v", line, err)
		}
		if path == "/healthz" {
			continue // the test's own, before the browser's
		}
		status, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		out = append(out, logged{path, status, n})
	}
	return out
}

// total is the bytes of body sent, and a line per request for the log.
func total(log []logged) (int, string) {
	sum := 0
	var b strings.Builder
	for _, r := range log {
		sum += r.bytes
		fmt.Fprintf(&b, "\n    %d %7d %s", r.status, r.bytes, r.path)
	}
	return sum, b.String()
}

// wasmPath matches app.wasm's content-hashed path.
var wasmPath = regexp.MustCompile(`/web/app\.[0-9a-f]{16}\.wasm$`)

// TestFolderServer: quizserver -quiz quizzes/. The list at / in the
// visitor's language links to each quiz; each completes at its own path in
// its languages; app.wasm crosses the network once for both (the second
// quiz's page and worker take it from the browser's HTTP cache); after one
// visit to each, both work with the server stopped. It logs the bytes a
// visitor downloads for the list, the first quiz and the second.
func TestFolderServer(t *testing.T) {
	f := repoFolder(t)
	pmo, qa := f.quizzes[0], f.quizzes[1]
	srv, err := startServer(serverBin, f.dir, webDir, "-access-log")
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{server: srv}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("the server's stderr:\n%s", s.stderr.String())
		}
	})
	p := newPage(t, withLang("ja"))

	// The list, in Japanese: each quiz's title in it, or in the quiz's
	// own language.
	p.do("opening the list", chromedp.Navigate(s.url+"/"))
	p.waitFor("the list should show every quiz of the folder",
		fmt.Sprintf(`document.querySelectorAll('.quiz-list li[data-quiz]').length === %d`, len(f.quizzes)))
	for _, q := range f.quizzes {
		got := eval[string](p, fmt.Sprintf(`document.querySelector('li[data-quiz=%q] h2').textContent`, q.ID))
		if want := textIn(q, q.Title, "ja"); got != want {
			t.Errorf("the list shows %s as %q; want %q", q.ID, got, want)
		}
	}
	if lang := eval[string](p, `document.documentElement.lang`); lang != "ja" {
		t.Errorf("the list is in %q for a Japanese browser; want ja", lang)
	}
	p.expectNoAxeViolations("the list of quizzes")
	list := accessLog(t, s.server)

	// The first quiz, from its link.
	eval[chromedp.Void](p, fmt.Sprintf(`document.querySelector('li[data-quiz=%q] a').click()`, pmo.ID))
	p.waitScreen("intro", "after following the list's link to "+pmo.ID)
	if path := eval[string](p, `location.pathname`); path != "/"+pmo.ID+"/" {
		t.Errorf("the list's link led to %s; want /%s/", path, pmo.ID)
	}
	p.checkIntroIn(pmo, "ja")
	p.waitOffline()
	first := accessLog(t, s.server)[len(list):]
	g := pmo.Golden[0]
	p.runQuicklyIn(pmo, g.Answers)
	p.checkResultIn(pmo, g.Answers, "ja")

	// The second quiz: in English (its only language) for this Japanese
	// browser.
	before := len(accessLog(t, s.server))
	p.openURL(s.url+"/"+qa.ID+"/", "intro")
	p.checkIntroIn(qa, qa.Locales[0])
	p.waitOffline()
	second := accessLog(t, s.server)[before:]
	g = qa.Golden[0]
	p.runQuicklyIn(qa, g.Answers)
	p.checkResultIn(qa, g.Answers, qa.Locales[0])

	// The first quiz again, in English.
	p.openURL(s.url+"/"+pmo.ID+"/?lang=en", "intro")
	p.checkIntroIn(pmo, "en")
	g = pmo.Golden[1]
	p.runQuicklyIn(pmo, g.Answers)
	p.checkResultIn(pmo, g.Answers, "en")

	// app.wasm came over the network once: one 200 in the server's log
	// (a revalidation would be a 304, with no body), and the second quiz's
	// page took it from the browser's cache (below: the server heard no
	// request for it). The server's log is the record: the loader's worker
	// downloads app.wasm, and the tab's network log does not see a
	// worker's requests.
	var wasm200, wasm304 int
	all := accessLog(t, s.server)
	for _, r := range all {
		if wasmPath.MatchString(r.path) {
			switch r.status {
			case 200, 206:
				wasm200++
			case 304:
				wasm304++
			}
		}
	}
	if wasm200 != 1 {
		sum, lines := total(all)
		t.Errorf("app.wasm was sent %d times (and revalidated %d times) for two quizzes; want once. All %d bytes:%s", wasm200, wasm304, sum, lines)
	}
	for _, r := range second {
		if wasmPath.MatchString(r.path) || strings.HasPrefix(r.path, "/"+pmo.ID+"/") {
			t.Errorf("opening the second quiz fetched %s (%d, %d bytes); want only its own files", r.path, r.status, r.bytes)
		}
	}
	listBytes, listLines := total(list)
	firstBytes, firstLines := total(first)
	secondBytes, secondLines := total(second)
	t.Logf("bytes a visitor downloads (response bodies, brotli; until the quiz's worker is active):\n  the list: %d%s\n  the first quiz (%s): %d%s\n  the second quiz (%s): %d%s",
		listBytes, listLines, pmo.ID, firstBytes, firstLines, qa.ID, secondBytes, secondLines)
	if secondBytes*10 > firstBytes {
		t.Errorf("the second quiz cost %d bytes, the first %d; want the second under a tenth (app.wasm and the build's files are shared)", secondBytes, firstBytes)
	}

	// Offline: both quizzes, after one visit to each.
	if err := s.stop(); err != nil {
		t.Fatalf("stopping the server: %v", err)
	}
	p.openURL(s.url+"/"+pmo.ID+"/", "intro")
	p.checkIntroIn(pmo, "ja")
	g = pmo.Golden[2%len(pmo.Golden)]
	p.runQuicklyIn(pmo, g.Answers)
	p.checkResultIn(pmo, g.Answers, "ja")
	p.openURL(s.url+"/"+qa.ID+"/", "intro")
	p.checkIntroIn(qa, qa.Locales[0])
	g = qa.Golden[1%len(qa.Golden)]
	p.runQuicklyIn(qa, g.Answers)
	p.checkResultIn(qa, g.Answers, qa.Locales[0])
	p.expectNoUpdateNotice("offline")

	// Each quiz kept its own progress and its own caches.
	type stored struct {
		Keys   []string `json:"keys"`
		Caches []string `json:"caches"`
	}
	st := eval[stored](p, `(async () => ({keys: Object.keys(localStorage).sort(), caches: (await caches.keys()).sort()}))()`)
	for _, q := range []*quiz.Quiz{pmo, qa} {
		if !strings.Contains(strings.Join(st.Keys, " "), "pmoquiz-progress-"+q.ID) {
			t.Errorf("no saved progress for %s: %q", q.ID, st.Keys)
		}
		if !strings.Contains(strings.Join(st.Caches, " "), " /"+q.ID+"/ ") {
			t.Errorf("no offline cache for /%s/: %q", q.ID, st.Caches)
		}
	}
}

// TestEmbedTwoQuizzes: two different quizzes of one deployment on one
// host page, with one copy of embed.js: each frame is titled with its own
// quiz's title, follows its own content's height, and sends its own events,
// which name their quiz. A placeholder naming no quiz of the site keeps its
// link.
func TestEmbedTwoQuizzes(t *testing.T) {
	f := repoFolder(t)
	pmo, qa := f.quizzes[0], f.quizzes[1]
	srv, err := startServer(serverBin, f.dir, webDir, "-frame-ancestors", "http://127.0.0.1:*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.stop() })
	quizURL := srv.url
	host := hostSite(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/log.js"></script></head>
<body><h1>Careers</h1>
<div id="pmo" data-pmo-quiz data-quiz="`+pmo.ID+`" data-lang="ja"><a href="`+quizURL+`/`+pmo.ID+`/">PMO</a></div>
<div id="qa" data-pmo-quiz data-quiz="`+qa.ID+`" data-lang="en" data-theme="dark"><a href="`+quizURL+`/`+qa.ID+`/">QA</a></div>
<div id="none" data-pmo-quiz data-quiz="no-such-quiz"><a href="`+quizURL+`/">All quizzes</a></div>
<script src="`+quizURL+`/embed.js" async></script></body></html>`, nil)

	p := newPage(t)
	p.do("opening the host page", chromedp.Navigate(host))
	p.waitFor("both quizzes should report ready", `(window.__events || []).filter(e => e.type === 'quiz:ready').length === 2`)
	type frame struct {
		Title, Path string
	}
	frames := eval[map[string]frame](p, `Object.fromEntries(Array.from(document.querySelectorAll('[data-pmo-quiz] iframe')).map(f => [f.parentElement.id, {Title: f.title, Path: new URL(f.src).pathname}]))`)
	for id, want := range map[string]frame{
		"pmo": {textIn(pmo, pmo.Title, "ja"), "/" + pmo.ID + "/"},
		"qa":  {textIn(qa, qa.Title, "en"), "/" + qa.ID + "/"},
	} {
		if frames[id] != want {
			t.Errorf("#%s's frame is %+v; want %+v (its quiz's own title and path)", id, frames[id], want)
		}
	}
	if _, ok := frames["none"]; ok || eval[int](p, `document.querySelectorAll('#none a').length`) != 1 {
		t.Errorf("a placeholder naming no quiz of the site got a frame, or lost its link")
	}
	pmoAt, qaAt := quizURL+"/"+pmo.ID, quizURL+"/"+qa.ID
	p.expectFrameFit(pmoAt, "#pmo iframe", "the PMO quiz's intro")
	p.expectFrameFit(qaAt, "#qa iframe", "the QA quiz's intro")

	// The QA quiz to its result; the PMO quiz one question in.
	frameEval[any](p, qaAt, `document.getElementById('start').click()`)
	g := qa.Golden[0]
	p.answerInFrameOf(qa, qaAt, g.Answers, 0)
	p.waitFor("the QA quiz should complete", `(window.__events || []).some(e => e.type === 'quiz:complete')`)
	p.expectFrameFit(qaAt, "#qa iframe", "the QA quiz's result")
	frameEval[any](p, pmoAt, `document.getElementById('start').click()`)
	p.waitFor("the PMO quiz should start", `(window.__events || []).some(e => e.type === 'quiz:start' && e.target === 'pmo')`)
	p.expectFrameFit(pmoAt, "#pmo iframe", "the PMO quiz's first question")
	p.expectFrameFit(qaAt, "#qa iframe", "the QA quiz's result, beside the PMO quiz's question")

	res := qa.Score(g.Answers)
	counts := map[string]map[string]int{"pmo": {}, "qa": {}}
	for _, e := range p.hostEvents() {
		want := map[string]string{"pmo": pmo.ID, "qa": qa.ID}[e.Target]
		if want == "" || e.Detail["quiz"] != want {
			t.Errorf("event %s on #%s names quiz %v; want the placeholder's own quiz %q", e.Type, e.Target, e.Detail["quiz"], want)
			continue
		}
		counts[e.Target][e.Type]++
		if e.Type == "quiz:complete" && (e.Detail["outcome"] != res.Top.ID || e.Detail["band"] != res.Band.ID) {
			t.Errorf("quiz:complete = %v; want the QA engine's %s, %s", e.Detail, res.Top.ID, res.Band.ID)
		}
	}
	if n := len(shownQuestions(qa, g.Answers)); counts["qa"]["quiz:progress"] != n || counts["qa"]["quiz:complete"] != 1 {
		t.Errorf("the QA quiz sent %v; want %d progress events and one complete", counts["qa"], n)
	}
	if c := counts["pmo"]; c["quiz:ready"] != 1 || c["quiz:start"] != 1 || c["quiz:progress"] != 1 || c["quiz:complete"] != 0 {
		t.Errorf("the PMO quiz sent %v; want ready, start and one progress", c)
	}
	if theme := frameEval[string](p, qaAt, `document.querySelector('main#quiz').dataset.theme`); theme != "dark" {
		t.Errorf("the QA quiz's theme is %q; want its placeholder's dark", theme)
	}
}

// TestStaticNginxFolder: make static QUIZZES=quizzes/ BASE=/careers/,
// logged by Debian's nginx with the README's server block at /careers/:
// one app.wasm for the folder, which crosses the network once; each quiz
// completes at its path, then again with nginx stopped; nothing leaves
// /careers/.
func TestStaticNginxFolder(t *testing.T) {
	f := repoFolder(t)
	pmo, qa := f.quizzes[0], f.quizzes[1]
	const base = "/careers/"
	dist := exportStaticOf(t, f.dir, base)
	if wasms, _ := filepath.Glob(filepath.Join(dist, "*", "web", "app.*.wasm")); len(wasms) != 0 {
		t.Errorf("the export has a copy of app.wasm per quiz: %v", wasms)
	}
	if wasms, _ := filepath.Glob(filepath.Join(dist, "web", "app.*.wasm")); len(wasms) != 1 {
		t.Fatalf("the export has %d app.<hash>.wasm at its base; want 1", len(wasms))
	}
	for _, q := range f.quizzes {
		if _, err := os.Stat(filepath.Join(dist, q.ID, "quiz.toml")); err != nil {
			t.Errorf("the export has no %s/quiz.toml", q.ID)
		}
	}
	ngx := startNginxAt(t, dist, base)
	site := "http://" + ngx.addr + base
	ours := len(nginxLog(t, ngx)) // the test's own requests, before the browser's

	p := newPage(t, withLang("ja"))
	p.do("opening the list", chromedp.Navigate(site))
	p.waitFor("the list should link to every quiz", fmt.Sprintf(`document.querySelectorAll('.quiz-list a[href^=%q]').length === %d`, base, len(f.quizzes)))
	eval[chromedp.Void](p, fmt.Sprintf(`document.querySelector('li[data-quiz=%q] a').click()`, pmo.ID))
	p.waitScreen("intro", "after following the list's link")
	p.checkIntroIn(pmo, "ja")
	p.waitOffline()
	list := nginxLog(t, ngx)[ours:]
	g := pmo.Golden[0]
	p.runQuicklyIn(pmo, g.Answers)
	p.checkResultIn(pmo, g.Answers, "ja")
	before := len(nginxLog(t, ngx))
	p.openURL(site+qa.ID+"/", "intro")
	p.checkIntroIn(qa, qa.Locales[0])
	p.waitOffline()
	second := nginxLog(t, ngx)[before:]
	listAndFirst, lines1 := total(list)
	secondBytes, lines2 := total(second)
	t.Logf("bytes a visitor downloads from nginx (response bodies, brotli; until the quiz's worker is active):\n  the list and the first quiz (%s): %d%s\n  the second quiz (%s): %d%s",
		pmo.ID, listAndFirst, lines1, qa.ID, secondBytes, lines2)
	for _, r := range second {
		if wasmPath.MatchString(r.path) && r.status == 200 {
			t.Errorf("opening the second quiz, nginx sent app.wasm again")
		}
	}
	g = qa.Golden[0]
	p.runQuicklyIn(qa, g.Answers)
	p.checkResultIn(qa, g.Answers, qa.Locales[0])

	log := nginxLog(t, ngx)
	wasm200 := 0
	for _, r := range log {
		if wasmPath.MatchString(r.path) && (r.status == 200 || r.status == 206) {
			wasm200++
		}
		if !strings.HasPrefix(r.path, base) {
			t.Errorf("nginx logged %s, outside %s", r.path, base)
		}
	}
	if wasm200 != 1 {
		sum, lines := total(log)
		t.Errorf("nginx sent app.wasm %d times for two quizzes; want once. All %d bytes:%s", wasm200, sum, lines)
	}

	// Offline.
	ngx.stop(t)
	p.openURL(site+pmo.ID+"/?lang=en", "intro")
	p.checkIntroIn(pmo, "en")
	g = pmo.Golden[1]
	p.runQuicklyIn(pmo, g.Answers)
	p.checkResultIn(pmo, g.Answers, "en")
	p.openURL(site+qa.ID+"/", "intro")
	p.checkIntroIn(qa, qa.Locales[0])
	g = qa.Golden[1%len(qa.Golden)]
	p.runQuicklyIn(qa, g.Answers)
	p.checkResultIn(qa, g.Answers, qa.Locales[0])
}

// nginxAccess matches a line of nginx's access log: "GET /path HTTP/1.1" 200 123.
var nginxAccess = regexp.MustCompile(`"GET (\S+) HTTP/[0-9.]+" (\d{3}) (\d+)`)

// nginxLog is nginx's access log so far.
func nginxLog(t *testing.T, n *nginx) []logged {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(n.dir, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	var out []logged
	for _, line := range strings.Split(string(b), "\n") {
		if m := nginxAccess.FindStringSubmatch(line); m != nil {
			status, _ := strconv.Atoi(m[2])
			bytes, _ := strconv.Atoi(m[3])
			out = append(out, logged{strings.SplitN(m[1], "?", 2)[0], status, bytes})
		}
	}
	return out
}
