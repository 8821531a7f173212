package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// The visitor's path through the quiz, as the engine sees it.

// shownQuestions is the questions the engine shows for these answers, in
// order: the screens a visitor who gives them walks through.
func shownQuestions(q *quiz.Quiz, a quiz.Answers) []*quiz.Question {
	var out []*quiz.Question
	for i, v := range q.Visible(a) {
		if v {
			out = append(out, q.Questions[i])
		}
	}
	return out
}

// visibleCount is how many questions the engine shows for partial answers:
// the "of N" in the progress.
func visibleCount(q *quiz.Quiz, a quiz.Answers) int {
	n := 0
	for _, v := range q.Visible(a) {
		if v {
			n++
		}
	}
	return n
}

// values are the input values of an answer: option ids, or "1".."5".
func values(qu *quiz.Question, a quiz.Answer) []string {
	if qu.Kind == quiz.Scale {
		return []string{strconv.Itoa(a.Scale)}
	}
	return a.Choices
}

// optionValues are the values of a question's inputs, in screen order.
func optionValues(qu *quiz.Question) []string {
	if qu.Kind == quiz.Scale {
		out := make([]string, quiz.ScalePoints)
		for i := range out {
			out[i] = strconv.Itoa(i + 1)
		}
		return out
	}
	out := make([]string, len(qu.Options))
	for i, o := range qu.Options {
		out[i] = o.ID
	}
	return out
}

func inputID(qu *quiz.Question, value string) string { return "opt-" + qu.ID + "-" + value }

func goldenCase(t *testing.T, name string) *quiz.Golden {
	t.Helper()
	for _, g := range theQuiz.Golden {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("quiz.toml has no [[golden]] case named %q", name)
	return nil
}

// text returns a quiz text in locale, as the widget picks it.
func text(t quiz.Text, locale string) string { return t.Get(locale, theQuiz.Locales[0]) }

func ui(key, locale string) string { return text(theQuiz.UI[key], locale) }

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Screens.

// checked is the values of the checked inputs of the question on screen.
func (p *page) checked() []string {
	p.t.Helper()
	return eval[[]string](p, `Array.from(document.querySelectorAll('#question-form input:checked')).map(i => i.value)`)
}

// expectQuestion waits until question n (1-based) of the visitor's path is
// on screen, then checks what a visitor sees of it: its kind, the progress,
// no option ticked in advance, and the keyboard focus on the question text.
// after says what the visitor just did, for the failure message.
func (p *page) expectQuestion(qu *quiz.Question, n int, answered quiz.Answers, after string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%s, question %d (%q) should appear", after, n, qu.ID),
		fmt.Sprintf(`(() => { const m = document.querySelector('main#quiz'); const fs = document.querySelector('#question-form fieldset[data-question]');
			return m?.dataset.screen === 'question' && fs?.dataset.question === %q; })()`, qu.ID))
	s := p.state()
	if s.Kind != string(qu.Kind) {
		p.t.Errorf("question %q shows as kind %q, want %q", qu.ID, s.Kind, qu.Kind)
	}
	total := visibleCount(theQuiz, answered)
	prog := eval[[2]int](p, `(() => { const e = document.getElementById('progress'); return e ? [e.value, e.max] : [-1, -1]; })()`)
	if prog != [2]int{n, total} {
		p.t.Errorf("question %q: the progress bar shows %d of %d (%q), want %d of %d", qu.ID, prog[0], prog[1], s.Progress, n, total)
	}
	if got := p.checked(); len(got) > 0 && answered[qu.ID].Choices == nil && answered[qu.ID].Scale == 0 {
		p.t.Errorf("%s, question %q appears with %v already ticked, though the visitor never answered it", after, qu.ID, got)
	}
	if p.keyboard {
		p.expectFocus("q-legend", after+", the question text")
	}
}

// expectFocus checks that the keyboard focus is on #id (the widget moves it
// there after each step), waiting briefly for the widget's deferred focus. If
// it is not, the test goes on (after an error) with the focus put there, so
// that the rest of the run is still checked.
func (p *page) expectFocus(id, what string) {
	p.t.Helper()
	err := p.poll(waitTimeout, fmt.Sprintf(`document.activeElement?.id === %q`, id))
	if err == nil {
		return
	}
	p.t.Errorf("%s (#%s) should have the keyboard focus, but the focus is on %s: a keyboard or screen reader user is lost here",
		what, id, p.state().Focus)
	eval[chromedp.Void](p, fmt.Sprintf(`document.getElementById(%q)?.focus()`, id))
}

// expectChecked checks that exactly the answer's inputs are ticked, and that
// a multi question with a maximum disables the rest once it is reached.
func (p *page) expectChecked(qu *quiz.Question, a quiz.Answer, how string) {
	p.t.Helper()
	want := slices.Sorted(slices.Values(values(qu, a)))
	got := slices.Sorted(slices.Values(p.checked()))
	if !slices.Equal(got, want) {
		p.t.Fatalf("question %q: after %s the ticked options are %v, want %v", qu.ID, how, got, want)
	}
	if qu.Kind != quiz.Multi {
		return
	}
	// At its max, the options not ticked are disabled, but for an
	// exclusive one (ticking it clears the others).
	var wantDisabled []string
	if qu.Max > 0 && len(a.Choices) >= qu.Max {
		for _, o := range qu.Options {
			if !slices.Contains(a.Choices, o.ID) && !o.Exclusive {
				wantDisabled = append(wantDisabled, o.ID)
			}
		}
	}
	// The widget disables the rest on its next render.
	err := p.poll(waitTimeout, fmt.Sprintf(`Array.from(document.querySelectorAll('#question-form input:disabled')).map(i => i.value).sort().join(' ') === %s`,
		jsString(strings.Join(slices.Sorted(slices.Values(wantDisabled)), " "))))
	if err != nil {
		disabled := eval[[]string](p, `Array.from(document.querySelectorAll('#question-form input:disabled')).map(i => i.value)`)
		p.t.Errorf("question %q (at most %d): with %v ticked the disabled options are %v, want %v", qu.ID, qu.Max, a.Choices, disabled, wantDisabled)
	}
}

// checkIntro checks the intro screen in locale.
func (p *page) checkIntro(locale string) {
	p.t.Helper()
	type intro struct {
		Title      string `json:"title"`
		Disclaimer string `json:"disclaimer"`
		Privacy    string `json:"privacy"`
		Start      string `json:"start"`
		Pressed    string `json:"pressed"`
	}
	got := eval[intro](p, `(() => {
		const t = s => document.querySelector(s)?.textContent.trim() ?? '';
		return {title: t('h1#quiz-title'), disclaimer: t('.disclaimer'), privacy: t('.privacy'), start: t('button#start'),
			pressed: document.querySelector('button.lang[aria-pressed="true"]')?.dataset.lang ?? ''};
	})()`)
	s := p.state()
	if s.Lang != locale || s.DocLang != locale {
		p.t.Errorf("intro: main#quiz lang=%q and <html lang=%q>, want %q", s.Lang, s.DocLang, locale)
	}
	if want := text(theQuiz.Title, locale); got.Title != want {
		p.t.Errorf("intro: the title reads %q, want %q (%s)", got.Title, want, locale)
	}
	if japanese := hasJapanese(got.Title); japanese != (locale == "ja") {
		p.t.Errorf("intro: the title %q contains Japanese: %v; the page is in %q", got.Title, japanese, locale)
	}
	if want := text(theQuiz.Disclaimer, locale); !strings.Contains(got.Disclaimer, want) {
		p.t.Errorf("intro: the disclaimer reads %q, want it to contain %q", got.Disclaimer, want)
	}
	if want := text(theQuiz.Privacy, locale); !strings.Contains(got.Privacy, want) {
		p.t.Errorf("intro: the privacy note reads %q, want it to contain %q", got.Privacy, want)
	}
	want := ui("start", locale)
	if eval[bool](p, `!!document.getElementById('resume-offer')`) {
		want = ui("resume_restart", locale) // beside "continue" or "see your last result"
	}
	if got.Start != want {
		p.t.Errorf("intro: the start button reads %q, want %q", got.Start, want)
	}
	if got.Pressed != locale {
		p.t.Errorf("intro: the pressed language button is %q, want %q", got.Pressed, locale)
	}
}

// shownResult is what the result screen shows.
type shownResult struct {
	Present          bool        `json:"present"`
	Path             string      `json:"path"`
	RunnerUp         string      `json:"runnerUp"`
	Band             string      `json:"band"`
	Title            string      `json:"title"`
	FitBand          string      `json:"fitBand"`
	TopOutcome       string      `json:"topOutcome"`
	TopTitle         string      `json:"topTitle"`
	RunnerUpOutcome  string      `json:"runnerUpOutcome"`
	RunnerUpTitle    string      `json:"runnerUpTitle"`
	Chart            [][2]string `json:"chart"`
	Benefits         []string    `json:"benefits"`
	Concerns         []string    `json:"concerns"`
	Certifications   []string    `json:"certifications"`
	CTA              string      `json:"cta"`
	Restart          bool        `json:"restart"`
	Undifferentiated bool        `json:"undifferentiated"`
	Why              string      `json:"why"`
	Lead             string      `json:"lead"`
	Disclaimer       string      `json:"disclaimer"`
}

const shownResultJS = `(() => {
	const r = document.getElementById('result');
	const t = s => document.querySelector(s)?.textContent.trim() ?? '';
	const all = (s, f) => Array.from(document.querySelectorAll(s)).map(f);
	return {
		present: !!r,
		path: r?.dataset.path ?? '', runnerUp: r?.dataset.runnerUp ?? '', band: r?.dataset.band ?? '',
		title: t('h1#result-title'), fitBand: t('#fit-band'),
		topOutcome: document.getElementById('top-path')?.dataset.outcome ?? '', topTitle: t('#top-path .path-title'),
		runnerUpOutcome: document.getElementById('runner-up')?.dataset.outcome ?? '', runnerUpTitle: t('#runner-up .path-title'),
		chart: all('#dimension-chart .chart-row', g => [g.dataset.dimension ?? '', g.dataset.score ?? '']),
		why: t('#why .why'), lead: t('#lead'), disclaimer: t('#result-disclaimer'),
		benefits: all('#benefits li', li => li.dataset.note ?? ''),
		concerns: all('#concerns li', li => li.dataset.note ?? ''),
		certifications: all('#certifications li', li => li.dataset.cert ?? ''),
		cta: document.querySelector('a#cta')?.getAttribute('href') ?? '',
		restart: !!document.querySelector('button#restart'),
		undifferentiated: !!document.getElementById('undifferentiated'),
	};
})()`

// checkResult checks the result screen against the engine's result for the
// answers, in locale.
func (p *page) checkResult(a quiz.Answers, locale string) {
	p.t.Helper()
	res := theQuiz.Score(a)
	got := eval[shownResult](p, shownResultJS)
	if !got.Present {
		p.t.Fatalf("the result screen has no section#result; it shows %s", p.describe())
	}
	errorf := func(format string, args ...any) { p.t.Helper(); p.t.Errorf("result: "+format, args...) }

	if got.Path != res.Top.ID || got.TopOutcome != res.Top.ID {
		errorf("the top path is %q (data-path) / %q (#top-path), the engine says %q", got.Path, got.TopOutcome, res.Top.ID)
	}
	if want := text(res.Top.Title, locale); got.TopTitle != want {
		errorf("the top path's title reads %q, want %q", got.TopTitle, want)
	}
	if res.RunnerUp != nil {
		if got.RunnerUp != res.RunnerUp.ID || got.RunnerUpOutcome != res.RunnerUp.ID {
			errorf("the runner-up is %q / %q, the engine says %q", got.RunnerUp, got.RunnerUpOutcome, res.RunnerUp.ID)
		}
		if want := text(res.RunnerUp.Title, locale); got.RunnerUpTitle != want {
			errorf("the runner-up's title reads %q, want %q", got.RunnerUpTitle, want)
		}
	}
	if res.Band != nil {
		if got.Band != res.Band.ID {
			errorf("the fit band is %q, the engine says %q", got.Band, res.Band.ID)
		}
		if want := text(res.Band.Title, locale); got.FitBand != want {
			errorf("the fit band reads %q, want %q", got.FitBand, want)
		}
	}
	// One heading per idea: the page's heading is the answer itself.
	if want := text(res.Top.Title, locale); got.Title != want {
		errorf("the heading reads %q, want the top path %q (%s)", got.Title, want, locale)
	}
	// Texts that follow the scores: the why the engine picked for the
	// path's level, and how clear the lead is.
	if want := text(res.Path(res.Top).Why, locale); strings.Join(strings.Fields(got.Why), "") != strings.Join(strings.Fields(want), "") {
		errorf("the why reads %q, the engine picked %q", got.Why, want)
	}
	if res.LeadText != nil {
		want := strings.NewReplacer("{top}", text(res.Top.Title, locale), "{runner}", text(res.RunnerUp.Title, locale), "{margin}", strconv.Itoa(res.Margin)).Replace(text(res.LeadText, locale))
		if got.Lead != want {
			errorf("the lead reads %q, want %q", got.Lead, want)
		}
	}
	if !strings.Contains(got.Disclaimer, ui("disclaimer_title", locale)) {
		errorf("the result has no disclaimer (self-exploration, not a selection test)")
	}
	var wantChart [][2]string
	for _, d := range res.Dimensions {
		wantChart = append(wantChart, [2]string{d.Dimension.ID, strconv.Itoa(d.Score)})
	}
	if !slices.Equal(got.Chart, wantChart) {
		errorf("the chart shows (dimension, score) %v, the engine says %v", got.Chart, wantChart)
	}
	if want := noteIDs(res.Benefits); !slices.Equal(got.Benefits, want) {
		errorf("the benefits shown are %v, the engine says %v", got.Benefits, want)
	}
	if want := noteIDs(res.Concerns); !slices.Equal(got.Concerns, want) {
		errorf("the concerns shown are %v, the engine says %v", got.Concerns, want)
	}
	var wantCerts []string
	for _, c := range res.Certifications {
		wantCerts = append(wantCerts, c.ID)
	}
	if !slices.Equal(got.Certifications, wantCerts) {
		errorf("the certifications shown are %v, the engine says %v", got.Certifications, wantCerts)
	}
	if got.CTA != theQuiz.CTA.URL {
		errorf("the call to action links to %q, quiz.toml says %q", got.CTA, theQuiz.CTA.URL)
	}
	if !got.Restart {
		errorf("there is no button#restart")
	}
	if got.Undifferentiated != res.Undifferentiated {
		errorf("the \"all answers alike\" notice is shown: %v, the engine says %v", got.Undifferentiated, res.Undifferentiated)
	}
	if s := p.state(); s.Lang != locale || s.DocLang != locale {
		errorf("main#quiz lang=%q and <html lang=%q>, want %q", s.Lang, s.DocLang, locale)
	}
}

func noteIDs(notes []*quiz.Note) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.ID)
	}
	return out
}

// ---------------------------------------------------------------------------
// Walking through the quiz.

// runByMouse answers every question of a with real mouse clicks on the
// option labels and the Next button, from the intro to the result.
func (p *page) runByMouse(a quiz.Answers) {
	p.t.Helper()
	p.click("button#start")
	after := "after clicking Start"
	answered := quiz.Answers{}
	for i, qu := range shownQuestions(theQuiz, a) {
		p.expectQuestion(qu, i+1, answered, after)
		if i == 0 {
			// Next with no answer: a hint, and the visitor stays.
			p.click("button#next")
			p.waitFor(fmt.Sprintf("after clicking Next on question %q with no answer, the \"please answer\" hint should appear", qu.ID),
				`!!document.querySelector('#required-hint[role="alert"]')`)
			if s := p.state(); s.Question != qu.ID {
				p.t.Fatalf("after clicking Next with no answer on question %q the page moved on to %s", qu.ID, s)
			}
		}
		for _, v := range values(qu, a[qu.ID]) {
			p.click(fmt.Sprintf(`label.option:has(> input#%s)`, inputID(qu, v)))
		}
		p.expectChecked(qu, a[qu.ID], "clicking "+strings.Join(values(qu, a[qu.ID]), ", "))
		if i == 0 {
			p.waitFor(fmt.Sprintf("question %q: the \"please answer\" hint should go once the visitor answers", qu.ID),
				`!document.getElementById('required-hint')`)
		}
		answered[qu.ID] = a[qu.ID]
		p.click("button#next")
		after = fmt.Sprintf("after clicking Next on question %q", qu.ID)
	}
	p.waitScreen("result", after)
}

// runQuickly answers every question with element.click() from JavaScript:
// fast, for the golden cases (the mouse and keyboard tests cover real input).
func (p *page) runQuickly(a quiz.Answers) {
	p.t.Helper()
	p.runQuicklyIn(theQuiz, a)
}

// runQuicklyIn is runQuickly on the quiz q.
func (p *page) runQuicklyIn(q *quiz.Quiz, a quiz.Answers) {
	p.t.Helper()
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	after := "after clicking Start"
	answered := quiz.Answers{}
	for i, qu := range shownQuestions(q, a) {
		p.waitFor(fmt.Sprintf("%s, question %d (%q) should appear", after, i+1, qu.ID),
			fmt.Sprintf(`document.querySelector('#question-form fieldset[data-question]')?.dataset.question === %q`, qu.ID))
		var js strings.Builder
		for _, v := range values(qu, a[qu.ID]) {
			fmt.Fprintf(&js, "document.getElementById(%s).click();\n", jsString(inputID(qu, v)))
		}
		eval[chromedp.Void](p, js.String())
		p.expectChecked(qu, a[qu.ID], "clicking "+strings.Join(values(qu, a[qu.ID]), ", "))
		answered[qu.ID] = a[qu.ID]
		eval[chromedp.Void](p, `document.getElementById('next').click()`)
		after = fmt.Sprintf("after clicking Next on question %q", qu.ID)
	}
	p.waitScreen("result", after)
}

// ---------------------------------------------------------------------------
// The network.

// intercept pauses every request of the browser (the page and its service
// worker alike) whose URL matches pattern, and calls handle for it in order.
// handle returns the response to give, or nil to let the request through.
func (p *page) intercept(pattern string, handle func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams) {
	p.t.Helper()
	events := chromedp.BrowserEvents(p.ctx, fetch.RequestPaused) // subscribed from here on
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	if _, err := chromedp.CallBrowser(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: pattern}},
	}); err != nil {
		p.t.Fatalf("enabling request interception: %v", err)
	}
	go func() {
		for ev, err := range events {
			if err != nil {
				return // the test is over
			}
			var cerr error
			if resp := handle(&ev); resp != nil {
				resp.RequestID = ev.RequestID
				_, cerr = chromedp.CallBrowser(p.ctx, fetch.FulfillRequest, *resp)
			} else {
				_, cerr = chromedp.CallBrowser(p.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}
			if cerr != nil && p.ctx.Err() == nil {
				p.mu.Lock()
				p.problems = append(p.problems, fmt.Sprintf("test harness: answering the intercepted request %s: %v", ev.Request.URL, cerr))
				p.mu.Unlock()
			}
		}
	}()
}

// ---------------------------------------------------------------------------
// Screenshots.

// artifactsDir is where screenshots go: $E2E_ARTIFACTS, else e2e/artifacts.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_ARTIFACTS")
	if dir == "" {
		dir = "artifacts" // the tests run in e2e/
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("creating the artifacts directory: %v", err)
	}
	return dir
}

// screenshots saves the current screen at two phone sizes (320 px: WCAG reflow) and a desktop size:
// the viewport as a visitor first sees it, and the whole page.
func (p *page) screenshots(name string) {
	p.t.Helper()
	dir := artifactsDir(p.t)
	for _, size := range []struct {
		w, h  int64
		scale float64
	}{{320, 640, 2}, {390, 844, 2}, {1280, 900, 1}} {
		p.do("resizing the viewport",
			chromedp.EmulateViewport(size.w, size.h, chromedp.EmulateScale(size.scale)),
			chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))`, chromedp.EvalAwaitPromise),
		)
		for _, shot := range []struct {
			suffix string
			action chromedp.Action[[]byte]
		}{{"", chromedp.CaptureScreenshot()}, {"-full", chromedp.FullScreenshot(100)}} {
			ctx, cancel := withTimeout(p.ctx)
			buf, err := chromedp.Run(ctx, shot.action)
			cancel()
			if err != nil {
				p.t.Fatalf("taking a screenshot: %v", err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%dx%d%s.png", name, size.w, size.h, shot.suffix))
			if err := os.WriteFile(file, buf, 0o644); err != nil {
				p.t.Fatalf("saving a screenshot: %v", err)
			}
			p.t.Logf("saved %s", file)
		}
	}
	p.do("restoring the viewport", chromedp.ResetViewport())
}
