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
		"app.css": "body{}", "storage-guard.js": "//", "embed.js": "//", "icon.svg": "<svg/>",
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
		"index.html", "index.html.br", "index.html.gz", "app.js", "app.js.br", "app-worker.js", "app-worker.js.gz",
		"app.css", "wasm_exec.js", "manifest.webmanifest", "manifest.webmanifest.br", "quiz.toml", "quiz.toml.gz",
		"embed.js", "web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz", "web/app.css.br", "web/icon-192.png",
		"web/storage-guard.js",
	} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export lacks %s", name)
		}
	}
	for _, name := range []string{"web/.hidden", "web/app.wasm.123.tmp", "web/icon-192.png.gz"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("the export has %s", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "web/app.wasm.br")); string(b) != "br" {
		t.Errorf("web/app.wasm.br = %q; want the up-to-date copy from the web directory", b)
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if !strings.Contains(string(worker), `"/careers/pmo-quiz/"`) || !strings.Contains(string(worker), "ignoreSearch") {
		t.Errorf("app-worker.js is not ours or does not precache the base path:\n%s", worker)
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
	write("index.html", `<link href="/b/app.css"><link href="/b/web/i.png"><script src="/b/app.js"></script><script src="/b/wasm_exec.js"></script><link rel="manifest" href="/b/manifest.webmanifest">`)
	write("app.css", "")
	write("web/i.png", "")
	write("wasm_exec.js", "")
	write("app-worker.js", "const resourcesToCache = [\"/b/\",\"/b/app.js\"];\n")
	write("app.js", "const goappEnv = {\"GOAPP_ROOT_PREFIX\":\"/b/\",\"GOAPP_STATIC_RESOURCES_URL\":\"/b/web\"};\nregister(\n \"/b/app-worker.js\");\nfetchWithProgress(\"/b/web/i.png\", x);\n")
	write("manifest.webmanifest", `{"id":"/b/","start_url":"/b/","scope":"/b/","icons":[{"src":"/b/web/i.png"}]}`)
	if err := checkURLs(dir, base); err != nil {
		t.Fatalf("a self-contained export: %v", err)
	}

	// go-app's own manifest and a URL outside the base, or naming nothing.
	write("manifest.webmanifest", `{"start_url":"/b","scope":"/","icons":[{"src":"/b/web/gone.png"}]}`)
	write("index.html", `<link href="/app.css"><link href="/b/web/i.png"><script src="/b/app.js"></script><script src="/b/wasm_exec.js"></script><link rel="manifest" href="/b/manifest.webmanifest">`)
	err := checkURLs(dir, base)
	if err == nil {
		t.Fatal("checkURLs accepts URLs outside the base")
	}
	for _, want := range []string{`"/app.css" is not under /b/`, `scope "/"`, `"/b/web/gone.png" names no file`} {
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
