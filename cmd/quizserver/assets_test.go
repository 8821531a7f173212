package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// decode undoes a Content-Encoding.
func decode(t *testing.T, encoding, body string) string {
	t.Helper()
	var r io.Reader = strings.NewReader(body)
	switch encoding {
	case "":
		return body
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", encoding)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s body: %v", encoding, err)
	}
	return string(b)
}

// realisticWeb is a web directory whose text files are big enough to
// compress, as the real ones are.
func realisticWeb(t *testing.T) string {
	return makeWeb(t, map[string]string{
		"app.css":          strings.Repeat(".question { margin: 0 auto; padding: 1rem; }\n", 100),
		"embed.js":         strings.Repeat("document.querySelectorAll('[data-pmo-quiz]').forEach(function (el) {});\n", 50),
		"storage-guard.js": strings.Repeat("try { window.localStorage; } catch (e) {}\n", 30),
		"icon.svg":         `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat(`<circle cx="1" cy="1" r="1"/>`, 40) + `</svg>`,
	})
}

// TestPrecompressed: every text file, the page included, goes out in
// brotli or gzip as the request accepts, the same bytes once decoded,
// each encoding with a strong ETag of its own that answers 304.
func TestPrecompressed(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", realisticWeb(t))
	const pageVary, fileVary = "Accept-Encoding, Accept-Language", "Accept-Encoding"
	for _, tt := range []struct{ path, ctype, vary string }{
		{"/", "text/html; charset=utf-8", pageVary},
		{"/?lang=en", "text/html; charset=utf-8", pageVary},
		{"/index.html", "text/html; charset=utf-8", pageVary},
		{"/index.en.html", "text/html; charset=utf-8", pageVary},
		{"/app.js", "text/javascript; charset=utf-8", fileVary},
		{"/app-worker.js", "text/javascript; charset=utf-8", fileVary},
		{"/wasm_exec.js", "text/javascript; charset=utf-8", fileVary},
		{"/manifest.webmanifest", "application/manifest+json", fileVary},
		{"/quiz.toml", "application/toml; charset=utf-8", fileVary},
		{"/embed.js", "text/javascript; charset=utf-8", fileVary},
		{"/web/app.css", "text/css; charset=utf-8", fileVary},
		{"/web/icon.svg", "image/svg+xml", fileVary},
	} {
		res, identity := get(t, "GET", s.url+tt.path)
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" {
			t.Fatalf("GET %s without Accept-Encoding = %d, Content-Encoding %q; want 200, identity", tt.path, res.StatusCode, res.Header.Get("Content-Encoding"))
		}
		etags := map[string]string{"": res.Header.Get("ETag")}
		for _, enc := range []string{"br", "gzip"} {
			res, body := get(t, "GET", s.url+tt.path, "Accept-Encoding", enc)
			h := res.Header
			if h.Get("Content-Encoding") != enc || h.Get("Vary") != tt.vary || h.Get("Content-Type") != tt.ctype {
				t.Errorf("GET %s, Accept-Encoding %s: Content-Encoding %q, Vary %q, Content-Type %q; want %s, %s, %s",
					tt.path, enc, h.Get("Content-Encoding"), h.Get("Vary"), h.Get("Content-Type"), enc, tt.vary, tt.ctype)
				continue
			}
			if len(body) >= len(identity) || decode(t, enc, body) != identity {
				t.Errorf("GET %s in %s: %d bytes for %d; want fewer, decoding to the same", tt.path, enc, len(body), len(identity))
			}
			etags[enc] = h.Get("ETag")
			if res, _ := get(t, "GET", s.url+tt.path, "Accept-Encoding", enc, "If-None-Match", etags[enc]); res.StatusCode != 304 {
				t.Errorf("GET %s in %s with its ETag = %d; want 304", tt.path, enc, res.StatusCode)
			}
		}
		strong := regexp.MustCompile(`^"[0-9a-f]{16}(-br|-gz)?"$`)
		if etags[""] == etags["br"] || etags[""] == etags["gzip"] || etags["br"] == etags["gzip"] ||
			!strong.MatchString(etags[""]) || !strong.MatchString(etags["br"]) || !strong.MatchString(etags["gzip"]) {
			t.Errorf("GET %s: ETags by encoding %q; want three strong, different ones", tt.path, etags)
		}
	}

	// The page is as small as nginx serves the static export's: brotli at
	// its best (go-app itself never compresses).
	_, page := get(t, "GET", s.url+"/")
	_, br := get(t, "GET", s.url+"/", "Accept-Encoding", "br")
	if len(br)*3 > len(page) {
		t.Errorf("GET / in brotli: %d bytes for %d; want a third or less", len(br), len(page))
	}
}

// TestErrorResponses: errors are never cached and carry the security
// headers; text has its charset.
func TestErrorResponses(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/nope", 404},
		{"GET", "/web/nope.css", 404},
		{"POST", "/", 405},
		{"DELETE", "/web/app.wasm", 405},
		{"GET", "/web/%00", 400},
	} {
		res, _ := get(t, tt.method, s.url+tt.path, "Accept-Encoding", "br")
		h := res.Header
		if res.StatusCode != tt.want || h.Get("Cache-Control") != "no-store" || h.Get("Content-Type") != "text/plain; charset=utf-8" ||
			h.Get("ETag") != "" || h.Get("Content-Encoding") != "" || h.Get("Cross-Origin-Resource-Policy") != "same-origin" || h.Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s = %d, Cache-Control %q, Content-Type %q, ETag %q, CORP %q; want %d, no-store, text/plain; charset=utf-8, no ETag, same-origin",
				tt.method, tt.path, res.StatusCode, h.Get("Cache-Control"), h.Get("Content-Type"), h.Get("ETag"), h.Get("Cross-Origin-Resource-Policy"), tt.want)
		}
	}
}

// TestAssetsAreReadOnce: what the server serves does not change when the
// web directory does after start (it is read once).
func TestAssetsAreReadOnce(t *testing.T) {
	web := makeWeb(t, nil)
	s := startServer(t, "testdata/quiz.toml", web)
	_, before := get(t, "GET", s.url+"/web/app.css")
	write(t, web+"/app.css", "changed")
	write(t, web+"/new.css", "new")
	if _, after := get(t, "GET", s.url+"/web/app.css"); after != before {
		t.Errorf("GET /web/app.css after the file changed = %q; want %q, as read at start", after, before)
	}
	if res, _ := get(t, "GET", s.url+"/web/new.css"); res.StatusCode != 404 {
		t.Errorf("GET /web/new.css, added after start = %d; want 404", res.StatusCode)
	}
	if !bytes.Equal([]byte(before), []byte(fakeWeb["app.css"])) {
		t.Errorf("GET /web/app.css = %q; want %q", before, fakeWeb["app.css"])
	}
}
