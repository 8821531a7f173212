package webapp

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

const testQuizFile = "../quiz/testdata/valid/base.toml"

// hashed finds a content hash in a file's name.
var hashed = regexp.MustCompile(`\.[0-9a-f]{16}\.`)

// writeWeb writes a web directory: files by name, each dated mtime[name]
// when given, else an hour ago.
func writeWeb(t *testing.T, files map[string]string, mtime map[string]time.Time) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		when, ok := mtime[name]
		if !ok {
			when = time.Now().Add(-time.Hour)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func webFiles() map[string]string {
	css := strings.Repeat(".a { color: red }\n", 50)
	return map[string]string{
		"app.wasm": "\x00asm\x01\x00\x00\x00 wasm", "app.wasm.br": "fresh br", "app.wasm.gz": "stale gz",
		"app.css": css, "embed.js": "// loader", "icon.svg": "<svg/>",
		"icon-192.png": "png", "icon-512.png": "png", "icon-maskable-512.png": "png",
		"fonts/a.woff2": "woff2", ".hidden": "no", "app.wasm.123.tmp": "no", ".git/config": "no",
	}
}

func unbrotli(t *testing.T, b []byte) string {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestLoad(t *testing.T) {
	built := time.Now().Add(-time.Hour)
	web := writeWeb(t, webFiles(), map[string]time.Time{"app.wasm.br": built.Add(time.Second), "app.wasm.gz": built.Add(-time.Second)})
	s, err := Load(Options{QuizFile: testQuizFile, WebDir: web, Base: "/", Build: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Quizzes) != 1 || s.Quizzes[0].Path != "/" || s.Folder || s.Index != nil {
		t.Fatalf("a quiz file gives %d quizzes, the first at %q, folder %v; want one at /, no list", len(s.Quizzes), s.Quizzes[0].Path, s.Folder)
	}
	pages := s.Quizzes[0].Pages

	// The compressed copies' rule: a fresh one is used, a stale one not.
	if string(s.Wasm.Br) != "fresh br" || s.Wasm.Gzip != nil {
		t.Errorf("app.wasm copies: br %q, gzip %q; want the fresh .br and no .gz (older than app.wasm)", s.Wasm.Br, s.Wasm.Gzip)
	}
	if !slices.ContainsFunc(s.Warnings, func(w string) bool { return strings.Contains(w, "app.wasm.gz is older than app.wasm") }) {
		t.Errorf("warnings %q; want one about the stale app.wasm.gz", s.Warnings)
	}

	var paths []string
	for p := range s.Files {
		if !strings.HasPrefix(p, "/share/") { // share_test.go
			paths = append(paths, hashed.ReplaceAllString(p, ".HASH."))
		}
	}
	slices.Sort(paths)
	want := []string{"/app-worker.js", "/app.HASH.js", "/app.js", "/compile.HASH.js", "/compile.js", "/embed.js", "/manifest.webmanifest", "/quiz.toml",
		"/share.HASH.js", "/share.js", "/wasm_exec.HASH.js", "/wasm_exec.js",
		"/web/app.HASH.css", "/web/app.HASH.wasm", "/web/app.css", "/web/app.wasm", "/web/embed.js", "/web/fonts/a.woff2",
		"/web/icon-192.png", "/web/icon-512.png", "/web/icon-maskable-512.png", "/web/icon.svg"}
	if !slices.Equal(paths, want) {
		t.Errorf("files:\n%q\nwant\n%q", paths, want)
	}
	// The build's files by their content's hash: the same files, named
	// so by the page (the share pages' script by those pages, app.wasm
	// and its compiler by the page's loader).
	for _, p := range Hashed {
		h := s.Hashed[p]
		page := pages["ja"]
		switch p {
		case ShareScript:
			page = s.Files["/share/pm.high.html"]
		case "/web/app.wasm", CompileScript:
			page = s.Files["/app.js"]
		}
		if s.Files[h] != s.Files[p] || !s.Immutable(h) || s.Immutable(p) || !strings.Contains(string(page.Data), `"`+h+`"`) {
			t.Errorf("%s as %s: same file %v, immutable %v (and %v for %s), named by the page %v", p, h, s.Files[h] == s.Files[p], s.Immutable(h), s.Immutable(p), p, strings.Contains(string(page.Data), h))
		}
	}

	// Text is compressed here, images are not.
	for _, p := range []string{"/web/app.css", "/app.js", "/quiz.toml", "/manifest.webmanifest"} {
		f := s.Files[p]
		if f.Br == nil || f.Gzip == nil || unbrotli(t, f.Br) != string(f.Data) || gunzip(t, f.Gzip) != string(f.Data) {
			t.Errorf("%s: brotli and gzip copies missing or not the file", p)
		}
	}
	if f := s.Files["/web/icon-192.png"]; f.Br != nil || f.Gzip != nil || f.ContentType != "image/png" {
		t.Errorf("icon-192.png: copies %v %v, type %q; want none, image/png", f.Br != nil, f.Gzip != nil, f.ContentType)
	}

	// One page per language, compressed too.
	if len(pages) != 2 || pages["ja"] == nil || pages["en"] == nil {
		t.Fatalf("pages %v; want ja and en", pages)
	}
	for locale, f := range pages {
		if !strings.Contains(string(f.Data), `<html lang="`+locale+`"`) || unbrotli(t, f.Br) != string(f.Data) {
			t.Errorf("the %s page is not in %s, or its brotli copy differs", locale, locale)
		}
	}
	if !strings.Contains(string(s.Files["/app-worker.js"].Data), `"/quiz.toml"`) {
		t.Errorf("app-worker.js does not precache the quiz")
	}
}

func TestLoadVersion(t *testing.T) {
	files := webFiles()
	load := func(t *testing.T, web map[string]string, quizSrc string) string {
		t.Helper()
		q := filepath.Join(t.TempDir(), "quiz.toml")
		if err := os.WriteFile(q, []byte(quizSrc), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Load(Options{QuizFile: q, WebDir: writeWeb(t, web, nil), Base: "/", Build: "test"})
		if err != nil {
			t.Fatal(err)
		}
		v := s.Quizzes[0].Version
		if !strings.Contains(string(s.Files["/app-worker.js"].Data), v) {
			t.Errorf("app-worker.js does not name version %s", v)
		}
		return v
	}
	src, err := os.ReadFile(testQuizFile)
	if err != nil {
		t.Fatal(err)
	}
	v := load(t, files, string(src))
	with := func(k, v string) map[string]string {
		m := webFiles()
		m[k] = v
		return m
	}
	for _, tt := range []struct {
		name string
		web  map[string]string
		quiz string
		same bool
	}{
		{"nothing changed", files, string(src), true},
		{"copies rebuilt", with("app.wasm.br", "other"), string(src), true},
		{"dot file", with(".DS_Store", "x"), string(src), true},
		{"quiz edited", files, string(src) + "\n# edited\n", false},
		{"app.wasm rebuilt", with("app.wasm", "\x00asm new"), string(src), false},
		{"css edited", with("app.css", "p{}"), string(src), false},
		{"file added", with("fonts/b.woff2", "b"), string(src), false},
	} {
		if got := load(t, tt.web, tt.quiz); (got == v) != tt.same {
			t.Errorf("%s: version %s, before %s; want same = %v", tt.name, got, v, tt.same)
		}
	}
}

func TestLoadProblems(t *testing.T) {
	web := writeWeb(t, webFiles(), nil)
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("[quiz]\nid = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(Options{QuizFile: bad, WebDir: web, Base: "/"}); err == nil || !strings.Contains(err.Error(), "bad.toml:") {
		t.Errorf("Load of a broken quiz = %v; want its positioned problems", err)
	}
	s, err := Load(Options{QuizFile: bad, WebDir: web, Base: "/", Dev: true})
	if err != nil || s.Quizzes[0].QuizErr == nil || s.Quizzes[0].Quiz == nil {
		t.Fatalf("Load (Dev) of a broken quiz = %v; want a site with the problems and a placeholder quiz", err)
	}
	if strings.Contains(string(s.Files["/app-worker.js"].Data), `"/quiz.toml"`) {
		t.Errorf("Dev: app-worker.js precaches the quiz; the live preview needs it fresh")
	}
	if _, err := Load(Options{QuizFile: testQuizFile, WebDir: t.TempDir(), Base: "/"}); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("Load without app.wasm = %v; want an error saying to build it", err)
	}
	files := webFiles()
	delete(files, "icon-192.png")
	s, err = Load(Options{QuizFile: testQuizFile, WebDir: writeWeb(t, files, nil), Base: "/"})
	if err != nil || !slices.Equal(s.Missing, []string{IconDefault}) {
		t.Errorf("Load without an icon = %v, missing %q; want the site, missing %s", err, s.Missing, IconDefault)
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"/":                     "text/html; charset=utf-8",
		"/app.js":               "text/javascript; charset=utf-8",
		"/web/app.css":          "text/css; charset=utf-8",
		"/web/app.wasm":         "application/wasm",
		"/quiz.toml":            "application/toml; charset=utf-8",
		"/manifest.webmanifest": "application/manifest+json",
		"/robots.txt":           "text/plain; charset=utf-8",
		"/web/icon.svg":         "image/svg+xml",
		"/web/icon-192.png":     "image/png",
		"/web/x.unknown-ext":    "application/octet-stream",
		"/web/LICENSE":          "application/octet-stream",
	} {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q; want %q", name, got, want)
		}
	}
}
