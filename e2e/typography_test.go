package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Japanese typography and the screens' details a visitor notices only in
// a browser (issue 12 §5). The copy's mechanical rules (full-width ？（）,
// one notation) are checked on the texts themselves:
// app/quiz/default_test.go.

// midWordBreaksJS lists the places where a line of Japanese text inside
// the elements matching sel breaks inside a word, as 「どれで／すか」,
// 「まったくそう思／わない」: a character that starts a new line where
// Intl.Segmenter (the browser's own dictionary) sees no word boundary.
// The dictionary sometimes glues a particle to the word after it
// (「調整／を通じて」, 「形／にして」), so a break after a one-character
// particle that follows a kanji or katakana is a phrase's end too; so is
// the start of an element (a label's second line). Closed folds and
// hidden elements have no lines and are skipped.
const midWordBreaksJS = `((sel) => {
	const seg = new Intl.Segmenter('ja', {granularity: 'word'});
	const bad = new Set();
	const r = document.createRange();
	for (const el of document.querySelectorAll(sel)) {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		const chars = [];
		let text = '';
		const bounds = new Set();
		for (let n; (n = walker.nextNode());) {
			bounds.add(text.length);
			for (let i = 0; i < n.data.length; i++) chars.push([n, i]);
			text += n.data;
		}
		for (const s of seg.segment(text)) bounds.add(s.index);
		for (let i = 2; i < text.length; i++) {
			if (/[をにはがでとものへや]/.test(text[i - 1]) && /[\p{Script=Han}\p{Script=Katakana}ー]/u.test(text[i - 2])) bounds.add(i);
		}
		let prevTop = null;
		for (let i = 0; i < chars.length; i++) {
			const [n, o] = chars[i];
			if (/\s/.test(n.data[o])) continue;
			r.setStart(n, o);
			r.setEnd(n, o + 1);
			const rects = r.getClientRects();
			if (!rects.length) continue;
			const top = rects[0].top;
			if (prevTop !== null && top > prevTop + 2 && !bounds.has(i)) {
				bad.add(text.slice(Math.max(0, i - 10), i) + '／' + text.slice(i, i + 10));
			}
			prevTop = top;
		}
	}
	return [...bad];
})`

// readingSelector is every element whose text a visitor reads.
const readingSelector = `main#quiz :is(h1, h2, h3, h4, p, legend, .option-label, li, dt, dd, summary, .band, button)`

// TestJapaneseScreens: on a 360 px phone in Japanese, no line of the
// intro, of any question (its text, hint and options, the scale's labels)
// or of the result (every fold opened) breaks inside a word (word-break:
// auto-phrase on all of them, not only on headings); and the count of
// questions the intro gives (「約5分・全19問」, full-width) is the one
// every question shows, to the last.
func TestJapaneseScreens(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	p := newPage(t, withLang("ja"))
	p.asPhone()
	p.open("/?lang=ja", "intro")
	check := func(where string) {
		t.Helper()
		if bad := eval[[]string](p, midWordBreaksJS+"("+jsString(readingSelector)+")"); len(bad) > 0 {
			t.Errorf("%s: lines break inside a word at %q", where, bad)
		}
	}
	check("the intro")
	seq := shownQuestions(theQuiz, g.Answers)
	total := strconv.Itoa(len(seq))
	meta := fillUI(ui("minutes", "ja"), "minutes", strconv.Itoa(theQuiz.Minutes)) + "・" + fillUI(ui("questions_count", "ja"), "total", total)
	if got := eval[string](p, `document.querySelector('.intro .meta').textContent`); got != meta {
		t.Errorf("the intro's line under the text reads %q; want %q", got, meta)
	}
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	for i, qu := range seq {
		p.waitQuestion(qu.ID, "")
		check("question " + qu.ID)
		if got, want := eval[string](p, `document.getElementById('progress-text').textContent`), fillUI(ui("progress", "ja"), "n", strconv.Itoa(i+1), "total", total); got != want {
			t.Errorf("question %s shows %q; want %q (the intro says %s)", qu.ID, got, want, meta)
		}
		p.answer(qu, g.Answers)
	}
	p.waitScreen("result", "after the last question")
	eval[chromedp.Void](p, `document.querySelectorAll('main#quiz details').forEach(d => d.open = true)`)
	check("the result, its folds open")
}

// TestHeadingFocusRing: the focus moves to the heading of each new
// screen, with a ring only for a keyboard user: none on a page opened
// from a link before the visitor did anything, none after a click, one
// after a key press.
func TestHeadingFocusRing(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	seq := shownQuestions(theQuiz, g.Answers)
	p := newPage(t, withLang("ja"))
	ring := func(where, id string, want bool) {
		t.Helper()
		p.waitFor(where+", the focus should be on #"+id, `document.activeElement?.id === `+jsString(id))
		if got := eval[string](p, `getComputedStyle(document.activeElement).outlineStyle`); (got != "none") != want {
			t.Errorf("%s: #%s has outline-style %s; want a ring: %v", where, id, got, want)
		}
	}

	// A damaged share link, opened in a fresh tab: the heading has the
	// focus (for screen readers), and no ring.
	p.open("/#r="+theQuiz.Hash+".AAAA", "intro")
	p.waitFor("the damaged link's notice should show", `!!document.getElementById('share-notice')`)
	ring("a damaged link opened afresh", "quiz-title", false)

	// The keyboard: Start with Enter, an answer with a number key, Next
	// with Enter. The ring shows on each question.
	p.open("/", "intro")
	eval[chromedp.Void](p, `document.getElementById('start').focus()`)
	p.keys("Enter on Start", kb.Enter)
	p.waitQuestion(seq[0].ID, "after Enter on Start")
	ring("after Enter on Start", "q-legend", true)
	p.keys("1 on the first question", "1")
	p.keys("Enter on the first question", kb.Enter)
	p.waitQuestion(seq[1].ID, "after Enter on the first question")
	ring("after Enter on the first question", "q-legend", true)

	// The mouse: a click on an option, then on Next. No ring.
	p.click("label.option")
	p.click("button#next")
	p.waitQuestion(seq[2].ID, "after clicking Next")
	ring("after clicking Next", "q-legend", false)
}

// TestResumeOfferButtons: the intro's offer to continue has its two
// buttons aligned: one above the other, the same width, on a 360 px
// phone; side by side on a laptop.
func TestResumeOfferButtons(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	p := newPage(t, withLang("ja"))
	p.open("/?lang=ja", "intro")
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	for _, qu := range shownQuestions(theQuiz, g.Answers)[:3] {
		p.answer(qu, g.Answers)
	}
	type box struct{ Left, Top, Width, Right, CardLeft, CardRight float64 }
	measure := func() [2]box {
		return eval[[2]box](p, `['start', 'resume'].map(id => {
			const b = document.getElementById(id).getBoundingClientRect();
			const c = document.getElementById('resume-offer').getBoundingClientRect();
			return {Left: b.left, Top: b.top, Width: b.width, Right: b.right, CardLeft: c.left, CardRight: c.right};
		})`)
	}
	near := func(a, b float64) bool { return a-b < 1 && b-a < 1 }

	p.asPhone()
	p.revisit("intro")
	p.waitFor("the intro should offer to continue", `!!document.querySelector('#resume-offer button#resume')`)
	b := measure()
	if !near(b[0].Left, b[1].Left) || !near(b[0].Width, b[1].Width) || b[1].Top <= b[0].Top {
		t.Errorf("on a 360 px phone the offer's buttons are at %+v and %+v; want one above the other, the same width", b[0], b[1])
	}
	for _, x := range b {
		if x.Left < x.CardLeft || x.Right > x.CardRight {
			t.Errorf("on a 360 px phone a button of the offer sticks out of it: %+v", x)
		}
	}

	p.do("a 1280×800 laptop", chromedp.EmulateViewport(1280, 800))
	p.waitFor("the offer's buttons side by side", `document.getElementById('start').getBoundingClientRect().top === document.getElementById('resume').getBoundingClientRect().top`)
}
