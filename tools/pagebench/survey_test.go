package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

func parseQuiz(t *testing.T, name string, src []byte) *quiz.Quiz {
	t.Helper()
	q, err := quiz.Parse(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return q
}

func defaultQuiz(t *testing.T) *quiz.Quiz {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "quiz.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return parseQuiz(t, "quiz.toml", src)
}

// The reference has the quiz's shape: an intro page, then one page per
// question with its kind, options (ids and labels in order) and conditions.
func TestSurveyFromDefaultQuiz(t *testing.T) {
	q := defaultQuiz(t)
	s, err := surveyFromQuiz(q, "")
	if err != nil {
		t.Fatal(err)
	}
	def := q.Locales[0]
	if s.Locale != def || s.Title != q.Title.Get(def, def) {
		t.Errorf("locale %q, title %q: want the quiz's default locale %q and its title", s.Locale, s.Title, def)
	}
	if !s.FirstPageIsStartPage || s.StartSurveyText != q.UI["start"].Get(def, def) || s.PageNextText != q.UI["next"].Get(def, def) {
		t.Errorf("start page %v, Start %q, Next %q: want an intro page and the quiz's button texts", s.FirstPageIsStartPage, s.StartSurveyText, s.PageNextText)
	}
	if len(s.Pages) != 1+len(q.Questions) {
		t.Fatalf("%d pages, want the intro and %d questions", len(s.Pages), len(q.Questions))
	}
	intro := s.Pages[0].Elements
	if len(intro) != 1 || intro[0].Type != "html" || !strings.Contains(intro[0].HTML, q.Intro.Get(def, def)) {
		t.Errorf("intro page %+v: want one html block with the quiz's intro", intro)
	}
	want := map[quiz.Kind]string{quiz.Single: "radiogroup", quiz.Multi: "checkbox", quiz.Scale: "radiogroup"}
	for i, qu := range q.Questions {
		p := s.Pages[i+1]
		if len(p.Elements) != 1 {
			t.Fatalf("page %d has %d elements, want 1", i+1, len(p.Elements))
		}
		el := p.Elements[0]
		if el.Name != qu.ID || el.Type != want[qu.Kind] || el.Title != qu.Text.Get(def, def) || !el.IsRequired {
			t.Errorf("question %d: %s %s %q required=%v; want %s %s %q required", i, el.Type, el.Name, el.Title, el.IsRequired, want[qu.Kind], qu.ID, qu.Text.Get(def, def))
		}
		var values, labels []string
		for _, c := range el.Choices {
			values = append(values, strings.Trim(string(mustJSON(t, c.Value)), `"`))
			labels = append(labels, c.Text)
		}
		var wantValues, wantLabels []string
		if qu.Kind == quiz.Scale {
			for v := 1; v <= quiz.ScalePoints; v++ {
				wantValues = append(wantValues, string(rune('0'+v)))
				wantLabels = append(wantLabels, q.UI["scale_"+string(rune('0'+v))].Get(def, def))
			}
		} else {
			for _, o := range qu.Options {
				wantValues = append(wantValues, o.ID)
				wantLabels = append(wantLabels, o.Label.Get(def, def))
			}
		}
		if !reflect.DeepEqual(values, wantValues) || !reflect.DeepEqual(labels, wantLabels) {
			t.Errorf("question %s: choices %v %v, want %v %v", qu.ID, values, labels, wantValues, wantLabels)
		}
		if qu.Kind == quiz.Multi && qu.Max > 0 && qu.Max < len(qu.Options) && el.MaxSelectedChoices != qu.Max {
			t.Errorf("question %s: maxSelectedChoices %d, want %d", qu.ID, el.MaxSelectedChoices, qu.Max)
		}
		if (len(qu.ShowIf) > 0) != (el.VisibleIf != "") {
			t.Errorf("question %s: visibleIf %q for %d conditions", qu.ID, el.VisibleIf, len(qu.ShowIf))
		}
	}
	// The conditions come over as visibleIf (the default quiz has none:
	// the test quizzes below do).
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const markupQuiz = `
[quiz]
id = "markup"
locales = ["en", "ja"]
title = { en = "Title </script><b>x</b>", ja = "題" }
intro = { en = "Intro <img src=x onerror=alert(1)>\n\nSecond & last", ja = "はじめに" }

[[questions]]
id = "first"
kind = "scale"
text = { en = "Agree <i>?</i>", ja = "そう思う？" }
adds = { a = 1 }

[[questions]]
id = "second"
kind = "multi"
max = 2
text = { en = "Pick", ja = "選ぶ" }
show_if = [ { question = "first", any = ["4", "5"] } ]
options = [
  { id = "x", label = { en = "X", ja = "エックス" }, adds = { a = 1 } },
  { id = "y", label = { en = "Y", ja = "ワイ" }, adds = { b = 1 } },
  { id = "z", label = { en = "Z", ja = "ゼット" }, adds = { b = 1 } },
]

[[outcomes]]
id = "a"
title = { en = "A", ja = "A" }
summary = { en = "A", ja = "A" }
why = { en = "A", ja = "A" }

[[outcomes]]
id = "b"
title = { en = "B", ja = "B" }
summary = { en = "B", ja = "B" }
why = { en = "B", ja = "B" }
`

// Text from the quiz stays text: the intro's html block is escaped, and the
// page's script cannot be closed by a title.
func TestReferenceEscapesQuizText(t *testing.T) {
	q := parseQuiz(t, "markup.toml", []byte(markupQuiz))
	s, err := surveyFromQuiz(q, "en")
	if err != nil {
		t.Fatal(err)
	}
	h := s.Pages[0].Elements[0].HTML
	if strings.Contains(h, "<img") || !strings.Contains(h, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("intro html not escaped: %s", h)
	}
	if !strings.Contains(h, "<p>Second &amp; last</p>") {
		t.Errorf("intro html: want one paragraph per block, escaped: %s", h)
	}
	page, err := referencePage(s, []string{"/survey/1/a.css", "/survey/1/b.js"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "</script>"); n != 2 { // b.js's and the page's own
		t.Errorf("the page has %d </script>, want 2:\n%s", n, page)
	}
	if !strings.Contains(string(page), `<html lang="en">`) || !strings.Contains(string(page), `<title>Title &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</title>`) {
		t.Errorf("page head:\n%s", page)
	}
	if !strings.Contains(string(page), `<link rel="stylesheet" href="/survey/1/a.css">`) || !strings.Contains(string(page), `<script defer src="/survey/1/b.js"></script>`) {
		t.Errorf("page links:\n%s", page)
	}
}

// Other kinds and conditions, in another language.
func TestSurveyKindsAndConditions(t *testing.T) {
	q := parseQuiz(t, "markup.toml", []byte(markupQuiz))
	s, err := surveyFromQuiz(q, "ja")
	if err != nil {
		t.Fatal(err)
	}
	first, second := s.Pages[1].Elements[0], s.Pages[2].Elements[0]
	if first.Type != "radiogroup" || len(first.Choices) != 5 || first.Choices[0].Value != 1 || first.Choices[4].Text != q.UI["scale_5"].Get("ja", "en") {
		t.Errorf("scale question: %+v", first)
	}
	if second.Type != "checkbox" || second.MaxSelectedChoices != 2 || second.Choices[2].Text != "ゼット" {
		t.Errorf("multi question: %+v", second)
	}
	if second.VisibleIf != "{first} anyof [4, 5]" {
		t.Errorf("condition on a scale: %q, want {first} anyof [4, 5]", second.VisibleIf)
	}
	if s.Locale != "ja" || s.Title != "題" || s.PageNextText != q.UI["next"].Get("ja", "en") {
		t.Errorf("locale %q, title %q, next %q", s.Locale, s.Title, s.PageNextText)
	}
}

// The visitor's path: the first question, its first option, and the
// question that this answer shows next.
func TestFirstSteps(t *testing.T) {
	st, err := firstSteps(defaultQuiz(t))
	if err != nil {
		t.Fatal(err)
	}
	if st != (steps{q1: "role", option: "se", q2: "years"}) {
		t.Errorf("default quiz: %+v, want role = se, then years", st)
	}
	// Scale point 1 does not show "second" (shown on 4 or 5): no question follows.
	if st, err := firstSteps(parseQuiz(t, "markup.toml", []byte(markupQuiz))); err == nil {
		t.Errorf("markup quiz: %+v, want an error (nothing follows first = 1)", st)
	}
	tiny, err := os.ReadFile(filepath.Join("..", "..", "app", "quiz", "testdata", "valid", "minimal.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := firstSteps(parseQuiz(t, "minimal.toml", tiny)); err == nil {
		t.Error("a one-question quiz: want an error")
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, c := range []struct {
		header, enc string
		want        bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate", "br", false},
		{"gzip;q=1.0, identity; q=0.5", "gzip", true},
		{"", "gzip", false},
		{"xbr", "br", false},
	} {
		if got := acceptsEncoding(c.header, c.enc); got != c.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", c.header, c.enc, got, c.want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestParseLighthouse(t *testing.T) {
	report := `{"lighthouseVersion": "12.8.2", "runWarnings": ["slow"],
		"categories": {"performance": {"score": 0.47}},
		"audits": {"total-blocking-time": {"numericValue": 2000}, "largest-contentful-paint": {"numericValue": 9800.5},
			"cumulative-layout-shift": {"numericValue": 0.01}, "first-contentful-paint": {"numericValue": 900}}}`
	lr, err := parseLighthouse([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	want := lighthouseResult{Version: "12.8.2", Performance: 0.47, TBT: 2000, LCP: 9800.5, CLS: 0.01, FCP: 900, Warnings: []string{"slow"}}
	if !reflect.DeepEqual(lr, want) {
		t.Errorf("got %+v, want %+v", lr, want)
	}
	// A page Lighthouse could not load has no score: an error, not a zero.
	if _, err := parseLighthouse([]byte(`{"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}, "categories": {"performance": {"score": null}}}`)); err == nil || !strings.Contains(err.Error(), "NO_FCP") {
		t.Errorf("runtime error: got %v", err)
	}
}

func TestPickNetworks(t *testing.T) {
	got, err := pickNetworks("slow, FAST")
	if err != nil || len(got) != 2 || got[0].Name != "slow 4G" || got[1].Name != "fast 4G" {
		t.Errorf("pickNetworks: %v %v", got, err)
	}
	if _, err := pickNetworks("3g"); err == nil {
		t.Error("an unknown network: want an error")
	}
}

// The in-page script, with each page's selectors in, is valid JavaScript.
func TestInstrumentScriptParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found")
		}
		t.Skip("node not found")
	}
	for _, s := range []site{ourPage("http://x/", "a", "b"), referenceSite("http://y/", "a", "b")} {
		f := filepath.Join(t.TempDir(), s.name+".js")
		if err := os.WriteFile(f, []byte(s.script()), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", s.name, err, out)
		}
	}
}
