package e2e

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pmoquiz/app/quiz"
)

// TestMouseJapanese: a Japanese visitor clicks through the quiz; the result
// matches the engine, in Japanese; switching to English keeps the result.
func TestMouseJapanese(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	p := newPage(t)
	p.open("/?lang=ja", "intro")
	p.checkIntro("ja")
	p.runByMouse(g.Answers)
	p.checkResult(g.Answers, "ja")
	p.screenshots("result-ja")

	// The language switch re-renders the result in English and records the
	// choice in the URL.
	p.click(`button.lang[data-lang="en"]`)
	p.waitFor("after clicking the English language button, the page should switch to English",
		`document.querySelector('main#quiz')?.lang === 'en'`)
	if s := p.state(); s.Screen != "result" {
		t.Fatalf("after switching the language on the result, the page shows %s", s)
	}
	p.checkResult(g.Answers, "en")
	if u := p.state().URL; !strings.Contains(u, "lang=en") {
		t.Errorf("after switching to English the URL is %s: a reload would lose the choice", u)
	}
	pressed := eval[[]string](p, `Array.from(document.querySelectorAll('button.lang')).map(b => b.dataset.lang + '=' + b.getAttribute('aria-pressed'))`)
	if want := []string{"ja=false", "en=true"}; !slices.Equal(pressed, want) {
		t.Errorf("language buttons aria-pressed: %v, want %v", pressed, want)
	}
}

// TestMouseEnglish: the same in English, with another golden case.
func TestMouseEnglish(t *testing.T) {
	g := goldenCase(t, "Team leader who wants to run projects")
	p := newPage(t)
	p.open("/?lang=en", "intro")
	p.checkIntro("en")
	p.runByMouse(g.Answers)
	p.checkResult(g.Answers, "en")
	p.screenshots("result-en")
}

// TestKeyboardOnly: a visitor with no mouse. Only key events (Tab, Space,
// arrow keys, Enter); the focus must follow every step.
func TestKeyboardOnly(t *testing.T) {
	g := goldenCase(t, "Veteran infrastructure engineer aiming to go independent")
	a := g.Answers
	p := newPage(t)
	p.keyboard = true
	p.open("/?lang=en", "intro")

	p.tabTo("start", 10, "from the top of the intro")
	p.keys("Enter on Start", kb.Enter)
	after := "after pressing Enter on Start"
	seq := shownQuestions(theQuiz, a)
	answered := quiz.Answers{}
	wentBack := false
	for i := 0; i < len(seq); i++ {
		qu := seq[i]
		p.expectQuestion(qu, i+1, answered, after)

		if i == 2 && !wentBack {
			// Back once: Tab to Back, Enter; the previous question comes
			// back with its answer still ticked.
			wentBack = true
			p.tabTo("back", len(optionValues(qu))+4, fmt.Sprintf("from the text of question %q", qu.ID))
			p.keys("Enter on Back", kb.Enter)
			prev := seq[i-1]
			p.expectQuestion(prev, i, answered, fmt.Sprintf("after pressing Enter on Back on question %q", qu.ID))
			p.expectChecked(prev, a[prev.ID], "going back to it (the earlier answer should be kept)")
			after = p.answerAndSubmitByKeyboard(prev, a[prev.ID])
			i-- // this question again
			continue
		}

		after = p.answerAndSubmitByKeyboard(qu, a[qu.ID])
		answered[qu.ID] = a[qu.ID]
	}
	p.waitScreen("result", after)
	p.expectFocus("result-title", "after the last question, the result heading")
	p.checkResult(a, "en")

	// Restart from the result: back to the first question, answers cleared.
	p.tabTo("restart", 40, "from the result heading")
	p.keys("Enter on Restart", kb.Enter)
	p.expectQuestion(seq[0], 1, quiz.Answers{}, "after pressing Enter on Restart")
}

// tabTo presses Tab until #id has the focus.
func (p *page) tabTo(id string, most int, from string) {
	p.t.Helper()
	var stops []string
	for range most {
		if p.focused() == id {
			return
		}
		p.keys("Tab", kb.Tab)
		stops = append(stops, p.state().Focus)
	}
	if p.focused() != id {
		p.t.Fatalf("pressing Tab %d times %s never reaches #%s; the focus went to %v", most, from, id, stops)
	}
}

// focusedOption is the index of the focused input among the question's
// options, or -1.
func (p *page) focusedOption(qu *quiz.Question) int {
	p.t.Helper()
	return slices.IndexFunc(optionValues(qu), func(v string) bool { return p.focused() == inputID(qu, v) })
}

// answerAndSubmitByKeyboard goes from the question text into the options
// with Tab, chooses with arrow keys (radio groups) or Space (checkboxes),
// then submits: Enter on a radio button, or Tab to Next and Enter.
func (p *page) answerAndSubmitByKeyboard(qu *quiz.Question, a quiz.Answer) (after string) {
	p.t.Helper()
	opts, want := optionValues(qu), values(qu, a)
	p.keys("Tab", kb.Tab)
	cur := p.focusedOption(qu)
	if cur < 0 {
		p.t.Fatalf("question %q: Tab from the question text should reach its options, but the focus is on %s", qu.ID, p.state().Focus)
	}
	isChecked := func() bool { return eval[bool](p, `!!document.activeElement?.checked`) }
	switch qu.Kind {
	case quiz.Single, quiz.Scale:
		k := slices.Index(opts, want[0])
		for ; cur < k; cur++ {
			p.keys("ArrowDown", kb.ArrowDown)
		}
		for ; cur > k; cur-- {
			p.keys("ArrowUp", kb.ArrowUp)
		}
		if !isChecked() {
			p.keys("Space", " ")
		}
		if f := p.focused(); f != inputID(qu, want[0]) {
			p.t.Fatalf("question %q: the arrow keys should move the focus to option %q, but it is on #%s", qu.ID, want[0], f)
		}
	case quiz.Multi:
		for range len(opts) + 1 {
			cur := p.focusedOption(qu)
			if cur < 0 {
				break
			}
			if isChecked() != slices.Contains(want, opts[cur]) {
				p.keys("Space", " ")
			}
			if slices.Equal(slices.Sorted(slices.Values(p.checked())), slices.Sorted(slices.Values(want))) {
				break
			}
			p.keys("Tab", kb.Tab)
		}
	}
	p.expectChecked(qu, a, "choosing with the keyboard")
	if qu.Kind == quiz.Multi {
		p.tabTo("next", len(opts)+3, fmt.Sprintf("from the options of question %q", qu.ID))
		p.keys("Enter on Next", kb.Enter)
		return fmt.Sprintf("after pressing Enter on Next on question %q", qu.ID)
	}
	p.keys("Enter on a radio button", kb.Enter)
	return fmt.Sprintf("after pressing Enter on an option of question %q (the form should submit)", qu.ID)
}

// TestFastInput: a visitor ticks an option and submits within one frame
// (Space then Enter at once). The next question must not show an option
// ticked that the visitor never chose.
func TestFastInput(t *testing.T) {
	p := newPage(t)
	p.open("/?lang=en", "intro")
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	first := theQuiz.Questions[0]
	p.waitFor("after clicking Start, the first question should appear",
		fmt.Sprintf(`document.querySelector('fieldset[data-question]')?.dataset.question === %q`, first.ID))
	eval[chromedp.Void](p, `document.getElementById('q-legend').focus()`)
	p.keys("Tab", kb.Tab)
	v := optionValues(first)[0]
	if f := p.focused(); f != inputID(first, v) {
		t.Fatalf("Tab from the first question's text went to #%s, want #%s", f, inputID(first, v))
	}
	p.keys("Space and Enter", " "+kb.Enter)
	a := quiz.Answers{first.ID: {Choices: []string{v}}}
	if first.Kind == quiz.Scale {
		a = quiz.Answers{first.ID: {Scale: 1}}
	}
	second := shownQuestions(theQuiz, a)[1]
	p.waitFor(fmt.Sprintf("after Space and Enter on option %q of question %q, question %q should appear", v, first.ID, second.ID),
		fmt.Sprintf(`document.querySelector('fieldset[data-question]')?.dataset.question === %q`, second.ID))
	if got := p.checked(); len(got) > 0 {
		// What the visitor then meets: Next says "please answer" although an
		// option looks chosen.
		eval[chromedp.Void](p, `document.getElementById('next').click()`)
		t.Errorf("after answering question %q quickly (Space then Enter within one frame), question %q appears with %v already ticked; "+
			"the widget did not record it (Next then shows the \"please answer\" hint: %v)", first.ID, second.ID, got, p.state().Hint)
	}
}

// TestExclusiveOption: on the worries question, 「特に不安はない」 (exclusive
// in quiz.toml) cannot stay ticked with a worry: clicking it clears the
// worries ticked, and clicking a worry clears it; at the question's max it
// stays enabled.
func TestExclusiveOption(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	qu := theQuiz.Question("worries")
	var alone []string
	for _, o := range qu.Options {
		if o.Exclusive {
			alone = append(alone, o.ID)
		}
	}
	if len(alone) != 1 || len(qu.Options) < 4 || qu.Max != 3 {
		t.Fatalf("quiz.toml's worries question has %d options, max %d, exclusive %v; this test wants one exclusive option among at least 3 others, max 3", len(qu.Options), qu.Max, alone)
	}
	var worries []string
	for _, o := range qu.Options {
		if !o.Exclusive {
			worries = append(worries, o.ID)
		}
	}
	p := newPage(t)
	p.open("/?lang=ja", "intro")
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	for _, q := range shownQuestions(theQuiz, g.Answers) {
		if q == qu {
			break
		}
		p.answer(q, g.Answers)
	}
	p.waitQuestion(qu.ID, "after the questions before it")
	// The boxes the visitor did not click change on the widget's next
	// render: wait for them.
	step := func(click, want []string, after string) {
		t.Helper()
		for _, id := range click {
			p.click(fmt.Sprintf(`label.option:has(> input#%s)`, inputID(qu, id)))
		}
		p.waitFor(fmt.Sprintf("%s, the ticked options should be %v", after, want),
			fmt.Sprintf(`Array.from(document.querySelectorAll('#question-form input:checked')).map(i => i.value).sort().join(' ') === %s`,
				jsString(strings.Join(slices.Sorted(slices.Values(want)), " "))))
		p.expectChecked(qu, quiz.Answer{Choices: want}, after)
	}
	step(worries[:3], worries[:3], "after ticking three worries (the max)")
	step(alone, alone, "after then ticking the exclusive option")
	step(worries[1:2], worries[1:2], "after then ticking a worry")
	step(alone, alone, "after then the exclusive option again")
	p.click("button#next")
	p.waitFor("after Next with the exclusive option alone, the next question should appear",
		fmt.Sprintf(`document.querySelector('fieldset[data-question]')?.dataset.question !== %q`, qu.ID))
}

// TestLanguageFromBrowser: with no ?lang=, the browser's languages decide;
// ?lang= wins over them.
func TestLanguageFromBrowser(t *testing.T) {
	t.Run("browser in Japanese (--lang=ja)", func(t *testing.T) {
		p := newPage(t, withLang("ja"))
		p.open("/", "intro")
		if l := eval[string](p, `navigator.languages.join(',')`); !strings.HasPrefix(l, "ja") {
			t.Fatalf("the browser started with --lang=ja reports navigator.languages = %q; cannot test", l)
		}
		p.checkIntro("ja")
		// ?lang= wins over the browser.
		p.open("/?lang=en", "intro")
		p.checkIntro("en")
	})
	t.Run("Accept-Language ja (emulation)", func(t *testing.T) {
		p := newPage(t)
		ua := eval[string](p, `navigator.userAgent`)
		ctx, cancel := withTimeout(p.ctx)
		defer cancel()
		if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: "ja"}); err != nil {
			t.Fatal(err)
		}
		p.open("/", "intro")
		p.checkIntro("ja")
	})
	t.Run("browser in English (--lang=en-US)", func(t *testing.T) {
		p := newPage(t, withLang("en-US"))
		p.open("/", "intro")
		p.checkIntro("en")
	})
}

// TestGoldenCases drives every [[golden]] case of quiz.toml quickly; the
// screen must show the path and band the case expects (and the engine
// computes).
func TestGoldenCases(t *testing.T) {
	if len(theQuiz.Golden) == 0 {
		t.Fatal("quiz.toml has no [[golden]] cases")
	}
	p := newPage(t)
	for _, g := range theQuiz.Golden {
		t.Run(g.Name, func(t *testing.T) {
			p := p.forSubtest(t)
			res := theQuiz.Score(g.Answers)
			if res.Top.ID != g.ExpectPath {
				t.Errorf("the engine gives path %q, the golden case expects %q", res.Top.ID, g.ExpectPath)
			}
			p.open("/?lang=en", "intro")
			p.runQuickly(g.Answers)
			got := eval[shownResult](p, shownResultJS)
			if got.Path != g.ExpectPath {
				t.Errorf("the result screen shows path %q, the golden case expects %q", got.Path, g.ExpectPath)
			}
			if g.ExpectBand != "" && got.Band != g.ExpectBand {
				t.Errorf("the result screen shows band %q, the golden case expects %q", got.Band, g.ExpectBand)
			}
			p.checkResult(g.Answers, "en")
		})
	}
}

// TestBrokenQuiz: a static host serves a broken quiz.toml (the server's own
// copy is fine; the browser's requests for it are answered with a broken one,
// for the page and its service worker alike). The visitor gets the error
// panel with each problem at its line, not a blank page.
func TestBrokenQuiz(t *testing.T) {
	src := string(quizSource)
	mustReplace := func(t *testing.T, s, old, new string) (string, int) {
		t.Helper()
		i := strings.Index(s, old)
		if i < 0 {
			t.Fatalf("quiz.toml no longer contains %q: update this test", old)
		}
		return s[:i] + new + s[i+len(old):], strings.Count(s[:i], "\n") + 1
	}
	type problem struct {
		line int
		path string // key path ("" for a syntax error)
		key  string // the message's key (quiz.Error.Key), whatever the language
	}
	for _, tc := range []struct {
		name   string
		locale string
		make   func(t *testing.T) (string, []problem)
	}{{
		name:   "syntax error",
		locale: "ja",
		make: func(t *testing.T) (string, []problem) {
			s, line := mustReplace(t, src, "minutes = 5", "minutes = = 5")
			return s, []problem{{line, "", "syntax.expected-value"}}
		},
	}, {
		name:   "unknown key and unknown outcome",
		locale: "en",
		make: func(t *testing.T) (string, []problem) {
			s, l1 := mustReplace(t, src, `text = { ja = "いまのお仕事`, `txet = { ja = "いまのお仕事`)
			// The first recommend_if is the first certification's.
			s, l2 := mustReplace(t, s, `recommend_if = [ { outcome = "pm" }, { outcome = "it_consultant" }`,
				`recommend_if = [ { outcome = "pm" }, { outcome = "it_consultan" }`)
			return s, []problem{
				{l1, "questions[0].txet", "key.unknown-required"},
				{l2, "certifications[0].recommend_if[1].outcome", "ref.unknown-suggest"},
			}
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			broken, want := tc.make(t)
			_, err := quiz.Parse("quiz.toml", []byte(broken))
			list, ok := err.(quiz.ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("the engine accepts the broken file (%v): update this test", err)
			}
			// The panel speaks the page's language.
			wantLines := list.In(tc.locale)

			p := newPage(t)
			var mu sync.Mutex
			served := 0
			p.intercept("*quiz.toml*", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
				mu.Lock()
				served++
				mu.Unlock()
				return &fetch.FulfillRequestParams{
					ResponseCode:    200,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}, {Name: "Cache-Control", Value: "no-cache"}},
					Body:            []byte(broken),
				}
			})
			p.open("/?lang="+tc.locale, "error")
			mu.Lock()
			if served == 0 {
				t.Errorf("the broken quiz.toml was never requested, yet the error screen shows")
			}
			mu.Unlock()

			type panel struct {
				Visible bool     `json:"visible"`
				Role    string   `json:"role"`
				Title   string   `json:"title"`
				Items   []string `json:"items"`
				Body    int      `json:"body"`
			}
			got := eval[panel](p, `(() => {
				const e = document.getElementById('error-panel');
				const r = e?.getBoundingClientRect();
				const cs = e && getComputedStyle(e);
				return {
					visible: !!e && r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden' && cs.opacity !== '0',
					role: e?.getAttribute('role') ?? '',
					title: document.getElementById('error-title')?.textContent.trim() ?? '',
					items: Array.from(document.querySelectorAll('#error-panel li.error-item')).map(li => li.textContent.trim()),
					body: document.body.innerText.trim().length,
				};
			})()`)
			if !got.Visible || got.Role != "alert" {
				t.Errorf("section#error-panel: visible %v, role %q; want visible, role \"alert\"", got.Visible, got.Role)
			}
			if wantTitle := text(quiz.DefaultUI()["error_title"], tc.locale); got.Title != wantTitle {
				t.Errorf("the error heading reads %q, want %q (%s)", got.Title, wantTitle, tc.locale)
			}
			if got.Body == 0 {
				t.Errorf("the page is blank")
			}
			if !slices.Equal(got.Items, wantLines) {
				t.Errorf("the error panel lists:\n  %s\nthe engine reports:\n  %s", strings.Join(got.Items, "\n  "), strings.Join(wantLines, "\n  "))
			}
			for _, w := range want {
				found := slices.ContainsFunc(list, func(e *quiz.Error) bool {
					return e.Pos.Line == w.line && e.Path == w.path && e.Key == w.key
				})
				prefix := fmt.Sprintf("quiz.toml:%d:", w.line)
				if !found || !slices.ContainsFunc(got.Items, func(s string) bool { return strings.HasPrefix(s, prefix) && strings.Contains(s, w.path) }) {
					t.Errorf("no problem %s at line %d (%s) on the panel; it lists:\n  %s", w.key, w.line, w.path, strings.Join(got.Items, "\n  "))
				}
			}
			// Worded for the site's owner, with the page's own primary
			// button (the accent colour, a pill), not the browser's grey one.
			if got, want := eval[string](p, `document.querySelector('#error-panel p')?.textContent ?? ''`), text(quiz.DefaultUI()["error_help"], tc.locale); got != want {
				t.Errorf("the error panel says %q; want %q", got, want)
			}
			type look struct{ Background, Accent, Radius string }
			button := eval[look](p, `(() => {
				const probe = document.createElement('span');
				probe.style.color = 'var(--accent)';
				document.body.append(probe);
				const accent = getComputedStyle(probe).color;
				probe.remove();
				const cs = getComputedStyle(document.getElementById('retry'));
				return {Background: cs.backgroundColor, Accent: accent, Radius: cs.borderTopLeftRadius};
			})()`)
			if button.Background != button.Accent || button.Radius == "0px" {
				t.Errorf("the error panel's button has background %s and corner radius %s; want the primary buttons' look (background %s, rounded)", button.Background, button.Radius, button.Accent)
			}
		})
	}
}

// TestStaysOnOrigin: during a whole visit (load, quiz, result, language
// switch, reload from the offline cache) no request leaves the server's
// origin, and the service worker installs (one failed precache request
// would break it).
func TestStaysOnOrigin(t *testing.T) {
	origin, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(t)
	var mu sync.Mutex
	type request struct{ kind, url string }
	var requests []request
	record := func(kind, u string) {
		mu.Lock()
		defer mu.Unlock()
		requests = append(requests, request{kind, u})
	}
	// Every request that reaches the network, from any target (page or
	// service worker)…
	p.intercept("*", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		record(string(ev.ResourceType), ev.Request.URL)
		return nil
	})
	// …and every request the page makes, data: and blob: included.
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			record("page "+string(ev.Type), ev.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}

	g := theQuiz.Golden[len(theQuiz.Golden)-1]
	p.open("/?lang=ja", "intro")
	p.runByMouse(g.Answers)
	p.checkResult(g.Answers, "ja")
	p.click(`button.lang[data-lang="en"]`)
	p.waitFor("after clicking the English language button, the page should switch to English",
		`document.querySelector('main#quiz')?.lang === 'en'`)
	p.waitFor("the service worker should install and take control of the page (offline support)",
		`navigator.serviceWorker.controller !== null`)
	p.do("reloading", chromedp.Reload())
	p.waitScreen("result", "after reloading the result (served by the service worker)")

	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Fatal("no request was recorded")
	}
	var outside []string
	for _, r := range requests {
		u, err := url.Parse(r.url)
		switch {
		case err != nil:
			outside = append(outside, r.kind+" "+r.url+" (unparsable)")
		case u.Scheme == "data", u.Scheme == "blob":
		case u.Scheme != origin.Scheme || u.Host != origin.Host:
			outside = append(outside, r.kind+" "+r.url)
		}
	}
	if len(outside) > 0 {
		t.Errorf("%d request(s) left the origin %s:\n  %s", len(outside), baseURL, strings.Join(outside, "\n  "))
	}
	t.Logf("%d requests recorded", len(requests))
}
