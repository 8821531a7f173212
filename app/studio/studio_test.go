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
// site's (here under a base path), and scripts get them as JSON strings.
func TestFilesFilledIn(t *testing.T) {
	url := func(p string) string { return "/base" + p }
	files, err := Files(Config{URL: url, PreviewJS: []byte("// preview")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{PagePath, Dir + "studio.js", Dir + "studio.css", Dir + "engine-worker.js", PreviewPage, PreviewJS, WorkerPath, Dir + "template.toml"} {
		b, ok := files[p]
		if !ok || len(b) == 0 {
			t.Errorf("%s: missing", p)
			continue
		}
		if strings.Contains(string(b), "{{") && p != Dir+"studio.js" {
			t.Errorf("%s: a placeholder is left", p)
		}
	}
	if !strings.Contains(string(files[PagePath]), `href="/base/studio/studio.css"`) {
		t.Error("the page does not name its style sheet under the base path")
	}
	if !strings.Contains(string(files[Dir+"engine-worker.js"]), `importScripts("/base/wasm_exec.js")`) {
		t.Error("the engine's worker does not load wasm_exec.js as a JSON string under the base path")
	}
	if !strings.Contains(string(files[PreviewPage]), `<base href="/base/">`) {
		t.Error("the preview frame's <base> is not the site's base path")
	}
}
