package flow

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

func journey(t testing.TB) *quiz.Quiz {
	t.Helper()
	src, err := os.ReadFile("testdata/journey.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse("journey.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// describe is a flow's state in one line, as the tables below write it:
// the screen (with the question on it, or the result's top path), the
// progress n/total, the trail, "hint" when set, then the answers in
// question order (a multi answer's options joined by +, in the order
// ticked).
func describe(f *Flow) string {
	parts := []string{string(f.Screen())}
	switch {
	case f.Current() != nil:
		parts[0] += ":" + f.Current().ID
	case f.Result() != nil:
		parts[0] += ":" + f.Result().Top.ID
	}
	n, total := f.Progress()
	parts = append(parts, fmt.Sprintf("%d/%d", n, total))
	if tr := f.Trail(); len(tr) > 0 {
		var ids []string
		for _, qu := range tr {
			ids = append(ids, qu.ID)
		}
		parts = append(parts, "trail="+strings.Join(ids, ","))
	}
	if f.Hint() {
		parts = append(parts, "hint")
	}
	for _, qu := range f.Quiz().Questions {
		a := f.Answers()[qu.ID]
		switch {
		case a.Scale != 0:
			parts = append(parts, fmt.Sprintf("%s=%d", qu.ID, a.Scale))
		case len(a.Choices) > 0:
			parts = append(parts, qu.ID+"="+strings.Join(a.Choices, "+"))
		}
	}
	return strings.Join(parts, " ")
}

// do runs one step: "start", "restart", "home", "continue", "open" (no result), or
// "next", "back", "finish", "jump ID", "tick V", "untick V", which report
// whether they moved or changed something: "!next" expects false.
func do(t *testing.T, f *Flow, step string) {
	t.Helper()
	want := !strings.HasPrefix(step, "!")
	op, arg, _ := strings.Cut(strings.TrimPrefix(step, "!"), " ")
	var got bool
	switch op {
	case "start":
		f.Start()
		return
	case "restart":
		f.Restart()
		return
	case "home":
		f.Home()
		return
	case "continue":
		f.Continue()
		return
	case "open":
		f.Open()
		return
	case "next":
		got = f.Next()
	case "back":
		got = f.Back()
	case "finish":
		got = f.Finish()
	case "jump":
		got = f.Jump(arg)
	case "tick":
		got = f.Choose(arg, true)
	case "untick":
		got = f.Choose(arg, false)
	default:
		t.Fatalf("unknown step %q", step)
	}
	if got != want {
		t.Errorf("%s reported %v; want %v", step, got, want)
	}
}

type step struct{ do, want string }

// TestTransitions walks journeys through journey.toml step by step: role
// (single), years (scale, developers only), likes (multi, at most two, "none"
// exclusive), why (only after "none").
func TestTransitions(t *testing.T) {
	q := journey(t)
	for _, tc := range []struct {
		name  string
		steps []step
	}{{
		name: "a developer, straight through",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"}, // years appears
			{"next", "question:years 2/3 trail=role role=dev"},
			{"tick 4", "question:years 2/3 trail=role role=dev years=4"},
			{"next", "question:likes 3/3 trail=role,years role=dev years=4"},
			{"tick talk", "question:likes 3/3 trail=role,years role=dev years=4 likes=talk"},
			{"tick code", "question:likes 3/3 trail=role,years role=dev years=4 likes=talk+code"},
			{"next", "result:spec 0/3 trail=role,years,likes role=dev years=4 likes=talk+code"},
		},
	}, {
		name: "please answer",
		steps: []step{
			{"start", "question:role 1/2"},
			{"!next", "question:role 1/2 hint"},
			{"!untick dev", "question:role 1/2"}, // any choice clears the hint
			{"!next", "question:role 1/2 hint"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"!next", "question:likes 2/2 trail=role hint role=lead"},
			{"tick plan", "question:likes 2/2 trail=role role=lead likes=plan"},
			{"untick plan", "question:likes 2/2 trail=role role=lead"}, // unticked all: not answered
			{"!next", "question:likes 2/2 trail=role hint role=lead"},
			{"back", "question:role 1/2 role=lead"}, // a move clears it too
		},
	}, {
		name: "single and scale answers replace each other; a radio is not unticked",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"},
			{"!tick dev", "question:role 1/3 role=dev"},
			{"!untick dev", "question:role 1/3 role=dev"},
			{"!tick boss", "question:role 1/3 role=dev"},
			{"next", "question:years 2/3 trail=role role=dev"},
			{"tick 2", "question:years 2/3 trail=role role=dev years=2"},
			{"tick 5", "question:years 2/3 trail=role role=dev years=5"},
			{"!tick 6", "question:years 2/3 trail=role role=dev years=5"},
			{"!tick x", "question:years 2/3 trail=role role=dev years=5"},
		},
	}, {
		name: "a conditional question disappears, Back skips it, Score ignores its answer",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"},
			{"next", "question:years 2/3 trail=role role=dev"},
			{"tick 5", "question:years 2/3 trail=role role=dev years=5"},
			{"back", "question:role 1/3 role=dev years=5"},
			{"tick lead", "question:role 1/2 role=lead years=5"}, // years hidden, its answer kept
			{"next", "question:likes 2/2 trail=role role=lead years=5"},
			{"back", "question:role 1/2 role=lead years=5"},
			{"next", "question:likes 2/2 trail=role role=lead years=5"},
			{"tick talk", "question:likes 2/2 trail=role role=lead years=5 likes=talk"},
			{"next", "result:pm 0/2 trail=role,likes role=lead years=5 likes=talk"},
			{"back", "question:likes 2/2 trail=role role=lead years=5 likes=talk"},
			{"back", "question:role 1/2 role=lead years=5 likes=talk"},
			{"tick dev", "question:role 1/3 role=dev years=5 likes=talk"}, // it comes back, answered
			{"next", "question:years 2/3 trail=role role=dev years=5 likes=talk"},
		},
	}, {
		name: "multi: at most two, in the order ticked",
		steps: []step{
			{"jump role", "question:role 1/2"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"tick plan", "question:likes 2/2 trail=role role=lead likes=plan"},
			{"tick talk", "question:likes 2/2 trail=role role=lead likes=plan+talk"},
			{"!tick code", "question:likes 2/2 trail=role role=lead likes=plan+talk"}, // over max
			{"untick plan", "question:likes 2/2 trail=role role=lead likes=talk"},
			{"tick code", "question:likes 2/2 trail=role role=lead likes=talk+code"},
			{"!untick plan", "question:likes 2/2 trail=role role=lead likes=talk+code"},
		},
	}, {
		name: "the exclusive option clears the others, and shows a question",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"tick talk", "question:likes 2/2 trail=role role=lead likes=talk"},
			{"tick code", "question:likes 2/2 trail=role role=lead likes=talk+code"},
			{"tick none", "question:likes 2/3 trail=role role=lead likes=none"}, // at max, yet allowed
			{"next", "question:why 3/3 trail=role,likes role=lead likes=none"},
			{"tick tired", "question:why 3/3 trail=role,likes role=lead likes=none why=tired"},
			{"back", "question:likes 2/3 trail=role role=lead likes=none why=tired"},
			{"tick plan", "question:likes 2/2 trail=role role=lead likes=plan why=tired"}, // why hidden
			{"next", "result:pm 0/2 trail=role,likes role=lead likes=plan why=tired"},
		},
	}, {
		name: "jump: to a step of the visitor's own only",
		steps: []step{
			{"!jump years", "intro 1/2"}, // hidden
			{"!jump likes", "intro 1/2"}, // role not answered
			{"!jump nothing", "intro 1/2"},
			{"start", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"},
			{"jump years", "question:years 2/3 trail=role role=dev"}, // next one to answer
			{"tick 3", "question:years 2/3 trail=role role=dev years=3"},
			{"next", "question:likes 3/3 trail=role,years role=dev years=3"},
			{"!jump why", "question:likes 3/3 trail=role,years role=dev years=3"},
			{"jump role", "question:role 1/3 role=dev years=3"},
			{"jump likes", "question:likes 3/3 trail=role,years role=dev years=3"},
			{"jump role", "question:role 1/3 role=dev years=3"},
			{"tick lead", "question:role 1/2 role=lead years=3"},
			{"!jump years", "question:role 1/2 role=lead years=3"},
		},
	}, {
		name: "finish: only with every question shown answered",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"!finish", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"tick none", "question:likes 2/3 trail=role role=lead likes=none"},
			{"!finish", "question:likes 2/3 trail=role role=lead likes=none"}, // why to answer
			{"untick none", "question:likes 2/2 trail=role role=lead"},
			{"tick talk", "question:likes 2/2 trail=role role=lead likes=talk"},
			{"jump role", "question:role 1/2 role=lead likes=talk"},
			{"finish", "result:pm 0/2 trail=role,likes role=lead likes=talk"},
			{"!next", "result:pm 0/2 trail=role,likes role=lead likes=talk"},
			{"!tick dev", "result:pm 0/2 trail=role,likes role=lead likes=talk"},
		},
	}, {
		name: "home and continue",
		steps: []step{
			{"!back", "intro 1/2"},
			{"continue", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"},
			{"next", "question:years 2/3 trail=role role=dev"},
			{"back", "question:role 1/3 role=dev"},
			{"back", "intro 1/3 role=dev"}, // Continue would go back to role
			{"!back", "intro 1/3 role=dev"},
			{"continue", "question:role 1/3 role=dev"},
			{"next", "question:years 2/3 trail=role role=dev"},
			{"home", "intro 2/3 role=dev"},
			{"continue", "question:years 2/3 trail=role role=dev"},
			{"tick 1", "question:years 2/3 trail=role role=dev years=1"},
			{"next", "question:likes 3/3 trail=role,years role=dev years=1"},
			{"tick code", "question:likes 3/3 trail=role,years role=dev years=1 likes=code"},
			{"next", "result:spec 0/3 trail=role,years,likes role=dev years=1 likes=code"},
			{"home", "intro 0/3 role=dev years=1 likes=code"}, // Continue: the result
			{"continue", "result:spec 0/3 trail=role,years,likes role=dev years=1 likes=code"},
			{"back", "question:likes 3/3 trail=role,years role=dev years=1 likes=code"},
			{"jump role", "question:role 1/3 role=dev years=1 likes=code"},
			{"tick lead", "question:role 1/2 role=lead years=1 likes=code"},
			{"home", "intro 1/2 role=lead years=1 likes=code"},
			{"continue", "question:role 1/2 role=lead years=1 likes=code"},
		},
	}, {
		// Open: where a step the answers no longer lead to goes (the
		// browser's Forward after an earlier answer changed).
		name: "open",
		steps: []step{
			{"open", "question:role 1/2"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"tick talk", "question:likes 2/2 trail=role role=lead likes=talk"},
			{"jump role", "question:role 1/2 role=lead likes=talk"},
			{"tick dev", "question:role 1/3 role=dev likes=talk"},
			{"!jump likes", "question:role 1/3 role=dev likes=talk"},
			{"open", "question:years 2/3 trail=role role=dev likes=talk"},
			{"tick 4", "question:years 2/3 trail=role role=dev years=4 likes=talk"},
			{"open", "result:spec 0/3 trail=role,years,likes role=dev years=4 likes=talk"},
		},
	}, {
		name: "start and restart forget the answers",
		steps: []step{
			{"start", "question:role 1/2"},
			{"tick dev", "question:role 1/3 role=dev"},
			{"next", "question:years 2/3 trail=role role=dev"},
			{"start", "question:role 1/2"},
			{"tick lead", "question:role 1/2 role=lead"},
			{"next", "question:likes 2/2 trail=role role=lead"},
			{"restart", "intro 1/2"},
			{"continue", "question:role 1/2"},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			f := New(q)
			if got := describe(f); got != "intro 1/2" {
				t.Fatalf("New: %s; want intro 1/2", got)
			}
			for i, s := range tc.steps {
				do(t, f, s.do)
				if got := describe(f); got != s.want {
					t.Fatalf("step %d, %s:\n got  %s\n want %s", i+1, s.do, got, s.want)
				}
			}
		})
	}
}

// TestResultIsScore: the result of a journey is the engine's Score of the
// answers, with those to hidden questions left in (Score ignores them).
func TestResultIsScore(t *testing.T) {
	q := journey(t)
	for _, g := range q.Golden {
		f := New(q)
		f.Start()
		for f.Screen() == Question {
			qu := f.Current()
			a := g.Answers[qu.ID]
			for _, c := range a.Choices {
				f.Choose(c, true)
			}
			if a.Scale != 0 {
				f.Choose(fmt.Sprint(a.Scale), true)
			}
			if !f.Next() {
				t.Fatalf("%s: stuck at %s", g.Name, describe(f))
			}
		}
		if f.Result() == nil || f.Result().Top.ID != g.ExpectPath {
			t.Fatalf("%s: %s; want the result %s", g.Name, describe(f), g.ExpectPath)
		}
		if got, want := f.Result(), q.Score(g.Answers); fmt.Sprint(got.Paths) != fmt.Sprint(want.Paths) {
			t.Errorf("%s: paths %v; Score gives %v", g.Name, got.Paths, want.Paths)
		}
	}
}

// TestFinished: a share link's answers open on their result, the same as
// walking them; answers that leave a shown question unanswered do not.
func TestFinished(t *testing.T) {
	q := journey(t)
	for _, g := range q.Golden {
		f, ok := Finished(q, g.Answers)
		if !ok || f.Screen() != Result {
			t.Fatalf("%s: Finished = %s, %v; want the result", g.Name, describe(f), ok)
		}
		if got, want := f.Result(), q.Score(g.Answers); fmt.Sprint(got.Paths) != fmt.Sprint(want.Paths) {
			t.Errorf("%s: paths %v; Score gives %v", g.Name, got.Paths, want.Paths)
		}
		partial := quiz.Answers{}
		for id, a := range g.Answers {
			partial[id] = a
		}
		delete(partial, q.Questions[0].ID)
		if f, ok := Finished(q, partial); ok || f.Screen() == Result {
			t.Errorf("%s without %q: Finished = %s, %v; want no result", g.Name, q.Questions[0].ID, describe(f), ok)
		}
	}
}
