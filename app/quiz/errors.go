package quiz

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in the quiz file; Line and Col start at 1. The zero Pos
// means "no position known".
type Pos struct {
	Line, Col int
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Error is one problem in a quiz file.
type Error struct {
	File string
	Pos  Pos
	Path string // key path, e.g. questions[3].options[2].adds.pm
	Msg  string
}

// Error formats the problem as file:line:col: path: message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a quiz file, sorted by position.
type ErrorList []*Error

// Error prints one problem per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sort orders the list by line, column and path, and drops exact duplicates.
func (l *ErrorList) sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.Line != b.Pos.Line {
			// Positionless errors go last.
			if !a.Pos.IsValid() || !b.Pos.IsValid() {
				return a.Pos.IsValid()
			}
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Path < b.Path
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// maxErrors bounds the list, so a hostile file cannot make it huge.
const maxErrors = 200
