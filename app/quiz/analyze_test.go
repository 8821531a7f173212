package quiz

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// header is the start of every hand-computed quiz below.
const header = `[quiz]
id = "t"
locales = ["en"]
title = "T"
intro = "I"
`

func parseString(t testing.TB, src string) *Quiz {
	t.Helper()
	q, err := Parse("t.toml", []byte(src))
	if err != nil {
		t.Fatalf("Parse:\n%v\n%s", err, src)
	}
	return q
}

func outcomes(ids ...string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "\n[[outcomes]]\nid = %q\ntitle = %q\nsummary = \"s\"\nwhy = \"w\"\n", id, id)
	}
	return b.String()
}

// exclusiveQ1 is a multi question whose option n is exclusive.
const exclusiveQ1 = `
[[questions]]
id = "q1"
kind = "multi"
text = "Q1"
options = [
  { id = "a", label = "A", adds = { x = 1 } },
  { id = "b", label = "B", adds = { y = 1 } },
  { id = "n", label = "None", adds = { z = 2 }, exclusive = true },
]
`

// want is a distribution worked out by hand.
type want struct {
	space    uint64
	top      map[string]int64
	runner   map[string]int64
	maxScore map[string]int
	bands    map[string]int64
	ties     int64
	flags    []string // kind:id
}

func checkAnalysis(t *testing.T, a *Analysis, w want) {
	t.Helper()
	if !a.Exhaustive || a.Space != w.space || a.Sets != int64(w.space) {
		t.Errorf("space %d, sets %d, exhaustive %v; want %d answer sets, all scored", a.Space, a.Sets, a.Exhaustive, w.space)
	}
	top, runner, maxScore := map[string]int64{}, map[string]int64{}, map[string]int{}
	for _, o := range a.Outcomes {
		top[o.Outcome.ID], runner[o.Outcome.ID], maxScore[o.Outcome.ID] = o.Top, o.RunnerUp, o.MaxScore
	}
	if !reflect.DeepEqual(top, w.top) {
		t.Errorf("top paths %v; want %v", top, w.top)
	}
	if !reflect.DeepEqual(runner, w.runner) {
		t.Errorf("runner-ups %v; want %v", runner, w.runner)
	}
	if !reflect.DeepEqual(maxScore, w.maxScore) {
		t.Errorf("max scores %v; want %v", maxScore, w.maxScore)
	}
	bands := map[string]int64{}
	for _, b := range a.Bands {
		bands[b.Band.ID] = b.Count
	}
	if w.bands == nil {
		w.bands = map[string]int64{}
	}
	if !reflect.DeepEqual(bands, w.bands) {
		t.Errorf("bands %v; want %v", bands, w.bands)
	}
	if a.Ties != w.ties {
		t.Errorf("ties %d; want %d", a.Ties, w.ties)
	}
	var flags []string
	for _, f := range a.Flags {
		flags = append(flags, f.Kind+":"+f.ID)
	}
	if !reflect.DeepEqual(flags, w.flags) {
		t.Errorf("flags %v; want %v", flags, w.flags)
	}
}

// TestAnalyzeByHand checks distributions small enough to work out on paper.
func TestAnalyzeByHand(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want want
	}{{
		// (a,a): x 100, y 0. (a,b) and (b,a): 50 each, a tie x wins as
		// declared first. (b,b): y 100.
		name: "two single questions",
		src: header + `
[[questions]]
id = "q1"
kind = "single"
text = "Q1"
options = [{ id = "a", label = "A", adds = { x = 1 } }, { id = "b", label = "B", adds = { y = 1 } }]

[[questions]]
id = "q2"
kind = "single"
text = "Q2"
options = [{ id = "a", label = "A", adds = { x = 1 } }, { id = "b", label = "B", adds = { y = 1 } }]
` + outcomes("x", "y"),
		want: want{
			space:    4,
			top:      map[string]int64{"x": 3, "y": 1},
			runner:   map[string]int64{"x": 1, "y": 3},
			maxScore: map[string]int{"x": 100, "y": 100},
			ties:     2,
			flags:    []string{"dominant:x"},
		},
	}, {
		// q2 is shown only after q1 = a: b ends the quiz, so the space is
		// 1 + 3 = 4, not 2 × 3. Quarters: x ranges 0..4 (q1) + 0..4 (q2),
		// y 0..4 + 0..8; both are counted on the wider range, 4 after b
		// (q1 only), 12 after a.
		//   b:     x 0/4 = 0,    y 4/4 = 100   → y, runner x
		//   a, c:  x 4/12 = 33,  y 8/12 = 67   → y, runner x
		//   a, d:  x 8/12 = 67,  y 0/12 = 0    → x, runner y
		//   a, e:  x 4/12 = 33,  y 0           → x, runner y
		name: "conditional question",
		src: header + `
[[questions]]
id = "q1"
kind = "single"
text = "Q1"
options = [{ id = "a", label = "A", adds = { x = 1 } }, { id = "b", label = "B", adds = { y = 1 } }]

[[questions]]
id = "q2"
kind = "single"
text = "Q2"
show_if = [{ question = "q1", any = ["a"] }]
options = [
  { id = "c", label = "C", adds = { y = 2 } },
  { id = "d", label = "D", adds = { x = 1 } },
  { id = "e", label = "E" },
]
` + outcomes("x", "y"),
		want: want{
			space:    4,
			top:      map[string]int64{"x": 2, "y": 2},
			runner:   map[string]int64{"x": 2, "y": 2},
			maxScore: map[string]int{"x": 67, "y": 100},
		},
	}, {
		// Pick one or two of three: {a} {b} {c} {a,b} {a,c} {b,c}. Each
		// outcome ranges 0..4, so a chosen outcome scores 100, the others
		// 0; two chosen tie and the first declared wins.
		name: "multi with max",
		src: header + `
[[questions]]
id = "q1"
kind = "multi"
max = 2
text = "Q1"
options = [
  { id = "a", label = "A", adds = { x = 1 } },
  { id = "b", label = "B", adds = { y = 1 } },
  { id = "c", label = "C", adds = { z = 1 } },
]
` + outcomes("x", "y", "z"),
		want: want{
			space:    6,
			top:      map[string]int64{"x": 3, "y": 2, "z": 1},
			runner:   map[string]int64{"x": 2, "y": 2, "z": 2},
			maxScore: map[string]int{"x": 100, "y": 100, "z": 100},
			ties:     3,
		},
	}, {
		// n is exclusive: {a} {b} {a,b} {n}, not the 7 subsets of three.
		// x and y range 0..4, z 0..8 (n alone): all on z's range, 8.
		// {a}: x 50, runner y (y and z at 0, y declared first); {b}: y,
		// runner x; {a,b}: x and y tie at 50, x first; {n}: z 100, runner
		// x.
		name: "multi with an exclusive option",
		src:  header + exclusiveQ1 + outcomes("x", "y", "z"),
		want: want{
			space:    4,
			top:      map[string]int64{"x": 2, "y": 1, "z": 1},
			runner:   map[string]int64{"x": 2, "y": 2, "z": 0},
			maxScore: map[string]int{"x": 50, "y": 50, "z": 100},
			ties:     1,
		},
	}, {
		// A scale point v gives p (v−1)/4 → 0, 25, 50, 75, 100; the fit
		// is p (u is measured by nothing, so it is left out), high from
		// 50: v = 3, 4, 5 on either option → 6 of 10. The paths share one
		// scale, 0 to 8 quarters (y's most): x is v−1 of 8 → 0, 13, 25,
		// 38, 50; y is 4 of 8 = 50 after a, 100 after b. x comes first
		// only at v=5 with a, a tie (50 = 50) it wins as declared first;
		// y in the 9 others.
		name: "scale, bands, a tie and an unmeasured dimension",
		src: header + `
[[dimensions]]
id = "p"
name = "P"

[[dimensions]]
id = "u"
name = "U"

[[bands]]
id = "low"
min = 0
title = "Low"

[[bands]]
id = "high"
min = 50
title = "High"

[[questions]]
id = "q1"
kind = "scale"
text = "Q1"
adds = { p = 1, x = 1 }

[[questions]]
id = "q2"
kind = "single"
text = "Q2"
options = [{ id = "a", label = "A", adds = { y = 1 } }, { id = "b", label = "B", adds = { y = 2 } }]
` + outcomes("x", "y"),
		want: want{
			space:    10,
			top:      map[string]int64{"x": 1, "y": 9},
			runner:   map[string]int64{"x": 9, "y": 1},
			maxScore: map[string]int{"x": 50, "y": 100},
			bands:    map[string]int64{"low": 4, "high": 6},
			ties:     1,
			flags:    []string{"unmeasured:u", "dominant:y"},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			q := parseString(t, tc.src)
			for _, workers := range []int{1, 3} {
				a, err := Analyze(q, AnalyzeOptions{Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				checkAnalysis(t, a, tc.want)
			}
		})
	}
}

// TestAnalyzeSpaceIsATree: a hidden question adds no branching, and a
// question shown on either of two paths counts on both.
func TestAnalyzeSpaceIsATree(t *testing.T) {
	q := mustParse(t, "testdata/valid/base.toml")
	// role dev → years (5 points) → likes (3 + 3 subsets of at most 2):
	// 5 × 6 = 30; role lead → likes: 6. A blind product says 2 × 5 × 6.
	a, err := Analyze(q, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Space != 36 || a.Sets != 36 || !a.Exhaustive {
		t.Errorf("base.toml: space %d, sets %d; want 36 answer sets, all scored", a.Space, a.Sets)
	}
	def := mustParse(t, "../../quiz.toml")
	a, err = Analyze(def, AnalyzeOptions{Samples: 10})
	if err != nil {
		t.Fatal(err)
	}
	// No question of the default quiz has a show_if: the space is the
	// product. role 6; years 5; experience 2^6 − 1 subsets of six options
	// + "none" alone = 64; enjoy 6 + 15; slip 4; priority 5; worries 3 +
	// 3 + 1 of the three worries, or "none" alone; certs 5; 11 scale
	// questions.
	want := uint64(6 * 5 * 64 * 21 * 4 * 5 * 8 * 5)
	for range 11 {
		want *= 5
	}
	if a.Space != want || a.Exhaustive || a.Sets != 10 {
		t.Errorf("quiz.toml: space %d, sets %d, exhaustive %v; want %d, 10 sampled", a.Space, a.Sets, a.Exhaustive, want)
	}
}

// TestAnalyzeExclusiveSwitchesOn: an exclusive option that shows a
// question is a branch of its own. In exclusive.toml {a} shows q3 (2
// answers), {b} nothing, {a,b} q3 (2), {n} q2 (2): 7 answer sets, each
// scored as Score does.
func TestAnalyzeExclusiveSwitchesOn(t *testing.T) {
	m, root := counted(t, mustParse(t, "testdata/valid/exclusive.toml"))
	if root.n != 7 {
		t.Fatalf("space %d; want 7", root.n)
	}
	seen := map[string]bool{}
	visit := func(picks [][]int, r *leafResult) {
		seen[fmt.Sprint(answersOf(m, picks))] = true
		agree(t, m, picks, r)
	}
	if st := m.enumerate(1, visit); st.sets != 7 || len(seen) != 7 {
		t.Errorf("enumerated %d answer sets, %d distinct; want 7", st.sets, len(seen))
	}
	clear(seen)
	m.sample(2000, 3, 1, visit)
	if len(seen) != 7 {
		t.Errorf("a sample of 2000 drew %d distinct answer sets; want all 7: %v", len(seen), seen)
	}
}

// TestAnalyzeSampleIsUniform: the conditional quiz's four answer sets are
// equally likely in a sample (picking q1 at random first would give b, and
// so y, half the time).
func TestAnalyzeSampleIsUniform(t *testing.T) {
	q := parseString(t, header+`
[[questions]]
id = "q1"
kind = "single"
text = "Q1"
options = [{ id = "a", label = "A", adds = { x = 1 } }, { id = "b", label = "B", adds = { y = 1 } }]

[[questions]]
id = "q2"
kind = "single"
text = "Q2"
show_if = [{ question = "q1", any = ["a"] }]
options = [
  { id = "c", label = "C", adds = { y = 2 } },
  { id = "d", label = "D", adds = { x = 1 } },
  { id = "e", label = "E" },
]

[[questions]]
id = "q3"
kind = "multi"
text = "Q3"
show_if = [{ question = "q2", any = ["e"] }]
options = [
  { id = "f", label = "F" },
  { id = "g", label = "G" },
]
`+outcomes("x", "y"))
	// Now (a, e) branches into 3 answers to q3: 1 + 1 + 1 + 3 = 6 sets,
	// x tops (a,d) and the three (a,e,…): 4 of 6.
	a, err := Analyze(q, AnalyzeOptions{Limit: 1, Samples: 300_000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if a.Exhaustive || a.Space != 6 || a.Sets != 300_000 || a.Seed != 7 {
		t.Fatalf("space %d, sets %d, exhaustive %v, seed %d; want a sample of 300000 from 6, seed 7", a.Space, a.Sets, a.Exhaustive, a.Seed)
	}
	if got := a.Share(a.Outcomes[0].Top); math.Abs(got-4.0/6) > 0.005 {
		t.Errorf("x tops %.4f of the sample; want 4/6 = 0.6667 (uniform over answer sets)", got)
	}
}

// TestAnalyzeSampleIsReproducible: the same seed gives the same analysis
// whatever the number of workers; another seed gives another sample.
func TestAnalyzeSampleIsReproducible(t *testing.T) {
	q := mustParse(t, "../../quiz.toml")
	run := func(seed uint64, workers int) *Analysis {
		a, err := Analyze(q, AnalyzeOptions{Samples: 50_000, Seed: seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a1, a4 := run(1, 1), run(1, 4)
	if !reflect.DeepEqual(a1, a4) {
		t.Errorf("seed 1: 1 worker and 4 workers give different analyses")
	}
	if b := run(2, 2); reflect.DeepEqual(a1.Outcomes, b.Outcomes) {
		t.Errorf("seeds 1 and 2 give the same analysis")
	}
}

// answersOf turns the walker's picks back into Answers for Score.
func answersOf(m *model, picks [][]int) Answers {
	a := Answers{}
	for i, p := range picks {
		if len(p) == 0 {
			continue
		}
		qu := m.qs[i].qu
		if qu.Kind == Scale {
			a[qu.ID] = Answer{Scale: p[0] + 1}
			continue
		}
		var ans Answer
		for _, ai := range p {
			ans.Choices = append(ans.Choices, qu.Options[ai].ID)
		}
		a[qu.ID] = ans
	}
	return a
}

// counted is q's model, with its answer space counted.
func counted(t *testing.T, q *Quiz) (*model, *memoNode) {
	t.Helper()
	m, err := newModel(q)
	if err != nil {
		t.Fatal(err)
	}
	root, err := m.count(0, bits{})
	if err != nil {
		t.Fatal(err)
	}
	return m, root
}

// agree fails unless the fast path's result r is Score's for the answers.
func agree(t *testing.T, m *model, picks [][]int, r *leafResult) bool {
	t.Helper()
	a := answersOf(m, picks)
	res := m.q.Score(a)
	var diffs []string
	check := func(what string, got, want any) {
		if !reflect.DeepEqual(got, want) {
			diffs = append(diffs, fmt.Sprintf("%s %v, Score says %v", what, got, want))
		}
	}
	check("top", m.q.Outcomes[r.top].ID, res.Top.ID)
	check("runner-up", m.q.Outcomes[r.runner].ID, res.RunnerUp.ID)
	check("fit", [2]any{r.hasFit, r.fit}, [2]any{res.HasFit, res.Fit})
	band := ""
	if r.band >= 0 {
		band = m.q.Bands[r.band].ID
	}
	wantBand := ""
	if res.Band != nil {
		wantBand = res.Band.ID
	}
	check("band", band, wantBand)
	for _, d := range res.Dimensions {
		k := m.q.dimIndex[d.Dimension.ID]
		check("dimension "+d.Dimension.ID, [2]any{r.scores[k], r.measured[k]}, [2]any{d.Score, d.Measured})
	}
	for _, p := range res.Paths {
		k := m.nd + m.q.outIndex[p.Outcome.ID]
		check("outcome "+p.Outcome.ID, r.scores[k], p.Score)
	}
	check("tie", r.tie, res.Paths[0].Score == res.Paths[1].Score)
	check("close", r.close, res.Lead != LeadClear)
	check("led by wishes", r.wishLed, res.Basis == BasisWishes)
	if len(diffs) > 0 {
		t.Errorf("answers %v:\n  %s", a, strings.Join(diffs, "\n  "))
		return false
	}
	return true
}

// agreeingQuizzes are the quizzes the fast path is compared with Score on.
func agreeingQuizzes(t *testing.T) map[string]*Quiz {
	qs := map[string]*Quiz{}
	files := []string{"../../quiz.toml"}
	for _, glob := range []string{"testdata/valid/*.toml", "../../examples/*.toml"} {
		more, _ := filepath.Glob(glob)
		files = append(files, more...)
	}
	for _, f := range files {
		qs[f] = mustParse(t, f)
	}
	return qs
}

// TestAnalyzeAgreesWithScore: on thousands of random answer sets of every
// quiz at hand, and on every answer set of the small ones, the incremental
// integer scoring gives exactly what Score gives.
func TestAnalyzeAgreesWithScore(t *testing.T) {
	for name, q := range agreeingQuizzes(t) {
		t.Run(name, func(t *testing.T) {
			m, root := counted(t, q)
			bad := 0
			visit := func(picks [][]int, r *leafResult) {
				if bad < 5 && !agree(t, m, picks, r) {
					bad++
				}
			}
			st := m.sample(3000, 42, 1, visit)
			if st.sets != 3000 {
				t.Errorf("sampled %d answer sets; want 3000", st.sets)
			}
			if root.n <= 50_000 {
				st := m.enumerate(1, visit)
				if uint64(st.sets) != root.n {
					t.Errorf("enumerated %d answer sets; counted %d", st.sets, root.n)
				}
			}
		})
	}
}

// subQuiz is q with only the questions named, for a space of a chosen size.
func subQuiz(q *Quiz, ids ...string) *Quiz {
	s := *q
	s.Questions, s.qIndex = nil, map[string]int{}
	for _, id := range ids {
		s.qIndex[id] = len(s.Questions)
		s.Questions = append(s.Questions, q.Question(id))
	}
	return &s
}

// exhaustiveDefault is the default quiz cut to 504,000 answer sets: role 6
// × years 5 × enjoy 21 × slip 4 × worries 8 × two scales 25.
func exhaustiveDefault(t testing.TB) *Quiz {
	q := mustParse(t, "../../quiz.toml")
	return subQuiz(q, "role", "years", "enjoy", "slip", "worries", "overview", "lead_team")
}

// cutDefaultSets is the size of exhaustiveDefault's space.
const cutDefaultSets = 504_000

func TestAnalyzeCutDefault(t *testing.T) {
	if testing.Short() || runtime.GOARCH == "wasm" {
		t.Skip("scores 504,000 answer sets")
	}
	q := exhaustiveDefault(t)
	a, err := Analyze(q, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Exhaustive || a.Sets != cutDefaultSets {
		t.Fatalf("sets %d, exhaustive %v; want all %d", a.Sets, a.Exhaustive, cutDefaultSets)
	}
	var sum int64
	for _, o := range a.Outcomes {
		sum += o.Top
	}
	if sum != a.Sets {
		t.Errorf("top paths add up to %d; want %d", sum, a.Sets)
	}
}

func BenchmarkAnalyzeExhaustive(b *testing.B) {
	q := exhaustiveDefault(b)
	for b.Loop() {
		if _, err := Analyze(q, AnalyzeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(cutDefaultSets*float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}

func BenchmarkAnalyzeSample(b *testing.B) {
	q := mustParse(b, "../../quiz.toml")
	for b.Loop() {
		if _, err := Analyze(q, AnalyzeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(DefaultAnalyzeLimit*float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}
