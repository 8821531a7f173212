package webapp

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

func TestFirstParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One line.", "One line."},
		{"  First\nparagraph.\n\nSecond.", "First paragraph."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstParagraph(tt.in); got != tt.want {
			t.Errorf("firstParagraph(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanBase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "/"},
		{"/", "/"},
		{"careers/pmo-quiz", "/careers/pmo-quiz/"},
		{"/careers/pmo-quiz/", "/careers/pmo-quiz/"},
		{"/repo.name_1~x", "/repo.name_1~x/"},
	}
	for _, tt := range tests {
		if got, err := CleanBase(tt.in); got != tt.want || err != nil {
			t.Errorf("CleanBase(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"/a//b/", "/a/../b/", "/./", "/a b/", "/a?x=1", "/a#f", `/a"b/`, "/日本/", "/a%20b/"} {
		if got, err := CleanBase(bad); err == nil {
			t.Errorf("CleanBase(%q) = %q; want an error", bad, got)
		}
	}
}

func TestPrefix(t *testing.T) {
	tests := []struct{ base, in, want string }{
		{"/", "/", "/"},
		{"/", "/web/app.wasm", "/web/app.wasm"},
		{"/", "/quiz.toml", "/quiz.toml"},
		{"/careers/pmo-quiz/", "/", "/careers/pmo-quiz/"},
		{"/careers/pmo-quiz/", "/web", "/careers/pmo-quiz/web"},
		{"/careers/pmo-quiz/", "/web/app.wasm", "/careers/pmo-quiz/web/app.wasm"},
		{"/careers/pmo-quiz/", "web/icon.svg", "/careers/pmo-quiz/web/icon.svg"},
		{"/careers/pmo-quiz/", "/app-worker.js", "/careers/pmo-quiz/app-worker.js"},
		{"/careers/pmo-quiz/", "https://example.com/x.png", "https://example.com/x.png"},
		{"", "/app.js", "/app.js"},
	}
	for _, tt := range tests {
		if got := Prefix(tt.base).Resolve(tt.in); got != tt.want {
			t.Errorf("Prefix(%q).Resolve(%q) = %q; want %q", tt.base, tt.in, got, tt.want)
		}
	}
}

func testQuiz(t *testing.T) *quiz.Quiz {
	t.Helper()
	src, err := os.ReadFile("../quiz/testdata/valid/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse("base.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestManifest(t *testing.T) {
	q := testQuiz(t)
	for _, base := range []string{"/", "/careers/pmo-quiz/"} {
		var m struct {
			ID, Name, Lang, Display string
			ShortName               string `json:"short_name"`
			StartURL                string `json:"start_url"`
			Scope                   string
			ThemeColor              string `json:"theme_color"`
			BackgroundColor         string `json:"background_color"`
			Icons                   []struct{ Src, Sizes, Type, Purpose string }
		}
		if err := json.Unmarshal(Manifest(Config{Quiz: q, Base: base}), &m); err != nil {
			t.Fatalf("base %s: %v", base, err)
		}
		if m.ID != base || m.StartURL != base || m.Scope != base {
			t.Errorf("base %s: id %q, start_url %q, scope %q; want the base for each", base, m.ID, m.StartURL, m.Scope)
		}
		if m.Name == "" || m.ShortName == "" || m.Display != "standalone" || m.ThemeColor != ThemeColor || m.BackgroundColor == "" || m.Lang != q.Locales[0] {
			t.Errorf("base %s: manifest %+v; want names, standalone, colours and the default language", base, m)
		}
		want := map[string]bool{"192x192 any": false, "512x512 any": false, "512x512 maskable": false}
		for _, ic := range m.Icons {
			if !strings.HasPrefix(ic.Src, base+"web/icon") {
				t.Errorf("base %s: icon %q is not one of ours under %sweb/", base, ic.Src, base)
			}
			if ic.Type == "image/png" {
				want[ic.Sizes+" "+ic.Purpose] = true
			}
		}
		for k, ok := range want {
			if !ok {
				t.Errorf("base %s: no %s PNG icon", base, k)
			}
		}
	}
}

func TestHandler(t *testing.T) {
	h := Handler(Config{Quiz: testQuiz(t), Base: "/careers/pmo-quiz/", Version: "v1", WasmSize: 42})
	if got := h.Resources.Resolve("/web/app.wasm"); got != "/careers/pmo-quiz/web/app.wasm" {
		t.Errorf("Handler's resources resolve /web/app.wasm to %q", got)
	}
	for _, icon := range []string{h.Icon.Default, h.Icon.Large, h.Icon.Maskable, h.Icon.SVG} {
		if !strings.HasPrefix(icon, "/web/") {
			t.Errorf("icon %q is not a local file: go-app would fall back to its own, on GitHub", icon)
		}
	}
}

// The worker has the placeholders the site loader fills, no push
// handlers, and picks pages by language.
func TestWorkerTemplate(t *testing.T) {
	for _, want := range []string{"{{.Version}}", "{{.Pages}}", "{{.DefaultLocale}}", "{{.ResourcesToCache}}", "{{.Immutable}}", "function locale(url)", "skipWaiting", "clients.claim", "caches.delete"} {
		if !strings.Contains(WorkerTemplate, want) {
			t.Errorf("the worker template lacks %q", want)
		}
	}
	for _, unwanted := range []string{`"push"`, "showNotification", "notificationclick"} {
		if strings.Contains(WorkerTemplate, unwanted) {
			t.Errorf("the worker template still has %s: the quiz sends no notifications", unwanted)
		}
	}
}
