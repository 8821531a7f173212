package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"pmoquiz/app/quiz"
)

// The reference site serves the SurveyJS page from loopback, as a careful
// team would deploy a JavaScript form: the page revalidated (no-cache with
// an ETag), the library files under a versioned path and cached for a year
// (immutable), every text file precompressed with brotli (-q 11) and gzip,
// chosen by Accept-Encoding, like our server's app.wasm. The survey's JSON
// is in the page, so there is no extra round trip for it.

// surveyFiles are the SurveyJS files the page loads, from the npm packages.
var surveyFiles = []struct{ pkg, file, typ string }{
	{"survey-core", "survey-core.fontless.min.css", "text/css; charset=utf-8"}, // no web font from a CDN
	{"survey-core", "survey.core.min.js", "text/javascript; charset=utf-8"},
	{"survey-js-ui", "survey-js-ui.min.js", "text/javascript; charset=utf-8"},
}

// asset is one file of the reference site, with its compressed copies.
type asset struct {
	typ, cache, etag string
	raw, gz, br      []byte
}

// reference is the running reference site.
type reference struct {
	url     string
	version string // SurveyJS version
	srv     *http.Server
	bytesBr int64 // what a cold visit downloads (page + library, brotli)
}

// startReference generates the page for q and serves it on 127.0.0.1.
// nodeModules holds survey-core and survey-js-ui (npm ci in tools/pagebench).
func startReference(q *quiz.Quiz, nodeModules string) (*reference, error) {
	ver, err := packageVersion(filepath.Join(nodeModules, "survey-core"))
	if err != nil {
		return nil, err
	}
	if uiVer, err := packageVersion(filepath.Join(nodeModules, "survey-js-ui")); err != nil {
		return nil, err
	} else if uiVer != ver {
		return nil, fmt.Errorf("survey-core %s and survey-js-ui %s differ: run npm ci in tools/pagebench", ver, uiVer)
	}
	s, err := surveyFromQuiz(q, "")
	if err != nil {
		return nil, err
	}
	files := map[string]*asset{}
	var links []string
	for _, f := range surveyFiles {
		b, err := os.ReadFile(filepath.Join(nodeModules, f.pkg, f.file))
		if err != nil {
			return nil, fmt.Errorf("%v (run npm ci in tools/pagebench)", err)
		}
		p := "/survey/" + ver + "/" + f.file
		files[p] = &asset{typ: f.typ, cache: "public, max-age=31536000, immutable", raw: b}
		links = append(links, p)
	}
	page, err := referencePage(s, links)
	if err != nil {
		return nil, err
	}
	files["/"] = &asset{typ: "text/html; charset=utf-8", cache: "no-cache", raw: page}

	ref := &reference{version: ver}
	for _, a := range files {
		if err := a.compress(); err != nil {
			return nil, err
		}
		ref.bytesBr += int64(len(a.br))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	ref.url = "http://" + ln.Addr().String() + "/"
	ref.srv = &http.Server{Handler: serveAssets(files), ReadHeaderTimeout: 10 * time.Second}
	go ref.srv.Serve(ln)
	return ref, nil
}

func (r *reference) close() { r.srv.Close() }

// referencePage is the HTML page: the library's CSS and scripts (deferred),
// and a script that renders the survey once they ran.
func referencePage(s *survey, links []string) ([]byte, error) {
	def, err := json.Marshal(s) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil, err
	}
	lang := s.Locale
	if lang == "" {
		lang = "en"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", html.EscapeString(lang))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<link rel=\"icon\" href=\"data:,\">\n") // no favicon request
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(s.Title))
	for _, l := range links {
		if strings.HasSuffix(l, ".css") {
			fmt.Fprintf(&b, "<link rel=\"stylesheet\" href=\"%s\">\n", l)
		} else {
			fmt.Fprintf(&b, "<script defer src=\"%s\"></script>\n", l)
		}
	}
	b.WriteString("</head>\n<body>\n<div id=\"surveyContainer\"></div>\n<script>\n")
	fmt.Fprintf(&b, "const surveyJSON = %s;\n", def)
	b.WriteString("document.addEventListener(\"DOMContentLoaded\", function () {\n" +
		"  const survey = new Survey.Model(surveyJSON);\n" +
		"  survey.render(document.getElementById(\"surveyContainer\"));\n" +
		"});\n</script>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

// compress makes the gzip and brotli copies and the ETag.
func (a *asset) compress() error {
	sum := sha256.Sum256(a.raw)
	a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(a.raw)
	if err := w.Close(); err != nil {
		return err
	}
	a.gz = gz.Bytes()
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(a.raw)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	br, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("brotli: %v %s(tools/deps.sh build installs it)", err, stderr.String())
	}
	a.br = br
	return nil
}

// serveAssets serves files by path: the brotli or gzip copy when the
// browser accepts it, 304 on a matching ETag.
func serveAssets(files map[string]*asset) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := files[r.URL.Path]
		if a == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		body, enc := a.raw, ""
		accept := r.Header.Get("Accept-Encoding")
		switch {
		case acceptsEncoding(accept, "br"):
			body, enc = a.br, "br"
		case acceptsEncoding(accept, "gzip"):
			body, enc = a.gz, "gzip"
		}
		h := w.Header()
		h.Set("Content-Type", a.typ)
		h.Set("Cache-Control", a.cache)
		h.Set("Vary", "Accept-Encoding")
		etag := a.etag
		if enc != "" {
			etag = strings.TrimSuffix(etag, `"`) + "-" + enc + `"`
			h.Set("Content-Encoding", enc)
		}
		h.Set("ETag", etag)
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", fmt.Sprint(len(body)))
		if r.Method == http.MethodGet {
			w.Write(body)
		}
	})
}

// acceptsEncoding reports whether an Accept-Encoding header names enc
// (browsers never refuse one with q=0).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, _, _ := strings.Cut(part, ";")
		if strings.EqualFold(strings.TrimSpace(name), enc) {
			return true
		}
	}
	return false
}

// packageVersion reads an npm package's version from its package.json.
func packageVersion(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", fmt.Errorf("%v (run npm ci in tools/pagebench)", err)
	}
	var p struct{ Version string }
	if err := json.Unmarshal(b, &p); err != nil || p.Version == "" {
		return "", fmt.Errorf("%s: no version", filepath.Join(dir, "package.json"))
	}
	return p.Version, nil
}
