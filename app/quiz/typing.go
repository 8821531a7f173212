package quiz

import (
	"errors"
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
	// more counts the typing mistakes past maxErrors, only counted;
	// moreAt is the first of them.
	more   int
	moreAt Pos
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

// typist is the scan of typingMistakes.
type typist struct {
	file      string
	src       []byte
	errs      ErrorList
	fixes     []fix
	info      lexInfo
	line, col int
	lineStart int // byte offset of the line's first byte
	// Per line, the first full-width space and how many.
	spaces  int
	spaceAt Pos
	stack   []byte   // open [ and {
	braces  []*brace // the open {, innermost last
	comma   Pos      // the last comma inside the innermost { }, until a value follows
	broken  int      // a line with a text left open
}

// fix replaces the rune at src[i:i+n] with r.
type fix struct {
	i, n int
	r    rune
}

type brace struct {
	at       Pos
	reported bool
}

// report records a typing mistake. (Not inlined: each copy would grow the
// visitor's app.wasm.)
//
//go:noinline
func (t *typist) report(at Pos, key string, args ...any) {
	if len(t.errs) >= maxErrors { // a hostile file: count, do not keep
		if t.info.more == 0 {
			t.info.moreAt = at
		}
		t.info.more++
		return
	}
	t.errs = append(t.errs, newError(t.file, at, "", key, args...))
}

func (t *typist) at() Pos { return Pos{t.line, t.col} }

// newline moves to the next line, which starts clean when nothing is open.
func (t *typist) newline(clean bool) {
	t.line++
	t.col = 1
	t.info.clean = append(t.info.clean, clean)
	t.info.header = append(t.info.header, false)
}

// endLine handles the \n that ends the line.
//
//go:noinline
func (t *typist) endLine() {
	switch {
	case t.spaces == 1:
		t.report(t.spaceAt, "typing.fullwidth-space")
	case t.spaces > 1:
		t.report(t.spaceAt, "typing.fullwidth-space-count", t.spaces)
	}
	t.spaces = 0
	if t.broken == t.line {
		// A text left open: the decoder reports it; what was open on
		// the line means nothing more.
		t.stack, t.braces, t.comma = t.stack[:0], t.braces[:0], Pos{}
	}
	if n := len(t.braces); n > 0 && !t.braces[n-1].reported {
		t.braces[n-1].reported = true
		t.report(t.braces[n-1].at, "typing.inline-newline")
	}
}

// typingMistakes scans src (valid UTF-8, bounded by checkSource) and
// returns its typing mistakes, src with them repaired (src itself when
// there are none), and what it learnt of the lines.
func typingMistakes(file string, src []byte) (ErrorList, []byte, lexInfo) {
	t := &typist{file: file, src: src, line: 1, col: 1, info: lexInfo{clean: []bool{false, true}, header: []bool{false, false}}}
	i := bomLen(src)
	if i > 0 {
		t.report(Pos{1, 1}, "file.bom")
	}
	for i < len(src) {
		i = t.token(i)
	}
	t.endLine()
	t.info.clean = append(t.info.clean, len(t.stack) == 0) // past the last line
	t.info.header = append(t.info.header, false)
	if len(t.fixes) == 0 {
		return t.errs, src, t.info
	}
	fixed := make([]byte, 0, len(src))
	last := 0
	for _, f := range t.fixes {
		fixed = append(fixed, src[last:f.i]...)
		fixed = utf8.AppendRune(fixed, f.r)
		last = f.i + f.n
	}
	return t.errs, append(fixed, src[last:]...), t.info
}

// token reads what starts at src[i] and returns where the next starts.
func (t *typist) token(i int) int {
	src := t.src
	r, n := utf8.DecodeRune(src[i:])
	switch {
	case r == '\n':
		t.endLine()
		t.lineStart = i + 1
		t.newline(len(t.stack) == 0)
		return i + 1
	case r == ' ' || r == '\t' || r == '\r':
	case r == '#':
		return t.toLineEnd(i)
	case r == '"' || r == '\'':
		t.comma = Pos{}
		end := skipString(src, i)
		if !closed(src, i, end) {
			t.broken = t.line
		}
		// Count the lines and columns it spans.
		for j := i; j < end; {
			c, w := utf8.DecodeRune(src[j:])
			j += w
			if c == '\n' {
				t.lineStart = j
				t.newline(false) // inside a string: not a clean start
			} else {
				t.col++
			}
		}
		return end
	case r == '[' || r == '{':
		if r == '[' && len(t.stack) == 0 && strings.TrimSpace(string(src[t.lineStart:i])) == "" {
			t.info.header[t.line] = true
		}
		if len(t.stack) < maxDepth { // checkSource bounds the depth
			t.stack = append(t.stack, byte(r))
		}
		if r == '{' {
			t.braces = append(t.braces, &brace{at: t.at()})
			t.comma = Pos{}
		}
	case r == ']' || r == '}':
		if r == '}' && t.comma.IsValid() && len(t.braces) > 0 {
			t.report(t.comma, "typing.inline-trailing-comma")
		}
		t.comma = Pos{}
		if k := len(t.stack); k > 0 && (t.stack[k-1] == '{') == (r == '}') {
			t.stack = t.stack[:k-1]
			if r == '}' {
				t.braces = t.braces[:len(t.braces)-1]
			}
		}
	case r == ',':
		if k := len(t.stack); k > 0 && t.stack[k-1] == '{' {
			t.comma = t.at()
		}
	case r == 0x3000: // a full-width space
		if t.spaces == 0 {
			t.spaceAt = t.at()
		}
		t.spaces++
		t.fixes = append(t.fixes, fix{i, n, ' '})
	case closers[r] != "": // a text in curly or Japanese quotes
		return t.curlyQuoted(i, r, n)
	case r == '＃': // a comment meant: the rest of the line is its text
		t.report(t.at(), "typing.fullwidth", "＃", "#")
		t.fixes = append(t.fixes, fix{i, n, '#'})
		return t.toLineEnd(i)
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: ｗ ４ ＝
		return t.fullwidth(i)
	default:
		t.comma = Pos{}
	}
	t.col++
	return i + n
}

// toLineEnd skips to the end of the line (a comment), counting columns.
func (t *typist) toLineEnd(i int) int {
	for i < len(t.src) && t.src[i] != '\n' {
		_, w := utf8.DecodeRune(t.src[i:])
		i += w
		t.col++
	}
	return i
}

// curlyQuoted reports a text opened with quote r (n bytes) at src[i], and
// repairs it to the closing quote on the line.
func (t *typist) curlyQuoted(i int, r rune, n int) int {
	t.comma = Pos{}
	t.report(t.at(), "typing.curly-quotes", quoteN(string(r), -1))
	t.fixes = append(t.fixes, fix{i, n, '"'})
	j := i + n
	t.col++
	for j < len(t.src) && t.src[j] != '\n' {
		c, w := utf8.DecodeRune(t.src[j:])
		j += w
		t.col++
		if strings.ContainsRune(closers[r], c) {
			t.fixes = append(t.fixes, fix{j - w, w, '"'})
			break
		}
	}
	return j
}

// fullwidth reports the run of full-width ASCII at src[i], and repairs it.
func (t *typist) fullwidth(i int) int {
	t.comma = Pos{}
	start, at := i, t.at()
	var half []byte
	for i < len(t.src) {
		c, w := utf8.DecodeRune(t.src[i:])
		if c < 0xFF01 || c > 0xFF5E || c == '＂' || c == '＇' || c == '＃' {
			break
		}
		half = append(half, byte(c-fullwidthOffset))
		t.fixes = append(t.fixes, fix{i, w, c - fullwidthOffset})
		i += w
		t.col++
	}
	t.report(at, "typing.fullwidth", string(t.src[start:i]), string(half))
	return i
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
// a message that starts with prefix and ends with suffix gets key, and
// what lies between is what the decoder found. (No regexp: it would add
// tens of kilobytes to the visitor's app.wasm.)
var decoderMessages = []struct {
	prefix, suffix, key string
	exact               bool // the whole message, nothing between
}{
	{"expected '.' or '=', but got ", " instead", "syntax.expected-equals", false},
	{"expected value but found ", " instead", "syntax.expected-value", false},
	{"unexpected EOF; expected value", "", "syntax.eof-value", true},
	{"strings cannot contain newlines", "", "syntax.string-open", true},
	{`unexpected EOF; expected '"'`, "", "syntax.string-open", true},
	{`unexpected EOF; expected "'"`, "", "syntax.string-open", true},
	{"expected a comma (',') or array terminator (']'), but got ", "", "syntax.array-comma", false},
	{"expected a comma or an inline table terminator '}', but got ", " instead", "syntax.table-comma", false},
	{"expected a top-level item to end with a newline, comment, or EOF, but got ", " instead", "syntax.line-end", false},
	{"Key '", "' has already been defined.", "syntax.key-twice", false},
	{"invalid escape in string '", "'", "syntax.escape", false},
	{"invalid escape: '", "'", "syntax.escape", false},
	{"unexpected '='", "", "syntax.no-key", false},
	{"TOML files cannot contain control characters", "", "syntax.control", false},
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
	key, arg := "syntax.other", any(nil)
	for _, d := range decoderMessages {
		msg := pe.Message
		if !strings.HasPrefix(msg, d.prefix) || !strings.HasSuffix(msg, d.suffix) || len(msg) < len(d.prefix)+len(d.suffix) || d.exact && msg != d.prefix {
			continue
		}
		key = d.key
		between := msg[len(d.prefix) : len(msg)-len(d.suffix)]
		switch key {
		case "syntax.expected-equals", "syntax.expected-value", "syntax.array-comma", "syntax.table-comma", "syntax.line-end":
			arg = found(between)
		case "syntax.key-twice":
			arg = between
		case "syntax.escape":
			arg = clip(between, 10)
			if between == "\\\x00" || between == "\\" { // a \ that ends the file
				key, arg = "syntax.string-open", nil
			}
		}
		break
	}
	if key == "syntax.other" {
		text := clip(pe.Message, maxDecoderMsg)
		if pe.Usage != "" {
			text += " (" + firstLine(pe.Usage) + ")"
		}
		arg = text
	}
	if arg == nil {
		return newError(file, at, "", key, hint)
	}
	return newError(file, at, "", key, arg, hint)
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
