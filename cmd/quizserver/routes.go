package main

import (
	"net/http"
	"strings"

	"pmoquiz/app/studio"
	"pmoquiz/app/webapp"
)

// addRoutes maps the server's whole URL surface. Every route answers GET and
// HEAD (but -dev's studio/save, which takes a POST); other methods get 405
// with an Allow header. Everything is served
// from memory, loaded at start: no request reaches go-app's Handler (see
// webapp.Render), and no path reaches the file system.
//
// A quiz file is served at "/"; a folder's quizzes each at "/<id>/" (its
// page, quiz file, manifest, service worker and studio), "/" listing them. The
// files they share (the build's, the web directory's, embed.js) are at
// the root either way.
func addRoutes(mux *http.ServeMux, s *site) {
	mux.Handle("GET /healthz", handleHealthz())
	for _, qs := range s.quizzes {
		addQuizRoutes(mux, s, qs)
	}
	// The worker, app.js, wasm_exec.js, and the build's files by their
	// content-hashed names too (webapp.Hashed).
	for _, path := range []string{"/app.js", "/wasm_exec.js"} {
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
	// A folder's list of quizzes, at "/" in the visitor's language and at
	// /index.html, /index.<lang>.html in each; else 404.
	if s.Folder {
		mux.HandleFunc("GET /", s.serveIndex)
		// Its /studio/: a link to each quiz's studio (studio.go); with
		// -dev, for the quizzes as saved now.
		if a := s.files[studio.PickerPage]; a != nil && s.quizzes[0].dev != nil {
			mux.HandleFunc("GET /"+studio.Dir+"{$}", func(w http.ResponseWriter, r *http.Request) {
				newAsset(s.RenderStudioPicker(s.current), "no-cache").ServeHTTP(w, r)
			})
		} else if a != nil {
			mux.Handle("GET /"+studio.Dir+"{$}", a)
		}
	}
}

// addQuizRoutes maps one quiz's files under its path: its page,
// prerendered, at the path in the visitor's language and at /index.html,
// /index.<lang>.html in each (any other path under it is 404; the path
// without its slash is redirected to it).
func addQuizRoutes(mux *http.ServeMux, s *site, qs *quizSite) {
	if qs.dev != nil {
		mux.Handle("GET "+qs.Path+"quiz.toml", qs.dev) // as saved, never cached
	} else {
		mux.Handle("GET "+qs.Path+"quiz.toml", s.files[qs.Path+"quiz.toml"])
	}
	for _, name := range []string{"manifest.webmanifest", "app-worker.js"} {
		mux.Handle("GET "+qs.Path+name, s.files[qs.Path+name])
	}
	mux.HandleFunc("GET "+qs.Path, qs.servePage)
	// Its studio (studio.go): studio/ and its files; with -dev, saving.
	if qs.Studio != "" {
		mux.Handle("GET "+qs.Studio, s.studioFiles(qs))
		if qs.dev != nil {
			mux.HandleFunc("GET "+qs.Studio+studio.SaveName, qs.dev.serveSaveInfo)
			mux.HandleFunc("POST "+qs.Studio+studio.SaveName, qs.dev.serveSave)
		}
	}
	// Its share pages and their images (webapp: share.go).
	mux.Handle("GET "+qs.Path+"share/", qs.serveShare(s.filesUnder(qs.Path+"share/")))
}

// filesUnder serves the site's files under prefix, read at start; any
// other path under it is 404.
func (s *site) filesUnder(prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := s.files[r.URL.Path]
		if a == nil || !strings.HasPrefix(r.URL.Path, prefix) || len(r.URL.Path) <= len(prefix) {
			http.NotFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
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
