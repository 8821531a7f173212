package quiz

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The TOML decoder reports positions only for syntax errors. To point every
// other problem (unknown key, wrong type, bad reference) at its line, we scan
// the source once more and record where each key path is defined. The scan
// runs only on files the decoder has accepted and checkSource has bounded,
// so it can be simple: it knows strings, comments, table headers, dotted
// keys, inline tables and arrays.
//
// The same scan catches the few ways of defining a key twice that
// BurntSushi/toml v1.6.0 accepts although TOML forbids them (a.b.c = 1 then
// a.b = 2; a dotted key that adds to an inline table or to a [table] of its
// own): the decoder keeps one of the two silently, so the recruiter would
// lose what the other says.

// positions maps a key path (questions[3].options[2].adds.pm) to where its
// key (or, for array elements, its value) starts.
type positions map[string]Pos

// defKind is how a key path was defined, for the redefinition rules.
type defKind uint8

const (
	defValue    defKind = iota + 1 // key = a string, number, …
	defInline                      // key = { … }: closed after its }
	defArray                       // key = [ … ]: closed after its ]
	defHeader                      // [a.b]
	defImplicit                    // a and a.b of [a.b.c]: may get a header later
	defDotted                      // a of a.b = 1
	defAOT                         // [[a]]: an array of tables
)

type definition struct {
	kind defKind
	at   Pos
}

// scanner walks TOML source byte by byte, tracking line and column.
type scanner struct {
	src       []byte
	i         int
	line, col int
	pos       positions
	arrays    map[string]int // array-of-tables path → count so far
	defs      map[string]definition
	problem   *Error // the first redefinition found
}

// scanSource returns where each key path is defined, and the first key
// defined twice in a way the decoder does not report (nil when none).
func scanSource(src []byte) (positions, *Error) {
	s := &scanner{src: src, line: 1, col: 1, pos: positions{}, arrays: map[string]int{}, defs: map[string]definition{}}
	s.i = bomLen(src) // invisible: column 1 follows it
	s.document()
	return s.pos, s.problem
}

func (s *scanner) eof() bool  { return s.i >= len(s.src) }
func (s *scanner) peek() byte { return s.src[s.i] }
func (s *scanner) here() Pos  { return Pos{s.line, s.col} }

// next advances one byte; columns count runes, as editors do.
func (s *scanner) next() {
	c := s.src[s.i]
	s.i++
	switch {
	case c == '\n':
		s.line++
		s.col = 1
	case c&0xC0 != 0x80: // not a UTF-8 continuation byte
		s.col++
	}
}

// space skips blanks and, when nl is set, newlines and comments too.
func (s *scanner) space(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		case c == '\n' && nl:
			s.next()
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.space(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			table = s.header()
			continue
		}
		start := s.i
		s.keyValue(table)
		if s.i == start { // never loop on input we do not understand
			s.next()
		}
		s.skipLine()
	}
}

// header reads [a.b] or [[a.b]] and returns the resolved path.
func (s *scanner) header() string {
	at := s.here()
	s.next()
	array := !s.eof() && s.peek() == '['
	if array {
		s.next()
	}
	keys := s.key()
	s.skipLine()
	if len(keys) == 0 {
		return ""
	}
	// Parents resolve to their latest element; the last key is the table.
	parent := s.parents("", keys, at, false)
	path := join(parent, keys[len(keys)-1])
	s.set(path, at)
	d, seen := s.defs[path]
	switch {
	case array && (!seen || d.kind == defAOT):
		s.defs[path] = definition{defAOT, at}
		n := s.arrays[path]
		s.arrays[path] = n + 1
		path = index(path, n)
		s.set(path, at)
		s.defs[path] = definition{defHeader, at}
	case !seen || d.kind == defImplicit && !array:
		s.defs[path] = definition{defHeader, at}
	case d.kind == defDotted:
		s.redefined(path, at, "redef.dotted-table", d.at.Line, lastKey(path))
	default:
		s.redefined(path, at, "redef.table", d.at.Line)
	}
	return path
}

// parents resolves the keys before a key's last one under base, recording
// each as a table the key implies, and checks that each may be added to:
// a header may add to any table but one written whole (a = { … }), a
// dotted key only to tables made by dotted keys. keys is the whole key.
func (s *scanner) parents(base string, keys []string, at Pos, dotted bool) string {
	full := func() string { // the key, for a problem's path
		p := base
		for _, k := range keys {
			p = join(p, k)
		}
		return p
	}
	path := base
	for _, k := range keys[:len(keys)-1] {
		path = join(path, k)
		s.set(path, at)
		d, seen := s.defs[path]
		switch {
		case !seen:
			if dotted {
				s.defs[path] = definition{defDotted, at}
			} else {
				s.defs[path] = definition{defImplicit, at}
			}
		case d.kind == defAOT:
			if dotted {
				s.redefined(full(), at, "redef.aot", path, path, d.at.Line, path)
			}
		case d.kind == defValue || d.kind == defInline || d.kind == defArray:
			s.redefined(full(), at, "redef.whole", path, d.at.Line, lastKey(path))
		case dotted && d.kind == defHeader:
			s.redefined(full(), at, "redef.has-header", path, path, d.at.Line)
		}
		if n, ok := s.arrays[path]; ok && n > 0 {
			path = index(path, n-1)
		}
	}
	return path
}

// redefined records the first key defined twice.
func (s *scanner) redefined(path string, at Pos, key string, args ...any) {
	if s.problem == nil {
		s.problem = newError("", at, path, key, args...)
	}
}

func (s *scanner) set(path string, p Pos) {
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = p
	}
}

// key reads a possibly dotted key and returns its parts, quoted parts
// unescaped as the decoder reads them.
func (s *scanner) key() []string {
	var keys []string
	for !s.eof() {
		s.space(false)
		if s.eof() {
			break
		}
		var k string
		switch q := s.peek(); q {
		case '"', '\'':
			k = s.str()
			if q == '"' {
				k = unescape(k)
			}
		default:
			start := s.i
			for !s.eof() {
				c := s.peek()
				if c == '=' || c == '.' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '#' || c == ',' || c == '}' {
					break
				}
				s.next()
			}
			k = string(s.src[start:s.i])
		}
		keys = append(keys, k)
		s.space(false)
		if s.eof() || s.peek() != '.' {
			break
		}
		s.next()
	}
	return keys
}

// keyValue reads key = value under table.
func (s *scanner) keyValue(table string) {
	at := s.here()
	keys := s.key()
	if len(keys) == 0 || s.eof() || s.peek() != '=' {
		return
	}
	path := join(s.parents(table, keys, at, true), keys[len(keys)-1])
	s.set(path, at)
	s.next() // '='
	s.space(false)
	kind := defValue
	if !s.eof() && s.peek() == '{' {
		kind = defInline
	} else if !s.eof() && s.peek() == '[' {
		kind = defArray
	}
	if d, seen := s.defs[path]; seen {
		if d.kind == defDotted || d.kind == defImplicit || d.kind == defHeader || d.kind == defAOT {
			s.redefined(path, at, "redef.value-table", d.at.Line)
		} else {
			s.redefined(path, at, "redef.key", d.at.Line)
		}
	} else {
		s.defs[path] = definition{kind, at}
	}
	s.value(path)
}

// value reads a value; for inline tables and arrays it records the paths
// inside.
func (s *scanner) value(path string) {
	if s.eof() {
		return
	}
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '{':
		s.next()
		for {
			s.space(true)
			if s.eof() {
				return
			}
			if s.peek() == '}' {
				s.next()
				return
			}
			if s.peek() == ',' {
				s.next()
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				s.next()
			}
		}
	case '[':
		s.next()
		for n := 0; ; {
			s.space(true)
			if s.eof() {
				return
			}
			switch s.peek() {
			case ']':
				s.next()
				return
			case ',':
				s.next()
				continue
			}
			elem := index(path, n)
			s.set(elem, s.here())
			start := s.i
			s.value(elem)
			if s.i == start {
				s.next()
			}
			n++
		}
	default: // number, bool, date: up to a delimiter
		for !s.eof() {
			c := s.peek()
			if c == ',' || c == '}' || c == ']' || c == '\n' || c == '#' {
				return
			}
			s.next()
		}
	}
}

// str reads a basic, literal or multi-line string and returns its raw
// content (escapes as written).
func (s *scanner) str() string {
	q := s.peek()
	delim := string(q)
	if bytes.HasPrefix(s.src[s.i:], []byte{q, q, q}) {
		delim = strings.Repeat(delim, 3)
	}
	for range delim {
		s.next()
	}
	start := s.i
	for !s.eof() {
		if q == '"' && s.peek() == '\\' {
			s.next()
			if !s.eof() {
				s.next()
			}
			continue
		}
		if bytes.HasPrefix(s.src[s.i:], []byte(delim)) {
			// A multi-line string may end with up to two extra quotes.
			end := s.i
			for range delim {
				s.next()
			}
			for len(delim) == 3 && !s.eof() && s.peek() == q {
				end++
				s.next()
			}
			return string(s.src[start:end])
		}
		if len(delim) == 1 && s.peek() == '\n' {
			break
		}
		s.next()
	}
	return string(s.src[start:s.i])
}

// unescape reads the escapes of a basic string's content (TOML 1.1: \b \t
// \n \f \r \e \" \\ \xHH \uHHHH \UHHHHHHHH), as the decoder does; a key
// that uses them gets the same path here as in the decoded document.
func unescape(raw string) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		digits := 0
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default: // \" and \\ (the decoder has refused any other)
			b.WriteByte(raw[i])
		}
		if digits > 0 && i+digits < len(raw) {
			if n, err := strconv.ParseUint(raw[i+1:i+1+digits], 16, 32); err == nil && utf8.ValidRune(rune(n)) {
				b.WriteRune(rune(n))
				i += digits
			}
		}
	}
	return b.String()
}

// bomLen is the length of the UTF-8 byte-order mark src starts with (an
// editor may write one; TOML allows it), or 0.
func bomLen(src []byte) int {
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		return 3
	}
	return 0
}

// lineCol converts a byte offset into a position.
func lineCol(src []byte, off int) Pos {
	p := Pos{1, 1}
	for i := bomLen(src); i < off && i < len(src); i++ {
		switch {
		case src[i] == '\n':
			p.Line++
			p.Col = 1
		case src[i]&0xC0 != 0x80:
			p.Col++
		}
	}
	return p
}

// quoteHint points at the likeliest cause of a syntax error a recruiter
// makes: a line with an odd number of double quotes has lost one.
func quoteHint(src []byte, line int) msg {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return msg{}
	}
	text := lines[line-1]
	if bytes.Contains(text, []byte(`"""`)) || bytes.Contains(text, []byte("'''")) {
		return msg{} // multi-line and literal strings: too clever to guess
	}
	n := 0
	for i, c := range text {
		if c == '#' && n%2 == 0 {
			break // a comment
		}
		if c == '"' && (i == 0 || text[i-1] != '\\') {
			n++
		}
	}
	if n%2 == 1 {
		return msgOf("syntax.hint-quotes", line)
	}
	return msg{}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
