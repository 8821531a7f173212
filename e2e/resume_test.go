package e2e

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// TestResume: a visitor answers three questions and reloads; the intro
// offers to continue at question 4 of the path, which shows with the
// earlier answers kept (Back retraces them). "Start over" forgets them. A
// finished quiz offers the last result, still after the quiz is reworded;
// a quiz whose version was raised offers nothing.
func TestResume(t *testing.T) {
	g := goldenCase(t, "SE who enjoys coordinating and supporting the team")
	seq := shownQuestions(theQuiz, g.Answers)
	p := newPage(t)
	served := p.serveQuiz() // the service worker is bypassed: every load fetches quiz.toml
	p.open("/?lang=en", "intro")
	p.expectNoResume("on a first visit")

	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	answered := quiz.Answers{}
	for _, qu := range seq[:3] {
		p.answer(qu, g.Answers)
		answered[qu.ID] = g.Answers[qu.ID]
	}
	p.waitQuestion(seq[3].ID, "after three answers")

	// A reload keeps the visitor on the question; coming back to the
	// quiz's address offers to continue.
	p.reload("question")
	p.waitQuestion(seq[3].ID, "after a reload on question 4")
	p.revisit("intro")
	p.expectResume(uiFill(ui("resume_continue", "en"), "n", "4", "total", strconv.Itoa(visibleCount(theQuiz, answered))),
		ui("resume_restart", "en"), "coming back on question 4")
	p.expectNoAxeViolations("the resume prompt")
	p.click("button#resume")
	p.expectQuestion(seq[3], 4, answered, "after Continue")
	p.expectChecked(seq[3], quiz.Answer{}, "Continue (question 4 was not answered)")
	p.click("button#back")
	p.waitQuestion(seq[2].ID, "after Back from the resumed question")
	p.expectChecked(seq[2], g.Answers[seq[2].ID], "Continue then Back (the answer should be kept)")

	// Start over forgets the answers, here and on the next visit.
	p.revisit("intro")
	p.click("button#start")
	p.waitQuestion(seq[0].ID, "after Start over")
	p.expectChecked(seq[0], quiz.Answer{}, "Start over")
	p.revisit("intro")
	p.expectNoResume("after Start over and coming back")

	// A finished quiz offers its result: kept on a reload, offered on the
	// next visit.
	p.runQuickly(g.Answers)
	p.reload("result")
	p.checkResult(g.Answers, "en")
	p.revisit("intro")
	p.expectResume(ui("resume_result", "en"), ui("resume_restart", "en"), "after finishing and coming back")
	p.click("button#resume")
	p.waitScreen("result", "after See your last result")
	p.checkResult(g.Answers, "en")

	// A reworded quiz keeps them; a revised one (its version raised) has
	// other questions for them, and offers nothing.
	served.set(reworded(t))
	p.revisit("intro")
	if got := eval[string](p, `document.getElementById('quiz-title').textContent`); got != "PMO Career Quiz (edited)" {
		t.Fatalf("the edited quiz.toml was not served: the title reads %q", got)
	}
	p.expectResume(ui("resume_result", "en"), ui("resume_restart", "en"), "after the quiz was reworded")
	served.set(revised(t))
	p.revisit("intro")
	p.expectNoResume("after the quiz changed")
}

// TestResumeStorageBlocked: with every read and write of localStorage and
// sessionStorage throwing (as private modes did), and the page's guard
// unable to replace them, the quiz runs to its result; Back to the intro
// still offers to continue (kept in the page), and a reload starts afresh.
// (A storage whose very property read throws is the guard's to replace:
// go-app itself reads it unguarded; TestEmbedWithBlockedStorage.)
func TestResumeStorageBlocked(t *testing.T) {
	g := goldenCase(t, "Veteran infrastructure engineer aiming to go independent")
	seq := shownQuestions(theQuiz, g.Answers)
	p := newPage(t)
	p.addScript(`(() => {
		const fail = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
		const broken = { getItem: fail, setItem: fail, removeItem: fail, clear: fail, key: () => null, length: 0 };
		for (const name of ['localStorage', 'sessionStorage']) {
			Object.defineProperty(window, name, { configurable: false, get() { return broken; } });
		}
	})()`)
	p.open("/?lang=en", "intro")
	if eval[bool](p, `(() => { try { localStorage.setItem('probe', '1'); return true; } catch (e) { return false; } })()`) {
		t.Fatal("localStorage is usable: the test does not block it")
	}
	eval[chromedp.Void](p, `document.getElementById('start').click()`)
	p.answer(seq[0], g.Answers)
	p.answer(seq[1], g.Answers)
	p.waitQuestion(seq[2].ID, "")
	p.click("button#back")
	p.waitQuestion(seq[1].ID, "after Back")
	p.click("button#back")
	p.waitQuestion(seq[0].ID, "after Back")
	p.click("button#back")
	p.waitScreen("intro", "after Back on the first question")
	p.expectResume(uiFill(ui("resume_continue", "en"), "n", "1", "total", strconv.Itoa(visibleCount(theQuiz, g.Answers))),
		ui("resume_restart", "en"), "back on the intro, without storage")
	p.click("button#resume")
	p.waitQuestion(seq[0].ID, "after Continue")
	p.expectChecked(seq[0], g.Answers[seq[0].ID], "Continue without storage")
	p.click("button#next")
	for _, qu := range seq[1:] {
		if qu != seq[1] {
			p.answer(qu, g.Answers)
			continue
		}
		p.waitQuestion(qu.ID, "")
		eval[chromedp.Void](p, `document.getElementById('next').click()`)
	}
	p.waitScreen("result", "after the last question, without storage")
	p.checkResult(g.Answers, "en")
	p.revisit("intro")
	p.expectNoResume("coming back without storage")
}

// serveQuiz makes the browser bypass the service worker and answers its
// requests for quiz.toml with the source last set: the repository's quiz
// until then.
func (p *page) serveQuiz() *served {
	p.t.Helper()
	s := &served{src: string(quizSource)}
	p.do("bypassing the service worker", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
		return err
	}))
	p.intercept("*/quiz.toml*", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		return &fetch.FulfillRequestParams{
			ResponseCode:    200,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/toml; charset=utf-8"}},
			Body:            []byte(s.get()),
		}
	})
	return s
}

// served is the quiz.toml that serveQuiz answers with.
type served struct {
	mu  sync.Mutex
	src string
}

func (s *served) set(src string) { s.mu.Lock(); s.src = src; s.mu.Unlock() }
func (s *served) get() string    { s.mu.Lock(); defer s.mu.Unlock(); return s.src }

// reworded is the repository's quiz with another English title: the same
// quiz for saved progress and share links (quiz.Hash). revised is that
// with its version raised as well: another quiz for them.
func reworded(t *testing.T) string {
	t.Helper()
	src := string(quizSource)
	changed := strings.Replace(src, `en = "PMO Career Quiz" }`, `en = "PMO Career Quiz (edited)" }`, 1)
	if changed == src {
		t.Fatal(`quiz.toml no longer has the title en = "PMO Career Quiz": update this test`)
	}
	return changed
}

func revised(t *testing.T) string {
	t.Helper()
	src := reworded(t)
	changed := strings.Replace(src, "\nversion = \"", "\nversion = \"1+", 1)
	if changed == src {
		t.Fatal(`quiz.toml no longer has a version = "…" line: update this test`)
	}
	return changed
}

// addScript runs js in every new document of the tab, before its scripts.
func (p *page) addScript(js string) {
	p.t.Helper()
	p.do("adding a script", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return err
	}))
}

// reload reloads the page and waits for screen.
func (p *page) reload(screen string) {
	p.t.Helper()
	p.do("reloading", chromedp.Reload())
	p.waitScreen(screen, "after reloading")
}

// revisit opens the quiz's address again (the page's URL without its
// step), as a visitor coming back does.
func (p *page) revisit(screen string) {
	p.t.Helper()
	u := eval[string](p, `location.href.split('#')[0]`)
	p.do("coming back to "+u, chromedp.Navigate("about:blank"), chromedp.Navigate(u))
	p.waitScreen(screen, "coming back to the quiz")
}

// expectResume checks the intro's offer: its continue and start buttons.
func (p *page) expectResume(resume, start, where string) {
	p.t.Helper()
	p.waitFor(where+", the intro should offer to continue", `!!document.querySelector('#resume-offer button#resume')`)
	got := eval[[2]string](p, `[document.getElementById('resume').textContent, document.getElementById('start').textContent]`)
	if got != [2]string{resume, start} {
		p.t.Errorf("%s the intro's buttons read %q; want %q", where, got, [2]string{resume, start})
	}
}

func (p *page) expectNoResume(where string) {
	p.t.Helper()
	if got := eval[string](p, `document.getElementById('resume')?.textContent ?? document.getElementById('start')?.textContent`); got != ui("start", "en") {
		p.t.Errorf("%s the intro shows %q; want only the Start button (%q)", where, got, ui("start", "en"))
	}
}

// uiFill is the widget's placeholder filling.
func uiFill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}
