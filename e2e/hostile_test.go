package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/fetch"

	"pmoquiz/app/quiz"
)

// TestMarkupIsText: a quiz.toml whose texts hold markup (a recruiter's
// paste, or a hostile edit) is shown as typed. No element is created from
// it, no script runs, no image is requested, on the intro, a question and
// the result.
func TestMarkupIsText(t *testing.T) {
	const (
		title  = `<img src="/x-title" onerror="document.title='owned'">Quiz`
		label  = `<script>document.title='owned'</script>PMO`
		outcom = `<b id="injected">PMO</b>`
	)
	src := string(quizSource)
	for old, new := range map[string]string{
		`title = { ja = "PMOキャリア診断"`:         `title = { ja = ` + strconv.Quote(title),
		`label = { ja = "PMO・PMの補佐"`:         `label = { ja = ` + strconv.Quote(label),
		`title = { ja = "PMO", en = "PMO" }`: `title = { ja = ` + strconv.Quote(outcom) + `, en = "PMO" }`,
	} {
		if !strings.Contains(src, old) {
			t.Fatalf("quiz.toml no longer contains %q: update this test", old)
		}
		src = strings.Replace(src, old, new, 1)
	}
	q, err := quiz.Parse("quiz.toml", []byte(src))
	if err != nil {
		t.Fatalf("the engine refuses the quiz with markup in its texts:\n%v", err)
	}
	p := newPage(t)
	p.intercept("*quiz.toml*", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		return &fetch.FulfillRequestParams{
			ResponseCode:    200,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}},
			Body:            []byte(src),
		}
	})
	injected := `document.querySelectorAll('#quiz img, #quiz script, #quiz b, #injected').length`

	p.open("/?lang=ja", "intro")
	if got := eval[string](p, `document.getElementById('quiz-title').textContent`); got != title {
		t.Errorf("the intro heading reads %q; want the text as typed, %q", got, title)
	}
	if n := eval[int](p, injected); n != 0 {
		t.Errorf("the intro holds %d elements made from quiz text", n)
	}

	// The golden case whose first answer is the option with markup.
	var a quiz.Answers
	for _, g := range q.Golden {
		if c := g.Answers["role"].Choices; len(c) == 1 && c[0] == "pmo" && q.Score(g.Answers).Top.ID == "pmo" {
			a = g.Answers
		}
	}
	if a == nil {
		t.Fatal("no golden case answers role = pmo and ends on the PMO path: update this test")
	}
	p.click("button#start")
	p.waitFor("the first question should appear", `!!document.getElementById('opt-role-pmo')`)
	if got := eval[string](p, `document.querySelector('label[for="opt-role-pmo"] .option-label').textContent`); got != label {
		t.Errorf("the option reads %q; want the text as typed, %q", got, label)
	}
	if n := eval[int](p, injected); n != 0 {
		t.Errorf("the question holds %d elements made from quiz text", n)
	}
	p.runRest(q, a)
	if got := eval[string](p, `document.querySelector('#top-path .path-title').textContent`); got != outcom {
		t.Errorf("the top path reads %q; want the text as typed, %q", got, outcom)
	}
	if n := eval[int](p, injected); n != 0 {
		t.Errorf("the result holds %d elements made from quiz text", n)
	}
	if got := eval[string](p, `document.title`); got == "owned" {
		t.Error("a script from quiz.toml ran")
	}
}

// runRest answers, from the current question on, every question shown for
// a and submits each, by clicks from JavaScript.
func (p *page) runRest(q *quiz.Quiz, a quiz.Answers) {
	p.t.Helper()
	for _, qu := range shownQuestions(q, a) {
		p.waitFor("question "+qu.ID+" should appear",
			`document.querySelector('#question-form fieldset[data-question]')?.dataset.question === `+jsString(qu.ID))
		var js strings.Builder
		for _, v := range values(qu, a[qu.ID]) {
			js.WriteString("document.getElementById(" + jsString(inputID(qu, v)) + ").click();\n")
		}
		js.WriteString("document.getElementById('next').click();")
		eval[any](p, js.String())
	}
	p.waitScreen("result", "after the last question")
}
