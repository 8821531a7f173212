package webapp

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// GoAppFiles are the files go-app's Handler generates, besides the page
// and the manifest (which Manifest replaces).
var GoAppFiles = []string{"/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css"}

// Render has go-app's Handler, configured by c, write its files (see
// GoAppFiles), in this process: no request from a visitor ever reaches the
// Handler. It would build URLs from the request's Host header and fetch
// them (robots.txt, sitemap.xml, ads.txt, also under /<version>/), answer
// 304 on any path whose If-None-Match names the version, and render pages
// from the request's URL.
func Render(c Config) (map[string]*File, error) {
	h := Handler(c)
	files := make(map[string]*File, len(GoAppFiles))
	for _, p := range GoAppFiles {
		b, err := get(h, p)
		if err != nil {
			return nil, err
		}
		files[p] = newFile(p, b)
	}
	return files, nil
}

// RenderPages prerenders the page at "/" with q's intro in each of its
// languages, keyed by locale (see widget.PageLocale). With q nil (a Dev
// site whose quiz file has problems) it renders none: see RenderPage.
func RenderPages(c Config, q *quiz.Quiz) (map[string]*File, error) {
	pages := make(map[string]*File)
	if q == nil {
		return pages, nil
	}
	for _, locale := range q.Locales {
		f, err := RenderPage(c, q, locale)
		if err != nil {
			return nil, err
		}
		pages[locale] = f
	}
	return pages, nil
}

// RenderPage prerenders the page at "/" in one language, showing q's intro
// (the loading screen when q is nil), with its compressed copies.
func RenderPage(c Config, q *quiz.Quiz, locale string) (*File, error) {
	h := Handler(c)
	// go-app's routes are the package's own: one render at a time, each
	// with its quiz.
	renderMu.Lock()
	widget.Routes(func() *quiz.Quiz { return q })
	b, err := get(h, "/?lang="+url.QueryEscape(locale))
	renderMu.Unlock()
	if err != nil {
		return nil, err
	}
	f := newFile("/", b)
	compressAll([]*File{f})
	return f, nil
}

var renderMu sync.Mutex

// get has h answer a GET for target (a path and query) made up here.
func get(h http.Handler, target string) ([]byte, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering %s: go-app answered %d", target, rec.Code)
	}
	return rec.Body.Bytes(), nil
}
