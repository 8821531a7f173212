package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
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

// TestShareLink: "Share my result" copies a link to the quiz's own page
// with the answers in its fragment (the share sheet gets the same link
// where there is one; without a clipboard the link is selected in a field).
// The link opens the same result in a fresh browser; a damaged link and a
// link from an earlier version of the quiz say so instead.
func TestShareLink(t *testing.T) {
	g := goldenCase(t, "Developer who wants to go deeper into technology")
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
	if want := theQuiz.Hash + "."; !strings.HasPrefix(u.Fragment, "r="+want) || u.Query().Has("embed") || u.Query().Has("parent") ||
		u.Query().Get("lang") != "en" || u.Host != strings.TrimPrefix(baseURL, "http://") || u.Path != "/" {
		t.Errorf("the share link is %s; want %s/?lang=en (no embed, parent) with #r=%s…", link, baseURL, want)
	}
	if len(link) > 120 {
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

	// A fresh browser opens the link: the same result.
	q := newPage(t)
	q.openURL(link, "result")
	q.checkResult(g.Answers, "en")
	if got := eval[string](q, `document.getElementById('share-notice')?.textContent ?? ''`); !strings.Contains(got, ui("shared_notice", "en")) {
		t.Errorf("the shared result's notice reads %q; want %q", got, ui("shared_notice", "en"))
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
	}
	q.click("button#share-take")
	q.waitQuestion(shownQuestions(theQuiz, g.Answers)[0].ID, "after Take the quiz on the notice")
}

// TestShareLinkOffline: a link opens its result offline, after one visit
// (the service worker keeps the page; the fragment never reaches it), and
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
