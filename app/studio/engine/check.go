// Package engine is what the studio (app/studio) computes off the page's
// main thread: a draft of the quiz file checked as the server checks it,
// its golden cases with the answers they lack, and its analysis in words a
// recruiter reads. cmd/studiowasm runs it in a Web Worker; it has no
// browser code of its own, so plain go test covers it on the host.
//
// Every message comes from the engine (app/quiz), in Japanese and in
// English: the studio shows the page's language and switches without
// asking again.
package engine

import (
	"errors"
	"strings"

	"pmoquiz/app/quiz"
)

// Text is a message in both languages the studio speaks.
type Text struct {
	Ja string `json:"ja"`
	En string `json:"en"`
}

// Problem is one problem of the draft, as the checker reports it.
type Problem struct {
	Line int    `json:"line"` // 1-based; 0 when the problem has no position
	Col  int    `json:"col"`  // 1-based, in characters (code points)
	Path string `json:"path"` // key path, e.g. questions[3].options[2].adds.pm
	Key  string `json:"key"`  // the message's name in the catalogue
	Msg  Text   `json:"msg"`  // without the position
	// Line as the checker and the server print it: file:line:col: path: message.
	Full Text `json:"full"`
}

// Report is a draft checked.
type Report struct {
	// OK: the draft is a quiz the server would serve (no problem at all).
	OK       bool      `json:"ok"`
	Problems []Problem `json:"problems"`
	// Quiz describes the draft when it is OK: what the preview needs to
	// know before it gets the text (its languages).
	Quiz *Info `json:"quiz,omitempty"`
	// Golden is every [[golden]] case of the draft, when its TOML reads.
	Golden []Golden `json:"golden"`
	// Analysable: the quiz can be analysed (OK, or its only problems are
	// golden cases that fail).
	Analysable bool `json:"analysable"`
}

// Info is what the studio shows of a valid draft.
type Info struct {
	ID        string   `json:"id"`
	Locales   []string `json:"locales"`
	Title     Text     `json:"title"`
	Questions int      `json:"questions"`
	Outcomes  int      `json:"outcomes"`
}

// Check checks a draft as the server checks a quiz file (quiz.Parse: the
// same problems, the same messages), and runs its golden cases. file names
// the draft in the messages ("quiz.toml").
func Check(file string, src []byte) *Report {
	r := &Report{Problems: []Problem{}, Golden: []Golden{}}
	q, err := quiz.Parse(file, src)
	if err == nil && q == nil {
		err = errors.New(file + ": no quiz")
	}
	if err != nil {
		var list quiz.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				r.Problems = append(r.Problems, problemOf(e))
			}
		} else {
			msg := err.Error()
			r.Problems = append(r.Problems, Problem{Msg: Text{msg, msg}, Full: Text{msg, msg}})
		}
	}
	if q != nil {
		r.OK = true
		r.Analysable = true
		r.Quiz = &Info{ID: q.ID, Locales: q.Locales, Title: textOf(q.Title, q.Locales), Questions: len(q.Questions), Outcomes: len(q.Outcomes)}
	}
	r.Golden = goldenCases(src, q, r.Problems)
	if !r.OK && onlyGolden(r.Problems) {
		_, r.Analysable = analysable(file, src)
	}
	return r
}

func problemOf(e *quiz.Error) Problem {
	return Problem{
		Line: e.Pos.Line, Col: e.Pos.Col, Path: e.Path, Key: e.Key,
		Msg:  Text{Ja: e.Message("ja"), En: e.Message("en")},
		Full: Text{Ja: e.Localized("ja"), En: e.Localized("en")},
	}
}

// textOf is a quiz text in Japanese and English, each falling back on the
// quiz's first language.
func textOf(t quiz.Text, locales []string) Text {
	fallback := "ja"
	if len(locales) > 0 {
		fallback = locales[0]
	}
	return Text{Ja: t.Get("ja", fallback), En: t.Get("en", fallback)}
}

// goldenIndex is the golden case a problem's path is in ("golden[3].answers"
// → 3), or -1.
func goldenIndex(path string) int {
	rest, ok := strings.CutPrefix(path, "golden[")
	if !ok {
		return -1
	}
	n := 0
	for i, c := range rest {
		switch {
		case c >= '0' && c <= '9' && i < 6:
			n = n*10 + int(c-'0')
		case c == ']' && i > 0:
			return n
		default:
			return -1
		}
	}
	return -1
}

// onlyGolden reports whether every problem is in a golden case: the quiz
// itself is fine, and only its cases fail.
func onlyGolden(ps []Problem) bool {
	for _, p := range ps {
		if goldenIndex(p.Path) < 0 {
			return false
		}
	}
	return len(ps) > 0
}

// analysable returns the quiz of a draft whose only problems are in its
// golden cases: the draft without them, parsed again. The analysis and the
// golden cases' missing answers work on it; ok is false when it still has
// problems.
func analysable(file string, src []byte) (*quiz.Quiz, bool) {
	q, err := quiz.Parse(file, withoutGolden(src))
	return q, err == nil && q != nil
}
