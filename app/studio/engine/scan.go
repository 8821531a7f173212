package engine

import "strings"

// Just enough of TOML's lexical rules to find a draft's table headers and
// the brace closing an inline table: strings (basic, literal, multi-line),
// comments, and the brackets of values, so that a "[" inside a value or a
// string is never taken for a header. The decoder has read the draft
// already (goldenCases decodes it first); this only finds places in it.

// header is a [table] or [[array]] header.
type header struct {
	name  string // its key, dotted, spaces around the dots removed
	array bool   // [[name]]
	line  int    // 1-based
	start int    // byte offset of its line's start
	end   int    // set by whoever needs where its table ends
}

// headers lists the draft's table headers in order.
func headers(src []byte) []header {
	var out []header
	line, lineOff := 1, 0
	depth := 0 // brackets of values open
	atLineStart := true
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
			lineOff = i
			atLineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			i = indexByteFrom(src, i, '\n')
			continue
		case c == '"' || c == '\'':
			j := skipString(src, i)
			line += strings.Count(string(src[i:j]), "\n")
			if k := strings.LastIndexByte(string(src[i:j]), '\n'); k >= 0 {
				lineOff = i + k + 1
			}
			i = j
			atLineStart = false
			continue
		case c == '[' && depth == 0 && atLineStart:
			h, next := readHeader(src, i)
			h.line, h.start = line, lineOff
			out = append(out, h)
			i = next
			atLineStart = false
			continue
		case c == '[' || c == '{':
			depth++
		case (c == ']' || c == '}') && depth > 0:
			depth--
		}
		atLineStart = false
		i++
	}
	return out
}

// readHeader reads the header starting at src[i] == '[' and returns it
// with the offset after it.
func readHeader(src []byte, i int) (header, int) {
	h := header{}
	j := i + 1
	if j < len(src) && src[j] == '[' {
		h.array = true
		j++
	}
	var name strings.Builder
	for j < len(src) && src[j] != ']' && src[j] != '\n' {
		if src[j] == '"' || src[j] == '\'' {
			k := skipString(src, j)
			name.Write(src[j:k])
			j = k
			continue
		}
		name.WriteByte(src[j])
		j++
	}
	parts := strings.Split(name.String(), ".")
	for k := range parts {
		parts[k] = strings.TrimSpace(parts[k])
	}
	h.name = strings.Join(parts, ".")
	for j < len(src) && src[j] == ']' {
		j++
	}
	return h, j
}

// skipString returns the offset after the string starting at src[i].
func skipString(src []byte, i int) int {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q { // multi-line
		for j := i + 3; j < len(src); j++ {
			if q == '"' && src[j] == '\\' {
				j++
				continue
			}
			if j+3 <= len(src) && src[j] == q && src[j+1] == q && src[j+2] == q {
				j += 3
				for n := 0; n < 2 && j < len(src) && src[j] == q; n++ {
					j++ // up to two quotes more belong to the text
				}
				return j
			}
		}
		return len(src)
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n':
			return j // unterminated: the decoder said so already
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q:
			return j + 1
		}
	}
	return len(src)
}

// matching is the offset of the brace closing the inline table that
// opens at src[open] == '{', or -1.
func matching(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); {
		switch c := src[i]; {
		case c == '"' || c == '\'':
			i = skipString(src, i)
			continue
		case c == '#':
			i = indexByteFrom(src, i, '\n')
			continue
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				if c == '}' {
					return i
				}
				return -1
			}
		}
		i++
	}
	return -1
}

// withoutGolden is the draft with every line of its golden cases
// ([[golden]] and the tables under it) emptied: the quiz they test, with
// its lines where they were.
func withoutGolden(src []byte) []byte {
	hs := headers(src)
	out := make([]byte, 0, len(src))
	prev := 0
	for i, h := range hs {
		if h.name != "golden" && !strings.HasPrefix(h.name, "golden.") {
			continue
		}
		end := len(src)
		if i+1 < len(hs) {
			end = hs[i+1].start
		}
		out = append(out, src[prev:h.start]...)
		for _, c := range src[h.start:end] {
			if c == '\n' {
				out = append(out, c)
			}
		}
		prev = end
	}
	return append(out, src[prev:]...)
}
