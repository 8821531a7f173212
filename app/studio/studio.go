// Package studio is the page where a recruiter edits the quiz in the
// browser, at studio/ under the quiz's path (/studio/ for a site's quiz
// file): the quiz file in an
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
// The site loader (app/webapp) adds each quiz's studio (Files) to the
// site, under the quiz's path, when the web directory has both wasm files;
// the server and the static export then serve them as they serve the rest.
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

// Dir is the studio's folder under a quiz's path: /studio/ for a site's
// quiz file, /<id>/studio/ for each quiz of a folder.
const Dir = "studio/"

// Names of the studio's files in Dir, and its wasm files in the web
// directory.
const (
	PageName    = "index.html"
	PreviewPage = "preview.html"
	PreviewJS   = "preview.js"
	WorkerName  = "sw.js"
	SaveName    = "save" // quizserver -dev's save endpoint
	EngineWasm  = "/web/studio.wasm"
	PreviewWasm = "/web/preview.wasm"
)

// Config is what one quiz's studio names: URLs on the site.
type Config struct {
	// URL resolves a path of the site ("/web/app.css", "/quiz.toml") to
	// the URL its pages name it by: under the base path, content-hashed
	// where the file is, the quiz's own files (its quiz.toml, its page
	// "/") under its path (webapp.QuizSite.URL).
	URL func(path string) string
	// Path is the studio's path on the site, the quiz's path + Dir:
	// "/studio/" or "/pmo-career/studio/".
	Path string
	// Version is the quiz's app version (go-app's, in the preview frame).
	Version string
	// PreviewJS is the preview frame's script: the site's loader set to
	// load PreviewWasm with PMOQUIZ_LIVE=studio (the site renders it).
	PreviewJS []byte
	// Dev: quizserver -dev serves the site, and the studio may save the
	// quiz file there (its save endpoint, Path + SaveName).
	Dev bool
}

// Files are the studio's files by site path (Path + name), ready to
// serve. The service worker's version is a hash of every other file and
// of the URLs it precaches, so a new build of any of them is a new
// version.
func Files(c Config) (map[string][]byte, error) {
	in := func(name string) string { return c.URL(c.Path + name) }
	urls := map[string]string{
		"Style":       in("studio.css"),
		"Script":      in("studio.js"),
		"EngineJS":    in("engine-worker.js"),
		"Preview":     in(PreviewPage),
		"PreviewJS":   in(PreviewJS),
		"Template":    in("template.toml"),
		"Worker":      in(WorkerName),
		"Scope":       in(""),
		"Save":        in(SaveName),
		"Quiz":        c.URL("/quiz.toml"),
		"QuizPage":    c.URL("/"),
		"AppCSS":      c.URL("/web/app.css"),
		"WasmExec":    c.URL("/wasm_exec.js"),
		"Compiler":    c.URL("/compile.js"),
		"EngineWasm":  c.URL(EngineWasm),
		"PreviewWasm": c.URL(PreviewWasm),
		"Icon":        c.URL("/web/icon.svg"),
		"Version":     c.Version,
	}
	// What studio.js needs, written into the page as JSON data (the
	// page's policy runs no inline script).
	cfg, _ := json.Marshal(map[string]any{
		"quiz": urls["Quiz"], "save": urls["Save"], "preview": urls["Preview"], "engine": urls["EngineJS"],
		"template": urls["Template"], "worker": urls["Worker"], "scope": urls["Scope"], "dev": c.Dev,
	}) // strings and a bool: cannot fail, and <, > and & are escaped
	urls["Config"] = string(cfg)
	out := map[string][]byte{c.Path + PreviewJS: c.PreviewJS}
	for _, name := range []string{PageName, "studio.js", "studio.css", "engine-worker.js", PreviewPage, "template.toml"} {
		b, err := render(name, urls)
		if err != nil {
			return nil, err
		}
		out[c.Path+name] = b
	}
	// The worker: every file above, and those they load from the site.
	precache := []string{urls["Scope"], urls["Script"], urls["Style"], urls["EngineJS"], urls["Preview"], urls["PreviewJS"],
		urls["Template"], urls["AppCSS"], urls["WasmExec"], urls["Compiler"], urls["EngineWasm"], urls["PreviewWasm"], urls["Icon"], urls["Quiz"]}
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
	urls["StudioVersion"] = hex.EncodeToString(h.Sum(nil))[:16]
	urls["Precache"] = string(list)
	sw, err := render(WorkerName, urls)
	if err != nil {
		return nil, err
	}
	out[c.Path+WorkerName] = sw
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
