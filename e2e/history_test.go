package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"pmoquiz/app/quiz"
)

// TestHistory: the browser's Back and Forward buttons walk the visitor's
// steps, keep the answers, keep ?lang=, and never add entries behind the
// intro; the widget's own Back button moves through the same entries.
func TestHistory(t *testing.T) {
	g := goldenCase(t, "Team leader who wants to run projects")
	seq := shownQuestions(theQuiz, g.Answers)
	p := newPage(t)
	p.open("/?lang=en", "intro")
	introIndex := p.historyIndex()

	p.click("button#start")
	for _, qu := range seq[:3] {
		p.waitQuestion(qu.ID, "walking forward")
		p.answerByMouse(qu, g.Answers[qu.ID])
	}
	p.waitQuestion(seq[3].ID, "after three questions")
	p.expectURL("q="+seq[3].ID, "on the fourth question")

	p.historyGo(-1, "Back on the fourth question")
	p.waitQuestion(seq[2].ID, "after Back")
	p.expectChecked(seq[2], g.Answers[seq[2].ID], "Back (the answer should be kept)")
	p.expectURL("q="+seq[2].ID, "after Back")
	p.historyGo(1, "Forward")
	p.waitQuestion(seq[3].ID, "after Forward")

	// Back to the intro, one step at a time.
	for i := 2; i >= 0; i-- {
		p.historyGo(-1, "Back")
		p.waitQuestion(seq[i].ID, "after Back")
		p.expectChecked(seq[i], g.Answers[seq[i].ID], "Back")
	}
	p.historyGo(-1, "Back on the first question")
	p.waitScreen("intro", "after Back on the first question")
	p.expectURL("", "on the intro")
	if i := p.historyIndex(); i != introIndex {
		t.Errorf("the intro is history entry %d; it was %d when the page was opened", i, introIndex)
	}
	if prev := p.historyEntry(-1); prev != "about:blank" {
		t.Errorf("the entry before the intro is %q, want the tab's first page (Back leaves the quiz)", prev)
	}
	// Forward again: the first question, still answered.
	p.historyGo(1, "Forward on the intro")
	p.waitQuestion(seq[0].ID, "after Forward on the intro")
	p.expectChecked(seq[0], g.Answers[seq[0].ID], "Forward")

	// The widget's Back goes back in history (Forward then returns).
	p.click("button#next")
	p.waitQuestion(seq[1].ID, "after Next")
	at := p.historyIndex()
	p.click("button#back")
	p.waitQuestion(seq[0].ID, "after the widget's Back")
	if i := p.historyIndex(); i != at-1 {
		t.Errorf("the widget's Back moved from history entry %d to %d; want %d (one back)", at, i, at-1)
	}
	p.historyGo(1, "Forward after the widget's Back")
	p.waitQuestion(seq[1].ID, "after Forward")

	// On to the result; Back shows the last question, Forward the result.
	for _, qu := range seq[1:] {
		p.waitQuestion(qu.ID, "walking to the result")
		p.answerByMouse(qu, g.Answers[qu.ID])
	}
	p.waitScreen("result", "after the last question")
	p.expectURL("done", "on the result")
	last := seq[len(seq)-1]
	p.historyGo(-1, "Back on the result")
	p.waitQuestion(last.ID, "after Back on the result")
	p.expectChecked(last, g.Answers[last.ID], "Back from the result")
	p.historyGo(1, "Forward")
	p.waitScreen("result", "after Forward to the result")
	p.checkResult(g.Answers, "en")

	// Start again: back to the intro's entry, then the first question, so
	// that Back never leads to the cleared answers.
	p.click("button#restart")
	p.waitQuestion(seq[0].ID, "after Start again")
	if got := p.checked(); len(got) > 0 {
		t.Errorf("after Start again the first question has %v ticked", got)
	}
	if i := p.historyIndex(); i != introIndex+1 {
		t.Errorf("after Start again the first question is history entry %d, want %d (just after the intro)", i, introIndex+1)
	}
	p.historyGo(-1, "Back after Start again")
	p.waitScreen("intro", "after Back on the first question after Start again")

}

// branchingQuiz is e2e/testdata/branching.toml: its second question
// depends on the first answer (the default quiz has no such question).
func branchingQuiz(t *testing.T) (*quiz.Quiz, string) {
	t.Helper()
	const file = "testdata/branching.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	return q, abs
}

// TestHistoryPathChange: Forward after changing an earlier answer that
// changes the path goes to the question the new path asks next, not the
// one of the old path.
func TestHistoryPathChange(t *testing.T) {
	q, file := branchingQuiz(t)
	srv := ownServer(t, file, "127.0.0.1:0")
	role, years, likes, leading := q.Question("role"), q.Question("years"), q.Question("likes"), q.Question("leading")
	p := newPage(t)
	p.openURL(srv.url+"/?lang=en", "intro")
	p.click("button#start")
	p.waitQuestion(role.ID, "after Start")
	p.answerByMouse(role, quiz.Answer{Choices: []string{"lead"}})
	p.waitQuestion(likes.ID, "after answering lead")
	p.answerByMouse(likes, quiz.Answer{Choices: []string{"talk"}})
	p.waitQuestion(leading.ID, "after answering likes")
	p.historyGo(-2, "Back twice")
	p.waitQuestion(role.ID, "after Back twice")
	p.click(`label.option:has(> input#` + inputID(role, "dev") + `)`)
	p.expectChecked(role, quiz.Answer{Choices: []string{"dev"}}, "changing the role")
	p.historyGo(1, "Forward after changing the role")
	p.waitQuestion(years.ID, "after Forward with a role that asks "+years.ID)
	p.expectURL("q="+years.ID, "after Forward to a question the path no longer has")
}

// historyIndex is the tab's current history entry.
func (p *page) historyIndex() int64 {
	p.t.Helper()
	cur, _ := p.history()
	return cur
}

// historyEntry is the URL of the entry delta steps from the current one.
func (p *page) historyEntry(delta int64) string {
	p.t.Helper()
	cur, entries := p.history()
	if i := cur + delta; i >= 0 && i < int64(len(entries)) {
		return entries[i].URL
	}
	return ""
}

func (p *page) history() (int64, []*cdppage.NavigationEntry) {
	p.t.Helper()
	ctx, cancel := withTimeout(p.ctx)
	defer cancel()
	var cur int64
	var entries []*cdppage.NavigationEntry
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, cdppage.GetNavigationHistory, cdp.Empty{})
		if err == nil {
			cur, entries = res.CurrentIndex, res.Entries
		}
		return err
	}))
	if err != nil {
		p.t.Fatalf("reading the tab's history: %v", err)
	}
	return cur, entries
}

// historyGo moves delta entries in the tab's history, as the browser's
// Back (-1) and Forward (1) buttons do; it does not wait for a load.
func (p *page) historyGo(delta int64, what string) {
	p.t.Helper()
	cur, entries := p.history()
	i := cur + delta
	if i < 0 || i >= int64(len(entries)) {
		p.t.Fatalf("%s: no history entry %d steps from %d (%d entries); the page shows %s", what, delta, cur, len(entries), p.describe())
	}
	p.do(what, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdppage.NavigateToHistoryEntry, cdppage.NavigateToHistoryEntryParams{EntryID: entries[i].ID})
		return err
	}))
}

// expectURL checks the page's fragment, and that ?lang=en is kept.
func (p *page) expectURL(fragment, where string) {
	p.t.Helper()
	u, err := url.Parse(p.state().URL)
	if err != nil {
		p.t.Fatal(err)
	}
	if u.Fragment != fragment || u.Query().Get("lang") != "en" {
		p.t.Errorf("%s the URL is %s; want ?lang=en and the fragment %q", where, u, fragment)
	}
}

// answerByMouse clicks the answer's options (unless the question already
// has that answer), then Next.
func (p *page) answerByMouse(qu *quiz.Question, a quiz.Answer) {
	p.t.Helper()
	want := values(qu, a)
	if got := p.checked(); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		for _, v := range want {
			p.click(fmt.Sprintf(`label.option:has(> input#%s)`, inputID(qu, v)))
		}
	}
	p.expectChecked(qu, a, "clicking "+strings.Join(values(qu, a), ", "))
	p.click("button#next")
}
