package webapp

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"

	"pmoquiz/app/widget"
)

// The files the site makes, besides the web directory's: the loader and
// early script (app.js), Go's wasm_exec.js, the service worker, the
// manifest and the pages. go-app's Handler is asked for wasm_exec.js only,
// in this process: no request from a visitor ever reaches it (it would
// build URLs from the request's Host header and fetch them for robots.txt,
// sitemap.xml and ads.txt, answer 304 on any path whose If-None-Match names
// the version, and render pages from the request's URL).

var (
	//go:embed loader.js
	loaderJS string
	//go:embed early.js
	earlyJS string
	//go:embed compile.js
	compileJS string
)

// CompileScript is the loader's worker that compiles app.wasm off the
// page's thread (compile.js).
const CompileScript = "/compile.js"

// Hashed are the site's build outputs that the page and the worker name by
// a content-hashed URL ("/web/app.wasm" as "/web/app.0123456789abcdef.wasm"),
// which is cached for good: a new build has new names, and a repeat visit
// asks for none of them again. The page, the worker, the manifest, the quiz
// and embed.js keep their names and are revalidated.
var Hashed = []string{"/web/app.wasm", "/wasm_exec.js", CompileScript, "/app.js", "/web/" + StyleSheet, ShareScript}

// hashedName is p with its content's hash before its extension.
func hashedName(p string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:8]) + ext
}

// wasmExec is Go's wasm_exec.js, as go-app's Handler serves it.
func wasmExec(c Config) ([]byte, error) {
	rec := httptest.NewRecorder()
	Handler(c).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/wasm_exec.js", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering /wasm_exec.js: go-app answered %d", rec.Code)
	}
	return rec.Body.Bytes(), nil
}

// appJS is the page's script: the loader (loader.js, with its
// configuration written in) then the early script (early.js). Every quiz of
// a site shares it: what differs (the quiz's worker, version and path) is
// on the page's script element (pageTemplate).
func appJS(c Config, urls func(string) string) []byte {
	cfg := map[string]any{
		"wasm":     urls("/web/app.wasm"),
		"wasmSize": c.WasmSize,
		"compiler": urls(CompileScript),
		// go-app reads these through goappGetenv, with the page's
		// GOAPP_VERSION and GOAPP_ROOT_PREFIX.
		"env": map[string]string{
			"GOAPP_STATIC_RESOURCES_URL": urls("/web"),
			"GOAPP_INTERNAL_URLS":        "null",
		},
	}
	if c.LiveQuiz {
		// -dev: app.wasm is the widget built for a live source, which
		// follows the quiz file as saved (studio.go, devWasm).
		cfg["env"].(map[string]string)["PMOQUIZ_LIVE"] = "dev"
	}
	b, _ := json.Marshal(cfg) // strings and numbers: cannot fail
	return []byte(strings.Replace(loaderJS, "{{.Config}}", string(b), 1) + "\n" + earlyJS)
}

// worker is the service worker (app-worker.js) for this version: it
// precaches the page in each language and every file the page needs.
func worker(c Config, urls func(string) string, hashed map[string]bool) []byte {
	pages := map[string]string{}
	for _, l := range c.Quiz.Locales {
		pages[l] = urls(widget.PagePath(c.Quiz, l))
	}
	var cache, immutable []string
	for _, p := range []string{"/app.js", CompileScript, "/wasm_exec.js", "/web/app.wasm", "/web/" + StyleSheet, ManifestPath,
		"/web/" + IconDefault, "/web/" + IconLarge, "/web/" + IconMaskable, "/web/" + IconSVG, widget.QuizPath} {
		if p == widget.QuizPath && c.LiveQuiz {
			continue // served as saved: never from a cache
		}
		if hashed[p] {
			immutable = append(immutable, urls(p))
		} else {
			cache = append(cache, urls(p))
		}
	}
	j := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	r := strings.NewReplacer(
		"{{.Version}}", c.Version,
		"{{.Pages}}", j(pages),
		"{{.DefaultLocale}}", j(c.Quiz.Locales[0]),
		"{{.ResourcesToCache}}", j(cache),
		"{{.Immutable}}", j(immutable),
		"{{.Live}}", j(c.LiveQuiz),
		"{{.ShareParts}}", j(min(len(c.Quiz.Bands), 1)+1),
	)
	return []byte(r.Replace(WorkerTemplate))
}
