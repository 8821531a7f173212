package quiz

import (
	"reflect"
	"testing"
)

// TestWhatIfBase checks changes worked out by hand for
// testdata/valid/base.toml (see TestScore for its points).
func TestWhatIfBase(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")

	// dev: spec 75, pm 0 (both on pm's scale, 16 quarters). Answering
	// "lead" to role hides years and gives pm 8 of 16 = 50 against spec
	// 4 of 16 = 25. The likes toggles leave spec ahead; years adds to
	// neither path.
	dev := Answers{"role": {Choices: []string{"dev"}}, "years": {Scale: 5}, "likes": {Choices: []string{"code"}}}
	w := q.WhatIf(dev)
	if w == nil || w.Outcome.ID != "pm" {
		t.Fatalf("WhatIf(dev) = %+v; want pm as the runner-up", w)
	}
	want := []Change{{q.Question("role"), dev["role"], Answer{Choices: []string{"lead"}}}}
	if !reflect.DeepEqual(w.Changes, want) || w.Margin != 25 {
		t.Errorf("WhatIf(dev): changes %+v, margin %d; want role dev → lead, margin 25", w.Changes, w.Margin)
	}

	// lead: pm 100, spec 0. "dev" to role would ask years (unanswered:
	// left out); likes can only lose talk or plan (max 2 reached), which
	// leaves pm at 75 and spec at 0; two changes to one question do not
	// count. No small change.
	lead := Answers{"role": {Choices: []string{"lead"}}, "likes": {Choices: []string{"talk", "plan"}}}
	w = q.WhatIf(lead)
	if w == nil || w.Outcome.ID != "spec" || w.Changes != nil {
		t.Errorf("WhatIf(lead) = %+v; want spec as the runner-up and no change", w)
	}
	// An answer to years given before role changed to lead is not the
	// visitor's: "dev" would ask years again, so that change is still
	// left out.
	stale := Answers{"role": lead["role"], "likes": lead["likes"], "years": {Scale: 5}}
	if got := q.WhatIf(stale); !reflect.DeepEqual(got, w) {
		t.Errorf("WhatIf(lead, hidden years = 5) = %+v; want as without it, %+v", got, w)
	}
}

// TestAlternatives: a multi answer's neighbours are what one click makes
// of it: an option unticked, or ticked within its max, an exclusive one
// replacing the others.
func TestAlternatives(t *testing.T) {
	_, multi, _ := rulesQuiz(t)
	got := multi.alternatives(choices("a", "b"))
	want := []Answer{choices("b"), choices("a"), choices("none")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("alternatives(a, b) = %+v; want %+v", got, want)
	}
}

const threeQuestions = `
[quiz]
id = "three"
locales = ["en"]
title = "Three"
intro = "Three questions."

[[questions]]
id = "q1"
kind = "single"
text = "One"
options = [{ id = "a", label = "A", adds = { a = 1 } }, { id = "b", label = "B", adds = { b = 1 } }]

[[questions]]
id = "q2"
kind = "single"
text = "Two"
options = [{ id = "a", label = "A", adds = { a = 1 } }, { id = "b", label = "B", adds = { b = 1 } }]

[[questions]]
id = "q3"
kind = "single"
text = "Three"
options = [{ id = "a", label = "A", adds = { a = 1 } }, { id = "b", label = "B", adds = { b = 1 } }]

[[outcomes]]
id = "a"
title = "A"
summary = "A."
why = "A."

[[outcomes]]
id = "b"
title = "B"
summary = "B."
why = "B."
`

// TestWhatIfTwo: a, a, a gives a 100, b 0; one changed answer gives 67 to
// 33, still a; two give b 67 to 33 (lead 34), and every pair does: the
// earliest questions win the tie.
func TestWhatIfTwo(t *testing.T) {
	q, err := Parse("three.toml", []byte(threeQuestions))
	if err != nil {
		t.Fatal(err)
	}
	a := Answers{"q1": {Choices: []string{"a"}}, "q2": {Choices: []string{"a"}}, "q3": {Choices: []string{"a"}}}
	w := q.WhatIf(a)
	if w == nil || w.Outcome.ID != "b" {
		t.Fatalf("WhatIf = %+v; want b as the runner-up", w)
	}
	to := Answer{Choices: []string{"b"}}
	want := []Change{{q.Question("q1"), a["q1"], to}, {q.Question("q2"), a["q2"], to}}
	if !reflect.DeepEqual(w.Changes, want) || w.Margin != 34 {
		t.Errorf("WhatIf: changes %+v, margin %d; want q1 and q2 to b, margin 34", w.Changes, w.Margin)
	}
	// a, a, b: one change (q1 or q2 to b) is enough; the earlier wins.
	a["q3"] = to
	w = q.WhatIf(a)
	want = []Change{{q.Question("q1"), a["q1"], to}}
	if w == nil || !reflect.DeepEqual(w.Changes, want) || w.Margin != 34 {
		t.Errorf("WhatIf(a, a, b) = %+v; want q1 to b, margin 34", w)
	}
}

// TestWhatIfDefault: for every golden case of the default quiz, the change
// found really makes the runner-up the top path (checked with Score), and
// when it is two changes, no single change does.
func TestWhatIfDefault(t *testing.T) {
	q := mustParse(t, "../../quiz.toml")
	found := 0
	for _, g := range q.Golden {
		res := q.Score(g.Answers)
		w := q.WhatIf(g.Answers)
		if w == nil || w.Outcome != res.RunnerUp {
			t.Errorf("%s: WhatIf = %+v; want the runner-up %s", g.Name, w, res.RunnerUp.ID)
			continue
		}
		if len(w.Changes) == 0 {
			continue
		}
		found++
		b := Answers{}
		for k, v := range g.Answers {
			b[k] = v
		}
		for _, c := range w.Changes {
			if !reflect.DeepEqual(c.From, g.Answers[c.Question.ID]) {
				t.Errorf("%s: change on %s from %+v; the answer was %+v", g.Name, c.Question.ID, c.From, g.Answers[c.Question.ID])
			}
			b[c.Question.ID] = c.To
		}
		if !q.Complete(b) {
			t.Errorf("%s: the change %+v leaves a shown question unanswered", g.Name, w.Changes)
		}
		if got := q.Score(b); got.Top != res.RunnerUp {
			t.Errorf("%s: with %+v the top path is %s; want the runner-up %s", g.Name, w.Changes, got.Top.ID, res.RunnerUp.ID)
		}
		if len(w.Changes) == 2 {
			for i, qu := range q.Questions {
				if !q.Visible(g.Answers)[i] {
					continue
				}
				for _, to := range qu.alternatives(g.Answers[qu.ID]) {
					if _, wins, ok := q.tryChange(g.Answers, q.Visible(g.Answers), res.RunnerUp, Change{qu, g.Answers[qu.ID], to}); ok && wins {
						t.Errorf("%s: two changes proposed, yet %s → %+v alone makes %s first", g.Name, qu.ID, to, res.RunnerUp.ID)
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("no golden case of quiz.toml has a small change that flips its result")
	}
}

func BenchmarkWhatIf(b *testing.B) {
	q := mustParse(b, "../../quiz.toml")
	a := q.Golden[0].Answers
	for b.Loop() {
		q.WhatIf(a)
	}
}
