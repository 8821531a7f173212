package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pmoquiz/app/quiz"
)

// Accessibility in the browser: axe-core on every screen in both languages
// and both colour schemes, the number keys, the live region, reflow at
// 320 px and at 200 % text.

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeFile is axe-core as npm installs it (package.json at the root; make
// test runs npm ci).
var axeFile = filepath.Join("..", "node_modules", "axe-core", "axe.min.js")

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axeFile)
	return string(b), err
})

// needAxe returns axe-core's source, or skips the test without it (fails
// it when CI=true).
func needAxe(t *testing.T) string {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v): run npm ci at the repository root (make test does)", err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return src
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
		HTML    string   `json:"html"`
	} `json:"nodes"`
}

// expectNoAxeViolations runs axe-core on the page as it is and fails the
// test with every WCAG 2.x A/AA violation it reports: rule, impact, what to
// fix and the elements. axe is evaluated over the DevTools protocol, which
// the page's Content-Security-Policy does not apply to (a <script> would be
// blocked). what names the screen for the message.
func (p *page) expectNoAxeViolations(what string) {
	p.t.Helper()
	src := needAxe(p.t)
	if !eval[bool](p, `typeof window.axe === 'object'`) {
		eval[bool](p, src+"\n;typeof window.axe === 'object'")
	}
	// Let the screen settle: go-app renders on the next frames.
	eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	vs := eval[[]axeViolation](p, fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || '', html: n.html.slice(0, 160)}))})))`,
		jsArray(axeTags)))
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s (%s): %s — %s", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      %s  %s", strings.Join(n.Target, " "), n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n        %s", strings.ReplaceAll(n.Summary, "\n", "\n        "))
			}
		}
	}
	p.t.Errorf("%s: axe-core reports %d WCAG 2.2 A/AA violation(s):%s", what, len(vs), b.String())
}

func jsArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// emulateMedia sets the CSS media type ("" for screen, "print") and the
// colour scheme ("" for the browser's own, "light", "dark").
func (p *page) emulateMedia(media, scheme string) {
	p.t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, params); err != nil {
		p.t.Fatalf("emulating media %q, colour scheme %q: %v", media, scheme, err)
	}
}

// expectScheme checks that the page is drawn in the colour scheme asked
// for (the page background of web/app.css).
func (p *page) expectScheme(scheme string) {
	p.t.Helper()
	want := map[string]string{"light": "rgb(246, 248, 249)", "dark": "rgb(17, 24, 28)"}[scheme]
	if got := eval[string](p, `getComputedStyle(document.body).backgroundColor`); got != want {
		p.t.Fatalf("with prefers-color-scheme: %s the page background is %s, want %s", scheme, got, want)
	}
}

// kinds is the first question of each kind on the golden case's path, and
// the golden case that reaches them all.
func everyKind(t *testing.T) (*quiz.Golden, map[string]*quiz.Question) {
	t.Helper()
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	first := map[string]*quiz.Question{}
	for _, qu := range shownQuestions(theQuiz, g.Answers) {
		if first[string(qu.Kind)] == nil {
			first[string(qu.Kind)] = qu
		}
	}
	for _, k := range []quiz.Kind{quiz.Single, quiz.Multi, quiz.Scale} {
		if first[string(k)] == nil {
			t.Fatalf("the golden case %q meets no %s question: choose another", g.Name, k)
		}
	}
	return g, first
}

// walk answers the golden case quickly, calling at for each question once
// it is on screen (before answering) and after answering it.
func (p *page) walkAnswers(a quiz.Answers, at func(qu *quiz.Question, answered bool)) {
	p.t.Helper()
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	for i, qu := range shownQuestions(theQuiz, a) {
		p.waitFor(fmt.Sprintf("question %d (%q) should appear", i+1, qu.ID),
			fmt.Sprintf(`document.querySelector('#question-form fieldset[data-question]')?.dataset.question === %q`, qu.ID))
		at(qu, false)
		var js strings.Builder
		for _, v := range values(qu, a[qu.ID]) {
			fmt.Fprintf(&js, "document.getElementById(%s).click();\n", jsString(inputID(qu, v)))
		}
		eval[chromedp.Void](p, js.String())
		p.expectChecked(qu, a[qu.ID], "clicking "+strings.Join(values(qu, a[qu.ID]), ", "))
		// As runByMouse does: a Next clicked before the render that drops
		// the "please answer" hint can be lost (the widget's, not a
		// visitor's timing).
		p.waitFor("the \"please answer\" hint should go once answered", `!document.getElementById('required-hint')`)
		at(qu, true)
		eval[chromedp.Void](p, `document.getElementById('next').click()`)
	}
	p.waitScreen("result", "after the last question")
}

// TestAxe: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any
// screen — intro, a single, a multi (also at its maximum, and with the
// "please answer" hint) and a scale question, the result (with the chart's
// table open), the error panel — in Japanese and English, light and dark.
func TestAxe(t *testing.T) {
	needAxe(t)
	g, first := everyKind(t)
	p := newPage(t)
	for _, locale := range theQuiz.Locales {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(locale+" "+scheme, func(t *testing.T) {
				p := p.forSubtest(t)
				p.emulateMedia("", scheme)
				p.open("/?lang="+locale, "intro")
				p.expectScheme(scheme)
				p.expectNoAxeViolations("the intro")
				hinted := false
				p.walkAnswers(g.Answers, func(qu *quiz.Question, answered bool) {
					if first[string(qu.Kind)] != qu {
						return
					}
					what := fmt.Sprintf("the %s question %q", qu.Kind, qu.ID)
					if answered {
						if qu.Kind == quiz.Multi && qu.Max > 0 && len(g.Answers[qu.ID].Choices) == qu.Max {
							p.expectNoAxeViolations(what + " at its maximum (the rest disabled)")
						}
						return
					}
					p.expectNoAxeViolations(what)
					if !hinted {
						hinted = true
						eval[chromedp.Void](p, `document.getElementById('next').click()`)
						p.waitFor("the \"please answer\" hint should appear", `!!document.getElementById('required-hint')`)
						p.expectNoAxeViolations(what + " with the \"please answer\" hint")
					}
				})
				p.expectNoAxeViolations("the result")
				eval[chromedp.Void](p, `document.querySelector('details.chart-table').open = true`)
				p.expectNoAxeViolations("the result with the chart's table open")
			})
		}
	}

	t.Run("error panel", func(t *testing.T) {
		broken := strings.Replace(string(quizSource), "minutes = 5", "minutes = = 5", 1)
		p := newPage(t)
		p.intercept("*quiz.toml*", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
			return &fetch.FulfillRequestParams{ResponseCode: 200, Body: []byte(broken),
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}, {Name: "Cache-Control", Value: "no-cache"}}}
		})
		for _, locale := range theQuiz.Locales {
			for _, scheme := range []string{"light", "dark"} {
				p.emulateMedia("", scheme)
				p.open("/?lang="+locale, "error")
				p.expectScheme(scheme)
				p.expectNoAxeViolations(fmt.Sprintf("the error panel (%s, %s)", locale, scheme))
			}
		}
	})
}

// TestNumberKeys: a keyboard user answers with the number keys: 1–9 choose
// the Nth option (a checkbox toggles, within its maximum; keys with a
// modifier do nothing), the focus goes to the option, Enter submits, and
// the focus lands on the next question's text, then on the result heading.
// The live region announces each question and the result, and stays the
// same element throughout.
func TestNumberKeys(t *testing.T) {
	g := goldenCase(t, "Team leader who wants to run projects")
	a := g.Answers
	p := newPage(t)
	p.keyboard = true
	p.open("/?lang=ja", "intro")
	eval[chromedp.Void](p, `document.getElementById('quiz-status').__e2eRegion = true`)
	p.tabTo("start", 10, "from the top of the intro")
	p.keys("Enter on Start", kb.Enter)
	after := "after pressing Enter on Start"
	answered := quiz.Answers{}
	for i, qu := range shownQuestions(theQuiz, a) {
		p.expectQuestion(qu, i+1, answered, after)
		p.expectStatus(fmt.Sprintf("question %q", qu.ID), fillUI(ui("progress", "ja"), "n", fmt.Sprint(i+1), "total", fmt.Sprint(visibleCount(theQuiz, answered))))
		opts, want := optionValues(qu), values(qu, a[qu.ID])
		if i == 0 {
			// With a modifier, a number key is not a choice. Next after
			// them, handled after them, says when to look: with nothing
			// chosen, it asks for an answer instead of going on.
			p.do("pressing Alt+1", chromedp.KeyEvent("1", chromedp.KeyModifiers(chromedp.ModifierAlt)))
			p.do("pressing Ctrl+2", chromedp.KeyEvent("2", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
			eval[chromedp.Void](p, `document.getElementById('next').click()`)
			p.waitFor(fmt.Sprintf("question %q: after Alt+1, Ctrl+2 and Next, the page should ask for an answer (nothing chosen)", qu.ID),
				fmt.Sprintf(`!!document.getElementById('required-hint') && document.querySelector('#question-form fieldset')?.dataset.question === %s`, jsString(qu.ID)))
			if got := p.checked(); len(got) > 0 {
				t.Errorf("question %q: Alt+1 and Ctrl+2 ticked %v; keys with a modifier belong to the browser", qu.ID, got)
			}
		}
		var keys []string
		for _, v := range want {
			keys = append(keys, fmt.Sprint(slices.Index(opts, v)+1))
		}
		if qu.Kind == quiz.Multi && qu.Max > 0 && len(want) == qu.Max {
			// One more than the maximum: refused. Then one chosen twice:
			// untick and tick again.
			for j, v := range opts {
				if !slices.Contains(want, v) {
					keys = append(keys, fmt.Sprint(j+1))
					break
				}
			}
			keys = append(keys, keys[0], keys[0])
		}
		// All at once, as a fast typist would: the widget must count every
		// key even when they come faster than it renders.
		p.keys("the number keys "+strings.Join(keys, ", "), strings.Join(keys, ""))
		want = slices.Sorted(slices.Values(want))
		p.waitFor(fmt.Sprintf("question %q: after the number keys %s, %v should be ticked", qu.ID, strings.Join(keys, ", "), want),
			fmt.Sprintf(`Array.from(document.querySelectorAll('#question-form input:checked')).map(i => i.value).sort().join(' ') === %s`, jsString(strings.Join(want, " "))))
		p.expectChecked(qu, a[qu.ID], "pressing the number keys "+strings.Join(keys, ", "))
		p.expectFocus(inputID(qu, opts[int(keys[len(keys)-1][0]-'1')]), fmt.Sprintf("after the number key %s on question %q, the option it chose", keys[len(keys)-1], qu.ID))
		answered[qu.ID] = a[qu.ID]
		p.keys("Enter on the chosen option", kb.Enter)
		after = fmt.Sprintf("after the number keys %s and Enter on question %q", strings.Join(keys, ", "), qu.ID)
	}
	p.waitScreen("result", after)
	p.expectFocus("result-title", "after the last question, the result heading")
	p.checkResult(a, "ja")
	res := theQuiz.Score(a)
	// One sentence in Japanese: full-width ：and 。, not ASCII ": " and ". ".
	p.expectStatus("the result", ui("fit_title", "ja")+"："+text(res.Band.Title, "ja")+"。"+ui("top_path", "ja")+"："+text(res.Top.Title, "ja"))
	if !eval[bool](p, `document.getElementById('quiz-status').__e2eRegion === true`) {
		t.Errorf("the live region #quiz-status was made anew between the intro and the result: screen readers announce changes to a region already on the page, not a new one")
	}
	if others := eval[[]string](p, `Array.from(document.querySelectorAll('[role=status], [role=alert], [aria-live]'))
		.filter(e => e.id !== 'quiz-status' && e.textContent.trim() !== '').map(e => e.outerHTML.slice(0, 120))`); len(others) > 0 {
		t.Errorf("besides #quiz-status, the result has live regions with text, which screen readers announce too: %v", others)
	}
}

// expectStatus waits until the live region says want.
func (p *page) expectStatus(what, want string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("on %s the live region #quiz-status (role=status) should say %q", what, want),
		fmt.Sprintf(`(() => { const s = document.getElementById('quiz-status'); return !!s && s.getAttribute('role') === 'status' && s.textContent === %s; })()`, jsString(want)))
}

func fillUI(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// expectNoHorizontalScroll fails when the page is wider than the viewport,
// naming the elements that stick out.
func (p *page) expectNoHorizontalScroll(what string) {
	p.t.Helper()
	eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	type overflow struct {
		Scroll int      `json:"scroll"`
		Client int      `json:"client"`
		Wide   []string `json:"wide"`
	}
	o := eval[overflow](p, `(() => {
		const d = document.documentElement, w = d.clientWidth;
		const wide = Array.from(document.querySelectorAll('main#quiz *')).filter(e => e.getBoundingClientRect().right > w + 0.5)
			.slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') +
				' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')');
		return {scroll: d.scrollWidth, client: w, wide};
	})()`)
	if o.Scroll > o.Client {
		p.t.Errorf("%s: the page scrolls sideways (%d px of content in %d px); too wide: %v", what, o.Scroll, o.Client, o.Wide)
	}
}

// TestReflow: at 320 CSS px wide (WCAG 1.4.10), and there again with the
// text at 200 % (1.4.4), no screen scrolls sideways: intro, each kind of
// question, the result with the chart's table open, the error panel; in
// both languages.
func TestReflow(t *testing.T) {
	g, first := everyKind(t)
	p := newPage(t)
	p.do("a 320 px wide viewport", chromedp.EmulateViewport(320, 640, chromedp.EmulateScale(2)))
	for _, locale := range theQuiz.Locales {
		for _, zoom := range []string{"100%", "200%"} {
			t.Run(locale+" text "+zoom, func(t *testing.T) {
				p := p.forSubtest(t)
				p.open("/?lang="+locale, "intro")
				// Text zoom: the root font size, which every size in
				// app.css follows (set through the CSSOM, which the page's
				// policy allows).
				eval[chromedp.Void](p, fmt.Sprintf(`document.documentElement.style.fontSize = %q`, zoom))
				at := fmt.Sprintf("at 320 px, text %s, %s", zoom, locale)
				p.expectNoHorizontalScroll("the intro " + at)
				p.walkAnswers(g.Answers, func(qu *quiz.Question, answered bool) {
					if !answered && first[string(qu.Kind)] == qu {
						p.expectNoHorizontalScroll(fmt.Sprintf("the %s question %q %s", qu.Kind, qu.ID, at))
					}
				})
				eval[chromedp.Void](p, `document.querySelector('details.chart-table').open = true`)
				p.expectNoHorizontalScroll("the result " + at)
			})
		}
	}
	t.Run("error panel", func(t *testing.T) {
		broken := strings.Replace(string(quizSource), `text = { ja = "いまのお仕事`, `txet = { ja = "いまのお仕事`, 1)
		p := newPage(t)
		p.do("a 320 px wide viewport", chromedp.EmulateViewport(320, 640, chromedp.EmulateScale(2)))
		p.intercept("*quiz.toml*", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
			return &fetch.FulfillRequestParams{ResponseCode: 200, Body: []byte(broken),
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}, {Name: "Cache-Control", Value: "no-cache"}}}
		})
		for _, locale := range theQuiz.Locales {
			p.open("/?lang="+locale, "error")
			for _, zoom := range []string{"100%", "200%"} {
				eval[chromedp.Void](p, fmt.Sprintf(`document.documentElement.style.fontSize = %q`, zoom))
				p.expectNoHorizontalScroll(fmt.Sprintf("the error panel at 320 px, text %s, %s", zoom, locale))
			}
		}
	})
}
