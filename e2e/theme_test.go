package e2e

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/fetch"

	"pmoquiz/app/quiz"
)

// themedSource is ../quiz.toml with a brand: a burgundy accent (too dark
// for the dark theme, so the engine derives a lighter one) and the site's
// icon as the logo.
func themedSource(t *testing.T) ([]byte, *quiz.Theme) {
	t.Helper()
	src := string(quizSource) + `
[theme]
accent = "#8a1538"
logo = "/web/icon.svg"
logo_alt = { ja = "エグザンプル株式会社", en = "Example Inc." }
`
	q, err := quiz.Parse("quiz.toml", []byte(src))
	if err != nil {
		t.Fatalf("the themed quiz does not parse:\n%v", err)
	}
	if q.Theme.AccentDark == q.Theme.Accent {
		t.Fatalf("the test wants an accent the engine lightens for the dark theme; %s is used as it is", q.Theme.Accent)
	}
	return []byte(src), q.Theme
}

// cssRGB writes "#rrggbb" as getComputedStyle does.
func cssRGB(hex string) string {
	v := func(i int) uint64 { n, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8); return n }
	return fmt.Sprintf("rgb(%d, %d, %d)", v(0), v(1), v(2))
}

// TestTheme: a quiz with a [theme] (served in place of quiz.toml) draws its
// buttons, links and chart bars in the accent, in the light theme and (the
// accent made lighter by the engine) the dark one, through CSS custom
// properties set from the CSSOM (no style attribute: the page's policy
// would block it, and the console would show it); the logo shows in the
// header with its text in the visitor's language; axe-core finds nothing.
func TestTheme(t *testing.T) {
	src, th := themedSource(t)
	g := goldenCase(t, "Team leader who wants to run projects")
	p := newPage(t)
	p.intercept("*quiz.toml*", func(*fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		return &fetch.FulfillRequestParams{ResponseCode: 200, Body: src,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}, {Name: "Cache-Control", Value: "no-cache"}}}
	})
	for _, locale := range theQuiz.Locales {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(locale+" "+scheme, func(t *testing.T) {
				p := p.forSubtest(t)
				p.emulateMedia("", scheme)
				p.open("/?lang="+locale, "intro")
				p.expectScheme(scheme)
				accent := th.Accent
				if scheme == "dark" {
					accent = th.AccentDark
				}
				if got := eval[string](p, `getComputedStyle(document.querySelector('main#quiz button.primary')).backgroundColor`); got != cssRGB(accent) {
					t.Errorf("the main button is %s, want the theme's accent %s (%s)", got, accent, cssRGB(accent))
				}
				type logo struct {
					Alt    string `json:"alt"`
					Loaded bool   `json:"loaded"`
					InHead bool   `json:"inHeader"`
				}
				p.waitFor("the logo should load", `(() => { const i = document.querySelector('img.logo'); return !!i && i.complete; })()`)
				got := eval[logo](p, `(() => { const i = document.querySelector('img.logo');
					return {alt: i.alt, loaded: i.naturalWidth > 0, inHeader: !!i.closest('.quiz-header')}; })()`)
				if want := text(th.LogoAlt, locale); got.Alt != want || !got.Loaded || !got.InHead {
					t.Errorf("the logo: alt %q (want %q), loaded %v, in the header %v", got.Alt, want, got.Loaded, got.InHead)
				}
				p.expectNoAxeViolations("the themed intro")
				p.runQuickly(g.Answers)
				if got := eval[string](p, `getComputedStyle(document.querySelector('.chart-bar')).fill`); got != cssRGB(accent) {
					t.Errorf("the chart's bars are %s, want the theme's accent %s", got, cssRGB(accent))
				}
				if got := eval[string](p, `getComputedStyle(document.querySelector('#certifications a')).color`); got != cssRGB(accent) {
					t.Errorf("links are %s, want the theme's accent %s", got, cssRGB(accent))
				}
				p.expectNoAxeViolations("the themed result")
			})
		}
	}
}
