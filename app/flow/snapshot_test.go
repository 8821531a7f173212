package flow

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

// walk runs steps on a new flow and returns it.
func walk(t *testing.T, q *quiz.Quiz, steps ...string) *Flow {
	t.Helper()
	f := New(q)
	for _, s := range steps {
		do(t, f, s)
	}
	return f
}

// TestSnapshotRoundTrip: a flow written down as JSON and resumed is the
// same flow, on every screen, but for answers to questions now hidden,
// which the JSON leaves out.
func TestSnapshotRoundTrip(t *testing.T) {
	q := journey(t)
	for _, tc := range []struct {
		steps         []string
		json, resumed string
	}{
		{nil, `{"v":1,"quiz":"journey","hash":"H","screen":"intro"}`, "intro 1/2"},
		{[]string{"start", "tick dev", "next", "tick 4"},
			`{"v":1,"quiz":"journey","hash":"H","screen":"question","at":"years","trail":["role"],"answers":{"role":"dev","years":4}}`,
			"question:years 2/3 trail=role role=dev years=4"},
		{[]string{"start", "tick dev", "next", "tick 4", "back", "tick lead", "next", "tick none", "tick plan"},
			`{"v":1,"quiz":"journey","hash":"H","screen":"question","at":"likes","trail":["role"],"answers":{"likes":["plan"],"role":"lead"}}`,
			"question:likes 2/2 trail=role role=lead likes=plan"},
		{[]string{"start", "tick lead", "next", "tick none", "next", "tick new", "back", "back", "back"},
			`{"v":1,"quiz":"journey","hash":"H","screen":"intro","at":"role","answers":{"likes":["none"],"role":"lead","why":"new"}}`,
			"intro 1/3 role=lead likes=none why=new"},
		{[]string{"start", "tick dev", "next", "tick 2", "next", "tick code", "tick talk", "next"},
			`{"v":1,"quiz":"journey","hash":"H","screen":"result","trail":["role","years","likes"],"answers":{"likes":["code","talk"],"role":"dev","years":2}}`,
			"result:spec 0/3 trail=role,years,likes role=dev years=2 likes=code+talk"},
	} {
		f := walk(t, q, tc.steps...)
		b, err := json.Marshal(f.Snapshot())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), strings.Replace(tc.json, `"H"`, `"`+q.Hash+`"`, 1); got != want {
			t.Errorf("after %v the snapshot is\n %s\nwant\n %s", tc.steps, got, want)
		}
		s, err := Decode(b)
		if err != nil {
			t.Fatalf("Decode(%s): %v", b, err)
		}
		g, err := Resume(q, s)
		if err != nil {
			t.Fatalf("Resume(%s): %v", b, err)
		}
		if got := describe(g); got != tc.resumed {
			t.Errorf("after %v, resumed as %s; want %s", tc.steps, got, tc.resumed)
		}
	}
}

// TestResume: snapshots as a page's script, an older page or a tamperer
// might write them; each is resumed where its answers lead, or refused as a
// whole with the reason.
func TestResume(t *testing.T) {
	q := journey(t)
	h := q.Hash
	for _, tc := range []struct {
		name, json string
		want       string // the resumed flow (describe), or the error
		err        error
	}{
		// What the page's first script writes after two answers, without
		// a trail: the engine takes over on the same screen.
		{"the script's hand-over", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","answers":{"role":"dev","years":4}}`,
			"question:likes 3/3 trail=role,years role=dev years=4", nil},
		{"a multi answer in progress", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","answers":{"role":"lead","likes":["talk"]}}`,
			"question:likes 2/2 trail=role role=lead likes=talk", nil},
		{"no position: the first question to answer", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead"}}`,
			"question:likes 2/2 trail=role role=lead", nil},
		{"a trail that disagrees is recomputed", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","trail":["why","nothing"],"answers":{"role":"lead"}}`,
			"question:likes 2/2 trail=role role=lead", nil},
		{"the intro keeps where Continue goes", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"intro","at":"years","answers":{"role":"dev","years":3}}`,
			"intro 2/3 role=dev years=3", nil},
		{"the result", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"result","answers":{"role":"lead","likes":["none"],"why":"tired"}}`,
			"result:pm 0/3 trail=role,likes,why role=lead likes=none why=tired", nil},
		{"an answer to a hidden question is dropped", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","answers":{"role":"lead","years":5}}`,
			"question:likes 2/2 trail=role role=lead", nil},
		{"an empty multi answer is no answer", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","answers":{"role":"lead","likes":[]}}`,
			"question:likes 2/2 trail=role role=lead", nil},
		{"a hidden position: the first question to answer", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"years","answers":{"role":"lead"}}`,
			"question:likes 2/2 trail=role role=lead", nil},
		{"a position past an unanswered question", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"likes","answers":{}}`,
			"question:role 1/2", nil},
		{"an unknown position", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","at":"salary","answers":{"role":"dev"}}`,
			"question:years 2/3 trail=role role=dev", nil},
		{"a result not complete", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"result","answers":{"role":"lead","likes":["none"]}}`,
			"question:why 3/3 trail=role,likes role=lead likes=none", nil},
		{"a result with everything answered but no screen for it", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":["plan"]}}`,
			"result:pm 0/2 trail=role,likes role=lead likes=plan", nil},

		{"another version of the shape", `{"v":2,"quiz":"journey","hash":"` + h + `","screen":"intro"}`, "", ErrFormat},
		{"not JSON", `{"v":1,"quiz":"journey"`, "", ErrFormat},
		{"an unknown screen", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"done"}`, "", ErrFormat},
		{"another quiz", `{"v":1,"quiz":"pmo-career","hash":"` + h + `","screen":"intro"}`, "", ErrOtherQuiz},
		{"another version of the quiz", `{"v":1,"quiz":"journey","hash":"0123abcd","screen":"intro"}`, "", ErrChanged},
		{"an unknown question", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"dev","salary":3}}`, "", ErrAnswer},
		{"an unknown option", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"boss"}}`, "", ErrAnswer},
		{"a list for a single question", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":["dev"]}}`, "", ErrAnswer},
		{"a text for a multi question", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":"talk"}}`, "", ErrAnswer},
		{"a text for a scale", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"dev","years":"4"}}`, "", ErrAnswer},
		{"a scale point out of range", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"dev","years":6}}`, "", ErrAnswer},
		{"half a scale point", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"dev","years":3.5}}`, "", ErrAnswer},
		{"too many choices", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":["talk","code","plan"]}}`, "", ErrAnswer},
		{"an option twice", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":["talk","talk"]}}`, "", ErrAnswer},
		{"the exclusive option with another", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":["talk","none"]}}`, "", ErrAnswer},
		{"a number in a multi answer", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":"lead","likes":[1]}}`, "", ErrAnswer},
		{"null", `{"v":1,"quiz":"journey","hash":"` + h + `","screen":"question","answers":{"role":null}}`, "", ErrAnswer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := func() (*Flow, error) {
				s, err := Decode([]byte(tc.json))
				if err != nil {
					return nil, err
				}
				return Resume(q, s)
			}()
			switch {
			case tc.err != nil && !errors.Is(err, tc.err):
				t.Errorf("resumed with error %v; want %v", err, tc.err)
			case tc.err != nil && f != nil:
				t.Errorf("refused (%v), yet a flow was returned", err)
			case tc.err == nil && err != nil:
				t.Errorf("refused: %v; want %s", err, tc.want)
			case tc.err == nil && describe(f) != tc.want:
				t.Errorf("resumed as %s; want %s", describe(f), tc.want)
			}
		})
	}
}

// TestResumeChanged: progress kept across an update is resumed on the new
// quiz when it still has every question and option answered.
func TestResumeChanged(t *testing.T) {
	q := journey(t)
	src, err := os.ReadFile("testdata/journey.toml")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) *quiz.Quiz {
		t.Helper()
		if !strings.Contains(string(src), old) {
			t.Fatalf("journey.toml no longer contains %q", old)
		}
		q2, err := quiz.Parse("journey.toml", []byte(strings.Replace(string(src), old, new, 1)))
		if err != nil {
			t.Fatal(err)
		}
		return q2
	}
	s := walk(t, q, "start", "tick lead", "next", "tick plan").Snapshot()

	points := edit("adds = { pm = 2 }", "adds = { pm = 3 }")
	if _, err := Resume(points, s); !errors.Is(err, ErrChanged) {
		t.Errorf("Resume on new points: %v; want ErrChanged", err)
	}
	f, err := ResumeChanged(points, s)
	if err != nil || describe(f) != "question:likes 2/2 trail=role role=lead likes=plan" {
		t.Errorf("ResumeChanged on new points: %v, %v; want the same place", f, err)
	}

	gone := edit(`{ id = "plan", label = "Planning", adds = { pm = 1 } },`, "")
	if _, err := ResumeChanged(gone, s); !errors.Is(err, ErrAnswer) {
		t.Errorf("ResumeChanged without the option answered: %v; want ErrAnswer", err)
	}

	wording := edit(`text = "Your role?"`, `text = "What is your role?"`)
	if _, err := Resume(wording, s); err != nil {
		t.Errorf("Resume after a change of wording: %v; want the same quiz", err)
	}
}

// The snapshot's JSON, as saved progress or a hand-over carries it.
func ExampleFlow_Snapshot() {
	src, _ := os.ReadFile("testdata/journey.toml")
	q, _ := quiz.Parse("journey.toml", src)
	f := New(q)
	f.Start()
	f.Choose("dev", true)
	f.Next()
	f.Choose("4", true)
	f.Next()
	f.Choose("code", true)
	s := f.Snapshot()
	s.Hash = "…" // the quiz's Hash
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	// Output:
	// {"v":1,"quiz":"journey","hash":"…","screen":"question","at":"likes","trail":["role","years"],"answers":{"likes":["code"],"role":"dev","years":4}}
}

// TestOfferSurvivesSaving: the offer the page keeps beside a saved journey
// (Offer, on any screen) is what the next visit's intro gives for it
// (Resume, Home, Progress), along random journeys.
func TestOfferSurvivesSaving(t *testing.T) {
	q := journey(t)
	r := rand.New(rand.NewPCG(7, 11))
	f := New(q)
	for step := range 3000 {
		switch k := r.IntN(10); {
		case k == 0:
			f.Start()
		case k == 1:
			f.Back()
		case k < 4:
			f.Next()
		case k == 4:
			f.Finish()
		case k == 5:
			f.Jump(q.Questions[r.IntN(len(q.Questions))].ID)
		default:
			if qu := f.Current(); qu != nil {
				vs := []string{"1", "2", "3", "4", "5"}
				if qu.Kind != quiz.Scale {
					vs = vs[:0]
					for _, o := range qu.Options {
						vs = append(vs, o.ID)
					}
				}
				f.Choose(vs[r.IntN(len(vs))], r.IntN(3) > 0)
			}
		}
		n, total := f.Offer()
		g, err := Resume(q, f.Snapshot())
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, describe(f), err)
		}
		g.Home()
		if gn, gt := g.Progress(); gn != n || gt != total {
			t.Fatalf("step %d (%s): Offer %d/%d, the next visit's intro %d/%d", step, describe(f), n, total, gn, gt)
		}
	}
}
