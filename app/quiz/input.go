package quiz

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"
)

// Limits on the source itself, checked before the TOML decoder sees it.
// BurntSushi/toml v1.6.0 spends time and memory growing with the square of
// a dotted key's parts (its issue #496), and about a microsecond and a few
// hundred bytes on every key, value, bracket and comment, whatever the
// file's size; these bound both, far above what a quiz needs (the default
// quiz: 41 KB, 4,100 tokens, keys of at most 3 parts).
const (
	MaxSize     = 1 << 20 // bytes in a quiz file
	maxDepth    = 16      // nesting of [ and { in values
	maxKeyParts = 10      // parts of one dotted key or [table] name: a.b.c has 3
	maxKeyLen   = 128     // bytes of one key or [table] name, quotes and dots included
	maxTokens   = 30_000  // keys (weighed by their parts), values, brackets, commas and comments
	maxBare     = 64      // bytes of a value without quotes: a number, a date, true
)

// ReadFile reads a quiz file for Parse. It stops at MaxSize: a larger file,
// or a stream that never ends (/dev/zero), is refused with an ErrorList
// naming where the limit was reached, never read whole.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimited(name, f)
}

// ReadLimited reads a quiz from r as ReadFile does; name is the file's name
// in the problem it reports.
func ReadLimited(name string, r io.Reader) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxSize {
		return nil, ErrorList{tooLarge(name, src)}
	}
	return src, nil
}

// tooLarge is the problem of a file over MaxSize, at the byte that passes it.
func tooLarge(file string, src []byte) *Error {
	return newError(file, lineCol(src, MaxSize), "", "file.too-large")
}

// checkSource refuses, before the decoder runs, a file it would take long
// or much memory to decode, or one saved in an encoding other than UTF-8:
// nil, or one problem at the place it starts. It reads src once, in
// linear time, and allocates nothing.
func checkSource(file string, src []byte) *Error {
	fail := func(off int, key string, args ...any) *Error {
		return newError(file, lineCol(src, off), "", key, args...)
	}
	if len(src) > MaxSize {
		return tooLarge(file, src)
	}
	if looksUTF16(src) {
		return fail(0, "file.utf16")
	}
	// Shift_JIS, EUC-JP: bytes that are not UTF-8. A browser reads such a
	// file as UTF-8 with each of them replaced by U+FFFD (the widget gets
	// text, not bytes): the same problem, at the same line and column.
	if i := invalidUTF8(src); i >= 0 {
		return fail(i, "file.not-utf8")
	}
	if i := bytes.Index(src, []byte("\uFFFD")); i >= 0 {
		return fail(i, "file.not-utf8")
	}
	var stack [maxDepth]byte // the open [ and { of values
	depth, tokens := 0, 0
	keyNext := true // at a line's start outside values, or after { or , in an inline table
	for i := bomLen(src); i < len(src); {
		c := src[i]
		if c == '\n' {
			keyNext = keyNext || depth == 0
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if tokens++; tokens > maxTokens {
			return fail(i, "source.too-many-tokens", maxTokens)
		}
		if c == '#' {
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		if keyNext && c != '}' {
			keyNext = false
			header := depth == 0 && c == '['
			j := i
			if header {
				j++
				if j < len(src) && src[j] == '[' {
					j++
				}
			}
			parts, end := keyParts(src, j)
			tooMany, tooLong := "source.key-parts", "source.key-long"
			if header {
				tooMany, tooLong = "source.header-parts", "source.header-long"
			}
			switch {
			case parts > maxKeyParts:
				return fail(i, tooMany, excerpt(src, i, end), maxKeyParts)
			case end-j > maxKeyLen:
				return fail(i, tooLong, excerpt(src, i, end), maxKeyLen)
			}
			if parts > 0 {
				// The decoder makes a table of each prefix of a dotted
				// key, and more of a [table]: a key costs more than a
				// token, and a long one much more.
				tokens += parts*(parts+1)/2 - 1
				if header {
					tokens += 2
				}
				i = end
				continue
			}
		}
		switch c {
		case '"', '\'':
			i = skipString(src, i)
			continue
		case '[', '{':
			if depth == maxDepth {
				return fail(i, "source.nesting", maxDepth)
			}
			stack[depth] = c
			depth++
			keyNext = c == '{'
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case ',':
			keyNext = depth > 0 && stack[depth-1] == '{'
		case '=':
		default: // a number, a date, true or false: one token
			start := i
			for i++; i < len(src) && !delimiter(src[i]); i++ {
			}
			if i-start > maxBare {
				return fail(start, "source.bare-long", excerpt(src, start, i), maxBare)
			}
			continue
		}
		i++
	}
	return nil
}

// delimiter reports whether c ends a bare value (a number, a date, true).
func delimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '#', ',', '[', ']', '{', '}', '=', '"', '\'':
		return true
	}
	return false
}

// excerpt is the start of src[i:end], for a message (quote clips it
// further, to characters).
func excerpt(src []byte, i, end int) string {
	return string(src[i:min(end, i+4*maxQuoted)])
}

// keyParts reads a possibly dotted key (a, a.b, "a".'b') from src[i:] and
// returns how many parts it has, counting no further than maxKeyParts+1,
// and where it ends.
func keyParts(src []byte, i int) (parts, end int) {
	end = i
	for parts <= maxKeyParts {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		switch {
		case i == len(src):
			return parts, end
		case src[i] == '"' || src[i] == '\'':
			i = skipString(src, i)
		case bareKeyByte(src[i]):
			for i < len(src) && bareKeyByte(src[i]) {
				i++
			}
		default:
			return parts, end
		}
		parts++
		end = i
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i == len(src) || src[i] != '.' {
			return parts, end
		}
		i++
	}
	return parts, end
}

// bareKeyByte reports whether c can be part of a bare key (TOML: letters,
// digits, - and _; bytes of other characters too, which the decoder
// refuses with a position).
func bareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// skipString returns the index after the string that starts at src[i]:
// basic or literal, one line or multi-line. An unterminated one-line string
// ends at its line's end, where the decoder reports it.
func skipString(src []byte, i int) int {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		for i += 3; i < len(src); i++ {
			switch {
			case q == '"' && src[i] == '\\':
				i++
			case src[i] == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
				i += 3
				for i < len(src) && src[i] == q { // up to two quotes end the content
					i++
				}
				return i
			}
		}
		return len(src)
	}
	for i++; i < len(src) && src[i] != '\n'; i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q:
			return i + 1
		}
	}
	return min(i, len(src)) // past a \ that ends the file
}

// looksUTF16 reports whether src looks like UTF-16: a UTF-16 byte-order mark,
// or NUL bytes, which ASCII text in UTF-16 is full of, at its start
// (also after a browser has read the mark as two U+FFFD).
func looksUTF16(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || len(src) > 1 && (src[0] == 0 || src[1] == 0) {
		return true
	}
	head := src[:min(len(src), 256)]
	return bytes.Count(head, []byte{0}) >= max(4, len(head)/8)
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
