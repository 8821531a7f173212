package e2e

import (
	"html"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// shareStubJS stands in for the browser's share sheet and clipboard: each
// records the link it is given (headless Chromium on Linux has neither).
const shareStubJS = `(() => {
	window.__shared = [];
	const record = how => link => { window.__shared.push(how + ' ' + link); return Promise.resolve(); };
	Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });
	Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get() { return { writeText: record('copy') }; } });
	window.__useShareSheet = () => {
		Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: data => record('share')(data.url) });
	};
	window.__breakClipboard = () => {
		Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });
		Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get() {
			return { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) };
		} });
	};
})()`

// TestShareLink: "Share my result" copies a link to the result's share
// page (its path names the path, the band and the language; the answers
// are in its fragment), with no embedding option (the share sheet gets the
// same link where there is one; without a clipboard the link is selected
// in a field). In a fresh browser the link opens the share page: the
// result's path, band and disclaimer and "Take the quiz", and "See this
// result in full", which opens the same result in the quiz. A damaged link
// and a link from an earlier version of the quiz say so instead.
func TestShareLink(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	res := theQuiz.Score(g.Answers)
	p := newPage(t)
	p.addScript(shareStubJS)
	p.open("/?lang=en&embed=q1&parent=https%3A%2F%2Fhost.example&theme=dark", "intro")
	p.runQuickly(g.Answers)

	p.click("button#share-button")
	p.waitFor("after Share, the link should be copied", `window.__shared.length === 1`)
	how, link, _ := strings.Cut(eval[string](p, `window.__shared[0]`), " ")
	if how != "copy" {
		t.Errorf("without a share sheet the link went to %q; want the clipboard", how)
	}
	p.waitFor("after the copy, the status should say so",
		`document.getElementById('share-status')?.textContent === `+jsString(ui("share_copied", "en")))
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	wantPath := "/share/" + res.Top.ID + "." + res.Band.ID + ".en.html"
	if want := theQuiz.Hash + "."; !strings.HasPrefix(u.Fragment, "r="+want) || u.RawQuery != "" ||
		u.Host != strings.TrimPrefix(baseURL, "http://") || u.Path != wantPath {
		t.Errorf("the share link is %s; want %s%s (no query) with #r=%s…", link, baseURL, wantPath, want)
	}
	// The path adds the result's name to the quiz's address and answers.
	if len(link) > 140 {
		t.Errorf("the share link has %d characters: %s", len(link), link)
	}

	eval[chromedp.Void](p, `window.__useShareSheet()`)
	p.click("button#share-button")
	p.waitFor("with a share sheet, Share should open it", `window.__shared.length === 2`)
	if got := eval[string](p, `window.__shared[1]`); got != "share "+link {
		t.Errorf("the share sheet got %q; want %q", got, "share "+link)
	}

	eval[chromedp.Void](p, `window.__breakClipboard()`)
	p.click("button#share-button")
	p.waitFor("when the copy fails, the link should be selected in its field",
		`document.activeElement?.id === 'share-link' && document.activeElement.selectionStart === 0 && document.activeElement.selectionEnd === document.activeElement.value.length`)
	if got := eval[string](p, `document.getElementById('share-link').value`); got != link {
		t.Errorf("the link's field holds %q; want %q", got, link)
	}
	if got := eval[string](p, `document.getElementById('share-status').textContent`); got != ui("share_select", "en") {
		t.Errorf("the status reads %q; want %q", got, ui("share_select", "en"))
	}

	// A fresh browser opens the link: the share page, then the same
	// result in the quiz.
	q := newPage(t)
	q.openSharePage(link, res, "en")
	full := eval[string](q, `document.getElementById('share-full').href`)
	if want := baseURL + "/index.en.html#" + u.Fragment; full != want {
		t.Errorf("See this result in full links to %s; want %s", full, want)
	}
	q.click("a#share-full")
	q.waitScreen("result", "after See this result in full")
	q.checkResult(g.Answers, "en")
	if got := eval[string](q, `document.getElementById('share-notice')?.textContent ?? ''`); !strings.Contains(got, ui("shared_notice", "en")) {
		t.Errorf("the shared result's notice reads %q; want %q", got, ui("shared_notice", "en"))
	}
	if u, err = url.Parse(full); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](q, `localStorage.length + ' ' + Object.keys(localStorage).join(' ')`); got != "0 " {
		t.Errorf("opening a shared result saved %q in localStorage: a visitor's own progress is theirs", got)
	}
	// Take the quiz: the first question, and Back shows the intro.
	q.click("button#share-take")
	q.waitQuestion(shownQuestions(theQuiz, g.Answers)[0].ID, "after Take the quiz")
	if got := q.checked(); len(got) > 0 {
		t.Errorf("after Take the quiz the first question has %v ticked (the shared answers)", got)
	}
	q.historyGo(-1, "Back after Take the quiz")
	q.waitScreen("intro", "after Back from the first question")

	// A damaged link, then one made by an earlier version of the quiz.
	for _, tc := range []struct{ fragment, notice string }{
		{"r=" + theQuiz.Hash + ".AAAA", "share_invalid"},
		{"r=0123456789abcdef." + strings.SplitN(u.Fragment, ".", 2)[1], "share_changed"},
	} {
		q.do("leaving the page", chromedp.Navigate("about:blank"))
		bad := *u
		bad.Fragment = tc.fragment
		q.openURL(bad.String(), "intro")
		q.waitFor("the link's notice should show", `!!document.getElementById('share-notice')`)
		if got := eval[string](q, `document.querySelector('#share-notice p').textContent`); got != ui(tc.notice, "en") {
			t.Errorf("#%s: the notice reads %q; want %q", tc.fragment, got, ui(tc.notice, "en"))
		}
		// One way on, the intro's Start: not a second primary button.
		if n := eval[int](q, `document.querySelectorAll('main#quiz button.primary').length`); n != 1 {
			t.Errorf("#%s: the intro with the notice has %d primary buttons; want 1 (Start)", tc.fragment, n)
		}
	}
	q.click("button#start")
	q.waitQuestion(shownQuestions(theQuiz, g.Answers)[0].ID, "after Start under the notice")
}

// TestShareLinkOffline: a link opens its result offline, after one visit
// (the service worker keeps the page; the fragment never reaches it), a
// share page's link too (the worker sends it to the quiz's page), and
// a link from before the quiz changed shows the notice, not a result.
func TestShareLinkOffline(t *testing.T) {
	g := goldenCase(t, "SE curious about advising many industries")
	srv := ownServer(t, quizFile, "127.0.0.1:0")
	p := newPage(t)
	p.openURL(srv.url+"/?lang=en", "intro")
	p.waitOffline()
	link := srv.url + "/?lang=en#r=" + theQuiz.ShareCode(g.Answers)
	if err := srv.stop(); err != nil {
		t.Fatalf("stopping the server: %v", err)
	}
	p.do("leaving the page", chromedp.Navigate("about:blank"))
	p.openURL(link, "result")
	p.checkResult(g.Answers, "en")
	// The share page, never cached, sends the visitor to the quiz's page
	// with the fragment: the same result.
	res := theQuiz.Score(g.Answers)
	p.do("leaving the page", chromedp.Navigate("about:blank"))
	p.openURL(srv.url+"/share/"+res.Top.ID+"."+res.Band.ID+".en.html#r="+theQuiz.ShareCode(g.Answers), "result")
	p.checkResult(g.Answers, "en")
	if got := p.state().URL; got != srv.url+"/index.en.html#r="+theQuiz.ShareCode(g.Answers) {
		t.Errorf("offline, the share page went to %s; want the quiz's English page with the same fragment", got)
	}

	// The changed quiz (served without the service worker).
	q := newPage(t)
	q.serveQuiz().set(revised(t))
	q.openURL(baseURL+"/?lang=en#r="+theQuiz.ShareCode(g.Answers), "intro")
	q.waitFor("a link from before the quiz changed should show the notice", `!!document.getElementById('share-notice')`)
	if got := eval[string](q, `document.querySelector('#share-notice p').textContent`); got != ui("share_changed", "en") {
		t.Errorf("the notice reads %q; want %q", got, ui("share_changed", "en"))
	}
	if eval[bool](q, `!!document.getElementById('result')`) {
		t.Error("a link from an earlier version of the quiz shows a result")
	}
}

// openSharePage opens a share link and checks the share page: the
// result's path and band, the disclaimer, "Take the quiz" to the quiz's
// page in the page's language, and (once its script has read the
// fragment) "See this result in full".
func (p *page) openSharePage(link string, res *quiz.Result, locale string) {
	p.t.Helper()
	p.do("opening "+link, chromedp.Navigate(link))
	p.waitFor("the share page should show, with See this result in full",
		`!!document.getElementById('share-page') && !document.getElementById('share-full-box').hidden`)
	type sharePage struct {
		Lang, Title, Band, Disclaimer, Take, TakeHref, Notice, Full string
		Outcome, BandID                                             string
	}
	got := eval[sharePage](p, `(() => { const t = id => document.getElementById(id)?.textContent ?? ''; const m = document.getElementById('share-page');
		return {Lang: document.documentElement.lang, Title: t('result-title'), Band: t('fit-band'), Disclaimer: t('result-disclaimer'),
			Take: t('share-take'), TakeHref: document.getElementById('share-take')?.getAttribute('href') ?? '', Notice: t('share-notice'), Full: t('share-full'),
			Outcome: m.dataset.outcome, BandID: m.dataset.band}; })()`)
	disclaimer := ui("disclaimer", locale)
	if theQuiz.Disclaimer != nil {
		disclaimer = text(theQuiz.Disclaimer, locale)
	}
	want := sharePage{Lang: locale, Title: text(res.Top.Title, locale), Band: text(res.Band.Title, locale),
		Take: ui("share_take", locale), Notice: ui("shared_notice", locale), Full: ui("share_full", locale),
		Outcome: res.Top.ID, BandID: res.Band.ID, Disclaimer: got.Disclaimer, TakeHref: got.TakeHref}
	if got != want || !strings.Contains(got.Disclaimer, disclaimer) || !strings.HasPrefix(got.TakeHref, "/") {
		p.t.Errorf("the share page shows %+v; want %+v with the disclaimer %q and a link to the quiz", got, want, disclaimer)
	}
	if p.state().Screen != "" {
		p.t.Errorf("the share page runs the quiz (%s); want a page of its own", p.describe())
	}
}

// TestShareOG: the tags link previews read, in the HTML the server sends:
// with -public-url, og:url and og:image are absolute URLs under it (the
// image a PNG of the size the tags say); without it they are left out of
// the share page and the quiz's page alike. axe finds nothing on the share
// page.
func TestShareOG(t *testing.T) {
	g := goldenCase(t, "Current PMO happy in a supporting role")
	res := theQuiz.Score(g.Answers)
	const public = "https://careers.example.com/pmo/"
	srv, err := startServer(serverBin, quizFile, webDir, "-public-url", public)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.stop() })
	if strings.Contains(srv.stderr.String(), "no share images") {
		t.Fatalf("the server draws no share images: %s", srv.stderr.String())
	}
	for _, l := range theQuiz.Locales {
		page := widget.SharePath(theQuiz, res.Top.ID, res.Band.ID, l)
		tags := ogTags(t, srv.url+page)
		img := strings.TrimSuffix(strings.TrimSuffix(page, "."+l+".html"), ".html") + "." + l + ".png"
		want := map[string]string{
			"og:url": public + page[1:], "og:image": public + img[1:], "og:image:width": "1200", "og:image:height": "630",
			"twitter:card": "summary_large_image", "og:title": widget.ShareTitle(theQuiz, l, res.Top, res.Band),
		}
		for k, v := range want {
			if tags[k] != v {
				t.Errorf("%s: %s is %q; want %q", page, k, tags[k], v)
			}
		}
		resp, err := http.Get(srv.url + img)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(resp.Body)
		resp.Body.Close()
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %v, %dx%d; want a PNG of 1200x630", img, err, cfg.Width, cfg.Height)
		}
		// The default server has no public URL: no og:url, no og:image.
		for _, u := range []string{baseURL + page, baseURL + "/?lang=" + l} {
			tags := ogTags(t, u)
			if _, ok := tags["og:url"]; ok || tags["og:image"] != "" || tags["og:title"] == "" {
				t.Errorf("%s without -public-url: og:url %q, og:image %q, og:title %q; want no URL, no image, a title", u, tags["og:url"], tags["og:image"], tags["og:title"])
			}
		}
	}
	if tags := ogTags(t, srv.url+"/?lang=en"); tags["og:url"] != public+"index.en.html" || tags["og:image"] != public+"share/en.png" {
		t.Errorf("the English quiz page: og:url %q, og:image %q; want %sindex.en.html and its card", tags["og:url"], tags["og:image"], public)
	}

	p := newPage(t, withLang("ja"))
	p.openSharePage(srv.url+widget.SharePath(theQuiz, res.Top.ID, res.Band.ID, "ja")+"#r="+theQuiz.ShareCode(g.Answers), res, "ja")
	p.expectNoAxeViolations("the share page")
}

// ogTags are the meta tags of the page at u, by property or name.
func ogTags(t *testing.T, u string) map[string]string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d, %v", u, resp.StatusCode, err)
	}
	tags := map[string]string{}
	for _, m := range regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`).FindAllStringSubmatch(string(b), -1) {
		tags[m[1]] = html.UnescapeString(m[2])
	}
	return tags
}

// TestShareStaticNginx: the static export made with -public-url (make
// static PUBLIC_URL=…) has the same share pages and images, which the
// documented nginx block serves as HTML and PNG, revalidated (the images
// are not named by their content), the images to any site; a link opens
// the share page, and "See this result in full" the result, under the
// sub-path.
func TestShareStaticNginx(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
	res := theQuiz.Score(g.Answers)
	dist := exportStaticWith(t, quizFile, staticBase, "-public-url", "https://www.example.com")
	ngx := startNginx(t, dist)
	site := "http://" + ngx.addr + staticBase
	page := widget.SharePath(theQuiz, res.Top.ID, res.Band.ID, "en")[1:]
	img := "share/" + res.Top.ID + "." + res.Band.ID + ".en.png"
	for _, c := range []struct{ path, ctype, corp string }{
		{page, "text/html", "same-origin"},
		{img, "image/png", "cross-origin"},
	} {
		resp, err := http.Get(site + c.path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != 200 || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) || h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" ||
			h.Get("Cross-Origin-Resource-Policy") != c.corp {
			t.Errorf("GET %s%s: %d, %q, Cache-Control %q, ETag %q, CORP %q; want 200, %s, no-cache with an ETag, %s",
				staticBase, c.path, resp.StatusCode, h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("ETag"), h.Get("Cross-Origin-Resource-Policy"), c.ctype, c.corp)
		}
	}
	tags := ogTags(t, site+page)
	if want := "https://www.example.com" + staticBase; tags["og:url"] != want+page || tags["og:image"] != want+img {
		t.Errorf("the exported share page: og:url %q, og:image %q; want %s%s and %s%s", tags["og:url"], tags["og:image"], want, page, want, img)
	}

	p := newPage(t)
	p.openSharePage(site+page+"#r="+theQuiz.ShareCode(g.Answers), res, "en")
	p.click("a#share-full")
	p.waitScreen("result", "after See this result in full")
	p.checkResult(g.Answers, "en")
	if got := p.state().URL; !strings.HasPrefix(got, site) {
		t.Errorf("See this result in full went to %s; want the quiz under %s", got, site)
	}
}

// exportStaticWith is exportStaticOf with more flags for tools/static.
func exportStaticWith(t *testing.T, quizFile, base string, flags ...string) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "dist")
	for _, d := range []string{filepath.Dir(dir), dir} { // nginx's workers run as another user
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", append([]string{"run", "./tools/static", "-base", base, "-out", out, "-quiz", quizFile, "-web", webDir}, flags...)...)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./tools/static: %v\n%s", err, b)
	}
	return out
}
