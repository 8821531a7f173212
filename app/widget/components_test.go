package widget

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// The components on the host: what each draws for the data it is given,
// as the server prerenders it (app.HTMLString) and as go-app mounts it
// (app.NewTestEngine, app.Match).

func parseFile(t *testing.T, file string) *quiz.Quiz {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// element is the element with id in html: its start tag and its text.
func element(html, id string) (tag, text string) {
	m := regexp.MustCompile(`<[a-z]+[^>]*\sid="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)`).FindStringSubmatch(html)
	if m == nil {
		return "", ""
	}
	return m[0][:len(m[0])-len(m[1])], m[1]
}

// TestFill: placeholders are filled in one pass, so a value that holds
// "{name}" (a quiz text) is shown as written.
func TestFill(t *testing.T) {
	for _, tt := range []struct {
		s    string
		kv   []string
		want string
	}{
		{"{n} / {total}", []string{"n", "3", "total", "18"}, "3 / 18"},
		{"{old} → {new}", []string{"old", "about {new} things", "new", "B"}, "about {new} things → B"},
		{"{a}{a} {b}", []string{"a", "x"}, "xx {b}"},
	} {
		if got := fill(tt.s, tt.kv...); got != tt.want {
			t.Errorf("fill(%q, %q) = %q; want %q", tt.s, tt.kv, got, tt.want)
		}
	}
}

// TestQuestionScreen: a multi question at its maximum ticks its answer and
// disables the other boxes, but not an option that excludes the others;
// the last question's button says so; the progress reads as the UI text
// says.
func TestQuestionScreen(t *testing.T) {
	q := parseFile(t, "../quiz/testdata/valid/maximal.toml")
	var qu *quiz.Question
	for _, x := range q.Questions {
		if x.Kind == quiz.Multi && x.Max > 0 {
			qu = x
		}
	}
	if qu == nil {
		t.Fatal("maximal.toml has no multi question with a max")
	}
	var answer quiz.Answer
	excl := ""
	for _, o := range qu.Options {
		switch {
		case o.Exclusive:
			excl = o.ID
		case len(answer.Choices) < qu.Max:
			answer.Choices = append(answer.Choices, o.ID)
		}
	}
	w := words{q: q, locale: q.Locales[0]}
	html := encode(&questionScreen{W: w, Q: qu, Answer: answer, N: 3, Total: 3})
	for _, o := range qu.Options {
		in := regexp.MustCompile(`<input[^>]*id="opt-` + qu.ID + `-` + o.ID + `"[^>]*>`).FindString(html)
		ticked, disabled := strings.Contains(in, " checked"), strings.Contains(in, " disabled")
		wantTicked := strings.Contains(strings.Join(answer.Choices, " "), o.ID)
		wantDisabled := !wantTicked && o.ID != excl
		if in == "" || ticked != wantTicked || disabled != wantDisabled {
			t.Errorf("option %q: %q; want ticked %v, disabled %v", o.ID, in, wantTicked, wantDisabled)
		}
	}
	if _, text := element(html, "next"); text != w.t("see_result") {
		t.Errorf("the last question's button reads %q; want %q", text, w.t("see_result"))
	}
	if _, text := element(html, "progress-text"); text != fill(w.t("progress"), "n", "3", "total", "3") {
		t.Errorf("the progress reads %q", text)
	}
	if strings.Contains(html, "required-hint") {
		t.Errorf("the hint shows though Next was not pressed")
	}
	if html := encode(&questionScreen{W: w, Q: qu, N: 1, Total: 3, Hint: true}); !strings.Contains(html, `id="required-hint"`) ||
		func() bool { _, text := element(html, "next"); return text != w.t("next") }() {
		t.Errorf("with the hint on question 1 of 3: no hint, or no %q button", w.t("next"))
	}
}

// TestIntroOffers: the intro offers Start alone, to continue at question N
// of Total, or to see the last result.
func TestIntroOffers(t *testing.T) {
	q := parseFile(t, "../quiz/testdata/valid/base.toml")
	w := words{q: q, locale: q.Locales[0]}
	for _, tt := range []struct {
		saved         resumeOffer
		start, resume string // the buttons' texts ("": none)
	}{
		{resumeOffer{}, w.t("start"), ""},
		{resumeOffer{N: 2, Total: 5}, w.t("resume_restart"), fill(w.t("resume_continue"), "n", "2", "total", "5")},
		{resumeOffer{Total: 5, Done: true}, w.t("resume_restart"), w.t("resume_result")},
	} {
		html := encode(&introScreen{W: w, Total: 4, Saved: tt.saved})
		startTag, start := element(html, "start")
		resumeTag, resume := element(html, "resume")
		offer, _ := element(html, "resume-offer")
		if start != tt.start || resume != tt.resume || (tt.resume != "") != (offer != "") {
			t.Errorf("intro with %+v: Start %q, Continue %q, offer %v; want %q, %q", tt.saved, start, resume, offer != "", tt.start, tt.resume)
		}
		primary := startTag
		if tt.resume != "" {
			primary = resumeTag
			if strings.Contains(startTag, "primary") {
				t.Errorf("intro with %+v: Start over looks like the main action", tt.saved)
			}
		}
		if !strings.Contains(primary, "primary") {
			t.Errorf("intro with %+v: the main action is not the primary button: %s", tt.saved, primary)
		}
	}
}

// TestPageMountsTheJourney: go-app mounts the page on the screen its
// journey is on, with the question's component given the answer.
func TestPageMountsTheJourney(t *testing.T) {
	q := parseFile(t, "../quiz/testdata/valid/base.toml")
	f := flow.New(q)
	f.Start()
	first := f.Current()
	f.Choose(first.Options[0].ID, true)
	p := &quizPage{w: words{q: q, locale: "en"}, flow: f, embed: embedding{theme: "auto"}}
	e := app.NewTestEngine()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	// main#quiz: the live region, the header, the update notice, then the
	// question's screen, whose first part is the progress.
	_, total := f.Progress()
	want := app.Text(fill(p.w.t("progress"), "n", "1", "total", strconv.Itoa(total)))
	if err := app.Match(want, p, 0, 3, 0, 0, 0, 0); err != nil {
		t.Errorf("the page does not show question 1's progress: %v", err)
	}
	if err := app.Match(app.Legend().ID("q-legend").TabIndex(-1).Text(p.w.tx(first.Text)), p, 0, 3, 0, 1, 0, 0); err != nil {
		t.Errorf("the page does not show question 1: %v", err)
	}
}

// TestPrerender: the page the server sends writes quiz texts in attributes
// as HTML (not Go's quoting), has no indentation between elements (the
// engine's page has none: the page would move when it takes over), and
// carries the early script's data and a template per question.
func TestPrerender(t *testing.T) {
	q := parseFile(t, "../quiz/testdata/valid/base.toml")
	q.UI["progress"] = quiz.Text{"ja": "「質問」\u3000{n}\"/\\{total}&", "en": "Q {n} \"of\" {total}"}
	html := Prerender(q, "ja")
	for _, a := range regexp.MustCompile(`\s[a-z-]+="(?:[^"\\]|\\.)*"`).FindAllString(html, -1) {
		if strings.Contains(a, `\`) {
			t.Errorf("an attribute is written with Go's quoting: %s", a)
		}
	}
	if m := regexp.MustCompile(`\s(?:aria|data)-[a-z-]+[\s>]`).FindString(html); m != "" {
		t.Errorf("the page has %q: an ARIA or data attribute without its value", m)
	}
	if !strings.Contains(html, `aria-pressed="true"`) {
		t.Errorf("the pressed language button is not aria-pressed=\"true\"")
	}
	if m := regexp.MustCompile(`\s(?:checked|disabled|selected|readonly|required|hidden)="false"`).FindString(html); m != "" {
		t.Errorf("the page has %s: a boolean attribute is on whatever its value", m)
	}
	if !strings.Contains(html, `aria-label="「質問」&#12288;1&#34;/&#92;2&#38;"`) {
		t.Errorf("the progress bar's label is not the text as HTML:\n%s", regexp.MustCompile(`aria-label="[^"]*"`).FindAllString(html, -1))
	}
	if m := regexp.MustCompile(`>\s+<`).FindString(html); m != "" {
		t.Errorf("the page has white space between elements: %q", m)
	}
	if !regexp.MustCompile(`^<main [^>]*id="quiz"`).MatchString(html) {
		t.Errorf("main#quiz is not the page's first element (go-app replaces the first): %.60s", html)
	}
	for _, qu := range q.Questions {
		if !strings.Contains(html, `<template id="q-tpl-`+qu.ID+`">`) {
			t.Errorf("no template for question %q", qu.ID)
		}
	}
	if !strings.Contains(html, `<script type="application/json" id="quiz-early">{"quiz":"`+q.ID+`","hash":"`+q.Hash+`"`) {
		t.Errorf("no early data for the quiz and its hash")
	}
}
