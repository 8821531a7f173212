package quiz

import (
	"bytes"
	"strconv"
	"strings"
)

// The TOML decoder reports positions only for syntax errors. To point every
// other problem (unknown key, wrong type, bad reference) at its line, we scan
// the source once more and record where each key path is defined. The scan
// runs only on files the decoder has accepted, so it can be simple: it knows
// strings, comments, table headers, dotted keys, inline tables and arrays.

// positions maps a key path (questions[3].options[2].adds.pm) to where its
// key (or, for array elements, its value) starts.
type positions map[string]Pos

// scanner walks TOML source byte by byte, tracking line and column.
type scanner struct {
	src       []byte
	i         int
	line, col int
	pos       positions
	arrays    map[string]int // array-of-tables path → count so far
}

func scanPositions(src []byte) positions {
	s := &scanner{src: src, line: 1, col: 1, pos: positions{}, arrays: map[string]int{}}
	s.document()
	return s.pos
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
	path := join(s.resolve("", keys[:len(keys)-1]), keys[len(keys)-1])
	if array {
		n := s.arrays[path]
		s.arrays[path] = n + 1
		path += "[" + strconv.Itoa(n) + "]"
	}
	s.set(path, at)
	return path
}

// resolve joins keys under base. A key that names an array of tables refers
// to its latest element, as TOML does for [[a]] followed by [a.b].
func (s *scanner) resolve(base string, keys []string) string {
	path := base
	for _, k := range keys {
		if path != "" {
			path += "."
		}
		path += k
		if n, ok := s.arrays[path]; ok && n > 0 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func (s *scanner) set(path string, p Pos) {
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = p
	}
}

// key reads a possibly dotted key and returns its parts.
func (s *scanner) key() []string {
	var keys []string
	for !s.eof() {
		s.space(false)
		if s.eof() {
			break
		}
		var k string
		switch s.peek() {
		case '"', '\'':
			k = s.str()
		default:
			start := s.i
			for !s.eof() {
				c := s.peek()
				if c == '=' || c == '.' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '#' || c == ',' || c == '}' {
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
	path := s.resolve(table, keys[:len(keys)-1])
	if path != "" {
		path += "."
	}
	path += keys[len(keys)-1]
	s.set(path, at)
	s.next() // '='
	s.space(false)
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
			elem := path + "[" + strconv.Itoa(n) + "]"
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
// content (escapes are kept as written: keys rarely use them).
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

// nestingDepth returns the deepest nesting of [ and { in values, outside
// strings and comments, stopping early once it passes limit (then at is
// where). The decoder recurses on nesting, so a hostile file is refused
// before decoding.
func nestingDepth(src []byte, limit int) (deepest, at int) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			delim := string(c)
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				delim = strings.Repeat(delim, 3)
			}
			i += len(delim)
			for i < len(src) {
				if c == '"' && src[i] == '\\' {
					i += 2
					continue
				}
				if bytes.HasPrefix(src[i:], []byte(delim)) {
					i += len(delim) - 1
					break
				}
				if len(delim) == 1 && src[i] == '\n' {
					break
				}
				i++
			}
		case '[', '{':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest, i
				}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return deepest, 0
}
