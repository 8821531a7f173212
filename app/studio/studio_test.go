package studio

import (
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

// The template the studio offers is a quiz without problems, in both
// languages, whose golden case passes.
func TestTemplateIsAQuiz(t *testing.T) {
	src, err := assets.ReadFile("web/template.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse("template.toml", src)
	if err != nil {
		t.Fatalf("the studio's template has problems:\n%v", err)
	}
	if strings.Join(q.Locales, ",") != "ja,en" || len(q.Golden) == 0 {
		t.Errorf("the template has languages %v and %d golden cases; want ja, en and at least one", q.Locales, len(q.Golden))
	}
}

// Every file is filled in: no placeholder is left, every URL is the
// site's (here under a base path, for a quiz of a folder), and scripts
// get them as JSON strings.
func TestFilesFilledIn(t *testing.T) {
	url := func(p string) string {
		if p == "/quiz.toml" || p == "/" {
			return "/base/qa" + p // the quiz's own
		}
		return "/base" + p
	}
	const dir = "/qa/" + Dir
	files, err := Files(Config{URL: url, Path: dir, Version: "v1", PreviewJS: []byte("// preview")})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{PageName, "studio.js", "studio.css", "engine-worker.js", PreviewPage, PreviewJS, WorkerName, "template.toml"} {
		b, ok := files[dir+name]
		if !ok || len(b) == 0 {
			t.Errorf("%s: missing", dir+name)
			continue
		}
		if strings.Contains(string(b), "{{") {
			t.Errorf("%s: a placeholder is left", dir+name)
		}
	}
	if len(files) != 8 {
		t.Errorf("%d files; want 8", len(files))
	}
	page := string(files[dir+PageName])
	for _, want := range []string{`href="/base/qa/studio/studio.css"`, `"quiz":"/base/qa/quiz.toml"`, `"scope":"/base/qa/studio/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if !strings.Contains(string(files[dir+"engine-worker.js"]), `importScripts("/base/wasm_exec.js")`) {
		t.Error("the engine's worker does not load wasm_exec.js as a JSON string under the base path")
	}
	preview := string(files[dir+PreviewPage])
	for _, want := range []string{`<base href="/base/qa/">`, `data-root="/base/qa/studio/preview.html"`, `data-version="v1"`} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview frame lacks %s", want)
		}
	}
	if strings.Contains(preview, "data-worker=") {
		t.Error("the preview frame registers a worker of its own")
	}
}
