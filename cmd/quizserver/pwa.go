package main

import (
	"net/http"

	"pmoquiz/app/webapp"
)

// webappConfig is the site as app/webapp describes it: at the root of this
// server, with the web directory served at /web/.
func (s *site) webappConfig() webapp.Config {
	return webapp.Config{
		Quiz:      s.quiz,
		Base:      "/",
		Version:   s.version,
		WasmSize:  len(s.wasm.raw),
		Resources: newWebResources(s.webDir),
	}
}

// handleManifest serves the quiz's web app manifest in place of go-app's
// (see webapp.Manifest), revalidated like every page.
func handleManifest(s *site) http.Handler {
	return newStaticFile(webapp.Manifest(s.webappConfig()), "application/manifest+json")
}
