package quiz

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestShareCodeRoundTrip: every golden case of the default quiz and of
// base.toml comes back from its share code as the same answers (only the
// shown questions', a multi answer's options in the question's order), with
// the same result, and the code is short.
func TestShareCodeRoundTrip(t *testing.T) {
	for _, file := range []string{"testdata/valid/base.toml", "../../quiz.toml"} {
		q := mustParse(t, file)
		for _, g := range q.Golden {
			code := q.ShareCode(g.Answers)
			if len(code) > 80 || strings.ContainsAny(code, "+/=#&?% ") {
				t.Errorf("%s %q: code %q is long or not URL-safe", file, g.Name, code)
			}
			got, st := q.ReadShareCode(code)
			want := Answers{}
			for i, v := range q.Visible(g.Answers) {
				if qu := q.Questions[i]; v {
					a := g.Answers[qu.ID]
					if qu.Kind == Multi {
						a = Answer{}
						for _, o := range qu.Options {
							if slices.Contains(g.Answers[qu.ID].Choices, o.ID) {
								a.Choices = append(a.Choices, o.ID)
							}
						}
					}
					want[qu.ID] = a
				}
			}
			if st != ShareOK || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q: code %q reads back as %+v (%v); want %+v", file, g.Name, code, got, st, want)
			}
			if r1, r2 := q.Score(g.Answers), q.Score(got); r1.Top != r2.Top || r1.Fit != r2.Fit || !reflect.DeepEqual(r1.Paths, r2.Paths) {
				t.Errorf("%s %q: the shared answers score differently", file, g.Name)
			}
		}
	}
}

// TestShareCodeBase pins the format on base.toml: role = dev (option 1),
// years 5, likes code + plan (bits 1 and 2: 6); bytes 1, 5, 6.
func TestShareCodeBase(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	a := Answers{"role": {Choices: []string{"dev"}}, "years": {Scale: 5}, "likes": {Choices: []string{"plan", "code"}}}
	code := q.ShareCode(a)
	if want := q.Hash + ".AQUG"; code != want {
		t.Errorf("ShareCode = %q; want %q", code, want)
	}
	// Answers to hidden questions are left out; trailing blanks dropped.
	lead := Answers{"role": {Choices: []string{"lead"}}, "years": {Scale: 3}}
	if got, want := q.ShareCode(lead), q.Hash+".Ag"; got != want {
		t.Errorf("ShareCode(lead, hidden years) = %q; want %q", got, want)
	}
	if _, st := q.ReadShareCode(q.Hash + ".Ag"); st != ShareInvalid {
		t.Errorf("an incomplete answer set reads as %v; want ShareInvalid", st)
	}

	for _, tc := range []struct {
		code string
		want ShareStatus
	}{
		{q.Hash + ".AQUG", ShareOK},
		{"0123456789abcdef.AQUG", ShareChanged},
		{".AQUG", ShareInvalid},
		{q.Hash, ShareInvalid},
		{q.Hash + ".AQU", ShareInvalid},          // likes unanswered
		{q.Hash + ".AwUG", ShareInvalid},         // role option 3 of 2
		{q.Hash + ".AQYG", ShareInvalid},         // scale 6
		{q.Hash + ".AQUO", ShareInvalid},         // likes: three options, max 2
		{q.Hash + ".AQUI", ShareInvalid},         // likes: option 4 of 3
		{q.Hash + ".AgUG", ShareInvalid},         // lead, yet years answered
		{q.Hash + ".AQUGAA", ShareInvalid},       // one value too many
		{q.Hash + ".AQUG!", ShareInvalid},        // not base64url
		{q.Hash + ".gICAgICAgIAB", ShareInvalid}, // varint overflow
	} {
		if _, st := q.ReadShareCode(tc.code); st != tc.want {
			t.Errorf("ReadShareCode(%q) = %v; want %v", tc.code, st, tc.want)
		}
	}
}

func FuzzReadShareCode(f *testing.F) {
	q := mustParse(f, "testdata/valid/base.toml")
	f.Add(q.Hash + ".AQUG")
	f.Add(q.Hash + ".gICA")
	f.Fuzz(func(t *testing.T, code string) {
		a, st := q.ReadShareCode(code)
		if st != ShareOK {
			return
		}
		if !q.Complete(a) {
			t.Fatalf("%q reads as an incomplete answer set %+v", code, a)
		}
		if again := q.ShareCode(a); again != code {
			if b, _ := q.ReadShareCode(again); !reflect.DeepEqual(a, b) {
				t.Fatalf("%q → %+v → %q → %+v", code, a, again, b)
			}
		}
	})
}
