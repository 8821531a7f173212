package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfPage matches a page object of a PDF ("/Type /Pages" is the tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPrint: the result on paper (print media emulated), in each language
// and whatever the screen's colour scheme: no buttons or language switch,
// light colours, certification and call-to-action links written out, the
// sources, and a footer with the quiz, its version and the date. The PDF
// Chromium makes of it on A4 (saved with the screenshots) has one or two
// pages.
func TestPrint(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	res := theQuiz.Score(g.Answers)
	if len(res.Certifications) == 0 || theQuiz.CTA.URL == "" || len(theQuiz.Sources) == 0 {
		t.Fatalf("the golden case %q recommends no certification, or quiz.toml has no [cta] or [[sources]]: choose another case", g.Name)
	}
	p := newPage(t)
	for i, locale := range theQuiz.Locales {
		scheme := []string{"dark", "light"}[i%2]
		t.Run(locale+" from "+scheme, func(t *testing.T) {
			p := p.forSubtest(t)
			p.emulateMedia("", scheme)
			p.open("/?lang="+locale, "intro")
			p.runQuickly(g.Answers)
			p.checkResult(g.Answers, locale)
			if !p.visible("button#print") || p.visible("#print-footer") {
				t.Errorf("on screen: the Print button is visible: %v, the print footer: %v; want the button only", p.visible("button#print"), p.visible("#print-footer"))
			}
			if got, want := eval[string](p, `document.getElementById('print').textContent`), ui("print", locale); got != want {
				t.Errorf("the Print button reads %q, want %q", got, want)
			}

			p.emulateMedia("print", scheme)
			for _, sel := range []string{"button#print", "button#restart", "nav.lang-switch", "button.lang", "details.chart-table"} {
				if p.visible(sel) {
					t.Errorf("on paper, %s is shown", sel)
				}
			}
			for _, sel := range []string{"h1#result-title", "#dimension-chart", "#top-path", "#certifications", "#sources", "#print-footer"} {
				if !p.visible(sel) {
					t.Errorf("on paper, %s is missing", sel)
				}
			}
			if bg, fg := eval[string](p, `getComputedStyle(document.body).backgroundColor`), eval[string](p, `getComputedStyle(document.body).color`); bg != "rgb(255, 255, 255)" || fg != "rgb(0, 0, 0)" {
				t.Errorf("on paper (the screen in %s) the page is %s on %s; want black on white", scheme, fg, bg)
			}
			certs := eval[string](p, `document.getElementById('certifications').innerText`)
			for _, c := range res.Certifications {
				if c.URL != "" && !strings.Contains(certs, c.URL) {
					t.Errorf("on paper, certification %q does not show its address %s:\n%s", c.ID, c.URL, certs)
				}
			}
			sources := eval[string](p, `document.getElementById('sources').innerText`)
			for _, s := range theQuiz.Sources {
				if s.URL != "" && !strings.Contains(sources, s.URL) {
					t.Errorf("on paper, source %q does not show its address %s", s.ID, s.URL)
				}
			}
			if after := eval[string](p, `getComputedStyle(document.getElementById('cta'), '::after').content`); !strings.Contains(after, theQuiz.CTA.URL) {
				t.Errorf("on paper, the call to action does not write out its address %s (::after content %s)", theQuiz.CTA.URL, after)
			}
			footer := eval[string](p, `document.getElementById('print-footer').innerText`)
			date := eval[string](p, fmt.Sprintf(`new Date().toLocaleDateString(%q)`, locale))
			for _, want := range []string{text(theQuiz.Title, locale), theQuiz.Version, date} {
				if !strings.Contains(footer, want) {
					t.Errorf("the print footer reads %q; want it to contain %q", footer, want)
				}
			}

			pdf := p.printPDF()
			file := filepath.Join(artifactsDir(t), "result-"+locale+".pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			n := len(pdfPage.FindAll(pdf, -1))
			t.Logf("saved %s: %d page(s)", file, n)
			if n < 1 || n > 2 {
				t.Errorf("the result prints on %d A4 pages; want 1 or 2 (%s)", n, file)
			}
			p.emulateMedia("", "")
		})
	}
}

// TestPrintEveryResult: every [[golden]] case's result prints on one or two
// A4 pages, in each language.
func TestPrintEveryResult(t *testing.T) {
	p := newPage(t)
	for _, g := range theQuiz.Golden {
		p.open("/?lang="+theQuiz.Locales[0], "intro")
		p.runQuickly(g.Answers)
		for _, locale := range theQuiz.Locales {
			p.click(fmt.Sprintf(`button.lang[data-lang=%q]`, locale))
			p.waitFor("the result in "+locale, fmt.Sprintf(`document.querySelector('main#quiz')?.lang === %q`, locale))
			p.emulateMedia("print", "")
			if n := p.pdfPages(); n < 1 || n > 2 {
				t.Errorf("%s, %q: the result prints on %d A4 pages; want 1 or 2", locale, g.Name, n)
			}
			p.emulateMedia("", "")
		}
	}
}

// pdfPages prints the page to PDF on A4 and counts its pages.
func (p *page) pdfPages() int {
	p.t.Helper()
	return len(pdfPage.FindAll(p.printPDF(), -1))
}

func (p *page) printPDF() []byte {
	p.t.Helper()
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	yes, no := true, false
	pdf, err := chromedp.Call(ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{
		PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes, PrintBackground: &no,
	})
	if err != nil {
		p.t.Fatalf("printing to PDF: %v", err)
	}
	return pdf.Data
}

// visible reports whether the element sel matches is rendered (it and its
// ancestors displayed, not visibility: hidden).
func (p *page) visible(sel string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(() => { const e = document.querySelector(%s); return !!e && e.checkVisibility({visibilityProperty: true}); })()`, jsString(sel)))
}
