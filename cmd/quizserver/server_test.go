package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fake web directory's app.wasm and its "compressed" copies: distinct
// bytes, so a test sees which one was served.
var fakeWeb = map[string]string{
	"app.wasm":              "\x00asm\x01\x00\x00\x00 raw wasm",
	"app.wasm.br":           "brotli bytes",
	"app.wasm.gz":           "gzip bytes",
	"app.css":               "body { margin: 0 }\n",
	"icon-192.png":          "png 192",
	"icon-512.png":          "png 512",
	"icon-maskable-512.png": "png maskable",
	"icon.svg":              "<svg/>",
	"embed.js":              "/* loader */",
}

// makeWeb writes a web directory with fakeWeb's files, changed by edit
// (an empty value deletes a file, a new name adds one). The compressed
// copies are a second newer than app.wasm, as after a build.
func makeWeb(t testing.TB, edit map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	built := time.Now().Add(-time.Hour)
	files := maps.Clone(fakeWeb)
	maps.Copy(files, edit)
	for name, body := range files {
		if body == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		mtime := built
		if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			mtime = built.Add(time.Second)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a server started by run.
type testServer struct {
	url    string
	stdout *syncBuffer
	stderr *syncBuffer
	stop   func() error // cancels run's context and returns its error
}

// client never adds Accept-Encoding or decompresses: the tests set and
// check encodings themselves.
var client = &http.Client{
	Transport: &http.Transport{DisableCompression: true},
	Timeout:   10 * time.Second,
}

var listenLine = regexp.MustCompile(`^listening on (http://127\.0\.0\.1:[1-9][0-9]*)\n$`)

// startServer runs the server on a free port of 127.0.0.1 with quizFile,
// webDir and any extra flags, and waits until /healthz answers. It stops at
// the end of the test.
func startServer(t *testing.T, quizFile, webDir string, extra ...string) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := new(syncBuffer), new(syncBuffer)
	done := make(chan error, 1)
	args := append([]string{"-addr", "127.0.0.1:0", "-quiz", quizFile, "-web", webDir}, extra...)
	go func() { done <- run(ctx, args, noEnv, stdout, stderr) }()

	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(5 * time.Second):
				t.Errorf("run did not return within 5s of its context being cancelled")
			}
		})
		return runErr
	}
	t.Cleanup(func() { stop() })

	var url string
	deadline := time.Now().Add(10 * time.Second)
	for ; time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("run(%q) = %v before serving; stderr:\n%s", args, err, stderr)
		default:
		}
		if url == "" {
			out := stdout.String()
			if !strings.HasSuffix(out, "\n") {
				continue
			}
			m := listenLine.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("run(%q) stdout = %q; want exactly one line %q", args, out, "listening on http://127.0.0.1:PORT")
			}
			url = m[1]
		}
		if res, err := client.Get(url + "/healthz"); err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK && string(body) == "ok" {
				return &testServer{url: url, stdout: stdout, stderr: stderr, stop: stop}
			}
		}
	}
	t.Fatalf("server did not answer /healthz with 200 ok within 10s; stdout %q, stderr:\n%s", stdout, stderr)
	return nil
}

// get requests url with the method and headers (name, value, …).
func get(t *testing.T, method, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestWasmEncodings(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	url := s.url + "/web/app.wasm"
	tests := []struct {
		accept   string
		encoding string // "" = identity
		body     string
	}{
		{"br", "br", fakeWeb["app.wasm.br"]},
		{"gzip, deflate, br, zstd", "br", fakeWeb["app.wasm.br"]},
		{"gzip", "gzip", fakeWeb["app.wasm.gz"]},
		{"br;q=0, gzip", "gzip", fakeWeb["app.wasm.gz"]},
		{"", "", fakeWeb["app.wasm"]},
		{"identity", "", fakeWeb["app.wasm"]},
		{"deflate", "", fakeWeb["app.wasm"]},
	}
	etags := map[string]string{} // encoding → ETag
	for _, tt := range tests {
		res, body := get(t, "GET", url, "Accept-Encoding", tt.accept)
		h := res.Header
		if res.StatusCode != 200 || body != tt.body || h.Get("Content-Encoding") != tt.encoding {
			t.Errorf("GET app.wasm, Accept-Encoding %q = %d, Content-Encoding %q, body %q; want 200, %q, %q",
				tt.accept, res.StatusCode, h.Get("Content-Encoding"), body, tt.encoding, tt.body)
		}
		for _, hv := range [][2]string{{"Content-Type", "application/wasm"}, {"Vary", "Accept-Encoding"}, {"Cache-Control", "no-cache"}} {
			if got := h.Get(hv[0]); got != hv[1] {
				t.Errorf("GET app.wasm, Accept-Encoding %q: %s = %q; want %q", tt.accept, hv[0], got, hv[1])
			}
		}
		etag := h.Get("ETag")
		if !regexp.MustCompile(`^"[^"]+"$`).MatchString(etag) {
			t.Errorf("GET app.wasm, Accept-Encoding %q: ETag = %q; want a strong ETag", tt.accept, etag)
		}
		if prev, ok := etags[tt.encoding]; ok && prev != etag {
			t.Errorf("GET app.wasm (%q): ETag = %s, earlier %s for the same encoding; want it stable", tt.encoding, etag, prev)
		}
		etags[tt.encoding] = etag
	}
	if etags["br"] == etags["gzip"] || etags["br"] == etags[""] || etags["gzip"] == etags[""] {
		t.Errorf("app.wasm ETags by encoding = %q; want them all different", etags)
	}

	t.Run("If-None-Match", func(t *testing.T) {
		tests := []struct {
			accept, ifNoneMatch string
			want                int
		}{
			{"br", etags["br"], 304},
			{"gzip", etags["gzip"], 304},
			{"", etags[""], 304},
			{"br", etags["gzip"], 200}, // another encoding's copy is not this one
			{"gzip", etags["br"] + ", " + etags["gzip"], 304},
			{"", `"stale"`, 200},
		}
		for _, tt := range tests {
			res, _ := get(t, "GET", url, "Accept-Encoding", tt.accept, "If-None-Match", tt.ifNoneMatch)
			if res.StatusCode != tt.want {
				t.Errorf("GET app.wasm, Accept-Encoding %q, If-None-Match %s = %d; want %d", tt.accept, tt.ifNoneMatch, res.StatusCode, tt.want)
			}
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		res, body := get(t, "HEAD", url, "Accept-Encoding", "br")
		if res.StatusCode != 200 || body != "" || res.ContentLength != int64(len(fakeWeb["app.wasm.br"])) {
			t.Errorf("HEAD app.wasm (br) = %d, body %q, length %d; want 200, empty, %d", res.StatusCode, body, res.ContentLength, len(fakeWeb["app.wasm.br"]))
		}
	})
}

func TestWasmStaleOrMissingCopies(t *testing.T) {
	web := makeWeb(t, map[string]string{"app.wasm.gz": ""}) // no .gz
	br := filepath.Join(web, "app.wasm.br")
	old := time.Now().Add(-48 * time.Hour) // older than app.wasm: a previous build's
	if err := os.Chtimes(br, old, old); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, "testdata/quiz.toml", web)
	for _, accept := range []string{"br", "gzip", "br, gzip"} {
		res, body := get(t, "GET", s.url+"/web/app.wasm", "Accept-Encoding", accept)
		if enc := res.Header.Get("Content-Encoding"); enc != "" || body != fakeWeb["app.wasm"] {
			t.Errorf("GET app.wasm, Accept-Encoding %q with stale .br and no .gz = Content-Encoding %q, body %q; want identity, %q", accept, enc, body, fakeWeb["app.wasm"])
		}
	}
	for _, want := range []string{"app.wasm.br is older than app.wasm", "app.wasm.gz is missing"} {
		if !strings.Contains(s.stderr.String(), want) {
			t.Errorf("stderr = %q; want a warning containing %q", s.stderr, want)
		}
	}
}

func TestQuizFile(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	want, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, body := get(t, "GET", s.url+"/quiz.toml")
	if res.StatusCode != 200 || body != string(want) {
		t.Fatalf("GET /quiz.toml = %d, %d bytes; want 200 and testdata/quiz.toml (%d bytes)", res.StatusCode, len(body), len(want))
	}
	for _, hv := range [][2]string{{"Content-Type", "application/toml; charset=utf-8"}, {"Cache-Control", "no-cache"}} {
		if got := res.Header.Get(hv[0]); got != hv[1] {
			t.Errorf("GET /quiz.toml: %s = %q; want %q", hv[0], got, hv[1])
		}
	}
	etag := res.Header.Get("ETag")
	tests := []struct {
		ifNoneMatch string
		want        int
	}{
		{etag, 304},
		{"W/" + etag, 304},
		{`"other"`, 200},
	}
	for _, tt := range tests {
		res, _ := get(t, "GET", s.url+"/quiz.toml", "If-None-Match", tt.ifNoneMatch)
		if res.StatusCode != tt.want {
			t.Errorf("GET /quiz.toml, If-None-Match %s = %d; want %d", tt.ifNoneMatch, res.StatusCode, tt.want)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	for _, path := range []string{"/", "/healthz", "/quiz.toml", "/web/app.wasm", "/web/app.css", "/app.js"} {
		for _, method := range []string{"POST", "PUT", "DELETE"} {
			res, _ := get(t, method, s.url+path)
			if allow := res.Header.Get("Allow"); res.StatusCode != 405 || allow != "GET, HEAD" {
				t.Errorf("%s %s = %d, Allow %q; want 405, %q", method, path, res.StatusCode, allow, "GET, HEAD")
			}
		}
	}
}

func TestStaticFiles(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	tests := []struct {
		path string
		want int
	}{
		{"/web/app.css", 200},
		{"/web/icon-192.png", 200},
		{"/web/icon-512.png", 200},
		{"/web/icon-maskable-512.png", 200},
		{"/web/icon.svg", 200},
		{"/web/", 404}, // no directory listing
		{"/web/nope.png", 404},
		{"/robots.txt", 404}, // not in web/: never fetched from elsewhere
		{"/manifest.webmanifest", 200},
		{"/app-worker.js", 200},
		{"/not-a-route", 404},
	}
	for _, tt := range tests {
		if res, _ := get(t, "GET", s.url+tt.path); res.StatusCode != tt.want {
			t.Errorf("GET %s = %d; want %d", tt.path, res.StatusCode, tt.want)
		}
	}
}

// attrURL finds the URLs in src, href, srcset, action and poster attributes.
var attrURL = regexp.MustCompile(`(?i)\s(?:src|href|srcset|action|poster)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)

func TestPage(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	res, body := get(t, "GET", s.url+"/")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d, %s; want 200 text/html", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`<html lang="ja"`), regexp.MustCompile(`<title>テスト診断</title>`),
		regexp.MustCompile(`href="/web/app\.[0-9a-f]{16}\.css"`), regexp.MustCompile(`href="/web/icon.svg"`),
		regexp.MustCompile(`<script defer blocking="render" src="/app\.[0-9a-f]{16}\.js" data-worker="/app-worker\.js" data-version="[0-9a-f]{16}" data-root="/"></script>`),
	} {
		if !want.MatchString(body) {
			t.Errorf("GET / does not contain %s", want)
		}
	}
	// app.wasm is downloaded by the loader's compiler worker, not by the
	// page: a preload would bring its 7 MB through the page's thread.
	if strings.Contains(body, `rel="preload"`) {
		t.Errorf("GET / preloads a file; want app.wasm left to the loader's worker")
	}
	// The files it names by their content's hash are kept for good.
	for _, m := range regexp.MustCompile(`"(/[a-z/_]+\.[0-9a-f]{16}\.(?:js|css|wasm))"`).FindAllStringSubmatch(body, -1) {
		if res, _ := get(t, "GET", s.url+m[1]); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s = %d, Cache-Control %q; want 200, kept for good", m[1], res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}
	urls := attrURL.FindAllStringSubmatch(body, -1)
	if len(urls) < 5 {
		t.Errorf("GET / has %d src/href attributes; want the page's scripts, styles and icons", len(urls))
	}
	for _, m := range urls {
		u := strings.Trim(m[1], `"'`)
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Errorf("GET / has %s; want only paths on this server", strings.TrimSpace(m[0]))
		}
	}

	// What the browser fetches next, on its own: the manifest's icons and
	// the service worker's precache list.
	for _, path := range []string{"/manifest.webmanifest", "/app-worker.js", "/app.js"} {
		_, body := get(t, "GET", s.url+path)
		if m := regexp.MustCompile(`(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s]*`).FindString(body); m != "" {
			t.Errorf("GET %s mentions %s; want no other origin", path, m)
		}
	}
	_, manifest := get(t, "GET", s.url+"/manifest.webmanifest")
	var mf struct {
		Name  string
		Icons []struct{ Src, Purpose string }
	}
	if err := json.Unmarshal([]byte(manifest), &mf); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	maskable := false
	for _, ic := range mf.Icons {
		maskable = maskable || ic.Purpose == "maskable" && ic.Src == "/web/icon-maskable-512.png"
		if !strings.HasPrefix(ic.Src, "/web/icon") {
			t.Errorf("manifest icon %q; want one of ours under /web/", ic.Src)
		}
	}
	if mf.Name != "テスト診断" || !maskable {
		t.Errorf("manifest name %q, maskable icon %v; want %q, true", mf.Name, maskable, "テスト診断")
	}
}

// version returns the app version the server at url announces: the name
// of the service worker's cache.
func version(t *testing.T, url string) string {
	t.Helper()
	_, worker := get(t, "GET", url+"/app-worker.js")
	m := regexp.MustCompile(`(?m)^const version = "([0-9a-f]{16})";$`).FindStringSubmatch(worker)
	if m == nil {
		t.Fatalf("app-worker.js names no version:\n%s", worker)
	}
	return m[1]
}

func TestVersion(t *testing.T) {
	quizSrc, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		quiz     string            // appended to the quiz
		web      map[string]string // changes to the web directory
		wantSame bool
	}{
		{"restart, nothing changed", "", nil, true},
		{"compressed copies rebuilt alike", "", map[string]string{"app.wasm.br": "other brotli bytes"}, true},
		{"quiz edited", "\n# edited\n", nil, false},
		{"app.wasm rebuilt", "", map[string]string{"app.wasm": "\x00asm\x01\x00\x00\x00 new"}, false},
		{"app.css edited", "", map[string]string{"app.css": "body { margin: 1px }\n"}, false},
		{"icon redrawn", "", map[string]string{"icon-192.png": "png 192 v2"}, false},
	}
	dir := t.TempDir()
	before := filepath.Join(dir, "before.toml")
	if err := os.WriteFile(before, quizSrc, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, before, makeWeb(t, nil))
	v1 := version(t, s.url)
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := filepath.Join(dir, "after"+string(rune('a'+i))+".toml")
			if err := os.WriteFile(after, append(quizSrc, tt.quiz...), 0o644); err != nil {
				t.Fatal(err)
			}
			s := startServer(t, after, makeWeb(t, tt.web))
			v2 := version(t, s.url)
			if same := v1 == v2; same != tt.wantSame {
				t.Errorf("version before %s, after %s: same = %v; want %v", v1, v2, same, tt.wantSame)
			}
		})
	}
}

func TestShutdown(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	get(t, "GET", s.url+"/") // leave a keep-alive connection open
	start := time.Now()
	err := s.stop()
	if took := time.Since(start); err != nil || took > time.Second {
		t.Errorf("cancelling run's context: run = %v after %v; want nil within 1s", err, took)
	}
	if _, err := client.Get(s.url + "/healthz"); err == nil {
		t.Errorf("GET /healthz after shutdown succeeded; want the connection refused")
	}
}
