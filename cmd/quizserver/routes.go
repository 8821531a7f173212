package main

import (
	"net/http"
	"strings"

	"pmoquiz/app/webapp"
	"pmoquiz/app/widget"
)

// addRoutes maps the server's whole URL surface. Every route answers GET and
// HEAD (but -dev's /studio/save, which takes a POST); other methods get 405
// with an Allow header. Everything is served
// from memory, loaded at start: no request reaches go-app's Handler (see
// webapp.Render), and no path reaches the file system.
func addRoutes(mux *http.ServeMux, s *site) {
	mux.Handle("GET /healthz", handleHealthz())
	if s.dev != nil {
		mux.Handle("GET "+widget.QuizPath, s.dev) // as saved, never cached
	} else {
		mux.Handle("GET "+widget.QuizPath, s.files[widget.QuizPath])
	}
	// The manifest, the worker, app.js, wasm_exec.js, and the build's
	// files by their content-hashed names too (webapp.Hashed).
	for _, path := range []string{webapp.ManifestPath, "/app-worker.js", "/app.js", "/wasm_exec.js"} {
		mux.Handle("GET "+path, s.files[path])
	}
	for _, path := range s.Hashed {
		if !strings.HasPrefix(path, "/web/") {
			mux.Handle("GET "+path, s.files[path])
		}
	}
	// embed.js (short-lived cache, cross-origin), robots.txt, sitemap.xml,
	// ads.txt: from the web directory when there, else 404.
	for _, name := range webapp.RootFiles {
		if a := s.files["/"+name]; a != nil {
			mux.Handle("GET /"+name, a)
		}
	}
	// The web directory: app.wasm (br, gzip or raw), app.css, icons, ….
	mux.Handle("GET /web/", s.webFiles())
	// The studio (studio.go): /studio/ and its files; with -dev, saving.
	mux.Handle("GET /studio/", s.studioFiles())
	if s.dev != nil {
		mux.HandleFunc("GET /studio/save", s.dev.serveSaveInfo)
		mux.HandleFunc("POST /studio/save", s.dev.serveSave)
	}
	// The page, prerendered, at the base path in the visitor's language
	// and at /index.html, /index.<lang>.html in each; else 404.
	mux.HandleFunc("GET /", s.servePage)
}

// webFiles serves the web directory's files, read at start; any other
// path under /web/ is 404.
func (s *site) webFiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := s.files[r.URL.Path]
		if a == nil || len(r.URL.Path) <= len("/web/") {
			http.NotFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
}
