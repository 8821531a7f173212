package quiz

import (
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A reader turns the decoder's generic map into checked values, one table
// at a time, collecting every problem with its key path and position.
type reader struct {
	file    string
	pos     positions
	errs    ErrorList
	locales []string
	// questionIDs lists every question's id in file order, read ahead so a
	// condition on a later question can be told from an unknown one.
	questionIDs []string
	seen        func(path string, asked []string) // see parse
	// more counts the problems past maxErrors; moreAt is where the first
	// of them is.
	more   int
	moreAt Pos
	web    fs.FS // Options.Web
	webDir string
}

// errorf records a problem at path, positioned at the path itself or, when
// the scan did not see it (an implicit table), at its nearest parent; a
// problem about a table the file lacks ([quiz], [[questions]]) is at the
// file's start.
// key names the message in the catalogue (messages.go). Past maxErrors
// problems it only counts them, and where the first of them is.
func (r *reader) errorf(path, key string, args ...any) {
	at := r.posOf(path)
	if !at.IsValid() && !r.has(path) {
		at = Pos{1, 1}
	}
	if len(r.errs) >= maxErrors {
		r.count(at)
		return
	}
	r.errs = append(r.errs, newError(r.file, at, path, key, args...))
}

// add records problems found outside the reader, up to maxErrors.
func (r *reader) add(errs ...*Error) {
	for _, e := range errs {
		if len(r.errs) >= maxErrors {
			r.count(e.Pos)
			continue
		}
		r.errs = append(r.errs, e)
	}
}

// count counts a problem past maxErrors, at at.
func (r *reader) count(at Pos) {
	if !r.moreAt.IsValid() || before(at, r.moreAt) {
		r.moreAt = at
	}
	r.more++
}

// before reports whether a comes before b in the file.
func before(a, b Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

func (r *reader) posOf(path string) Pos {
	for p := path; p != ""; p = parentPath(p) {
		if at, ok := r.pos[p]; ok {
			return at
		}
	}
	return Pos{}
}

// has reports whether the file defines the top-level table or key path
// starts with (quiz for quiz.title).
func (r *reader) has(path string) bool {
	root := path
	for p := parentPath(path); p != ""; p = parentPath(p) {
		root = p
	}
	_, ok := r.pos[root]
	return ok
}

// parentPath strips the last key or index of a path.
func parentPath(p string) string {
	i, _ := lastSep(p)
	if i < 0 {
		return ""
	}
	return p[:i]
}

// lastSep returns the index of the last . or [ of path that is not inside
// a quoted key, and of the last such . alone; -1 when there is none.
func lastSep(path string) (sep, dot int) {
	sep, dot = -1, -1
	quoted := false
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '.':
			sep, dot = i, i
		case !quoted && c == '[':
			sep = i
		}
	}
	return sep, dot
}

// join appends key to path. A key that is not a bare key (letters, digits,
// - and _) is quoted as TOML writes it, so a path is printed as typed and
// tells questions."a.b" from questions.a.b.
func join(path, key string) string {
	if !bareKey(key) {
		key = quoteN(key, -1)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func bareKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return k != ""
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// table is one TOML table being read. Every key asked for is remembered, so
// done can report the keys nobody asked for.
type table struct {
	r     *reader
	path  string
	m     map[string]any
	asked []string
	// missed holds the problems reported for absent required keys, so an
	// unknown key that is a typo of one (txet for text) can replace it.
	missed map[string]*Error
}

// table returns v as a table, reporting a type error when it is not one.
func (r *reader) table(path string, v any) *table {
	m, ok := v.(map[string]any)
	if !ok && v != nil {
		r.errorf(path, "type.want-table", typeName(v))
	}
	return &table{r: r, path: path, m: m}
}

func (t *table) get(key string) (any, string, bool) {
	t.asked = append(t.asked, key)
	v, ok := t.m[key]
	return v, join(t.path, key), ok
}

// has reports whether the key is present (and marks it known).
func (t *table) has(key string) bool {
	_, _, ok := t.get(key)
	return ok
}

// done reports every key of the table that is not part of the format.
func (t *table) done() {
	if t.r.seen != nil {
		t.r.seen(t.path, t.asked)
	}
	var unknown []string
	for k := range t.m {
		if !slices.Contains(t.asked, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		path := join(t.path, k)
		s := suggest(k, t.asked)
		switch e := t.missed[s]; {
		case s == "":
			t.r.errorf(path, "key.unknown", k, strings.Join(dedupe(t.asked), ", "))
		case e != nil:
			// One problem, not two: the typo is why s is missing.
			t.r.drop(e)
			delete(t.missed, s)
			t.r.errorf(path, "key.unknown-required", k, s, s)
		default:
			t.r.errorf(path, "key.unknown-suggest", k, s)
		}
	}
}

// missing reports a required key that is absent, with how to write it
// (a string of TOML, or a msg that explains it).
func (t *table) missing(path string, how any) {
	n := len(t.r.errs)
	t.r.errorf(path, "key.missing", how)
	if len(t.r.errs) > n && strings.HasPrefix(path, t.path) {
		if t.missed == nil {
			t.missed = map[string]*Error{}
		}
		t.missed[lastKey(path)] = t.r.errs[n]
	}
}

// drop removes a problem already reported.
func (r *reader) drop(e *Error) {
	for i, x := range r.errs {
		if x == e {
			r.errs = append(r.errs[:i], r.errs[i+1:]...)
			return
		}
	}
}

// str reads a string.
func (t *table) str(key string, required bool) string { return t.strAs(key, required, key+` = "…"`) }

// strAs reads a string; how says how to write it when it is missing.
func (t *table) strAs(key string, required bool, how any) string {
	v, path, ok := t.get(key)
	if !ok {
		if required {
			t.missing(path, how)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.r.errorf(path, "type.want-string", typeName(v))
		return ""
	}
	if len(s) > maxText {
		t.r.errorf(path, "text.too-long", len(s), maxText)
		return ""
	}
	return s
}

// id reads an id: lowercase letters, digits, - and _, starting with a letter.
func (t *table) id(key string, required bool) string {
	s := t.strAs(key, required, msgOf("how.id", key))
	if s == "" {
		if _, path, ok := t.get(key); ok {
			t.r.errorf(path, "id.empty")
		}
		return ""
	}
	if !validID(s) {
		t.r.errorf(join(t.path, key), "id.invalid", s, "big_picture")
		return ""
	}
	return s
}

func validID(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// integer reads a whole number in [lo, hi].
func (t *table) integer(key string, required bool, def, lo, hi int) int {
	v, path, ok := t.get(key)
	if !ok {
		if required {
			t.missing(path, msgOf("how.integer", key, lo, lo, hi))
		}
		return def
	}
	return t.r.intValue(path, v, def, lo, hi)
}

func (r *reader) intValue(path string, v any, def, lo, hi int) int {
	n, ok := v.(int64)
	if !ok {
		if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			n, ok = int64(f), true
		}
	}
	if !ok {
		if s, isStr := v.(string); isStr {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				r.errorf(path, "int.quoted", s, lastKey(path), n)
				return def
			}
		}
		r.errorf(path, "int.want", typeName(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		r.errorf(path, "int.range", n, lo, hi)
		return def
	}
	return int(n)
}

// url reads an https or mailto URL.
func (t *table) url(key string, required bool) string {
	s := t.strAs(key, required, key+` = "https://…"`)
	if s == "" {
		return ""
	}
	if !validURL(s) {
		t.r.errorf(join(t.path, key), "url.invalid", s)
		return ""
	}
	return s
}

func validURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n\"'<>\\`") {
		return false
	}
	switch {
	case strings.HasPrefix(s, "https://"):
		host := strings.TrimPrefix(s, "https://")
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		return host != "" && !strings.Contains(host, "@")
	case strings.HasPrefix(s, "mailto:"):
		return strings.Contains(s, "@")
	}
	return false
}

// text reads a Text: an inline table with one string per locale (or a plain
// string when the quiz has a single locale).
func (t *table) text(key string, required bool) Text {
	v, path, ok := t.get(key)
	if !ok {
		if required {
			t.missing(path, key+" = "+t.r.textExample())
		}
		return nil
	}
	return t.r.textValue(path, v)
}

func (r *reader) textValue(path string, v any) Text {
	if s, ok := v.(string); ok {
		if len(r.locales) == 1 {
			switch {
			case len(s) > maxText:
				r.errorf(path, "text.too-long", len(s), maxText)
				return nil
			case strings.TrimSpace(s) == "":
				r.errorf(path, "text.empty")
				return nil
			}
			return Text{r.locales[0]: s}
		}
		r.errorf(path, "text.plain", r.localeOr(0), s)
		return nil
	}
	tm, ok := v.(map[string]any)
	if !ok {
		r.errorf(path, "text.want", r.localeOr(0), typeName(v))
		return nil
	}
	out := Text{}
	for _, loc := range slices.Sorted(maps.Keys(tm)) {
		p := join(path, loc)
		if !slices.Contains(r.locales, loc) {
			if s := suggest(loc, r.locales); s != "" {
				r.errorf(p, "lang.unknown-suggest", loc, s)
			} else {
				r.errorf(p, "lang.unknown", loc, strings.Join(r.locales, ", "))
			}
			continue
		}
		s, ok := tm[loc].(string)
		switch {
		case !ok:
			r.errorf(p, "type.want-string", typeName(tm[loc]))
		case len(s) > maxText:
			r.errorf(p, "text.too-long", len(s), maxText)
		case strings.TrimSpace(s) == "":
			r.errorf(p, "text.empty")
		default:
			out[loc] = s
		}
	}
	for _, loc := range r.locales {
		if _, ok := tm[loc]; !ok {
			r.errorf(path, "text.missing-translation", loc, loc)
		}
	}
	return out
}

// textExample shows how a text is written in this quiz.
func (r *reader) textExample() string {
	if len(r.locales) == 1 {
		return `"…"`
	}
	parts := make([]string, len(r.locales))
	for i, l := range r.locales {
		parts[i] = l + ` = "…"`
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// lastKey is the last key of a path (for a message's example).
func lastKey(path string) string {
	_, i := lastSep(path)
	return path[i+1:]
}

func (r *reader) localeOr(i int) string {
	if i < len(r.locales) {
		return r.locales[i]
	}
	return "ja"
}

// texts reads an array of Text.
func (t *table) texts(key string, required bool) []Text {
	v, path, ok := t.get(key)
	if !ok {
		if required {
			t.missing(path, key+" = [ "+t.r.textExample()+" ]")
		}
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.r.errorf(path, "list.want-texts", t.r.textExample(), typeName(v))
		return nil
	}
	if len(arr) > maxItems {
		t.r.errorf(path, "list.too-many", len(arr), maxItems)
		return nil
	}
	var out []Text
	for i, e := range arr {
		if tx := t.r.textValue(index(path, i), e); tx != nil {
			out = append(out, tx)
		}
	}
	if required && len(arr) == 0 {
		t.r.errorf(path, "list.empty")
	}
	return out
}

// strs reads an array of strings.
func (t *table) strs(key string) ([]string, string, bool) {
	v, path, ok := t.get(key)
	if !ok {
		return nil, path, false
	}
	arr, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			t.r.errorf(path, "list.want-strings-got-string", s, key, s)
		} else {
			t.r.errorf(path, "list.want-strings", typeName(v))
		}
		return nil, path, false
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.r.errorf(index(path, i), "type.want-string", typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out, path, true
}

// tables reads an array of tables ([[x]] or x = [ {…}, … ]).
func (t *table) tables(key string, limit int) []*table {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	var elems []map[string]any
	switch arr := v.(type) {
	case []map[string]any:
		elems = arr
	case []any:
		for i, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				t.r.errorf(index(path, i), "type.want-table", typeName(e))
				continue
			}
			elems = append(elems, m)
		}
	default:
		t.r.errorf(path, "list.want-tables", key, typeName(v))
		return nil
	}
	if len(elems) > limit {
		t.r.errorf(path, "list.too-many-entries", len(elems), limit)
		elems = elems[:limit]
	}
	out := make([]*table, len(elems))
	for i, m := range elems {
		out[i] = &table{r: t.r, path: index(path, i), m: m}
	}
	return out
}

// typeName names a decoded TOML value's type the way the format talks.
func typeName(v any) msg {
	switch v := v.(type) {
	case string:
		return msgOf("type.string", quoteN(v, 40))
	case int64, float64:
		return msgOf("type.number", fmt.Sprint(v))
	case bool:
		return msgOf("type.bool", fmt.Sprint(v))
	case map[string]any:
		return msgOf("type.table")
	case []any, []map[string]any:
		return msgOf("type.list")
	case nil:
		return msgOf("type.nothing")
	}
	return msgOf("type.date")
}

// dedupe is list without repeats, in its order.
func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// suggest returns the candidate closest to word: the same word in another
// case, or one within a small edit distance; "" when none is close.
func suggest(word string, candidates []string) string {
	best, bestD := "", 0
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if strings.ToLower(c) == lw {
			return c
		}
		d := editDistance(lw, strings.ToLower(c))
		limit := 2
		if len(c) <= 3 {
			limit = 1
		}
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (adjacent swaps cost 1),
// bounded to short words.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
