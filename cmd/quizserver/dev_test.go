package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startDevServer runs the server with -dev on a copy of testdata/quiz.toml
// (changed by edit, when given) and returns it with the copy's path.
func startDevServer(t *testing.T, edit func(string) string) (*testServer, string) {
	t.Helper()
	src, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "quiz.toml")
	body := string(src)
	if edit != nil {
		body = edit(body)
	}
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return startServer(t, file, makeWeb(t, nil), "-dev"), file
}

// waitStderr waits until the server's stderr matches re.
func waitStderr(t *testing.T, s *testServer, re string, after string) {
	t.Helper()
	r := regexp.MustCompile(re)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if r.MatchString(s.stderr.String()) {
			return
		}
	}
	t.Fatalf("%s, stderr should match %q within 5s; it is:\n%s", after, re, s.stderr)
}

func write(t *testing.T, file, body string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDevServesTheFileAsSaved: with -dev, every save is what the next
// request gets, never a cached copy; a valid save is reported "ok" on
// stderr, an invalid one with its positioned problems, and is served all the
// same (the widget shows the problems in the page).
func TestDevServesTheFileAsSaved(t *testing.T) {
	s, file := startDevServer(t, nil)
	orig, _ := os.ReadFile(file)

	res, body := get(t, "GET", s.url+"/quiz.toml")
	if res.StatusCode != http.StatusOK || body != string(orig) {
		t.Fatalf("GET /quiz.toml: %d, %d bytes; want 200 and the file", res.StatusCode, len(body))
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("GET /quiz.toml: Cache-Control %q; want no-store (a reload must see the next save)", cc)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/toml") {
		t.Errorf("GET /quiz.toml: Content-Type %q; want application/toml", ct)
	}

	edited := strings.Replace(string(orig), `en = "Test quiz"`, `en = "Edited quiz"`, 1)
	write(t, file, edited)
	if _, body := get(t, "GET", s.url+"/quiz.toml"); body != edited {
		t.Errorf("after a save, GET /quiz.toml still serves the old file")
	}
	waitStderr(t, s, `quiz\.toml changed: ok`, "after a valid save")
	if _, page := get(t, "GET", s.url+"/?lang=en"); !strings.Contains(page, "Edited quiz") {
		t.Errorf("after a valid save, the prerendered page does not show the new title")
	}

	broken := strings.Replace(edited, `id = "test-quiz"`, `id = "test-quiz"`+"\ntitel = 1", 1)
	write(t, file, broken)
	waitStderr(t, s, `(?m)changed and has problems.*\n.*quiz\.toml:5:1: quiz\.titel: unknown key "titel" \(did you mean "title"\?\)`, "after an invalid save")
	res, body = get(t, "GET", s.url+"/quiz.toml")
	if res.StatusCode != http.StatusOK || body != broken {
		t.Errorf("an invalid save: GET /quiz.toml = %d; want 200 and the file as saved (the page shows its problems)", res.StatusCode)
	}
	if _, page := get(t, "GET", s.url+"/?lang=en"); strings.Contains(page, "Edited quiz") {
		t.Errorf("while the file is invalid, the prerendered page still shows the last valid quiz")
	}
}

// TestDevStartsWithAnInvalidQuiz: -dev reports an invalid file and serves
// anyway, waiting for the fix; without -dev the server refuses to start.
func TestDevStartsWithAnInvalidQuiz(t *testing.T) {
	breakIt := func(s string) string { return strings.Replace(s, `kind = "single"`, `kind = "singel"`, 1) }
	s, file := startDevServer(t, breakIt)
	waitStderr(t, s, `quiz\.toml:\d+:\d+: questions\[0\]\.kind: unknown kind "singel"`, "started on an invalid file")
	if res, _ := get(t, "GET", s.url+"/"); res.StatusCode != http.StatusOK {
		t.Errorf("GET / = %d; want 200 (the widget shows the problems)", res.StatusCode)
	}
	src, _ := os.ReadFile(file)
	write(t, file, strings.Replace(string(src), "singel", "single", 1))
	waitStderr(t, s, `quiz\.toml changed: ok`, "after the fix")

	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-quiz", file + ".broken", "-web", makeWeb(t, nil)}, noEnv, new(syncBuffer), new(syncBuffer))
	if err == nil {
		t.Errorf("without -dev, a missing quiz file: run returned nil; want an error")
	}
	write(t, file, breakIt(string(src)))
	err = run(context.Background(), []string{"-addr", "127.0.0.1:0", "-quiz", file, "-web", makeWeb(t, nil)}, noEnv, new(syncBuffer), new(syncBuffer))
	if err == nil || !strings.Contains(err.Error(), `unknown kind "singel"`) {
		t.Errorf("without -dev, an invalid quiz: run = %v; want its problems", err)
	}
}

// TestDevKeepsTheQuizOutOfTheWorker: the service worker answers from its
// cache first, so in -dev it must not precache the quiz file.
func TestDevKeepsTheQuizOutOfTheWorker(t *testing.T) {
	s, _ := startDevServer(t, nil)
	_, worker := get(t, "GET", s.url+"/app-worker.js")
	if !regexp.MustCompile(`"/web/app\.[0-9a-f]{16}\.wasm"`).MatchString(worker) {
		t.Fatalf("app-worker.js has no precache list:\n%s", worker)
	}
	if strings.Contains(worker, `"/quiz.toml"`) {
		t.Errorf("in -dev, app-worker.js precaches /quiz.toml: reloads would get the cached file")
	}
	plain := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	if _, worker := get(t, "GET", plain.url+"/app-worker.js"); !strings.Contains(worker, `"/quiz.toml"`) {
		t.Errorf("without -dev, app-worker.js does not precache /quiz.toml (offline use needs it; or this test looks for the wrong string)")
	}
}

// TestDevSharePagesFollowTheFile: with -dev, a share page shows the quiz as
// saved: a path's new title, a new path's page, none for a path removed; it
// names no image (those drawn at start show the texts of then), and an
// image drawn at start is still served.
func TestDevSharePagesFollowTheFile(t *testing.T) {
	s, file := startDevServer(t, nil)
	orig, _ := os.ReadFile(file)
	const pm = "/share/pm.strong.en.html"
	if res, body := get(t, "GET", s.url+pm); res.StatusCode != 200 || !strings.Contains(body, ">PM<") {
		t.Fatalf("GET %s at start: %d; want the PM page", pm, res.StatusCode)
	}

	edited := strings.Replace(string(orig), `title = { ja = "PM", en = "PM" }`, `title = { ja = "PM", en = "Project lead" }`, 1)
	edited = regexp.MustCompile(`\bpmo\b`).ReplaceAllString(edited, "coordinator") // the path's id, where it is named
	if edited == string(orig) {
		t.Fatal("the test's edit changed nothing in testdata/quiz.toml")
	}
	write(t, file, edited)
	waitStderr(t, s, `quiz\.toml changed: ok`, "after a valid save")
	res, body := get(t, "GET", s.url+pm)
	if res.StatusCode != 200 || !strings.Contains(body, "Project lead") || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET %s after the save: %d, Cache-Control %q; want the new title, revalidated", pm, res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if strings.Contains(body, "og:image") {
		t.Errorf("GET %s after the save names an image drawn for the old texts", pm)
	}
	if res, body := get(t, "GET", s.url+"/share/coordinator.strong.html"); res.StatusCode != 200 || !strings.Contains(body, "PMO") {
		t.Errorf("GET the renamed path's share page: %d; want its page", res.StatusCode)
	}
	if res, _ := get(t, "GET", s.url+"/share/pmo.strong.html"); res.StatusCode != 404 {
		t.Errorf("GET the removed path's share page: %d; want 404", res.StatusCode)
	}
	if !strings.Contains(s.stderr.String(), "no share images") {
		if res, body := get(t, "GET", s.url+"/share/pm.strong.en.png"); res.StatusCode != 200 || !strings.HasPrefix(body, "\x89PNG") {
			t.Errorf("GET an image drawn at start, after the save: %d; want it still served", res.StatusCode)
		}
	}
}
