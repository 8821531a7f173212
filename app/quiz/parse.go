package quiz

import (
	_ "embed"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Limits that keep a hostile or runaway file from hurting the visitor's
// browser or the server (more in input.go, on the source itself).
const (
	maxText      = 4000 // bytes in one text
	maxItems     = 50   // entries in a list of texts or conditions
	maxQuestions = 100
	maxOptions   = 20
	maxOutcomes  = 20
	maxDims      = 20
	maxEntries   = 50 // bands, sections, benefits, concerns, certifications, sources
	maxGolden    = 200
	maxWeight    = 10
)

//go:embed ui_defaults.toml
var uiDefaultsTOML string

// uiDefaults are the built-in UI strings; uiKeys lists their keys.
var uiDefaults, uiKeys = func() (map[string]Text, []string) {
	var raw map[string]map[string]string
	if _, err := toml.Decode(uiDefaultsTOML, &raw); err != nil {
		panic("quiz: ui_defaults.toml: " + err.Error()) // a build defect, caught by every test
	}
	out := make(map[string]Text, len(raw))
	for k, v := range raw {
		out[k] = Text(v)
	}
	return out, slices.Sorted(maps.Keys(out))
}()

// DefaultUI returns the built-in UI strings, for screens shown before any
// quiz is loaded (loading, or a quiz file that cannot be read).
func DefaultUI() map[string]Text { return uiDefaults }

// Parse decodes and checks a quiz file. file names it in error positions.
// On any problem it returns a nil quiz and an ErrorList with every problem.
func Parse(file string, src []byte) (*Quiz, error) { return parse(file, src, Options{}, nil, nil) }

// Options tell ParseWith what the file alone does not.
type Options struct {
	// Web is the site's web directory, whose files are served under
	// /web/. When set, a [theme] logo must name a file in it.
	Web fs.FS
	// WebName names that directory in a problem, e.g. "web".
	WebName string
}

// ParseWith is Parse with options.
func ParseWith(file string, src []byte, opt Options) (*Quiz, error) {
	return parse(file, src, opt, nil, nil)
}

// ParseForAnalysis is ParseWith for the outcome analysis: when the only
// problems are about results (a golden case that gives another result, an
// outcome that never wins), it returns the quiz as well as the ErrorList
// of those problems, so that the analysis can run and both be reported.
// On any other problem the quiz is nil, as with Parse.
func ParseForAnalysis(file string, src []byte, opt Options) (*Quiz, error) {
	var whole *Quiz
	q, err := parse(file, src, opt, nil, &whole)
	if err != nil {
		return whole, err
	}
	return q, nil
}

// parse is ParseWith; seen, when set, is told every table's path and the
// keys the reader asked it for (the tests hold those equal to FormatSpec).
// When every problem is about results, *whole (when whole is set) gets the
// quiz.
func parse(file string, src []byte, opt Options, seen func(path string, asked []string), whole **Quiz) (*Quiz, error) {
	if e := checkSource(file, src); e != nil {
		return nil, ErrorList{e}
	}
	// Typing mistakes are reported all at once, and the rest of the file
	// checked as if they were fixed (typing.go).
	typed, fixed, info := typingMistakes(file, src)
	r := &reader{file: file, seen: seen, web: opt.Web, webDir: opt.WebName}
	typed.sort()
	r.add(typed...)
	if info.more > 0 {
		r.more += info.more - 1
		r.count(info.moreAt)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(fixed), &raw); err != nil {
		skip := map[int]bool{} // lines whose repair may have failed
		for _, e := range typed {
			if e.Key == "typing.curly-quotes" {
				skip[e.Pos.Line] = true
			}
		}
		r.add(syntaxErrors(file, fixed, err, info, skip)...)
		return nil, r.problems()
	}
	pos, twice := scanSource(fixed)
	if twice != nil {
		twice.File = file
		r.add(twice)
		return nil, r.problems()
	}
	if e := notAQuiz(file, raw, pos); e != nil {
		r.add(e)
		return nil, r.problems()
	}
	r.pos = pos
	q := r.quiz(r.table("", raw))
	q.Hash = q.contentHash() // hash.go
	q.Digest = sourceDigest(src)
	q.match = newMatcher(q) // match.go
	if len(r.errs) == 0 {
		r.checkReachable(q)
		r.checkGolden(q)
		if whole != nil {
			*whole = q
		}
	}
	if len(r.errs) > 0 {
		return nil, r.problems()
	}
	return q, nil
}

// problems is every problem found, sorted, and past maxErrors of them a
// last one saying how many more there are and where the first of those is.
func (r *reader) problems() ErrorList {
	r.errs.sort()
	if r.more > 0 {
		key, args := "more-problems", []any{r.more, maxErrors}
		if r.more == 1 {
			key, args = "more-problems-one", []any{maxErrors}
		}
		r.errs = append(r.errs, newError(r.file, r.moreAt, "", key, args...))
	}
	return r.errs
}

// notAQuiz is one problem for a file that has none of a quiz's required
// tables (an empty file, another program's TOML), in place of a list of
// every key it lacks and every key it has: nil for anything else.
func notAQuiz(file string, raw map[string]any, pos positions) *Error {
	for _, k := range []string{"quiz", "outcomes", "questions"} {
		if _, ok := raw[k]; ok {
			return nil
		}
	}
	if len(raw) == 0 {
		return newError(file, Pos{1, 1}, "", "quiz.empty-file")
	}
	at := Pos{} // the first key's
	for k := range raw {
		p := pos[join("", k)]
		if !at.IsValid() || p.IsValid() && (p.Line < at.Line || p.Line == at.Line && p.Col < at.Col) {
			at = p
		}
	}
	if !at.IsValid() {
		at = Pos{1, 1}
	}
	return newError(file, at, "", "quiz.not-a-quiz")
}

// quiz reads the whole document. Tables are read in an order where every
// reference points to something already read.
func (r *reader) quiz(doc *table) *Quiz {
	q := &Quiz{dimIndex: map[string]int{}, outIndex: map[string]int{}, qIndex: map[string]int{}}
	v, _, _ := doc.get("quiz")
	meta := r.table("quiz", v)
	if meta.m == nil {
		r.errorf("quiz", "quiz.missing")
		q.Locales = []string{"ja"}
		r.locales = q.Locales
	} else {
		r.meta(q, meta)
	}
	r.ui(q, doc)

	for i, t := range doc.tables("dimensions", maxDims) {
		d := &Dimension{ID: t.id("id", true), Name: t.text("name", true), Description: t.text("description", false)}
		t.done()
		r.uniqueID(t, d.ID, q.dimIndex, nil, "dimension")
		if _, dup := q.dimIndex[d.ID]; !dup {
			q.dimIndex[d.ID] = i
		}
		q.Dimensions = append(q.Dimensions, d)
	}

	sources := map[string]*Source{}
	sourceIDs := firstUse{}
	for _, t := range doc.tables("sources", maxEntries) {
		s := &Source{ID: t.id("id", true), Title: t.text("title", true), Publisher: t.text("publisher", false), URL: t.url("url", false), Date: t.str("date", false)}
		t.done()
		if r.unique(sourceIDs, t, s.ID, "source") {
			sources[s.ID] = s
		}
		q.Sources = append(q.Sources, s)
	}
	source := func(t *table) *Source {
		id := t.id("source", false)
		if id == "" {
			return nil
		}
		if s, ok := sources[id]; ok {
			return s
		}
		r.unknownRef(join(t.path, "source"), "source", id, slices.Sorted(maps.Keys(sources)))
		return nil
	}

	outs := doc.tables("outcomes", maxOutcomes)
	for i, t := range outs {
		o := &Outcome{
			ID: t.id("id", true), Profile: r.profile(q, t), Title: t.text("title", true), Summary: t.text("summary", true),
			Why: t.text("why", true), WhyMiddle: t.text("why_middle", false), WhyLow: t.text("why_low", false),
			Skills: t.texts("skills", false), NextSteps: t.texts("next_steps", false),
			Source: source(t),
		}
		t.done()
		r.uniqueID(t, o.ID, q.outIndex, q.dimIndex, "outcome")
		if _, dup := q.outIndex[o.ID]; !dup {
			q.outIndex[o.ID] = i
		}
		q.Outcomes = append(q.Outcomes, o)
	}
	if len(outs) < 2 && doc.m != nil {
		r.errorf("outcomes", "outcomes.too-few", len(outs))
	}

	r.checkProfiles(q, outs)
	r.fit(q, doc)
	r.match(q, doc)
	r.levels(q, doc)
	r.bands(q, doc)

	sections := map[string]*Section{}
	sectionIDs := firstUse{}
	for _, t := range doc.tables("sections", maxEntries) {
		s := &Section{ID: t.id("id", true), Title: t.text("title", true)}
		t.done()
		if r.unique(sectionIDs, t, s.ID, "section") {
			sections[s.ID] = s
		}
		q.Sections = append(q.Sections, s)
	}

	qs := doc.tables("questions", maxQuestions)
	for _, t := range qs {
		id, _ := t.m["id"].(string)
		r.questionIDs = append(r.questionIDs, id)
	}
	for i, t := range qs {
		q.Questions = append(q.Questions, r.question(q, t, i, sections))
	}
	if len(qs) == 0 && doc.m != nil {
		r.errorf("questions", "questions.none")
	}

	q.Benefits = r.notes(q, doc, "benefits", source)
	q.Concerns = r.notes(q, doc, "concerns", source)
	certs := firstUse{}
	for _, t := range doc.tables("certifications", maxEntries) {
		c := &Certification{
			ID: t.id("id", true), Name: t.text("name", true), Issuer: t.text("issuer", false),
			Prerequisites: t.text("prerequisites", false), Text: t.text("text", false), URL: t.url("url", false),
			RecommendIf: r.conditions(q, t, "recommend_if", -1), OnlyIf: r.conditions(q, t, "only_if", -1),
		}
		t.done()
		r.unique(certs, t, c.ID, "certification")
		q.Certifications = append(q.Certifications, c)
	}

	if v, _, ok := doc.get("cta"); ok {
		t := r.table("cta", v)
		q.CTA = CTA{Label: t.text("label", true), Text: t.text("text", false), URL: t.url("url", true)}
		t.done()
	}
	q.Theme = r.theme(doc) // theme.go

	for _, t := range doc.tables("golden", maxGolden) {
		q.Golden = append(q.Golden, r.golden(q, t))
	}
	doc.done()
	return q
}

func (r *reader) meta(q *Quiz, t *table) {
	// Locales come first: every text depends on them.
	locs, path, ok := t.strs("locales")
	switch {
	case !ok && t.m != nil:
		if _, _, present := t.get("locales"); !present {
			r.errorf(path, "locales.missing")
		}
	case ok && len(locs) == 0:
		r.errorf(path, "locales.empty")
	}
	for i, l := range locs {
		switch {
		case !validLocale(l):
			r.errorf(index(path, i), "locales.invalid", l)
		case slices.Contains(q.Locales, l):
			r.errorf(index(path, i), "locales.twice", l)
		default:
			q.Locales = append(q.Locales, l)
		}
	}
	if len(q.Locales) == 0 {
		q.Locales = []string{"ja"}
	}
	r.locales = q.Locales

	q.ID = t.id("id", true)
	q.Version = t.str("version", false)
	if q.Version == "" {
		q.Version = "1"
	}
	q.Title = t.text("title", true)
	q.Intro = t.text("intro", true)
	q.Minutes = t.integer("minutes", false, 0, 1, 60)
	q.Privacy = t.text("privacy", false)
	q.Disclaimer = t.text("disclaimer", false)
	t.done()
}

func validLocale(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, c := range p {
			lower := c >= 'a' && c <= 'z'
			if i == 0 && !lower || !(lower || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// ui merges the quiz's [ui] strings over the defaults and checks that every
// declared locale has every string.
func (r *reader) ui(q *Quiz, doc *table) {
	q.UI = make(map[string]Text, len(uiDefaults))
	for k, v := range uiDefaults {
		t := Text{}
		for _, loc := range q.Locales {
			if s, ok := v[loc]; ok {
				t[loc] = s
			}
		}
		q.UI[k] = t
	}
	v, _, ok := doc.get("ui")
	t := r.table("ui", v)
	if ok {
		for _, k := range uiKeys {
			if !t.has(k) {
				continue
			}
			m, isMap := t.m[k].(map[string]any)
			if !isMap {
				q.UI[k] = r.textValue(join("ui", k), t.m[k])
				continue
			}
			// A partial override keeps the defaults for other languages.
			merged := map[string]any{}
			for loc, s := range q.UI[k] {
				merged[loc] = s
			}
			for loc, s := range m {
				merged[loc] = s
			}
			q.UI[k] = r.textValue(join("ui", k), merged)
		}
		t.done()
	}
	for _, loc := range q.Locales {
		var missing []string
		for _, k := range uiKeys {
			if q.UI[k][loc] == "" {
				missing = append(missing, k)
			}
		}
		if !ok && len(missing) == len(uiKeys) {
			// One problem, where the language is declared, not one a key.
			r.errorf("quiz.locales", "ui.no-defaults", loc, len(uiKeys), loc)
			continue
		}
		for _, k := range missing {
			r.errorf(join("ui", k), "ui.missing-translation", loc)
		}
	}
}

// uniqueID reports a dimension or outcome id used before, by its own kind
// (seen) or, for an outcome, by a dimension (other).
func (r *reader) uniqueID(t *table, id string, seen, other map[string]int, what string) {
	if id == "" {
		return
	}
	if i, dup := seen[id]; dup {
		r.errorf(join(t.path, "id"), "id.duplicate", noun(what), id, r.usedAt(join(index(what+"s", i), "id")), noun(what))
	}
	if i, dup := other[id]; dup {
		r.errorf(join(t.path, "id"), "id.outcome-is-dimension", noun(what), id, r.usedAt(join(index("dimensions", i), "id")))
	}
}

// firstUse maps an id to the path of the key that first defined it.
type firstUse map[string]string

// unique records the id of table t, or reports it as a duplicate with the
// line that defined it first; it reports whether the id was new.
func (r *reader) unique(seen firstUse, t *table, id, what string) bool {
	if id == "" {
		return false
	}
	path := join(t.path, "id")
	if first, dup := seen[id]; dup {
		r.errorf(path, "id.duplicate", noun(what), id, r.usedAt(first), noun(what))
		return false
	}
	seen[id] = path
	return true
}

// usedAt says where path is, for a duplicate's message.
func (r *reader) usedAt(path string) msg {
	if p := r.posOf(path); p.IsValid() {
		return msgOf("used-at", p.Line)
	}
	return msg{}
}

// unknownRef reports a reference to no known id; what is the kind of
// thing it names (a noun of the catalogue: "outcome").
func (r *reader) unknownRef(path, what, id string, known []string) {
	switch s, known := suggest(id, known), dedupe(known); {
	case s != "":
		r.errorf(path, "ref.unknown-suggest", noun(what), id, s)
	case len(known) > 0 && len(known) <= 12:
		r.errorf(path, "ref.unknown-known", noun(what), id, strings.Join(known, ", "))
	default:
		r.errorf(path, "ref.unknown", noun(what), id)
	}
}

func (r *reader) fit(q *Quiz, doc *table) {
	v, _, ok := doc.get("fit")
	q.Fit = map[string]int{}
	if !ok {
		for _, d := range q.Dimensions {
			q.Fit[d.ID] = 1
		}
		return
	}
	t := r.table("fit", v)
	wv, path, ok := t.get("weights")
	if !ok {
		t.missing(path, "weights = { "+firstOr(dimIDs(q), "dimension")+" = 1 }")
	}
	total, _ := r.dimWeights(q, path, wv, q.Fit) // match.go
	t.done()
	if ok && total == 0 && len(q.Dimensions) > 0 {
		r.errorf(path, "fit.zero")
	}
}

func dimIDs(q *Quiz) []string {
	var ids []string
	for _, d := range q.Dimensions {
		if d.ID != "" {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

func outIDs(q *Quiz) []string {
	var ids []string
	for _, o := range q.Outcomes {
		if o.ID != "" {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

func (r *reader) bands(q *Quiz, doc *table) {
	ids := firstUse{}
	for i, t := range doc.tables("bands", maxEntries) {
		b := &Band{ID: t.id("id", true), Min: t.integer("min", true, -1, 0, 100), Title: t.text("title", true), Text: t.text("text", false)}
		t.done()
		if b.Min < 0 { // already reported; keep the order checks quiet
			b.Min = 0
			if i > 0 {
				b.Min = q.Bands[i-1].Min + 1
			}
			q.Bands = append(q.Bands, b)
			continue
		}
		r.unique(ids, t, b.ID, "band")
		switch {
		case i == 0 && b.Min != 0:
			r.errorf(join(t.path, "min"), "bands.first-min", b.Min)
		case i > 0 && b.Min <= q.Bands[i-1].Min:
			r.errorf(join(t.path, "min"), "bands.order", b.Min, q.Bands[i-1].Min)
		}
		q.Bands = append(q.Bands, b)
	}
	if len(q.Bands) > 0 && len(q.Dimensions) == 0 {
		r.errorf("bands", "bands.no-dimensions")
	}
}

func (r *reader) question(q *Quiz, t *table, i int, sections map[string]*Section) *Question {
	qu := &Question{ID: t.id("id", true), index: i}
	if qu.ID != "" {
		if first, dup := q.qIndex[qu.ID]; dup {
			r.errorf(join(t.path, "id"), "question.duplicate", qu.ID, r.usedAt(join(index("questions", first), "id")))
		} else {
			q.qIndex[qu.ID] = i
		}
	}
	if id := t.id("section", false); id != "" {
		if s, ok := sections[id]; ok {
			qu.Section = s
		} else {
			r.unknownRef(join(t.path, "section"), "section", id, slices.Sorted(maps.Keys(sections)))
		}
	}
	// Without a valid kind, read the rest as the kind its keys suggest
	// (adds without options: scale; max: multi; else single), so one typo
	// does not cascade into errors about its options.
	_, hasOptions := t.m["options"]
	_, hasAdds := t.m["adds"]
	_, hasMax := t.m["max"]
	guess := Single
	switch {
	case hasAdds && !hasOptions:
		guess = Scale
	case hasMax:
		guess = Multi
	}
	kind := t.strAs("kind", true, msgOf("how.kind", string(guess)))
	switch Kind(kind) {
	case Single, Multi, Scale:
		qu.Kind = Kind(kind)
	default:
		qu.Kind = guess
		if kind == "" {
			break
		}
		if s := suggest(kind, []string{"single", "multi", "scale"}); s != "" {
			r.errorf(join(t.path, "kind"), "kind.unknown-suggest", kind, s)
		} else {
			r.errorf(join(t.path, "kind"), "kind.unknown", kind)
		}
	}
	qu.Text = t.text("text", true)
	qu.Help = t.text("help", false)
	qu.ShowIf = r.conditions(q, t, "show_if", i)

	if qu.Kind == Scale {
		qu.Adds = r.weights(q, t, "adds", true)
		for _, k := range []string{"options", "max"} {
			if _, path, ok := t.get(k); ok {
				r.errorf(path, "scale.no-key", k)
			}
		}
	} else {
		if _, path, ok := t.get("adds"); ok {
			r.errorf(path, "adds.only-scale")
		}
		opts := t.tables("options", maxOptions)
		if len(opts) < 2 {
			r.errorf(join(t.path, "options"), "options.too-few", noun(string(qu.Kind)), len(opts))
		}
		seen := firstUse{}
		for _, ot := range opts {
			o := &Option{ID: ot.id("id", true), Label: ot.text("label", true), Adds: r.weights(q, ot, "adds", false), Exclusive: r.exclusive(qu, ot)}
			ot.done()
			if first, dup := seen[o.ID]; dup && o.ID != "" {
				r.errorf(join(ot.path, "id"), "option.duplicate", o.ID, qu.ID, r.usedAt(first))
			} else if o.ID != "" {
				seen[o.ID] = join(ot.path, "id")
			}
			qu.Options = append(qu.Options, o)
		}
		if qu.Kind == Multi {
			qu.Max = t.integer("max", false, 0, 1, maxOptions)
			if qu.Max > len(opts) && len(opts) > 0 {
				r.errorf(join(t.path, "max"), "max.too-big", qu.Max, len(opts))
			}
		} else if _, path, ok := t.get("max"); ok {
			r.errorf(path, "max.only-multi")
		}
	}
	t.done()
	return qu
}

// weights reads an adds table: dimension or outcome id → points.
func (r *reader) weights(q *Quiz, t *table, key string, required bool) map[string]int {
	example := firstOr(append(dimIDs(q), outIDs(q)...), "dimension")
	v, path, ok := t.get(key)
	if !ok {
		if required {
			t.missing(path, msgOf("how.scale-adds", key, example))
		}
		return nil
	}
	if _, isTable := v.(map[string]any); !isTable {
		r.errorf(path, "adds.want-table", example, typeName(v))
		return nil
	}
	w := r.table(path, v)
	out := map[string]int{}
	for _, k := range slices.Sorted(maps.Keys(w.m)) {
		p := join(path, k)
		_, isDim := q.dimIndex[k]
		_, isOut := q.outIndex[k]
		if !isDim && !isOut {
			r.unknownRef(p, "dimension or outcome", k, append(dimIDs(q), outIDs(q)...))
			continue
		}
		out[k] = r.intValue(p, w.m[k], 0, -maxWeight, maxWeight)
	}
	return out
}

// conditions reads a list of conditions. before ≥ 0 restricts them to
// question conditions on questions before that index (a question's show_if).
func (r *reader) conditions(q *Quiz, t *table, key string, before int) []Condition {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	var items []any
	switch v := v.(type) {
	case map[string]any: // a single condition written without [ ]
		items = []any{v}
	case []any:
		items = v
	case []map[string]any:
		for _, m := range v {
			items = append(items, m)
		}
	default:
		r.errorf(path, "cond.want-list", typeName(v))
		return nil
	}
	if len(items) > maxItems {
		r.errorf(path, "cond.too-many", len(items), maxItems)
		return nil
	}
	var out []Condition
	for i, it := range items {
		p := index(path, i)
		if _, isMap := v.(map[string]any); isMap {
			p = path
		}
		ct := r.table(p, it)
		if ct.m == nil {
			continue
		}
		if c, ok := r.condition(q, ct, before); ok {
			out = append(out, c)
		}
		ct.done()
	}
	return out
}

func (r *reader) condition(q *Quiz, t *table, before int) (Condition, bool) {
	var c Condition
	forms := 0
	for _, k := range []string{"question", "dimension", "outcome", "band"} {
		if _, ok := t.m[k]; ok {
			forms++
		}
	}
	if forms != 1 {
		r.errorf(t.path, "cond.forms", forms)
		t.asked = append(t.asked, "question", "any", "dimension", "min", "outcome", "band")
		return c, false
	}
	if before >= 0 && !t.has("question") {
		r.errorf(t.path, "cond.show-if-question")
		t.asked = append(t.asked, "dimension", "min", "outcome", "band")
		return c, false
	}
	switch {
	case t.has("question"):
		c.Question = t.id("question", true)
		anyOf, anyPath, ok := t.strs("any")
		if !ok {
			if _, _, present := t.get("any"); !present {
				r.errorf(anyPath, "cond.any-missing")
			}
			return c, false
		}
		if len(anyOf) == 0 {
			r.errorf(anyPath, "cond.any-empty")
			return c, false
		}
		c.Any = anyOf
		idx, found := q.qIndex[c.Question]
		if c.Question == "" {
			return c, false
		}
		if !found || (before >= 0 && idx >= before) {
			if before >= 0 && before < len(r.questionIDs) && r.questionIDs[before] == c.Question {
				r.errorf(join(t.path, "question"), "cond.self", c.Question)
				return c, false
			}
			if before >= 0 && r.laterQuestion(c.Question, before) {
				r.errorf(join(t.path, "question"), "cond.later", c.Question)
				return c, false
			}
			known := make([]string, 0, len(q.Questions))
			for _, qq := range q.Questions {
				known = append(known, qq.ID)
			}
			r.unknownRef(join(t.path, "question"), "question", c.Question, known)
			return c, false
		}
		target := q.Questions[idx]
		for i, a := range anyOf {
			if !target.hasAnswer(a) {
				r.errorf(index(anyPath, i), "cond.no-answer", target.ID, a, target.answerList())
			}
		}
	case t.has("dimension"):
		c.Dimension = t.id("dimension", true)
		c.Min = t.integer("min", true, 0, 0, 100)
		if _, ok := q.dimIndex[c.Dimension]; !ok && c.Dimension != "" {
			r.unknownRef(join(t.path, "dimension"), "dimension", c.Dimension, dimIDs(q))
		} else if ok && !q.measures(c.Dimension) {
			r.errorf(join(t.path, "dimension"), "cond.unmeasured", c.Dimension, c.Dimension)
		}
	case t.has("outcome"):
		c.Outcome = t.id("outcome", true)
		if _, ok := q.outIndex[c.Outcome]; !ok && c.Outcome != "" {
			r.unknownRef(join(t.path, "outcome"), "outcome", c.Outcome, outIDs(q))
		}
	case t.has("band"):
		c.Band = t.id("band", true)
		found := false
		var ids []string
		for _, b := range q.Bands {
			found = found || b.ID == c.Band
			ids = append(ids, b.ID)
		}
		if !found && c.Band != "" {
			r.unknownRef(join(t.path, "band"), "band", c.Band, ids)
		}
	}
	return c, true
}

// laterQuestion reports whether id names a question defined at or after
// index before (so the message can say "later" rather than "unknown").
func (r *reader) laterQuestion(id string, before int) bool {
	for i := before; i < len(r.questionIDs); i++ {
		if r.questionIDs[i] == id {
			return true
		}
	}
	return false
}

func (qu *Question) hasAnswer(a string) bool {
	if qu.Kind == Scale {
		n, err := strconv.Atoi(a)
		return err == nil && n >= 1 && n <= ScalePoints && strconv.Itoa(n) == a
	}
	for _, o := range qu.Options {
		if o.ID == a {
			return true
		}
	}
	return false
}

func (qu *Question) answerList() msg {
	if qu.Kind == Scale {
		return msgOf("answers.scale")
	}
	ids := make([]string, len(qu.Options))
	for i, o := range qu.Options {
		ids[i] = o.ID
	}
	return msgOf("answers.options", strings.Join(ids, ", "))
}

func (r *reader) notes(q *Quiz, doc *table, key string, source func(*table) *Source) []*Note {
	var out []*Note
	ids := firstUse{}
	for _, t := range doc.tables(key, maxEntries) {
		n := &Note{ID: t.id("id", true), Title: t.text("title", true), Text: t.text("text", true), Source: source(t),
			ShowIf: r.conditions(q, t, "show_if", -1), OnlyIf: r.conditions(q, t, "only_if", -1)}
		t.done()
		r.unique(ids, t, n.ID, strings.TrimSuffix(key, "s"))
		out = append(out, n)
	}
	return out
}

func (r *reader) golden(q *Quiz, t *table) *Golden {
	g := &Golden{Name: t.str("name", true), Answers: Answers{}, Pos: r.posOf(t.path)}
	g.ExpectPath = t.id("expect_path", true)
	if _, ok := q.outIndex[g.ExpectPath]; !ok && g.ExpectPath != "" {
		r.unknownRef(join(t.path, "expect_path"), "outcome", g.ExpectPath, outIDs(q))
	}
	g.ExpectBand = t.id("expect_band", false)
	if g.ExpectBand != "" {
		var ids []string
		for _, b := range q.Bands {
			ids = append(ids, b.ID)
		}
		if !slices.Contains(ids, g.ExpectBand) {
			r.unknownRef(join(t.path, "expect_band"), "band", g.ExpectBand, ids)
		}
	}
	v, path, ok := t.get("answers")
	if !ok {
		ex := "question"
		if len(q.Questions) > 0 {
			ex = q.Questions[0].ID
		}
		t.missing(path, msgOf("how.golden-answers", ex))
	}
	at := r.table(path, v)
	for _, id := range slices.Sorted(maps.Keys(at.m)) {
		at.asked = append(at.asked, id)
		p := join(path, id)
		idx, found := q.qIndex[id]
		if !found {
			known := make([]string, 0, len(q.Questions))
			for _, qq := range q.Questions {
				known = append(known, qq.ID)
			}
			r.unknownRef(p, "question", id, known)
			continue
		}
		qu := q.Questions[idx]
		if a, ok := r.answer(p, qu, at.m[id]); ok {
			g.Answers[id] = a
		}
	}
	t.done()
	return g
}

// answer reads one golden answer for question qu.
func (r *reader) answer(path string, qu *Question, v any) (Answer, bool) {
	switch qu.Kind {
	case Scale:
		n := r.intValue(path, v, 0, 1, ScalePoints)
		return Answer{Scale: n}, n != 0
	case Single:
		s, ok := v.(string)
		if !ok {
			r.errorf(path, "golden.single-want-string", qu.ID, typeName(v))
			return Answer{}, false
		}
		if !qu.hasAnswer(s) {
			r.errorf(path, "golden.no-option", qu.ID, s, qu.answerList())
			return Answer{}, false
		}
		return Answer{Choices: []string{s}}, true
	case Multi:
		arr, ok := v.([]any)
		if !ok {
			r.errorf(path, "golden.multi-want-list", qu.ID, typeName(v))
			return Answer{}, false
		}
		var a Answer
		for i, e := range arr {
			s, ok := e.(string)
			switch {
			case !ok:
				r.errorf(index(path, i), "golden.want-option-string", typeName(e))
			case !qu.hasAnswer(s):
				r.errorf(index(path, i), "golden.no-option", qu.ID, s, qu.answerList())
			case slices.Contains(a.Choices, s):
				r.errorf(index(path, i), "golden.chosen-twice", s)
			default:
				a.Choices = append(a.Choices, s)
			}
		}
		if qu.Max > 0 && len(a.Choices) > qu.Max {
			r.errorf(path, "golden.too-many-choices", qu.ID, qu.Max, len(a.Choices))
		}
		if x := qu.clash(a.Choices); x != "" {
			r.errorf(path, "golden.exclusive", qu.ID, x)
		}
		return a, len(a.Choices) > 0
	}
	return Answer{}, false
}

// firstOr returns the first of ids, or def when there is none.
func firstOr(ids []string, def string) string {
	if len(ids) > 0 {
		return ids[0]
	}
	return def
}

// measures reports whether some question's answers can move key's score.
func (q *Quiz) measures(key string) bool {
	for _, qu := range q.Questions {
		if qu.Kind != Scale && len(qu.Options) == 0 {
			continue
		}
		if lo, hi := qu.span(key); hi > lo {
			return true
		}
	}
	return false
}
