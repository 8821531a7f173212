package webapp

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"pmoquiz/app/quiz"
	"pmoquiz/app/studio"
)

// The studio (app/studio): the page where a recruiter edits a quiz in the
// browser, at studio/ under the quiz's path, added to the site when the
// web directory has its two wasm files (make build writes them): the
// engine's (web/studio.wasm) and the widget built for a live source
// (web/preview.wasm). Both are shared and named by their content's hash,
// like app.wasm; the studio's own files are revalidated, and its service
// worker keeps them for offline use.

// studioWasm are the studio's build outputs in the web directory.
var studioWasm = []string{studio.EngineWasm, studio.PreviewWasm}

// addStudio adds each quiz's studio to the site, under the quiz's path
// (QuizSite.Studio), or, without its wasm files, a warning.
func (s *Site) addStudio(webDir string, dev bool) error {
	for _, p := range studioWasm {
		if s.Files[p] == nil {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s is missing: no studio at %s (build it with: make build)",
				filepath.Join(webDir, strings.TrimPrefix(p, "/web/")), s.Quizzes[0].URL("/")+studio.Dir))
			return nil
		}
	}
	for _, p := range studioWasm {
		s.Hashed[p] = hashedName(p, s.Files[p].Data)
	}
	preview := s.previewJS()
	for _, q := range s.Quizzes {
		q.Studio = q.Path + studio.Dir
		files, err := studio.Files(studio.Config{URL: q.URL, Path: q.Studio, Version: q.Version, PreviewJS: preview, Dev: dev})
		if err != nil {
			return err
		}
		for p, b := range files {
			s.Files[p] = newFile(p, b)
		}
	}
	if s.Folder {
		s.Files[studio.PickerPage] = newFile(studio.PickerPage, s.studioPicker(nil))
	}
	return nil
}

// studioPicker is a folder's /studio/: a link to each quiz's studio, with
// the quiz's title (in Japanese where it has it) and file name. current,
// when not nil, gives each quiz as saved now (a Dev site: nil while its
// file has problems), as for RenderIndex.
func (s *Site) studioPicker(current func(*QuizSite) *quiz.Quiz) []byte {
	var qs []studio.PickerQuiz
	for _, q := range s.Quizzes {
		p := studio.PickerQuiz{ID: strings.Trim(q.Path, "/"), File: filepath.Base(q.File), Href: Prefix(s.Base).Resolve(q.Studio)}
		qz := q.Quiz
		if q.QuizErr != nil {
			qz = nil
		}
		if current != nil {
			qz = current(q)
		}
		if qz != nil {
			p.Lang = qz.Locales[0]
			if slices.Contains(qz.Locales, "ja") {
				p.Lang = "ja"
			}
			p.Title = qz.Title.Get(p.Lang, qz.Locales[0])
		}
		qs = append(qs, p)
	}
	return studio.Picker(qs, s.URL("/web/"+StyleSheet), s.URL("/web/"+IconSVG))
}

// RenderStudioPicker renders a folder's /studio/ with each quiz as current
// gives it (a Dev site's quizzes as saved now).
func (s *Site) RenderStudioPicker(current func(*QuizSite) *quiz.Quiz) *File {
	f := newFile(studio.PickerPage, s.studioPicker(current))
	compressAll([]*File{f})
	return f
}

// previewJS is the studio's preview frame's script: the loader (loader.js)
// set to run web/preview.wasm on the source the studio posts
// (PMOQUIZ_LIVE=studio, widget.RunPreview), with the widget's storage in
// memory (memoryStorage: the loader's stand-in). go-app's version and root come from the
// frame's script element, as on a quiz's page; it has no data-worker: the
// studio's own worker serves the frame.
func (s *Site) previewJS() []byte {
	cfg := map[string]any{
		"wasm":          s.URL(studio.PreviewWasm),
		"wasmSize":      len(s.Files[studio.PreviewWasm].Data),
		"compiler":      s.URL(CompileScript),
		"memoryStorage": true,
		"env": map[string]string{
			"GOAPP_STATIC_RESOURCES_URL": s.URL("/web"),
			"GOAPP_INTERNAL_URLS":        "null",
			"PMOQUIZ_LIVE":               "studio",
		},
	}
	b, _ := json.Marshal(cfg) // strings and numbers: cannot fail
	return []byte(strings.Replace(loaderJS, "{{.Config}}", string(b), 1))
}

// devWasm is, for -dev, the widget built for a live source in place of
// app.wasm: the page then follows the quiz file as it is saved, on the
// step the visitor is on, without a reload (widget.RunPreview,
// PMOQUIZ_LIVE=dev). Without web/preview.wasm, app.wasm stays, with a
// warning: a reload then shows each save.
func (w *webDir) devWasm(webDir string) {
	pw := w.files[strings.TrimPrefix(studio.PreviewWasm, "/web/")]
	if pw == nil {
		w.warnings = append(w.warnings, fmt.Sprintf("%s is missing: -dev pages show a saved change only when reloaded (build it with: make build)", filepath.Join(webDir, "preview.wasm")))
		return
	}
	c := *pw
	c.Path = "/web/app.wasm"
	w.files["app.wasm"] = &c
}
