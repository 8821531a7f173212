package widget

import (
	"testing"

	"pmoquiz/app/quiz"
)

// Progress saved before an update is put back only if the new quiz can
// have those answers.
func TestValidAnswer(t *testing.T) {
	opts := []*quiz.Option{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	single := &quiz.Question{ID: "s", Kind: quiz.Single, Options: opts}
	multi := &quiz.Question{ID: "m", Kind: quiz.Multi, Options: opts, Max: 2}
	scale := &quiz.Question{ID: "n", Kind: quiz.Scale}
	tests := []struct {
		qu   *quiz.Question
		a    quiz.Answer
		want bool
	}{
		{single, quiz.Answer{Choices: []string{"b"}}, true},
		{single, quiz.Answer{Choices: []string{"gone"}}, false},
		{single, quiz.Answer{Choices: []string{"a", "b"}}, false},
		{single, quiz.Answer{Scale: 3}, false},
		{multi, quiz.Answer{Choices: []string{"a", "c"}}, true},
		{multi, quiz.Answer{Choices: []string{"a", "b", "c"}}, false}, // over its max
		{multi, quiz.Answer{Choices: []string{"a", "gone"}}, false},
		{multi, quiz.Answer{}, true}, // all unticked: not answered, still valid
		{scale, quiz.Answer{Scale: 5}, true},
		{scale, quiz.Answer{Scale: 6}, false},
		{scale, quiz.Answer{Choices: []string{"a"}}, false},
	}
	for _, tt := range tests {
		if got := validAnswer(tt.qu, tt.a); got != tt.want {
			t.Errorf("validAnswer(%s %q, %+v) = %v; want %v", tt.qu.Kind, tt.qu.ID, tt.a, got, tt.want)
		}
	}
}
