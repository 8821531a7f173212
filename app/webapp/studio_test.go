package webapp

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func studioWebFiles() map[string]string {
	files := webFiles()
	maps.Copy(files, map[string]string{"studio.wasm": "\x00asm engine", "preview.wasm": "\x00asm preview"})
	return files
}

// The studio's files are part of the site under its base path: its page,
// scripts and worker, the preview frame's script set for a live source,
// and its wasm files named by their content; the worker precaches only
// files the site has.
func TestLoadStudio(t *testing.T) {
	web := writeWeb(t, studioWebFiles(), nil)
	const base = "/careers/pmo-quiz/"
	s, err := Load(Options{QuizFile: testQuizFile, WebDir: web, Base: base})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/studio/index.html", "/studio/studio.js", "/studio/studio.css", "/studio/engine-worker.js",
		"/studio/preview.html", "/studio/preview.js", "/studio/sw.js", "/studio/template.toml"} {
		f := s.Files[p]
		if f == nil || len(f.Data) == 0 || f.Br == nil {
			t.Errorf("%s: missing, empty or not compressed", p)
		}
	}
	for _, p := range studioWasm {
		h := s.Hashed[p]
		if !hashed.MatchString(h) || s.Files[h] != s.Files[p] || !s.Immutable(h) {
			t.Errorf("%s: hashed as %q, same file %v; want it named by its content", p, h, s.Files[h] == s.Files[p])
		}
	}

	page := string(s.Files["/studio/index.html"].Data)
	m := regexp.MustCompile(`<script type="application/json" id="studio-config">(.*)</script>`).FindStringSubmatch(page)
	var cfg map[string]any
	if m == nil || json.Unmarshal([]byte(m[1]), &cfg) != nil {
		t.Fatalf("the studio's page has no config:\n%s", page)
	}
	if cfg["quiz"] != base+"quiz.toml" || cfg["scope"] != base+"studio/" || cfg["dev"] != false {
		t.Errorf("config %v; want the quiz and the scope under %s, not dev", cfg, base)
	}

	pjs := string(s.Files["/studio/preview.js"].Data)
	for _, want := range []string{`"PMOQUIZ_LIVE":"studio"`, `"wasm":"` + s.URL("/web/preview.wasm") + `"`} {
		if !strings.Contains(pjs, want) {
			t.Errorf("preview.js lacks %s", want)
		}
	}
	if strings.Contains(string(s.Files["/app.js"].Data), "PMOQUIZ_LIVE") {
		t.Error("the visitors' app.js sets PMOQUIZ_LIVE")
	}

	sw := string(s.Files["/studio/sw.js"].Data)
	lm := regexp.MustCompile(`(?m)^const precache = (\[.*\]);$`).FindStringSubmatch(sw)
	var list []string
	if lm == nil || json.Unmarshal([]byte(lm[1]), &list) != nil || len(list) < 10 {
		t.Fatalf("sw.js has no precache list:\n%s", sw)
	}
	for _, u := range list {
		p, ok := strings.CutPrefix(u, base)
		if !ok {
			t.Errorf("the studio's worker precaches %q, not under %s", u, base)
			continue
		}
		p = "/" + p
		if p == "/studio/" {
			p = "/studio/index.html"
		}
		if s.Files[p] == nil {
			t.Errorf("the studio's worker precaches %q, which the site does not have", u)
		}
	}
	if !slices.Contains(list, s.URL("/web/studio.wasm")) || !slices.Contains(list, s.URL("/wasm_exec.js")) {
		t.Errorf("the precache list %q lacks the engine or wasm_exec.js", list)
	}
}

// A new build of any studio file is a new version of its worker.
func TestStudioWorkerVersion(t *testing.T) {
	version := func(engine string) string {
		files := studioWebFiles()
		files["studio.wasm"] = engine
		s, err := Load(Options{QuizFile: testQuizFile, WebDir: writeWeb(t, files, nil)})
		if err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`const version = "([0-9a-f]{16})"`).FindStringSubmatch(string(s.Files["/studio/sw.js"].Data))[1]
	}
	if a, b := version("\x00asm one"), version("\x00asm two"); a == b {
		t.Errorf("two engines, one worker version %s", a)
	}
}

// Without its wasm files there is no studio, and a warning says why.
func TestLoadWithoutStudio(t *testing.T) {
	s, err := Load(Options{QuizFile: testQuizFile, WebDir: writeWeb(t, webFiles(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	for p := range s.Files {
		if strings.HasPrefix(p, "/studio/") {
			t.Errorf("%s without the studio's wasm", p)
		}
	}
	if !slices.ContainsFunc(s.Warnings, func(w string) bool { return strings.Contains(w, "no studio at /studio/") }) {
		t.Errorf("warnings %q; want one about the studio", s.Warnings)
	}
}

// With -dev the page runs the widget built for a live source (served as
// app.wasm), told so by PMOQUIZ_LIVE=dev; its worker asks the network for
// pages first and leaves the quiz file out; the studio may save.
func TestLoadDevLive(t *testing.T) {
	built := time.Now().Add(-time.Hour)
	s, err := Load(Options{QuizFile: testQuizFile, WebDir: writeWeb(t, studioWebFiles(), map[string]time.Time{"app.wasm.br": built.Add(time.Second)}), Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(s.Wasm.Data) != "\x00asm preview" || s.Files["/web/app.wasm"] != s.Wasm {
		t.Errorf("-dev serves app.wasm %q; want preview.wasm's bytes", s.Wasm.Data)
	}
	if !strings.Contains(string(s.Files["/app.js"].Data), `"PMOQUIZ_LIVE":"dev"`) {
		t.Error("-dev's app.js does not set PMOQUIZ_LIVE=dev")
	}
	if w := string(s.Files["/app-worker.js"].Data); !strings.Contains(w, "const live = true;") || strings.Contains(w, `"/quiz.toml"`) {
		t.Error("-dev's worker is not live, or precaches the quiz file")
	}
	if !strings.Contains(string(s.Files["/studio/index.html"].Data), `"dev":true`) {
		t.Error("-dev's studio does not know it may save")
	}

	// Without preview.wasm: app.wasm, and a warning.
	files := webFiles()
	s, err = Load(Options{QuizFile: testQuizFile, WebDir: writeWeb(t, files, nil), Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(s.Wasm.Data) != files["app.wasm"] || !slices.ContainsFunc(s.Warnings, func(w string) bool { return strings.Contains(w, "preview.wasm is missing") }) {
		t.Errorf("-dev without preview.wasm: app.wasm %q, warnings %q", s.Wasm.Data, s.Warnings)
	}
}

// In a folder each quiz has its studio under its path, opening its own
// quiz file; they share the studio's wasm files.
func TestLoadFolderStudios(t *testing.T) {
	dir := quizFolder(t, map[string]string{"1-pmo.toml": baseQuiz, "2-tea.toml": tinyQuiz})
	s, err := Load(Options{QuizFile: dir, WebDir: writeWeb(t, studioWebFiles(), nil), Base: "/careers/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range s.Quizzes {
		if q.Studio != q.Path+"studio/" {
			t.Errorf("quiz %s: studio at %q; want %q", q.Path, q.Studio, q.Path+"studio/")
		}
		page := s.Files[q.Studio+"index.html"]
		if page == nil {
			t.Errorf("quiz %s: no studio page", q.Path)
			continue
		}
		if want := `"quiz":"/careers` + q.Path + `quiz.toml"`; !strings.Contains(string(page.Data), want) {
			t.Errorf("quiz %s: the studio does not open its quiz file (%s)", q.Path, want)
		}
		if want := `data-root="/careers` + q.Path + `studio/preview.html"`; !strings.Contains(string(s.Files[q.Studio+"preview.html"].Data), want) {
			t.Errorf("quiz %s: the preview frame lacks %s", q.Path, want)
		}
	}
	// Its /studio/ is no studio but a link to each.
	picker := s.Files["/studio/index.html"]
	if picker == nil {
		t.Fatal("a folder has no /studio/ linking to its quizzes' studios")
	}
	for _, q := range s.Quizzes {
		if want := `href="/careers` + q.Studio + `"`; !strings.Contains(string(picker.Data), want) {
			t.Errorf("/studio/ lacks the link to %s", want)
		}
	}
	if strings.Contains(string(picker.Data), "<script") || strings.Contains(string(picker.Data), "quiz.toml") {
		t.Error("/studio/ of a folder is a studio of its own")
	}
	if !strings.Contains(string(picker.Data), ">Tea or coffee?<") {
		t.Error("/studio/ does not name a quiz by its title")
	}
}
