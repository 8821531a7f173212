package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLivePreview: the server started with -dev on a copy of quiz.toml. A
// recruiter edits the file and reloads: the page shows the edit, with no
// restart and no rebuild, even once the service worker controls the page.
// An invalid save shows the error panel with the checker's positioned
// problems (and the server prints them); fixing the file brings the quiz
// back.
func TestLivePreview(t *testing.T) {
	file := filepath.Join(t.TempDir(), "quiz.toml")
	save := func(src string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := string(quizSource)
	save(src)
	srv, err := startServer(serverBin, file, webDir, "-dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.stop(); err != nil {
			t.Errorf("stopping the -dev server: %v", err)
		}
		if t.Failed() {
			t.Logf("the -dev server's stderr:\n%s", srv.stderr.String())
		}
	})

	p := newPage(t)
	title := func() string { return eval[string](p, `document.getElementById('quiz-title')?.textContent ?? ''`) }
	reload := func(screen, after string) {
		t.Helper()
		p.do("reloading", chromedp.Reload())
		p.waitScreen(screen, after)
	}

	p.do("opening the -dev server", chromedp.Navigate(srv.url+"/?lang=en"))
	p.waitScreen("intro", "after opening the -dev server")
	if got, want := title(), text(theQuiz.Title, "en"); got != want {
		t.Fatalf("the intro heading reads %q; want %q", got, want)
	}
	p.waitFor("the service worker should take control of the page (it answers reloads from its cache)",
		`navigator.serviceWorker.controller !== null`)

	const oldTitle, newTitle = `en = "PMO Career Quiz"`, `en = "PMO Career Quiz, edited live"`
	if !strings.Contains(src, oldTitle) {
		t.Fatalf("quiz.toml no longer contains %q: update this test", oldTitle)
	}
	edited := strings.Replace(src, oldTitle, newTitle, 1)
	save(edited)
	reload("intro", "after saving a new title and reloading")
	if got := title(); got != "PMO Career Quiz, edited live" {
		t.Errorf("after saving a new title and reloading, the heading reads %q; want the new title", got)
	}

	// An invalid save: a typo in a key. The page lists the problem at its
	// line; the server prints it too.
	const oldKey = `minutes = 5`
	i := strings.Index(edited, oldKey)
	if i < 0 {
		t.Fatalf("quiz.toml no longer contains %q: update this test", oldKey)
	}
	line := strings.Count(edited[:i], "\n") + 1
	broken := edited[:i] + `minuets = 5` + edited[i+len(oldKey):]
	save(broken)
	reload("error", "after saving a typo and reloading")
	items := eval[[]string](p, `Array.from(document.querySelectorAll('#error-panel li.error-item')).map(li => li.textContent.trim())`)
	prefix := fmt.Sprintf("quiz.toml:%d:1: quiz.minuets: unknown key \"minuets\" (did you mean \"minutes\"?)", line)
	if !slices.ContainsFunc(items, func(s string) bool { return strings.HasPrefix(s, prefix) }) {
		t.Errorf("the error panel lists:\n  %s\nwant a line starting %q", strings.Join(items, "\n  "), prefix)
	}
	printed := func(context.Context) (bool, error) {
		return strings.Contains(srv.stderr.String(), fmt.Sprintf("quiz.toml:%d:1: quiz.minuets", line)), nil
	}
	if pollUntil(p.ctx, waitTimeout, printed) != nil {
		t.Errorf("the -dev server did not print the problem at line %d to stderr:\n%s", line, srv.stderr.String())
	}

	save(edited)
	reload("intro", "after fixing the typo and reloading")
	if got := title(); got != "PMO Career Quiz, edited live" {
		t.Errorf("after fixing the file, the heading reads %q; want the edited title", got)
	}
}
