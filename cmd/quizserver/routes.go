package main

import (
	"net/http"

	"pmoquiz/app/widget"
)

// addRoutes maps the server's whole URL surface. Every route answers GET and
// HEAD; other methods get 405 with an Allow header.
func addRoutes(mux *http.ServeMux, s *site, page http.Handler) {
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET "+widget.QuizPath, s.quizFile)
	mux.Handle("GET /web/app.wasm", s.wasm)                    // precompressed: br, gzip or raw
	mux.Handle("GET /embed.js", s.embedJS)                     // the loader for other sites, short-lived cache
	mux.Handle("GET /manifest.webmanifest", handleManifest(s)) // ours, not go-app's: see pwa.go
	for _, name := range []string{"robots.txt", "sitemap.xml", "ads.txt"} {
		mux.Handle("GET /"+name, handleWebFile(s.webDir, name))
	}
	// go-app: the prerendered pages, app.js, app-worker.js, wasm_exec.js,
	// app.css, and the -web directory at /web/.
	mux.Handle("GET /", page)
}
