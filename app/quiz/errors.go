package quiz

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in the quiz file; Line and Col start at 1. The zero Pos
// means "no position known".
type Pos struct {
	Line, Col int
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Error is one problem in a quiz file: where it is, as data (File, Pos,
// Path), and what it is, as a message of the catalogue (messages.go) that
// reads in Japanese and English.
type Error struct {
	File string
	Pos  Pos
	Path string // key path, e.g. questions[3].options[2].adds.pm
	Msg  string // the message in English
	// Key names the message in the catalogue, e.g. "key.unknown-suggest":
	// a stable name for what went wrong, whatever the language.
	Key string
	msg msg // the message with its arguments, for Message
}

// newError makes the problem at pos (and path) with the catalogue's message
// key and its arguments. (Not inlined: it has many callers, and each copy
// would grow the visitor's app.wasm.)
//
//go:noinline
func newError(file string, pos Pos, path, key string, args ...any) *Error {
	m := msg{key, args}
	return &Error{File: file, Pos: pos, Path: path, Msg: m.in("en"), Key: key, msg: m}
}

// Error formats the problem as file:line:col: path: message, in English.
func (e *Error) Error() string { return e.Localized("en") }

// Message is the problem's message, without its position, in lang ("ja",
// "en"; a tag such as "ja-JP" or "ja_JP.UTF-8" counts as its language; any
// other as English). Control characters are escaped.
func (e *Error) Message(lang string) string {
	if e.Key == "" { // made by hand: only Msg is known
		return escape(e.Msg)
	}
	return escape(e.msg.in(lang))
}

// Localized formats the problem as file:line:col: path: message with the
// message in lang, on one line with every control character escaped, so it
// is safe to print on a terminal or a page whatever the file (or its name)
// holds.
func (e *Error) Localized(lang string) string {
	var b strings.Builder
	b.WriteString(escape(e.File))
	if e.Pos.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(escape(e.Path))
		b.WriteString(": ")
	}
	b.WriteString(e.Message(lang))
	return b.String()
}

// ErrorList is every problem found in a quiz file, sorted by position.
type ErrorList []*Error

// In returns every problem as Localized(lang) writes it, one a line.
func (l ErrorList) In(lang string) []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Localized(lang)
	}
	return out
}

// Error prints one problem per line, in English.
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

// maxQuoted bounds, in characters, a value quoted in a message: a 900 KB
// text is named by its start, not echoed whole. maxDecoderMsg bounds a
// message of the TOML decoder, which may quote a whole token.
const (
	maxQuoted     = 80
	maxDecoderMsg = 2 * maxQuoted
)

// clip cuts s after n characters, marking the cut with "…".
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// quote writes s as a TOML basic string a terminal and a page show as
// typed: quotes and backslashes escaped, control and other invisible
// characters as \n, \t or \u001b, clipped to maxQuoted characters.
func quote(s string) string { return quoteN(s, maxQuoted) }

// quoteN is quote clipped to limit characters; limit < 0: never clipped.
func quoteN(s string, limit int) string {
	var b strings.Builder
	b.WriteByte('"')
	n := 0
	for _, c := range s {
		if n == limit {
			b.WriteString("…")
			break
		}
		n++
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			writeRune(&b, c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escape writes s with every control or invisible character escaped
// (\n, \u001b): what is left is safe to print on a terminal and a page.
func escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		writeRune(&b, c)
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, c := range s {
		if c == utf8.RuneError || !strconv.IsPrint(c) && c != ' ' {
			return true
		}
	}
	return false
}

// writeRune writes c, or its escape when it is not printable (invalid
// UTF-8 reads as U+FFFD).
func writeRune(b *strings.Builder, c rune) {
	switch {
	case c == ' ' || c != utf8.RuneError && strconv.IsPrint(c):
		b.WriteRune(c)
	case c == '\n':
		b.WriteString(`\n`)
	case c == '\t':
		b.WriteString(`\t`)
	case c == '\r':
		b.WriteString(`\r`)
	case c > 0xFFFF:
		fmt.Fprintf(b, `\U%08x`, c)
	default:
		fmt.Fprintf(b, `\u%04x`, c)
	}
}

// shown is a string argument of a message: %q quotes it with quote, %s and
// %v escape it.
type shown string

func (s shown) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		io.WriteString(f, quote(string(s)))
		return
	}
	io.WriteString(f, escape(string(s)))
}
