package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// onPhones runs test in a subtest for each of the result tests' visitors,
// one per language, on a phone-sized tab showing the intro in it.
func onPhones(t *testing.T, test func(t *testing.T, p *page, g *quiz.Golden, locale string)) {
	for _, v := range []struct{ locale, golden string }{
		{"ja", "SE who enjoys coordinating and supporting the team"},
		{"en", "Developer who wants to go deeper into technology"},
	} {
		t.Run(v.locale, func(t *testing.T) {
			g := goldenCase(t, v.golden)
			p := newPage(t, withLang(v.locale))
			p.asPhone()
			p.open("/?lang="+v.locale, "intro")
			test(t, p, g, v.locale)
		})
	}
}

// TestResultLeadsWithTheAnswer: on a 360×780 phone, the result's first
// screen holds the path that fits best and the fit band, without
// scrolling; the disclaimer is on the result; the page is about three to
// four screens long before its folded parts; a reload keeps the result.
// The first screen in each language lands in E2E_ARTIFACTS
// (result-first-screen-ja.png, -en.png).
func TestResultLeadsWithTheAnswer(t *testing.T) {
	onPhones(t, func(t *testing.T, p *page, g *quiz.Golden, locale string) {
		p.runByMouse(g.Answers) // as a visitor: no focus ring on the heading
		p.checkResult(g.Answers, locale)
		type box struct {
			Title, Band [2]float64 // top, bottom
			Folded      float64    // where the folded parts begin
			Viewport    float64
			Scroll      float64
		}
		measure := `(() => { const r = s => { const b = document.querySelector(s)?.getBoundingClientRect(); return b ? [b.top + scrollY, b.bottom + scrollY] : [-1, -1]; };
				return {Title: r('#result-title'), Band: r('#fit-band'), Folded: r('#sources')[0], Viewport: innerHeight, Scroll: scrollY}; })()`
		eval[chromedp.Void](p, `window.scrollTo(0, 0)`)
		b := eval[box](p, measure)
		for name, at := range map[string][2]float64{"the top path": b.Title, "the fit band": b.Band} {
			if at[0] < 0 || at[1] > b.Viewport {
				t.Errorf("%s is at %v px, outside the first %v px screen of a phone", name, at, b.Viewport)
			}
		}
		if screens := b.Folded / b.Viewport; screens > 4.5 {
			t.Errorf("the result runs %.1f phone screens before its folded parts; want about 3 to 4", screens)
		}
		t.Logf("%s: the result is %.1f phone screens long before its folded parts", locale, b.Folded/b.Viewport)
		eval[bool](p, `document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`)
		for name, action := range map[string]chromedp.Action[[]byte]{
			"result-first-screen-": chromedp.CaptureScreenshot(),
			"result-whole-phone-":  chromedp.FullScreenshot(80),
		} {
			ctx, cancel := withTimeout(p.ctx)
			shot, err := chromedp.Run(ctx, action)
			cancel()
			if err != nil {
				t.Fatalf("taking a screenshot: %v", err)
			}
			file := filepath.Join(artifactsDir(t), name+locale+".png")
			if err := os.WriteFile(file, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("saved %s", file)
		}

		// A reload keeps the result.
		p.do("reloading", chromedp.Reload())
		p.waitScreen("result", "after a reload on the result")
		p.checkResult(g.Answers, locale)

		// On paper too, the disclaimer.
		p.emulateMedia("print", "")
		if h := eval[float64](p, `document.getElementById('result-disclaimer').getBoundingClientRect().height`); h == 0 {
			t.Errorf("the printed result has no disclaimer")
		}
		p.emulateMedia("", "")
	})
}

// TestInstallButtonOnPhone: on a phone, where Chromium offers to install
// the app, the header keeps one row with the install button, on the intro
// and on the result (where the quiz's name gives way to it), in both
// languages.
func TestInstallButtonOnPhone(t *testing.T) {
	onPhones(t, func(t *testing.T, p *page, g *quiz.Golden, locale string) {
		p.waitOffline()
		type header struct {
			Height, Button float64 // the header's height, the install button's
			Rows           int     // rows of the header's shown parts
		}
		// A part starts a row when it begins below every part before it.
		const measure = `(() => { const h = document.querySelector('.quiz-header'); const b = document.getElementById('install');
				const boxes = [...h.children].filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect()).sort((x, y) => x.top - y.top);
				let rows = 0, bottom = -Infinity;
				for (const r of boxes) { if (r.top >= bottom - 1) rows++; bottom = Math.max(bottom, r.bottom); }
				return {Height: h.getBoundingClientRect().height, Button: b ? b.getBoundingClientRect().height : 0, Rows: rows}; })()`
		check := func(screen string) {
			p.waitFor("Chromium offers to install the app: the install button should be in the header",
				`!!document.querySelector('.quiz-header button#install')`)
			h := eval[header](p, measure)
			if h.Rows != 1 || h.Height > 1.5*h.Button {
				t.Errorf("%s on a phone: the header with the install button is %.0f px high on %d row(s) (the button %.0f px); want one row", screen, h.Height, h.Rows, h.Button)
			}
		}
		check("the intro")
		p.runQuickly(g.Answers)
		p.checkResult(g.Answers, locale)
		check("the result")
	})
}
