package quiz

import (
	"os"
	"testing"
)

// TestDefaultQuiz checks the quiz the product ships: it must parse without a
// single problem, and its golden cases must cover every outcome and band.
func TestDefaultQuiz(t *testing.T) {
	src, err := os.ReadFile("../../quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("quiz.toml", src)
	if err != nil {
		t.Fatalf("default quiz has problems:\n%v", err)
	}
	if n := len(q.Questions); n < 12 || n > 20 {
		t.Errorf("default quiz has %d questions; want 12 to 20", n)
	}
	if got := q.Locales; len(got) != 2 || got[0] != "ja" || got[1] != "en" {
		t.Errorf("locales = %v; want [ja en]", got)
	}
	paths, bands := map[string]bool{}, map[string]bool{}
	for _, g := range q.Golden {
		res := q.Score(g.Answers)
		paths[res.Top.ID] = true
		if res.Band != nil {
			bands[res.Band.ID] = true
		}
	}
	for _, o := range q.Outcomes {
		if !paths[o.ID] {
			t.Errorf("no golden case ends on outcome %q", o.ID)
		}
	}
	for _, b := range q.Bands {
		if !bands[b.ID] {
			t.Errorf("no golden case ends in band %q", b.ID)
		}
	}
}
