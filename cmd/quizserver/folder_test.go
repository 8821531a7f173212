package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// quizFolder writes a folder with the test quiz (id "test-quiz", ja and
// en) and a second one (id "tea", en only), plus extra files (name →
// content).
func quizFolder(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	tea, err := os.ReadFile("../../app/quiz/testdata/valid/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"a-test.toml": string(src), "b-tea.toml": strings.Replace(string(tea), `id = "tiny"`, `id = "tea"`, 1)}
	for k, v := range extra {
		files[k] = v
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFolder: -quiz names a folder: each quiz at /<id>/ with its own page,
// quiz file, manifest and worker; the files they share at the root, once;
// the list of quizzes at / in the visitor's language.
func TestFolder(t *testing.T) {
	s := startServer(t, quizFolder(t, nil), makeWeb(t, nil))

	// The list.
	for _, tt := range []struct {
		path, accept string
		want         []string
	}{
		{"/", "", []string{`<html lang="ja"`, `<title>診断一覧</title>`, `href="/test-quiz/?lang=ja">テスト診断</a>`, `href="/tea/">Tea or coffee?</a>`, `約1分`}},
		{"/", "en-GB,en;q=0.9", []string{`<html lang="en"`, `href="/test-quiz/?lang=en">Test quiz</a>`, `About 1 min`}},
		{"/?lang=ja", "en", []string{`<html lang="ja"`}},
		{"/index.en.html", "ja", []string{`<html lang="en"`}},
		{"/index.html", "en", []string{`<html lang="ja"`}},
	} {
		res, body := get(t, "GET", s.url+tt.path, "Accept-Language", tt.accept)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
			t.Errorf("GET %s = %d, %s, Vary %q; want 200 text/html varying on the language", tt.path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Vary"))
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s (Accept-Language %q) lacks %s:\n%s", tt.path, tt.accept, w, body)
			}
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") {
			t.Errorf("GET %s: CSP %q; want the quiz's", tt.path, csp)
		}
	}

	// Each quiz under its id.
	wasm := map[string]bool{}
	for _, q := range []struct{ id, title string }{{"test-quiz", "テスト診断"}, {"tea", "Tea or coffee?"}} {
		at := "/" + q.id + "/"
		res, page := get(t, "GET", s.url+at)
		if res.StatusCode != 200 || !strings.Contains(page, "<title>"+q.title+"</title>") ||
			!strings.Contains(page, `data-worker="`+at+`app-worker.js"`) || !strings.Contains(page, `data-root="`+at+`"`) ||
			!strings.Contains(page, `<link rel="manifest" href="`+at+`manifest.webmanifest">`) {
			t.Errorf("GET %s = %d; want its page, naming its worker, path and manifest:\n%s", at, res.StatusCode, page)
		}
		// app.wasm, as the page's loader names it (its worker downloads it).
		for _, js := range regexp.MustCompile(`"(/app\.[0-9a-f]{16}\.js)"`).FindAllStringSubmatch(page, -1) {
			_, loader := get(t, "GET", s.url+js[1])
			for _, m := range regexp.MustCompile(`"(/web/app\.[0-9a-f]{16}\.wasm)"`).FindAllStringSubmatch(loader, -1) {
				wasm[m[1]] = true
			}
		}
		if _, body := get(t, "GET", s.url+at+"quiz.toml"); !strings.Contains(body, `id = "`+q.id+`"`) {
			t.Errorf("GET %squiz.toml is not the quiz %s", at, q.id)
		}
		_, mf := get(t, "GET", s.url+at+"manifest.webmanifest")
		var m struct{ Scope, Name string }
		if err := json.Unmarshal([]byte(mf), &m); err != nil || m.Scope != at || m.Name != q.title {
			t.Errorf("GET %smanifest.webmanifest: scope %q, name %q (%v); want %s, %s", at, m.Scope, m.Name, err, at, q.title)
		}
		if _, w := get(t, "GET", s.url+at+"app-worker.js"); !strings.Contains(w, `"`+at+`quiz.toml"`) {
			t.Errorf("GET %sapp-worker.js does not precache its quiz", at)
		}
		// Without its slash: moved there, the query kept.
		noFollow := &http.Client{Timeout: client.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := noFollow.Get(s.url + "/" + q.id + "?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode/100 != 3 || res.Header.Get("Location") != at+"?lang=en" {
			t.Errorf("GET /%s?lang=en = %d, Location %q; want a redirect to %s?lang=en", q.id, res.StatusCode, res.Header.Get("Location"), at)
		}
		if res, _ := get(t, "GET", s.url+at+"nothing"); res.StatusCode != 404 {
			t.Errorf("GET %snothing = %d; want 404", at, res.StatusCode)
		}
	}
	if res, _ := get(t, "GET", s.url+"/test-quiz/index.en.html"); res.StatusCode != 200 {
		t.Errorf("GET /test-quiz/index.en.html = %d; want the English page", res.StatusCode)
	}
	if res, _ := get(t, "GET", s.url+"/tea/index.ja.html"); res.StatusCode != 404 {
		t.Errorf("GET /tea/index.ja.html = %d; want 404 (tea is in English only)", res.StatusCode)
	}
	if len(wasm) != 1 {
		t.Errorf("the quizzes' pages name app.wasm as %v; want one URL for both", wasm)
	}
	for u := range wasm {
		if res, _ := get(t, "GET", s.url+u, "Accept-Encoding", "br"); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s = %d, Cache-Control %q; want 200, kept for good", u, res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/quiz.toml", "/manifest.webmanifest", "/app-worker.js", "/nothing", "/index.ko.html"} {
		if res, _ := get(t, "GET", s.url+p); res.StatusCode != 404 {
			t.Errorf("GET %s = %d; want 404 (a folder's site has no quiz at its root)", p, res.StatusCode)
		}
	}
	if res, _ := get(t, "GET", s.url+"/embed.js"); res.StatusCode != 200 || res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
		t.Errorf("GET /embed.js = %d, CORP %q", res.StatusCode, res.Header.Get("Cross-Origin-Resource-Policy"))
	}
}

// TestFolderRefused: a folder with a broken quiz, or two quizzes with one
// id, is refused at start with every problem at its file and line.
func TestFolderRefused(t *testing.T) {
	web := makeWeb(t, nil)
	src, _ := os.ReadFile("testdata/quiz.toml")
	for _, tt := range []struct {
		name  string
		extra map[string]string
		want  string
	}{
		{"broken", map[string]string{"c-broken.toml": strings.Replace(string(src), `id = "test-quiz"`, "id = \"other\"\ntitel = 1", 1)},
			`(?m)/c-broken\.toml:5:1: quiz\.titel: unknown key "titel"`},
		{"one id twice", map[string]string{"c-copy.toml": string(src)},
			`(?m)/c-copy\.toml:4:1: quiz\.id: the id "test-quiz" is used by .*/a-test\.toml:4:1 already`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"-addr", "127.0.0.1:0", "-quiz", quizFolder(t, tt.extra), "-web", web}, noEnv, &stdout, &stderr)
			if exitCode(err) != 1 || !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("run = %v (exit %d); want exit 1 and a line matching %s", err, exitCode(err), tt.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout = %q; want nothing (it must not start)", stdout.String())
			}
		})
	}
}

// TestFolderDev: with -dev a broken quiz of the folder is served (its page
// is the placeholder the widget fills with the problems, its file as
// saved), the others as usual; its fix shows on the next request, in its
// page and in the list.
func TestFolderDev(t *testing.T) {
	src, _ := os.ReadFile("testdata/quiz.toml")
	broken := strings.Replace(strings.Replace(string(src), `id = "test-quiz"`, `id = "third"`, 1), `kind = "single"`, `kind = "singel"`, 1)
	dir := quizFolder(t, map[string]string{"c-third.toml": broken})
	s := startServer(t, dir, makeWeb(t, nil), "-dev")
	waitStderr(t, s, `c-third\.toml:\d+:\d+: questions\[0\]\.kind: unknown kind "singel"`, "started on a folder with a broken quiz")

	if _, page := get(t, "GET", s.url+"/test-quiz/?lang=en"); !strings.Contains(page, "<title>Test quiz</title>") {
		t.Errorf("the valid quiz's page is not served as usual:\n%s", page)
	}
	res, page := get(t, "GET", s.url+"/third/")
	if res.StatusCode != 200 || !strings.Contains(page, `data-screen="loading"`) || !strings.Contains(page, `data-root="/third/"`) {
		t.Errorf("GET /third/ = %d; want the placeholder page the widget fills with the problems:\n%s", res.StatusCode, page)
	}
	if res, body := get(t, "GET", s.url+"/third/quiz.toml"); res.StatusCode != 200 || body != broken || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("GET /third/quiz.toml = %d, %q; want the file as saved, never cached", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if _, list := get(t, "GET", s.url+"/?lang=en"); !strings.Contains(list, `href="/third/"`) || !strings.Contains(list, "has problems") {
		t.Errorf("the list does not show the broken quiz as such:\n%s", list)
	}

	fixed := strings.Replace(broken, `en = "Test quiz"`, `en = "Third quiz"`, 1)
	write(t, filepath.Join(dir, "c-third.toml"), strings.Replace(fixed, "singel", "single", 1))
	waitStderr(t, s, `c-third\.toml changed: ok`, "after the fix")
	if _, page := get(t, "GET", s.url+"/third/?lang=en"); !strings.Contains(page, "<title>Third quiz</title>") {
		t.Errorf("after the fix, /third/ does not show the quiz:\n%s", page)
	}
	if _, list := get(t, "GET", s.url+"/?lang=en"); !strings.Contains(list, `href="/third/?lang=en">Third quiz</a>`) {
		t.Errorf("after the fix, the list does not show the quiz:\n%s", list)
	}

	// A new id: the quiz keeps its address until a restart, and the server
	// says so.
	write(t, filepath.Join(dir, "c-third.toml"), strings.Replace(strings.Replace(fixed, "singel", "single", 1), `id = "third"`, `id = "fourth"`, 1))
	waitStderr(t, s, `c-third\.toml its id is now "fourth": the quiz stays at /third/ until the server is restarted \(then it is at /fourth/\)`, "after a change of id")
	if res, _ := get(t, "GET", s.url+"/third/?lang=en"); res.StatusCode != 200 {
		t.Errorf("after a change of id, GET /third/ = %d; want the quiz there until a restart", res.StatusCode)
	}
}

// TestFolderNoRequestOnAVisitorsBehalf: the hostile requests of
// TestNoRequestOnAVisitorsBehalf, at the root and under each quiz's path,
// against a folder's site: no connection to the foreign host, nothing
// from it, no server error.
func TestFolderNoRequestOnAVisitorsBehalf(t *testing.T) {
	s := startServer(t, quizFolder(t, nil), makeWeb(t, map[string]string{"robots.txt": "User-agent: *\n"}))
	_, w := get(t, "GET", s.url+"/test-quiz/app-worker.js")
	m := regexp.MustCompile(`(?m)^const version = "([0-9a-f]{16})";$`).FindStringSubmatch(w)
	if m == nil {
		t.Fatalf("/test-quiz/app-worker.js names no version")
	}
	foreign := startForeignHost(t)
	c := viaProxy(t, s.url)
	for _, prefix := range []string{"", "/test-quiz", "/tea"} {
		for _, path := range hostilePaths(m[1]) {
			res, body := hostileGet(t, c, foreign.URL, prefix+path)
			if strings.Contains(body, "foreign") || strings.Contains(body, strings.TrimPrefix(foreign.URL, "http://")) || res.StatusCode >= 500 {
				t.Errorf("GET %s with a foreign Host = %d %q; want nothing from or about the foreign host", prefix+path, res.StatusCode, body)
			}
		}
	}
	if n := foreign.conns.Load(); n != 0 {
		t.Fatalf("the server opened %d connections to the foreign host; want none", n)
	}
}
