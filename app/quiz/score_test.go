package quiz

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func mustParse(t testing.TB, file string) *Quiz {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse(file, src)
	if err != nil {
		t.Fatalf("Parse(%s):\n%v", file, err)
	}
	return q
}

func scoresOf(res *Result) map[string]int {
	out := map[string]int{}
	for _, d := range res.Dimensions {
		out[d.Dimension.ID] = d.Score
	}
	for _, p := range res.Paths {
		out[p.Outcome.ID] = p.Score
	}
	return out
}

// TestScore checks scores worked out by hand for testdata/valid/base.toml.
// Points count in quarters: a choice adds 4 × its weight. The paths have no
// profile: their match is their points as a share of the most any path
// could get (pm's 16 quarters: role 8 + talk 4 + plan 4).
func TestScore(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	for _, tc := range []struct {
		name    string
		answers Answers
		top     string
		band    string
		fit     int
		scores  map[string]int
	}{
		{
			// pm: role 8 + talk 4 + plan 4 = 16 of 0..16; people 8+4 of 0..12.
			name:    "lead",
			answers: Answers{"role": {Choices: []string{"lead"}}, "likes": {Choices: []string{"talk", "plan"}}},
			top:     "pm", band: "high", fit: 75,
			scores: map[string]int{"pm": 100, "spec": 0, "people": 100, "tech": 0},
		},
		{
			// tech: role 8 + years (5-1)×2 + code 4 = 20 of 0..20; spec
			// 12 (all it can get) of pm's 16: 75.
			name:    "dev",
			answers: Answers{"role": {Choices: []string{"dev"}}, "years": {Scale: 5}, "likes": {Choices: []string{"code"}}},
			top:     "spec", band: "low", fit: 25,
			scores: map[string]int{"pm": 0, "spec": 75, "people": 0, "tech": 100},
		},
		{
			// years at 3 adds half its weight: tech 8+4+0 = 12 of 20 = 60;
			// pm 4 of 16 = 25, spec 8 of 16 = 50.
			name:    "dev, middle of the scale",
			answers: Answers{"role": {Choices: []string{"dev"}}, "years": {Scale: 3}, "likes": {Choices: []string{"talk"}}},
			top:     "spec", band: "low", fit: 40,
			scores: map[string]int{"pm": 25, "spec": 50, "people": 33, "tech": 60},
		},
		{
			// years is hidden for a lead: its answer must not count.
			name:    "hidden answer ignored",
			answers: Answers{"role": {Choices: []string{"lead"}}, "years": {Scale: 5}, "likes": {Choices: []string{"talk", "plan"}}},
			top:     "pm", band: "high", fit: 75,
			scores: map[string]int{"pm": 100, "spec": 0, "people": 100, "tech": 0},
		},
		{
			// Nothing answered: every score 0, the tie goes to the first
			// declared outcome.
			name: "no answers", answers: Answers{}, top: "pm", band: "low", fit: 0,
			scores: map[string]int{"pm": 0, "spec": 0, "people": 0, "tech": 0},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := q.Score(tc.answers)
			if res.Top.ID != tc.top {
				t.Errorf("top = %s; want %s", res.Top.ID, tc.top)
			}
			if res.Band == nil || res.Band.ID != tc.band {
				t.Errorf("band = %v; want %s", res.Band, tc.band)
			}
			if res.Fit != tc.fit {
				t.Errorf("fit = %d; want %d", res.Fit, tc.fit)
			}
			if got := scoresOf(res); !reflect.DeepEqual(got, tc.scores) {
				t.Errorf("scores = %v; want %v", got, tc.scores)
			}
		})
	}
}

// TestScoreTiesFollowDeclaredOrder: paths with the same score are listed
// in the order the file declares them, whatever their ids, so the same
// answers always rank them the same way (the top path's tie-break, and the
// runner-up, depend on it). Twenty outcomes, declared in a scrambled order,
// one option each: the one picked scores 100, the nineteen others tie at 0.
func TestScoreTiesFollowDeclaredOrder(t *testing.T) {
	var ids []string
	for i := range maxOutcomes {
		ids = append(ids, fmt.Sprintf("o%02d", (i*7+3)%maxOutcomes))
	}
	var opts []string
	for _, id := range ids {
		opts = append(opts, fmt.Sprintf("{ id = %q, label = %q, adds = { %s = 1 } }", id, id, id))
	}
	q := parseString(t, header+`
[[questions]]
id = "q"
kind = "single"
text = "Q"
options = [`+strings.Join(opts, ", ")+`]
`+outcomes(ids...))
	for _, pick := range []string{ids[0], ids[7], ids[len(ids)-1]} {
		res := q.Score(Answers{"q": {Choices: []string{pick}}})
		got := []string{}
		for _, p := range res.Paths {
			got = append(got, p.Outcome.ID)
		}
		want := append([]string{pick}, slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == pick })...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("picked %s: paths %v; want %v (the tied ones in declared order)", pick, got, want)
		}
		if res.RunnerUp.ID != want[1] {
			t.Errorf("picked %s: runner-up %s; want %s, declared first among the tied", pick, res.RunnerUp.ID, want[1])
		}
	}
}

func TestContributions(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	res := q.Score(Answers{"role": {Choices: []string{"lead"}}, "likes": {Choices: []string{"talk", "plan"}}})
	var got []string
	for _, c := range res.Contributions {
		got = append(got, c.Question.ID+"="+c.Option.ID)
	}
	want := []string{"role=lead", "likes=talk", "likes=plan"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contributions = %v; want %v (largest first, ties in answer order)", got, want)
	}
	// Match points: role=lead's 8 quarters of the 16 pm is counted on.
	if res.Contributions[0].Points != 50 {
		t.Errorf("role=lead contributes %v points to pm's match; want 50", res.Contributions[0].Points)
	}
}

func TestConditionsOnResult(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	talk := q.Score(Answers{"role": {Choices: []string{"lead"}}, "likes": {Choices: []string{"talk"}}})
	if len(talk.Concerns) != 1 || talk.Concerns[0].ID != "worry" {
		t.Errorf("likes=talk: concerns = %v; want [worry]", talk.Concerns)
	}
	code := q.Score(Answers{"role": {Choices: []string{"dev"}}, "years": {Scale: 2}, "likes": {Choices: []string{"code"}}})
	if len(code.Concerns) != 0 {
		t.Errorf("likes=code: %d concerns shown; want none", len(code.Concerns))
	}
}

func TestVisible(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	for _, tc := range []struct {
		role string
		want []bool
	}{
		{"dev", []bool{true, true, true}},
		{"lead", []bool{true, false, true}},
		{"", []bool{true, false, true}},
	} {
		a := Answers{}
		if tc.role != "" {
			a["role"] = Answer{Choices: []string{tc.role}}
		}
		if got := q.Visible(a); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Visible(role=%q) = %v; want %v", tc.role, got, tc.want)
		}
	}
}

// TestUndifferentiated: answers that sit at one place throughout (the
// first option everywhere with the same scale point every time, the
// visitor review's "first option, neutral scales" included) are flagged;
// one scale answer off, or the golden cases, are not.
func TestUndifferentiated(t *testing.T) {
	q := mustParse(t, "../../quiz.toml")
	same := func(option, point int) Answers {
		a := Answers{}
		for _, qu := range q.Questions {
			switch qu.Kind {
			case Scale:
				a[qu.ID] = Answer{Scale: point}
			default:
				a[qu.ID] = Answer{Choices: []string{qu.Options[min(option, len(qu.Options)-1)].ID}}
			}
		}
		return a
	}
	for _, tc := range []struct {
		name          string
		option, point int
	}{{"first option, neutral", 0, 3}, {"first option, strongly disagree", 0, 1}, {"second option, agree", 1, 4}} {
		if !q.Score(same(tc.option, tc.point)).Undifferentiated {
			t.Errorf("%s everywhere: Undifferentiated = false; want true", tc.name)
		}
	}
	a := same(0, 3)
	a["risk"] = Answer{Scale: 4}
	if q.Score(a).Undifferentiated {
		t.Error("first option, neutral but one scale answer 4: Undifferentiated = true; want false")
	}
	for _, g := range q.Golden {
		if q.Score(g.Answers).Undifferentiated {
			t.Errorf("golden %q: Undifferentiated = true; want false", g.Name)
		}
	}
}

func TestMinimalQuizDefaults(t *testing.T) {
	q := mustParse(t, "testdata/valid/minimal.toml")
	if q.Version != "1" || q.Locales[0] != "en" {
		t.Errorf("defaults: version %q locales %v; want \"1\" [en]", q.Version, q.Locales)
	}
	if q.UI["next"]["en"] != "Next" {
		t.Errorf("ui.next = %q; want the built-in %q", q.UI["next"]["en"], "Next")
	}
	res := q.Score(Answers{"drink": {Choices: []string{"coffee"}}})
	if res.Top.ID != "coffee" || res.HasFit || res.Band != nil {
		t.Errorf("coffee: top %s, hasFit %v, band %v; want coffee, no fit, no band", res.Top.ID, res.HasFit, res.Band)
	}
}

func BenchmarkParseDefault(b *testing.B) {
	src, _ := os.ReadFile("../../quiz.toml")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("quiz.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	q := mustParse(b, "../../quiz.toml")
	a := q.Golden[0].Answers
	for b.Loop() {
		q.Score(a)
	}
}

// TestWorkedExample checks every number docs/FORMAT.md gives for
// testdata/valid/worked.toml: a developer (tech 100) who likes talking a
// little (people 6 of 16 quarters: 38) and wants to lead.
func TestWorkedExample(t *testing.T) {
	q := mustParse(t, "testdata/valid/worked.toml")
	res := q.Score(Answers{"role": {Choices: []string{"dev"}}, "talk": {Scale: 4}, "next": {Choices: []string{"lead"}}})
	if got := scoresOf(res); got["people"] != 38 || got["tech"] != 100 {
		t.Errorf("traits %v; want people 38, tech 100", got)
	}
	pm, spec := res.Path(q.Outcomes[0]), res.Path(q.Outcomes[1])
	// pm: profile (2×38 + 1×100)/3 = 58.7 → 59, wishes 8 of 8 = 100,
	// match (2 × 58.67 + 1 × 100)/3 = 72.4 → 72. spec: profile 100,
	// wishes 0 of 8, match (2 × 100 + 0)/3 = 66.7 → 67.
	for _, tc := range []struct {
		p                      *PathScore
		profile, wishes, score int
		level                  Level
	}{{pm, 59, 100, 72, Middle}, {spec, 100, 0, 67, High}} {
		if tc.p.Profile != tc.profile || tc.p.Wishes != tc.wishes || tc.p.Score != tc.score || tc.p.Level != tc.level {
			t.Errorf("%s: profile %d, wishes %d, match %d, level %s; want %d, %d, %d, %s", tc.p.Outcome.ID,
				tc.p.Profile, tc.p.Wishes, tc.p.Score, tc.p.Level, tc.profile, tc.wishes, tc.score, tc.level)
		}
	}
	if res.Top.ID != "pm" || res.RunnerUp.ID != "spec" || res.Margin != 5 || res.Lead != LeadClose {
		t.Errorf("top %s, runner-up %s, margin %d, lead %s; want pm, spec, 5, close", res.Top.ID, res.RunnerUp.ID, res.Margin, res.Lead)
	}
	// The lead is the wishes' doing (1 × 100 against 2 × (59 − 100)):
	// on its profile alone, spec fits better.
	if res.Basis != BasisWishes || res.BasisAgrees {
		t.Errorf("basis %s, agrees %v; want wishes, not agreeing", res.Basis, res.BasisAgrees)
	}
	if got := pm.Why["en"]; got != q.Outcomes[0].WhyMiddle["en"] {
		t.Errorf("pm's why: %q; want why_middle (profile 59 is middle)", got)
	}
	wantLead := "Specialist is only 5 points behind: a slightly different answer could swap them, so take both as about equally good fits."
	if got := filled(res.LeadText, res); got != wantLead {
		t.Errorf("lead text %q; want %q", got, wantLead)
	}
}
