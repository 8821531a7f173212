package quiz

import (
	"maps"
	"reflect"
	"testing"
)

// rulesQuiz is rules.toml's questions, one of each kind; worry is a
// multi question of at most two options, one of them exclusive.
func rulesQuiz(t testing.TB) (single, multi, scale *Question) {
	q := rules(t)
	return q.Question("role"), q.Question("worry"), q.Question("years")
}

func rules(t testing.TB) *Quiz { return mustParse(t, "testdata/valid/rules.toml") }

func choices(c ...string) Answer { return Answer{Choices: c} }

func TestValidAndAnswered(t *testing.T) {
	single, multi, scale := rulesQuiz(t)
	for _, tc := range []struct {
		qu              *Question
		a               Answer
		valid, answered bool
	}{
		{single, choices("lead"), true, true},
		{single, choices("gone"), false, false},
		{single, choices("dev", "lead"), false, false},
		{single, Answer{}, false, false},
		{single, Answer{Scale: 3}, false, false},
		{multi, choices("a", "c"), true, true},
		{multi, choices("a", "b", "c"), false, false}, // over its max
		{multi, choices("a", "a"), false, false},      // twice
		{multi, choices("a", "gone"), false, false},
		{multi, choices("none"), true, true},
		{multi, choices("a", "none"), false, false}, // exclusive with another
		{multi, Answer{}, true, false},              // all unticked: valid, not answered
		{multi, Answer{Choices: []string{"a"}, Scale: 2}, false, false},
		{scale, Answer{Scale: 5}, true, true},
		{scale, Answer{Scale: 0}, false, false},
		{scale, Answer{Scale: 6}, false, false},
		{scale, Answer{Scale: 2, Choices: []string{"2"}}, false, false},
	} {
		if got := tc.qu.Valid(tc.a); got != tc.valid {
			t.Errorf("%s.Valid(%+v) = %v; want %v", tc.qu.ID, tc.a, got, tc.valid)
		}
		if got := tc.qu.Answered(tc.a); got != tc.answered {
			t.Errorf("%s.Answered(%+v) = %v; want %v", tc.qu.ID, tc.a, got, tc.answered)
		}
	}
}

// TestChoose: what a click makes of an answer, kind by kind.
func TestChoose(t *testing.T) {
	single, multi, scale := rulesQuiz(t)
	for _, tc := range []struct {
		name  string
		qu    *Question
		from  Answer
		value string
		on    bool
		want  Answer
	}{
		{"single picks", single, Answer{}, "dev", true, choices("dev")},
		{"single replaces", single, choices("dev"), "lead", true, choices("lead")},
		{"single cannot be unticked", single, choices("dev"), "dev", false, choices("dev")},
		{"single unknown option", single, choices("dev"), "boss", true, choices("dev")},
		{"scale picks", scale, Answer{}, "4", true, Answer{Scale: 4}},
		{"scale replaces", scale, Answer{Scale: 4}, "1", true, Answer{Scale: 1}},
		{"scale out of range", scale, Answer{Scale: 4}, "6", true, Answer{Scale: 4}},
		{"scale not a number", scale, Answer{Scale: 4}, "04", true, Answer{Scale: 4}},
		{"multi ticks in order", multi, choices("c"), "a", true, choices("c", "a")},
		{"multi unticks", multi, choices("c", "a"), "c", false, choices("a")},
		{"multi unticks the last", multi, choices("a"), "a", false, Answer{}},
		{"multi tick again", multi, choices("a"), "a", true, choices("a")},
		{"multi untick unticked", multi, choices("a"), "b", false, choices("a")},
		{"multi beyond its max", multi, choices("a", "b"), "c", true, choices("a", "b")},
		{"multi exclusive clears the others", multi, choices("a", "b"), "none", true, choices("none")},
		{"multi another clears the exclusive", multi, choices("none"), "b", true, choices("b")},
		{"multi untick the exclusive", multi, choices("none"), "none", false, Answer{}},
		{"multi unknown option", multi, choices("a"), "z", true, choices("a")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.qu.Choose(tc.from, tc.value, tc.on)
			if !reflect.DeepEqual(got.Choices, tc.want.Choices) && len(got.Choices)+len(tc.want.Choices) > 0 || got.Scale != tc.want.Scale {
				t.Errorf("Choose(%+v, %q, %v) = %+v; want %+v", tc.from, tc.value, tc.on, got, tc.want)
			}
			if !tc.qu.Valid(got) {
				t.Errorf("Choose(%+v, %q, %v) = %+v, which is not valid", tc.from, tc.value, tc.on, got)
			}
		})
	}
}

// TestBlocked: at its max, a multi question's other boxes are disabled,
// except an exclusive one; an exclusive answer blocks nothing.
func TestBlocked(t *testing.T) {
	single, multi, _ := rulesQuiz(t)
	for _, tc := range []struct {
		qu   *Question
		a    Answer
		id   string
		want bool
	}{
		{multi, choices("a"), "b", false},
		{multi, choices("a", "b"), "c", true},
		{multi, choices("a", "b"), "a", false}, // ticked: it can be unticked
		{multi, choices("a", "b"), "none", false},
		{multi, choices("none"), "a", false},
		{single, choices("dev"), "lead", false},
	} {
		if got := tc.qu.Blocked(tc.a, tc.id); got != tc.want {
			t.Errorf("%s.Blocked(%+v, %q) = %v; want %v", tc.qu.ID, tc.a, tc.id, got, tc.want)
		}
	}
}

// TestScoreIgnoresInvalidAnswers: an answer the question cannot have counts
// as no answer, exactly like leaving the question out.
func TestScoreIgnoresInvalidAnswers(t *testing.T) {
	q := rules(t)
	base := Answers{"role": choices("lead"), "worry": choices("b"), "years": {Scale: 3}}
	for _, tc := range []struct {
		id string
		a  Answer
	}{
		{"role", choices("dev", "lead")},
		{"role", choices("boss")},
		{"years", Answer{Scale: 9}},
		{"worry", choices("a", "none")},
		{"worry", choices("a", "b", "c")},
		{"worry", choices("a", "a")},
	} {
		with, without := maps.Clone(base), maps.Clone(base)
		with[tc.id] = tc.a
		delete(without, tc.id)
		if got, want := scoresOf(q.Score(with)), scoresOf(q.Score(without)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v scores %v; want as unanswered, %v", tc.id, tc.a, got, want)
		}
	}
}
