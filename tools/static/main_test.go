package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeWeb writes a web directory with every file the pages need and a
// stand-in app.wasm with up-to-date compressed copies.
func fakeWeb(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"app.wasm": "\x00asm\x01\x00\x00\x00 fake", "app.wasm.br": "br", "app.wasm.gz": "gz",
		"app.css": "body{}", "embed.js": "//", "icon.svg": "<svg/>",
		"icon-192.png": "png", "icon-512.png": "png", "icon-maskable-512.png": "png",
		".hidden": "no", "app.wasm.123.tmp": "no",
	}
	old := time.Now().Add(-time.Hour)
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if name == "app.wasm" {
			os.Chtimes(p, old, old)
		}
	}
	return dir
}

func TestExport(t *testing.T) {
	if _, err := exec.LookPath("brotli"); err != nil {
		t.Skip("brotli not installed (tools/deps.sh build installs it)")
	}
	web := fakeWeb(t)
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	args := []string{"-base", "careers/pmo-quiz", "-out", out, "-quiz", "../../app/quiz/testdata/valid/base.toml", "-web", web}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run(%q): %v\n%s", args, err, stderr.String())
	}
	for _, name := range []string{
		"index.html", "index.html.br", "index.html.gz", "index.en.html", "app-worker.js", "app-worker.js.gz",
		"manifest.webmanifest", "manifest.webmanifest.br", "quiz.toml", "quiz.toml.gz",
		"embed.js", "web/icon-192.png",
	} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export lacks %s", name)
		}
	}
	// The build's files by their content's hash only: the page and the
	// worker name them so.
	for _, pattern := range []string{"app.*.js", "wasm_exec.*.js", "web/app.*.css", "web/app.*.css.br", "web/app.*.wasm", "web/app.*.wasm.br", "web/app.*.wasm.gz"} {
		if m, _ := filepath.Glob(filepath.Join(out, pattern)); len(m) != 1 {
			t.Errorf("the export has %d files %s; want 1", len(m), pattern)
		}
	}
	for _, name := range []string{"web/.hidden", "web/app.wasm.123.tmp", "web/icon-192.png.gz", "web/app.wasm", "app.js", "app.css"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("the export has %s", name)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(out, "web/app.*.wasm.br")); len(m) == 0 {
		t.Errorf("no app.wasm brotli copy")
	} else if b, _ := os.ReadFile(m[0]); string(b) != "br" {
		t.Errorf("%s = %q; want the up-to-date copy from the web directory", m[0], b)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "share", "*.html")); len(m) != 8 {
		t.Errorf("the export has %d share pages; want 8 (2 paths × 2 bands × 2 languages)", len(m))
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if !strings.Contains(string(worker), `"/careers/pmo-quiz/index.html"`) || !strings.Contains(string(worker), "function locale(url)") {
		t.Errorf("app-worker.js is not ours or does not precache the page:\n%s", worker)
	}

	// Again over the first export: replaced.
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("a second export over the first: %v", err)
	}
	// Never over anything else.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "precious.txt"), []byte("keep"), 0o644)
	args[3] = other
	if err := run(args, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("exporting over a directory that is not an export: %v; want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(other, "precious.txt")); err != nil {
		t.Errorf("the refused directory lost its file: %v", err)
	}
}

func TestCheckURLs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	const base = "/b/"
	write("index.html", `<link href="/b/app.css"><link href="/b/web/i.png"><script src="/b/app.0123456789abcdef.js" data-worker="/b/app-worker.js" data-root="/b/"></script><script src="/b/wasm_exec.js"></script><link rel="manifest" href="/b/manifest.webmanifest">`)
	write("app.css", "")
	write("web/i.png", "")
	write("wasm_exec.js", "")
	write("app-worker.js", "const pages = {\"ja\":\"/b/index.html\"};\nconst resourcesToCache = [\"/b/quiz.toml\"];\nconst immutable = [\"/b/app.0123456789abcdef.js\"];\n")
	write("quiz.toml", "")
	write("app.0123456789abcdef.js", "(function () {\n  var config = {\"wasm\":\"/b/web/i.png\",\"env\":{\"GOAPP_STATIC_RESOURCES_URL\":\"/b/web\"}};\n")
	write("manifest.webmanifest", `{"id":"/b/","start_url":"/b/","scope":"/b/","icons":[{"src":"/b/web/i.png"}]}`)
	write("share/pm.high.html", `<link href="/b/app.css"><script src="/b/app.0123456789abcdef.js"></script><a href="/b/?lang=ja">take</a><a href="/b/?lang=ja">full</a>`)
	if err := checkURLs(dir, base, []string{""}, false); err != nil {
		t.Fatalf("a self-contained export: %v", err)
	}

	// go-app's own manifest and a URL outside the base, or naming nothing.
	write("manifest.webmanifest", `{"start_url":"/b","scope":"/","icons":[{"src":"/b/web/gone.png"}]}`)
	write("index.html", `<link href="/app.css"><link href="/b/web/i.png"><script src="/b/app.0123456789abcdef.js" data-worker="/b/gone.js" data-root="/b/"></script><script src="/b/wasm_exec.js"></script><link rel="manifest" href="/b/manifest.webmanifest">`)
	write("share/pm.high.html", `<link href="/b/app.css"><script src="/b/share.js"></script><a href="/?lang=ja">take</a><a href="/b/?lang=ja">full</a>`)
	err := checkURLs(dir, base, []string{""}, false)
	if err == nil {
		t.Fatal("checkURLs accepts URLs outside the base")
	}
	for _, want := range []string{`"/app.css" is not under /b/`, `scope "/"`, `"/b/web/gone.png" names no file`, `"/b/gone.js" names no file`,
		`share/pm.high.html: "/b/share.js" names no file`, `share/pm.high.html: "/?lang=ja" is not under /b/`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("checkURLs error lacks %q:\n%v", want, err)
		}
	}
}

// The README's nginx server block is the one the browser tests run.
func TestReadmeNginxBlock(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile("nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```nginx\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```nginx block")
	}
	if block != string(conf) {
		t.Errorf("README.md's nginx block differs from tools/static/nginx.conf (which the browser tests run): copy the file into the README")
	}
}

// TestExportFolder: a folder of quizzes exports into one site: each quiz
// under base/<id>/ with its own pages, quiz file, manifest and worker, one
// app.wasm (and app.js, app.css) for all at the base, the list at the base.
func TestExportFolder(t *testing.T) {
	if _, err := exec.LookPath("brotli"); err != nil {
		t.Skip("brotli not installed (tools/deps.sh build installs it)")
	}
	web := fakeWeb(t)
	quizzes := t.TempDir()
	for name, src := range map[string]string{"a.toml": "base.toml", "b.toml": "minimal.toml"} {
		b, err := os.ReadFile("../../app/quiz/testdata/valid/" + src)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(quizzes, name), b, 0o644)
	}
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	args := []string{"-base", "/careers/", "-out", out, "-quiz", quizzes, "-web", web}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run(%q): %v\n%s", args, err, stderr.String())
	}
	for _, name := range []string{
		"index.html", "index.html.br", "index.en.html", "embed.js",
		"base/index.html", "base/index.en.html", "base/quiz.toml", "base/quiz.toml.br", "base/manifest.webmanifest", "base/app-worker.js",
		"tiny/index.html", "tiny/quiz.toml", "tiny/manifest.webmanifest", "tiny/app-worker.js.gz",
	} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export lacks %s", name)
		}
	}
	for _, name := range []string{"quiz.toml", "app-worker.js", "manifest.webmanifest", "tiny/index.ja.html", "base/web", "tiny/web"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("the export has %s", name)
		}
	}
	for _, pattern := range []string{"app.*.js", "wasm_exec.*.js", "web/app.*.css", "web/app.*.wasm", "web/app.*.wasm.br", "*/app.*.js", "*/web/app.*.wasm"} {
		want := 1
		if strings.HasPrefix(pattern, "*/") {
			want = 0
		}
		if m, _ := filepath.Glob(filepath.Join(out, pattern)); len(m) != want {
			t.Errorf("the export has %d files %s; want %d", len(m), pattern, want)
		}
	}
	for _, want := range []string{"for /careers/", "a.toml at /careers/base/", "b.toml at /careers/tiny/"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}

	// One id twice: refused, the earlier export kept.
	b, _ := os.ReadFile(filepath.Join(quizzes, "a.toml"))
	os.WriteFile(filepath.Join(quizzes, "c.toml"), b, 0o644)
	err := run(args, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), `c.toml:2:1: quiz.id: the id "base" is used by `) {
		t.Errorf("a folder with one id twice: %v; want the problem at c.toml's id", err)
	}
	if _, err := os.Stat(filepath.Join(out, "base", "quiz.toml")); err != nil {
		t.Errorf("a refused export removed the earlier one: %v", err)
	}
}

// TestCheckURLsFolder: the list links to each quiz of the export; a
// link to one that is not there is a problem.
func TestCheckURLsFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	write("index.html", `<link href="/b/app.css"><a href="/b/q/?lang=ja">Q</a><a href="/b/gone/">Gone</a>`)
	write("app.css", "")
	write("q/index.html", `<link href="/b/app.css"><script src="/b/app.0123456789abcdef.js" data-worker="/b/q/app-worker.js" data-root="/b/"></script><script src="/b/wasm_exec.js"></script><link rel="manifest" href="/b/q/manifest.webmanifest"><link href="/b/web/i.png">`)
	write("web/i.png", "")
	write("wasm_exec.js", "")
	write("q/app-worker.js", "const pages = {\"ja\":\"/b/index.html\"};\nconst resourcesToCache = [\"/b/q/quiz.toml\"];\nconst immutable = [\"/b/app.0123456789abcdef.js\"];\n")
	write("q/quiz.toml", "")
	write("app.0123456789abcdef.js", "(function () {\n  var config = {\"wasm\":\"/b/web/i.png\",\"env\":{\"GOAPP_STATIC_RESOURCES_URL\":\"/b/web\"}};\n")
	write("q/manifest.webmanifest", `{"id":"/b/q/","start_url":"/b/q/","scope":"/b/q/","icons":[{"src":"/b/web/i.png"}]}`)
	err := checkURLs(dir, "/b/", []string{"q/"}, true)
	if err == nil {
		t.Fatal("checkURLs accepts a list linking to a missing quiz and a quiz with another's path")
	}
	for _, want := range []string{`index.html: "/b/gone/" names no file`, `q/index.html: app.js's data-root is [ data-root="/b/" /b/]; want /b/q/`, `q/app-worker.js: page "/b/index.html" is not in the quiz's scope /b/q/`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("checkURLs error lacks %q:\n%v", want, err)
		}
	}
}
