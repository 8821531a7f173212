package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
	"pmoquiz/app/quizset"
)

// The demo page embeds every quiz of the repository's folder (make demo
// serves it), by the ids the folder's files have, and links to each.
func TestDemoPageEmbedsTheFolder(t *testing.T) {
	files, err := quizset.Files("../../quizzes")
	if err != nil {
		t.Fatal(err)
	}
	entries := quizset.Read(files, quiz.Options{})
	if err := quizset.Err(entries); err != nil {
		t.Fatalf("quizzes/ has problems:\n%v", err)
	}
	u, _ := url.Parse("http://quiz.example:8000")
	h, err := newHandler(u)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	page := string(body)
	if !strings.Contains(page, `<script src="http://quiz.example:8000/embed.js" async></script>`) {
		t.Errorf("the page does not load embed.js from the quiz server:\n%s", page)
	}
	for _, e := range entries {
		if !strings.Contains(page, `data-quiz="`+e.ID+`"`) || !strings.Contains(page, `href="http://quiz.example:8000/`+e.ID+`/`) {
			t.Errorf("the demo page does not embed and link to quizzes/ %s (id %q)", e.File, e.ID)
		}
	}
	if n := strings.Count(page, "data-pmo-quiz "); n != len(entries) {
		t.Errorf("the demo page has %d placeholders; want one per quiz of quizzes/ (%d)", n, len(entries))
	}
}
