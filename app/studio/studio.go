// Package studio is the page where a recruiter edits the quiz in the
// browser, at /studio/ under the site's base path: the quiz file in an
// editor with line numbers and colours, every problem the checker finds as
// they type, the quiz as visitors will see it beside it, and the analysis
// in words. It works offline after one visit and sends nothing anywhere:
// the draft stays in the browser (localStorage) until it is downloaded, or,
// when quizserver runs with -dev, saved to the served file.
//
// The page is plain HTML, CSS and JavaScript (web/): no go-app. Its two
// Web Workers run the engine (cmd/studiowasm, web/studio.wasm: the quiz
// checker and analysis, app/studio/engine) off the main thread; the
// preview frame (preview.html) runs the real widget built with its live
// source (cmd/previewwasm, web/preview.wasm) and takes the draft from the
// studio by postMessage. Neither is part of the visitor's app.wasm.
//
// The site loader (app/webapp) adds Files to the site when the web
// directory has both wasm files; the server and the static export then
// serve them as they serve the rest.
package studio

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/template"
)

//go:embed web
var assets embed.FS

// Paths of the studio under the site's base path.
const (
	Dir         = "/studio/"
	PagePath    = Dir + "index.html"
	PreviewPage = Dir + "preview.html"
	PreviewJS   = Dir + "preview.js"
	WorkerPath  = Dir + "sw.js"
	// The engine's and the preview's wasm, in the web directory.
	EngineWasm  = "/web/studio.wasm"
	PreviewWasm = "/web/preview.wasm"
)

// Config is what the studio's files name: URLs on the site.
type Config struct {
	// URL resolves a path of the site ("/web/app.css") to the URL its
	// pages name it by: under the base path, content-hashed where the
	// file is (webapp.Site.URL).
	URL func(path string) string
	// PreviewJS is the preview frame's script: the site's loader set to
	// load PreviewWasm with PMOQUIZ_LIVE=studio (the site renders it).
	PreviewJS []byte
	// Dev: quizserver -dev serves the site, and the studio may save the
	// quiz file there (its save endpoint, Dir + "save").
	Dev bool
}

// Files are the studio's files by URL path under the base (PagePath, …,
// WorkerPath), ready to serve. The service worker's version is a hash of
// every other file and of the URLs it precaches, so a new build of any of
// them is a new version.
func Files(c Config) (map[string][]byte, error) {
	urls := map[string]string{
		"Style":       c.URL(Dir + "studio.css"),
		"Script":      c.URL(Dir + "studio.js"),
		"EngineJS":    c.URL(Dir + "engine-worker.js"),
		"Preview":     c.URL(PreviewPage),
		"PreviewJS":   c.URL(PreviewJS),
		"Template":    c.URL(Dir + "template.toml"),
		"Worker":      c.URL(WorkerPath),
		"Scope":       c.URL(Dir),
		"Quiz":        c.URL("/quiz.toml"),
		"Save":        c.URL(Dir + "save"),
		"AppCSS":      c.URL("/web/app.css"),
		"WasmExec":    c.URL("/wasm_exec.js"),
		"EngineWasm":  c.URL(EngineWasm),
		"PreviewWasm": c.URL(PreviewWasm),
		"Icon":        c.URL("/web/icon.svg"),
		"Base":        c.URL("/"),
	}
	// What studio.js needs, written into the page as JSON data (the
	// page's policy runs no inline script).
	cfg, _ := json.Marshal(map[string]any{
		"quiz": urls["Quiz"], "save": urls["Save"], "preview": urls["Preview"], "engine": urls["EngineJS"],
		"template": urls["Template"], "worker": urls["Worker"], "scope": urls["Scope"], "dev": c.Dev,
	}) // strings and a bool: cannot fail, and <, > and & are escaped
	urls["Config"] = string(cfg)
	out := map[string][]byte{PreviewJS: c.PreviewJS}
	for name, path := range map[string]string{
		"index.html": PagePath, "studio.js": Dir + "studio.js", "studio.css": Dir + "studio.css",
		"engine-worker.js": Dir + "engine-worker.js", "preview.html": PreviewPage, "template.toml": Dir + "template.toml",
	} {
		b, err := render(name, urls)
		if err != nil {
			return nil, err
		}
		out[path] = b
	}
	// The worker: every file above, and those they load from the site.
	precache := []string{urls["Scope"], urls["Script"], urls["Style"], urls["EngineJS"], urls["Preview"], urls["PreviewJS"],
		urls["Template"], urls["AppCSS"], urls["WasmExec"], urls["EngineWasm"], urls["PreviewWasm"], urls["Icon"], urls["Quiz"]}
	h := sha256.New()
	paths := make([]string, 0, len(out))
	for p := range out {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(h, "%s %d\n", p, len(out[p]))
		h.Write(out[p])
	}
	for _, u := range precache {
		fmt.Fprintln(h, u) // the site's build files are named by their content
	}
	list, _ := json.Marshal(precache) // strings: cannot fail
	urls["Version"] = hex.EncodeToString(h.Sum(nil))[:16]
	urls["Precache"] = string(list)
	sw, err := render("sw.js", urls)
	if err != nil {
		return nil, err
	}
	out[WorkerPath] = sw
	return out, nil
}

// templated are the files of web/ with URLs to fill in: {{.Name}} is the
// URL urls names, as a JSON string in scripts, as it is in HTML (a base
// path holds no character HTML would need escaped: webapp.CleanBase).
var templated = map[string]bool{"index.html": true, "preview.html": true, "engine-worker.js": true, "sw.js": true}

// render reads a file of web/, filled in when it is templated.
func render(name string, urls map[string]string) ([]byte, error) {
	src, err := assets.ReadFile("web/" + name)
	if err != nil || !templated[name] {
		return src, err
	}
	data := urls
	if strings.HasSuffix(name, ".js") {
		data = map[string]string{}
		for k, v := range urls {
			b, _ := json.Marshal(v)
			data[k] = string(b)
		}
		data["Precache"] = urls["Precache"] // a JSON list already
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("studio: %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("studio: %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// PreviewPrelude runs in the preview frame before the loader: the
// widget's saved progress and settings stay in the frame's memory, so the
// preview never writes over what the quiz itself saved on this origin.
const PreviewPrelude = `(function () {
  "use strict";
  ["localStorage", "sessionStorage"].forEach(function (name) {
    var data = new Map();
    var mem = {
      get length() { return data.size; },
      key: function (i) { var k = Array.from(data.keys())[i]; return k === undefined ? null : k; },
      getItem: function (k) { k = String(k); return data.has(k) ? data.get(k) : null; },
      setItem: function (k, v) { data.set(String(k), String(v)); },
      removeItem: function (k) { data.delete(String(k)); },
      clear: function () { data.clear(); },
    };
    try {
      Object.defineProperty(window, name, { configurable: true, get: function () { return mem; } });
    } catch (e) {}
  });
})();
`
