package quiz

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Mistakes a Japanese typist makes, found before the TOML decoder runs,
// every one of them, in words rather than the decoder's codes: a full-width
// space (U+3000) or full-width letters, digits and signs (ｗｅｉｇｈｔｓ,
// ４０, ＝) where TOML wants half-width ones, and texts put in curly or
// Japanese quotes (“…”, 「…」). The same scan refuses what TOML 1.1 allows
// but TOML 1.0, and so the editors recruiters use (VS Code with Even Better
// TOML, Taplo 0.9), refuse: a byte-order mark, an inline table { … } over
// several lines or with a comma before its }. What passes the checker then
// opens clean in the editor.
//
// The scan also returns the source with each typing mistake repaired, rune
// for rune (so every line and column stays where it was), for the decoder
// to read: the problems the repair cannot reach, and those of the rest of
// the file, are then reported with the typing mistakes.

// lexInfo is what the scan learnt of the file's lines, for recovering from
// a syntax error (syntaxErrors).
type lexInfo struct {
	// clean[l] is set when line l (from 1) starts outside any string,
	// [ ] or { }; header[l] when it is a [table] header.
	clean, header []bool
}

// selfContained reports whether line l holds whole keys and values only:
// blanking it changes nothing on other lines.
func (li lexInfo) selfContained(l int) bool {
	return l >= 1 && l+1 < len(li.clean) && li.clean[l] && li.clean[l+1] && !li.header[l]
}

// Full-width forms of ASCII (U+FF01 to U+FF5E) are ASCII plus this.
const fullwidthOffset = 0xFEE0

// closers maps a quote a typist may open a text with to the quotes that
// close it.
var closers = map[rune]string{
	'“': "”“", '”': "”“", '‘': "’‘", '’': "’‘",
	'「': "」", '『': "』", '＂': "＂", '＇': "＇",
}

// typingMistakes scans src (valid UTF-8, bounded by checkSource) and
// returns its typing mistakes, src with them repaired (src itself when
// there are none), and what it learnt of the lines.
func typingMistakes(file string, src []byte) (ErrorList, []byte, lexInfo) {
	var errs ErrorList
	type fix struct {
		i, n int  // the bytes of the rune replaced
		r    rune // its replacement
	}
	var fixes []fix
	repair := func(i, n int, r rune) { fixes = append(fixes, fix{i, n, r}) }
	info := lexInfo{clean: []bool{false, true}, header: []bool{false, false}}
	line, col := 1, 1
	lineStart := 0 // byte offset of the line's first byte
	at := func() Pos { return Pos{line, col} }
	newline := func(depth int) {
		line++
		col = 1
		info.clean = append(info.clean, depth == 0)
		info.header = append(info.header, false)
	}
	// Per line, the first full-width space and how many.
	spaces, spaceAt := 0, Pos{}
	flushSpaces := func() {
		switch {
		case spaces == 1:
			errs = append(errs, newError(file, spaceAt, "", "typing.fullwidth-space"))
		case spaces > 1:
			errs = append(errs, newError(file, spaceAt, "", "typing.fullwidth-space-count", spaces))
		}
		spaces = 0
	}
	type brace struct {
		at       Pos
		reported bool
	}
	var stack []byte    // open [ and {
	var braces []*brace // the open {, innermost last
	comma := Pos{}      // the last comma inside the innermost { }, until a value follows
	broken := 0         // a line with a text left open
	i := bomLen(src)
	if i > 0 {
		errs = append(errs, newError(file, Pos{1, 1}, "", "file.bom"))
	}
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == '\n':
			flushSpaces()
			if broken == line {
				// A text left open: the decoder reports it; what was
				// open on the line means nothing more.
				stack, braces, comma = stack[:0], braces[:0], Pos{}
			}
			if len(braces) > 0 && !braces[len(braces)-1].reported {
				b := braces[len(braces)-1]
				b.reported = true
				errs = append(errs, newError(file, b.at, "", "typing.inline-newline"))
			}
			i++
			lineStart = i
			newline(len(stack))
			continue
		case r == ' ' || r == '\t' || r == '\r':
		case r == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case r == '"' || r == '\'':
			comma = Pos{}
			end := skipString(src, i)
			if !closed(src, i, end) {
				broken = line
			}
			// Count the lines and columns it spans.
			for j := i; j < end; {
				c, w := utf8.DecodeRune(src[j:])
				j += w
				if c == '\n' {
					lineStart = j
					newline(1) // inside a string: not a clean start
				} else {
					col++
				}
			}
			i = end
			continue
		case r == '[' || r == '{':
			if r == '[' && len(stack) == 0 && strings.TrimSpace(string(src[lineStart:i])) == "" {
				info.header[line] = true
			}
			if len(stack) < maxDepth { // checkSource bounds the depth
				stack = append(stack, byte(r))
			}
			if r == '{' {
				braces = append(braces, &brace{at: at()})
				comma = Pos{}
			}
		case r == ']' || r == '}':
			if r == '}' && comma.IsValid() && len(braces) > 0 {
				errs = append(errs, newError(file, comma, "", "typing.inline-trailing-comma"))
			}
			comma = Pos{}
			if len(stack) > 0 && (stack[len(stack)-1] == '{') == (r == '}') {
				stack = stack[:len(stack)-1]
				if r == '}' {
					braces = braces[:len(braces)-1]
				}
			}
		case r == ',':
			if len(stack) > 0 && stack[len(stack)-1] == '{' {
				comma = at()
			}
		case r == 0x3000: // a full-width space
			if spaces == 0 {
				spaceAt = at()
			}
			spaces++
			repair(i, n, ' ')
		case closers[r] != "": // a text in curly or Japanese quotes
			comma = Pos{}
			errs = append(errs, newError(file, at(), "", "typing.curly-quotes", quoteN(string(r), -1)))
			repair(i, n, '"')
			// Its content, to the closing quote on the line.
			j := i + n
			col++
			for j < len(src) && src[j] != '\n' {
				c, w := utf8.DecodeRune(src[j:])
				if strings.ContainsRune(closers[r], c) {
					repair(j, w, '"')
					j += w
					col++
					break
				}
				j += w
				col++
			}
			i = j
			continue
		case r == '＃': // a comment meant: the rest of the line is its text
			errs = append(errs, newError(file, at(), "", "typing.fullwidth", "＃", "#"))
			repair(i, n, '#')
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: ｗ ４ ＝
			comma = Pos{}
			start, startCol := i, col
			var half strings.Builder
			for i < len(src) {
				c, w := utf8.DecodeRune(src[i:])
				if c < 0xFF01 || c > 0xFF5E || c == '＂' || c == '＇' {
					break
				}
				half.WriteRune(c - fullwidthOffset)
				repair(i, w, c-fullwidthOffset)
				i += w
				col++
			}
			errs = append(errs, newError(file, Pos{line, startCol}, "", "typing.fullwidth", string(src[start:i]), half.String()))
			continue
		default:
			comma = Pos{}
		}
		i += n
		col++
	}
	flushSpaces()
	info.clean = append(info.clean, len(stack) == 0) // past the last line
	info.header = append(info.header, false)
	if len(fixes) == 0 {
		return errs, src, info
	}
	fixed := make([]byte, 0, len(src))
	last := 0
	for _, f := range fixes {
		fixed = append(fixed, src[last:f.i]...)
		fixed = utf8.AppendRune(fixed, f.r)
		last = f.i + f.n
	}
	return errs, append(fixed, src[last:]...), info
}

// closed reports whether the string src[i:end] (skipString's) ends with
// its closing quote.
func closed(src []byte, i, end int) bool {
	q := src[i]
	n := 1
	if end-i >= 6 && src[i+1] == q && src[i+2] == q {
		n = 3
	}
	if end-i < 2*n {
		return false
	}
	for k := 1; k <= n; k++ {
		if src[end-k] != q {
			return false
		}
	}
	return src[end-n-1] != '\\' || q == '\'' || n == 3
}

// maxSyntaxErrors bounds the syntax errors reported at once, and
// maxRecoveryBytes the bytes decoded again to find them (the decoder
// stops at the first: each next one costs a decode).
const (
	maxSyntaxErrors  = 10
	maxRecoveryBytes = 2 * MaxSize
)

// syntaxErrors is the decoder's error err on src, in words, and the next
// ones the decoder finds when each line it stops on is blanked, as long as
// that line holds whole keys and values only (a line inside a list, a
// table or a text spanning lines, or a [table] header, ends the search:
// blanking it would change what the lines after it mean). Errors on a line
// in skip (already reported as typing mistakes) are not repeated.
func syntaxErrors(file string, src []byte, err error, info lexInfo, skip map[int]bool) ErrorList {
	var out ErrorList
	work := src
	budget := maxRecoveryBytes
	for {
		e := syntaxError(file, work, err)
		if !skip[e.Pos.Line] {
			out = append(out, e)
		}
		l := e.Pos.Line
		budget -= len(work)
		if len(out) >= maxSyntaxErrors || budget < len(work) || !info.selfContained(l) {
			return out
		}
		if &work[0] == &src[0] {
			work = append([]byte(nil), src...)
		}
		blankLine(work, l)
		skip[l] = true
		var raw map[string]any
		if _, err = toml.Decode(string(work), &raw); err == nil {
			return out
		}
	}
}

// blankLine replaces line l of src (from 1) with spaces, in place.
func blankLine(src []byte, l int) {
	line := 1
	for i := range src {
		switch {
		case src[i] == '\n':
			line++
		case line == l:
			src[i] = ' '
		case line > l:
			return
		}
	}
}

// decoderMessages are the decoder's messages a recruiter meets, in words:
// pattern → key. The first group, when there is one, is what the decoder
// found. (Compiled when a syntax error needs them, not at every start.)
func decoderMessages() []decoderMessage {
	return []decoderMessage{
		{regexp.MustCompile(`^expected '\.' or '=', but got (.+) instead$`), "syntax.expected-equals"},
		{regexp.MustCompile(`^expected value but found (.+) instead$`), "syntax.expected-value"},
		{regexp.MustCompile(`^unexpected EOF; expected value$`), "syntax.eof-value"},
		{regexp.MustCompile(`^(?:strings cannot contain newlines|unexpected EOF; expected '"'|unexpected EOF; expected "'")$`), "syntax.string-open"},
		{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.+)$`), "syntax.array-comma"},
		{regexp.MustCompile(`^expected a comma or an inline table terminator '}', but got (.+) instead$`), "syntax.table-comma"},
		{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`), "syntax.line-end"},
		{regexp.MustCompile(`^Key '(.+)' has already been defined\.$`), "syntax.key-twice"},
		{regexp.MustCompile(`^invalid escape(?: in string)?:? '(.+)'$`), "syntax.escape"},
		{regexp.MustCompile(`^unexpected '='`), "syntax.no-key"},
		{regexp.MustCompile(`^TOML files cannot contain control characters`), "syntax.control"},
	}
}

type decoderMessage struct {
	re  *regexp.Regexp
	key string
}

// syntaxError is the decoder's error err on src as a problem in words, at
// its line and column (columns count characters, as editors do; the
// decoder counts bytes).
func syntaxError(file string, src []byte, err error) *Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return newError(file, Pos{1, 1}, "", "syntax.other", clip(err.Error(), maxDecoderMsg), msg{})
	}
	at := lineCol(src, bomLen(src)+pe.Position.Start)
	if at.Line != pe.Position.Line && pe.Position.Line > 0 {
		at = Pos{pe.Position.Line, max(pe.Position.Col, 1)}
	}
	hint := quoteHint(src, at.Line)
	for _, d := range decoderMessages() {
		g := d.re.FindStringSubmatch(pe.Message)
		if g == nil {
			continue
		}
		switch d.key {
		case "syntax.expected-equals", "syntax.expected-value", "syntax.array-comma", "syntax.table-comma", "syntax.line-end":
			return newError(file, at, "", d.key, found(g[1]), hint)
		case "syntax.key-twice":
			return newError(file, at, "", d.key, g[1], hint)
		case "syntax.escape":
			if g[1] == "\\\x00" || g[1] == "\\" { // a \ that ends the file
				return newError(file, at, "", "syntax.string-open", hint)
			}
			return newError(file, at, "", d.key, clip(g[1], 10), hint)
		}
		return newError(file, at, "", d.key, hint)
	}
	text := clip(pe.Message, maxDecoderMsg)
	if pe.Usage != "" {
		text += " (" + firstLine(pe.Usage) + ")"
	}
	return newError(file, at, "", "syntax.other", text, hint)
}

// found names what the decoder found where it wanted something else: a
// character ('x', as the decoder quotes it), the end of the line or of
// the file.
func found(s string) any {
	switch s {
	case "EOF", "end of file":
		return msgOf("syntax.eof")
	case `'\n'`, `'\r'`:
		return msgOf("syntax.newline")
	}
	if c, _, tail, err := strconv.UnquoteChar(strings.Trim(s, "'"), '\''); err == nil && tail == "" && strings.HasPrefix(s, "'") {
		return rendered(quote(string(c)))
	}
	return s
}
