package flow

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"pmoquiz/app/quiz"
)

// A snapshot is a flow written down, as small JSON: it resumes the flow
// (saved progress, the reload that applies an update) or hands it over
// (the page's first script answers the first questions before the
// WebAssembly runs, writes a snapshot, and a flow takes over from it).
// Version 1 of its shape:
//
//	{"v":1,"quiz":"pmo-career","hash":"5e0c2d8f4a1b9c37","screen":"question",
//	 "at":"overview","trail":["role","enjoy"],
//	 "answers":{"role":"pm","enjoy":["people","planning"]}}
//
//	v        1, the version of this shape; Decode and Resume refuse another
//	quiz     the quiz's id ([quiz] id)
//	hash     the quiz's Hash (quiz.Quiz.Hash) when it was answered
//	screen   "intro", "question" or "result"
//	at       the question on screen; on the intro, the one last on screen
//	         (where Continue returns); absent on the result and on a fresh
//	         intro
//	trail    the questions shown before it, in order: Back's path, for a
//	         reader without the engine; Resume recomputes it from the
//	         answers and ignores this one
//	answers  question id → answer, written as a [[golden]] case writes
//	         one: an option id (single), a list of option ids in the order
//	         ticked (multi), a number 1 to 5 (scale); only the answers to
//	         questions shown
//
// Only "v", "quiz", "hash", "screen" and "answers" are needed: a writer
// that knows no better may leave "at" and "trail" out, and the flow then
// resumes at the first question shown and not answered.
type Snapshot struct {
	V       int            `json:"v"`
	Quiz    string         `json:"quiz"`
	Hash    string         `json:"hash"`
	Screen  Screen         `json:"screen"`
	At      string         `json:"at,omitempty"`
	Trail   []string       `json:"trail,omitempty"`
	Answers map[string]any `json:"answers,omitempty"`
}

// Version is the version of the snapshot's shape written and read.
const Version = 1

// Why Decode and Resume refuse a snapshot.
var (
	ErrFormat    = errors.New("flow: not a version 1 quiz snapshot")
	ErrOtherQuiz = errors.New("flow: a snapshot of another quiz")
	ErrChanged   = errors.New("flow: a snapshot of another version of the quiz")
	ErrAnswer    = errors.New("flow: an answer the quiz cannot have")
)

// Snapshot writes the flow down.
func (f *Flow) Snapshot() Snapshot {
	s := Snapshot{V: Version, Quiz: f.q.ID, Hash: f.q.Hash, Screen: f.screen}
	if f.at >= 0 {
		s.At = f.q.Questions[f.at].ID
	}
	for _, qu := range f.Trail() {
		s.Trail = append(s.Trail, qu.ID)
	}
	vis := f.q.Visible(f.answers)
	for i, qu := range f.q.Questions {
		a := f.answers[qu.ID]
		if !vis[i] || !qu.Answered(a) {
			continue
		}
		if s.Answers == nil {
			s.Answers = map[string]any{}
		}
		switch qu.Kind {
		case quiz.Scale:
			s.Answers[qu.ID] = a.Scale
		case quiz.Single:
			s.Answers[qu.ID] = a.Choices[0]
		default:
			s.Answers[qu.ID] = slices.Clone(a.Choices)
		}
	}
	return s
}

// Decode reads a snapshot's JSON; it refuses anything but version 1
// (ErrFormat). The snapshot is checked against a quiz by Resume.
func Decode(data []byte) (Snapshot, error) {
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if s.V != Version {
		return Snapshot{}, fmt.Errorf("%w: version %d", ErrFormat, s.V)
	}
	return s, nil
}

// Resume checks a snapshot against the quiz and returns the flow it
// describes.
//
// It refuses the whole snapshot, with an error that says why, for:
//   - another version of its shape, or an unknown screen: ErrFormat;
//   - another quiz (another id): ErrOtherQuiz;
//   - another version of the quiz (another Hash): ErrChanged, unless
//     through ResumeChanged;
//   - an answer the quiz cannot have: a question or an option it does not
//     have, the wrong kind of answer (a list for a single question, a text
//     for a scale …), the same option twice, more options than max, an
//     exclusive option with others, a scale point that is not 1 to 5:
//     ErrAnswer. Flows and the page's script write whole snapshots of this
//     quiz, so such a one was damaged or made up, and keeping part of it
//     would score answers the visitor did not give.
//
// It keeps the rest, and drops without a word:
//   - answers to questions the other answers hide (a flow writes none; the
//     visitor would see them only by changing an earlier answer, and would
//     answer them then);
//   - an empty list for a multi question (not answered);
//   - the trail (recomputed from the answers);
//   - a position the answers do not lead to: an unknown question, one
//     hidden, one after a question still to answer, or the result with a
//     question still to answer. The flow goes instead where Continue goes:
//     the first question shown and not answered, or the result when none
//     is left.
func Resume(q *quiz.Quiz, s Snapshot) (*Flow, error) {
	if s.V == Version && s.Quiz == q.ID && s.Hash != q.Hash {
		return nil, ErrChanged
	}
	return ResumeChanged(q, s)
}

// ResumeChanged is Resume for progress kept across a new version of the
// quiz (the reload that applies an update): another Hash is accepted, and
// every answer is checked against the quiz as it is now, by the same rules.
// A question or option the new quiz no longer has refuses the snapshot
// (ErrAnswer): the visitor then starts afresh rather than with part of
// their answers.
func ResumeChanged(q *quiz.Quiz, s Snapshot) (*Flow, error) {
	switch {
	case s.V != Version:
		return nil, fmt.Errorf("%w: version %d", ErrFormat, s.V)
	case s.Screen != Intro && s.Screen != Question && s.Screen != Result:
		return nil, fmt.Errorf("%w: unknown screen %q", ErrFormat, s.Screen)
	case s.Quiz != q.ID:
		return nil, fmt.Errorf("%w: %q, not %q", ErrOtherQuiz, s.Quiz, q.ID)
	}
	f := New(q)
	for _, id := range slices.Sorted(maps.Keys(s.Answers)) {
		qu := q.Question(id)
		if qu == nil {
			return nil, fmt.Errorf("%w: no question %q", ErrAnswer, id)
		}
		a, ok := readAnswer(qu, s.Answers[id])
		if !ok {
			b, _ := json.Marshal(s.Answers[id])
			return nil, fmt.Errorf("%w: question %q (%s) cannot have the answer %s", ErrAnswer, id, qu.Kind, b)
		}
		if qu.Answered(a) {
			f.answers[id] = a
		}
	}
	// A hidden question's answer shows no other question (conditions hold
	// only on shown questions), so dropping them changes nothing else.
	vis := q.Visible(f.answers)
	for id := range f.answers {
		if !vis[q.Question(id).Index()] {
			delete(f.answers, id)
		}
	}
	at := q.Question(s.At)
	switch {
	case s.Screen == Intro:
		if at != nil {
			f.at = at.Index()
		}
	case s.Screen == Question && at != nil && f.Jump(at.ID):
	case s.Screen == Result && f.Finish():
	default:
		f.Continue()
	}
	return f, nil
}

// readAnswer converts a snapshot's answer, as written by Snapshot or
// decoded from JSON, for question qu; ok is false when it is not an
// answer qu can have.
func readAnswer(qu *quiz.Question, v any) (a quiz.Answer, ok bool) {
	switch v := v.(type) {
	case string:
		if qu.Kind != quiz.Single {
			return a, false
		}
		a.Choices = []string{v}
	case []string:
		if qu.Kind != quiz.Multi {
			return a, false
		}
		a.Choices = slices.Clone(v)
	case []any:
		if qu.Kind != quiz.Multi {
			return a, false
		}
		for _, e := range v {
			s, isStr := e.(string)
			if !isStr {
				return a, false
			}
			a.Choices = append(a.Choices, s)
		}
	case float64: // JSON numbers
		if qu.Kind != quiz.Scale || v < 1 || v > quiz.ScalePoints || v != float64(int(v)) {
			return a, false
		}
		a.Scale = int(v)
	case int:
		if qu.Kind != quiz.Scale {
			return a, false
		}
		a.Scale = v
	default:
		return a, false
	}
	return a, qu.Valid(a)
}
