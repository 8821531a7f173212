package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"pmoquiz/app/quiz"
)

// The format reference, in English and in Japanese; conditions is the
// heading of its section on conditions.
const (
	reference   = "../../docs/FORMAT.md"
	referenceJa = "../../docs/FORMAT.ja.md"
)

var references = []struct{ file, conditions string }{
	{reference, "Conditions"},
	{referenceJa, "条件"},
}

// docSections splits a reference at its ### headings: heading → body.
func docSections(t *testing.T, reference string) (map[string]string, string) {
	t.Helper()
	b, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	sections := map[string]string{}
	parts := regexp.MustCompile(`(?m)^### (.*)$`).FindAllStringSubmatchIndex(doc, -1)
	for i, p := range parts {
		end := len(doc)
		if i+1 < len(parts) {
			end = parts[i+1][0]
		}
		// A section ends at the next heading of any level.
		body := doc[p[1]:end]
		if j := regexp.MustCompile(`(?m)^#{1,2} `).FindStringIndex(body); j != nil {
			body = body[:j[0]]
		}
		sections[doc[p[2]:p[3]]] = body
	}
	return sections, doc
}

// rowKeys are the keys a section's tables document: the backticked word
// that starts each row.
func rowKeys(body string) []string {
	var keys []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(body, -1) {
		keys = append(keys, m[1])
	}
	return keys
}

// TestReferenceMatchesSpec: docs/FORMAT.md and docs/FORMAT.ja.md document
// every table and key of the format, and no key the format does not have.
func TestReferenceMatchesSpec(t *testing.T) {
	for _, ref := range references {
		t.Run(ref.file, func(t *testing.T) { referenceMatchesSpec(t, ref.file, ref.conditions) })
	}
}

func referenceMatchesSpec(t *testing.T, reference, conditions string) {
	sections, doc := docSections(t, reference)
	spec := quiz.FormatSpec()
	documented := map[string][]quiz.Table{} // heading → the tables it documents
	for _, tb := range spec {
		if tb.Name == "" {
			continue // the document: its keys are the tables' headings
		}
		found := false
		for heading := range sections {
			if strings.Contains(heading, "`"+tb.Header+"`") || tb.Forms != nil && heading == conditions {
				documented[heading] = append(documented[heading], tb)
				found = true
			}
		}
		if !found {
			t.Errorf("%s documents no %s: add a section \"### `%s`\"", reference, tb.Header, tb.Header)
		}
	}
	for heading, tables := range documented {
		want := map[string]bool{}
		for _, tb := range tables {
			for _, k := range tb.Keys {
				want[k.Name] = true
			}
		}
		got := rowKeys(sections[heading])
		for k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("%s, section %q: key %q is missing from its table", reference, heading, k)
			}
		}
		for _, k := range got {
			if !want[k] {
				t.Errorf("%s, section %q documents key %q, which the format does not have", reference, heading, k)
			}
		}
	}

	// Every table named anywhere in the text is one of the format's.
	headers := map[string]bool{}
	for _, tb := range spec {
		headers[tb.Header] = true
	}
	for _, m := range regexp.MustCompile("`(\\[\\[?[a-z_.]+\\]\\]?)`").FindAllStringSubmatch(doc, -1) {
		if !headers[m[1]] {
			t.Errorf("%s mentions table %s, which the format does not have", reference, m[1])
		}
	}
}

// TestReferenceExamples: every TOML example of the references uses only
// keys of the format, where the format puts them.
func TestReferenceExamples(t *testing.T) {
	for _, ref := range references {
		t.Run(ref.file, func(t *testing.T) { referenceExamples(t, ref.file) })
	}
}

func referenceExamples(t *testing.T, reference string) {
	_, doc := docSections(t, reference)
	tables := map[string]quiz.Table{}
	for _, tb := range quiz.FormatSpec() {
		tables[tb.Name] = tb
	}
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(doc, -1)
	if len(blocks) < 3 {
		t.Fatalf("%s has %d TOML examples; want the how-to examples at least", reference, len(blocks))
	}
	for _, b := range blocks {
		var v map[string]any
		if _, err := toml.Decode(b[1], &v); err != nil {
			t.Errorf("%s: a TOML example does not parse: %v\n%s", reference, err, b[1])
			continue
		}
		checkKeys(t, reference, tables, tables[""], "", v)
	}
}

// checkKeys walks a decoded example against the spec table tb.
func checkKeys(t *testing.T, reference string, tables map[string]quiz.Table, tb quiz.Table, path string, v map[string]any) {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := slices.IndexFunc(tb.Keys, func(s quiz.Key) bool { return s.Name == k })
		if i < 0 {
			t.Errorf("%s: an example uses %s%s, which %s does not have", reference, path, k, tb.Header)
			continue
		}
		key := tb.Keys[i]
		sub := tables[key.Table]
		switch val := v[k].(type) {
		case map[string]any:
			if key.Type == quiz.TypeTable || key.Type == quiz.TypeConditions {
				checkKeys(t, reference, tables, sub, path+k+".", val)
			}
		case []map[string]any:
			for _, e := range val {
				checkKeys(t, reference, tables, sub, path+k+".", e)
			}
		case []any:
			if key.Type != quiz.TypeTables && key.Type != quiz.TypeConditions {
				continue
			}
			for _, e := range val {
				if m, ok := e.(map[string]any); ok {
					checkKeys(t, reference, tables, sub, path+k+".", m)
				}
			}
		}
	}
}

// TestReadmeLinksReference: the README sends recruiters to the reference.
func TestReadmeLinksReference(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "(docs/FORMAT.md)") {
		t.Error("README.md does not link docs/FORMAT.md")
	}
}

// TestReferencesLinkEachOther: the English and the Japanese reference
// link to each other.
func TestReferencesLinkEachOther(t *testing.T) {
	for file, link := range map[string]string{reference: "(FORMAT.ja.md)", referenceJa: "(FORMAT.md)"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), link) {
			t.Errorf("%s does not link %s", file, link)
		}
	}
}

// uiDefaults reads the built-in [ui] texts in the order the file lists
// them: key → {ja, en}.
func uiDefaults(t *testing.T) (keys []string, texts map[string]map[string]string) {
	t.Helper()
	md, err := toml.DecodeFile("../../app/quiz/ui_defaults.toml", &texts)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Keys() {
		if len(k) == 1 {
			keys = append(keys, k[0])
		}
	}
	return keys, texts
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestUITemplate: the references show the built-in [ui] texts as
// app/quiz/ui_defaults.toml has them: a table of both languages in the
// Japanese one, and in both the template for adding a language (here
// ko). Run with -update to rewrite them after changing ui_defaults.toml.
func TestUITemplate(t *testing.T) {
	keys, texts := uiDefaults(t)
	var tmpl, table strings.Builder
	tmpl.WriteString("```toml\n[ui]\n")
	table.WriteString("| キー | 日本語 | English |\n|---|---|---|\n")
	for _, k := range keys {
		ja, en := texts[k]["ja"], texts[k]["en"]
		fmt.Fprintf(&tmpl, "%s = { ja = %s, en = %s, ko = \"\" }\n", k, tomlString(ja), tomlString(en))
		cell := strings.NewReplacer("|", `\|`)
		fmt.Fprintf(&table, "| `%s` | %s | %s |\n", k, cell.Replace(ja), cell.Replace(en))
	}
	tmpl.WriteString("```\n")
	// The template is valid TOML, with every key the format's [ui] has.
	var v map[string]map[string]map[string]string
	if _, err := toml.Decode(strings.Trim(tmpl.String(), "`toml\n"), &v); err != nil || len(v["ui"]) != len(quiz.DefaultUI()) {
		t.Fatalf("the template does not decode to every [ui] key (%d of %d): %v", len(v["ui"]), len(quiz.DefaultUI()), err)
	}
	for _, doc := range []struct {
		file   string
		blocks map[string]string
	}{
		{reference, map[string]string{"ui-template": tmpl.String()}},
		{referenceJa, map[string]string{"ui-template": tmpl.String(), "ui-table": table.String()}},
	} {
		b, err := os.ReadFile(doc.file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for name, want := range doc.blocks {
			start := regexp.MustCompile(`<!-- ` + name + `:[^>]*-->\n`).FindStringIndex(text)
			end := strings.Index(text, "<!-- /"+name+" -->")
			if start == nil || end < start[1] {
				t.Errorf("%s has no <!-- %s: … --> … <!-- /%s --> block", doc.file, name, name)
				continue
			}
			if got := text[start[1]:end]; got != want {
				if !*update {
					t.Errorf("%s: the %s block is not what ui_defaults.toml makes: run go test ./cmd/quizcheck -run TestUITemplate -update", doc.file, name)
					continue
				}
				text = text[:start[1]] + want + text[end:]
			}
		}
		if *update && text != string(b) {
			if err := os.WriteFile(doc.file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The numbers and the output the references and the README quote, held
// to what the engine and the checker give, so that they cannot drift.

// mdTables returns the markdown tables of text, each as its rows' cells,
// without the header and the separator row.
func mdTables(text string) [][][]string {
	var tables [][][]string
	var rows [][]string
	flush := func() {
		if len(rows) > 2 {
			tables = append(tables, rows[2:])
		}
		rows = nil
	}
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			flush()
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), " | ") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows = append(rows, cells)
	}
	flush()
	return tables
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	bold       = regexp.MustCompile(`\*\*(\d+)\*\*`)
	boldLevel  = regexp.MustCompile(`\*\*\d+\*\*[,、]\s*(\S+)`)
)

// boldNumbers are the bold figures of a cell: the results of its sums.
func boldNumbers(cell string) []int {
	var out []int
	for _, m := range bold.FindAllStringSubmatch(cell, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// whyKey names the why text the engine chose for a path.
func whyKey(p *quiz.PathScore) string {
	o := p.Outcome
	switch {
	case o.WhyLow != nil && maps.Equal(p.Why, o.WhyLow):
		return "why_low"
	case o.WhyMiddle != nil && maps.Equal(p.Why, o.WhyMiddle):
		return "why_middle"
	}
	return "why"
}

// workedExamples are the worked examples of "How scoring works": the
// words each reference uses for a level, and the sentences in which it
// states what the engine decides.
var workedExamples = []struct {
	file   string
	levels map[quiz.Level]string
	claims func(q *quiz.Quiz, res *quiz.Result) []string
}{{
	file:   reference,
	levels: map[quiz.Level]string{quiz.Low: "low", quiz.Middle: "middle", quiz.High: "high"},
	claims: func(q *quiz.Quiz, res *quiz.Result) []string {
		top, run := res.Path(res.Top), res.Path(res.RunnerUp)
		lead := map[quiz.Lead]string{quiz.LeadTie: "is a tie", quiz.LeadClose: "is under `close`", quiz.LeadClear: "is a clear lead"}[res.Lead]
		part := map[quiz.Basis]string{quiz.BasisWishes: "wishes", quiz.BasisProfile: "traits"}
		other := map[quiz.Basis]string{quiz.BasisWishes: "on traits alone", quiz.BasisProfile: "on wishes alone"}
		c := []string{
			fmt.Sprintf("`[match]` `profile = %d, wishes = %d, close = %d`", q.Match.Profile, q.Match.Wishes, q.Match.Close),
			fmt.Sprintf("Top path: %s (%d), runner-up: %s (%d).", res.Top.ID, top.Score, res.RunnerUp.ID, run.Score),
			fmt.Sprintf("The lead, %d points, %s", res.Margin, lead),
			fmt.Sprintf("What put %s ahead is the %s", res.Top.ID, part[res.Basis]),
			fmt.Sprintf("so its `%s` is shown", whyKey(top)),
		}
		if !res.BasisAgrees {
			c = append(c, fmt.Sprintf("%s %s fits better", other[res.Basis], res.RunnerUp.ID))
		}
		return c
	},
}, {
	file:   referenceJa,
	levels: map[quiz.Level]string{quiz.Low: "低め", quiz.Middle: "中くらい", quiz.High: "高め"},
	claims: func(q *quiz.Quiz, res *quiz.Result) []string {
		top, run := res.Path(res.Top), res.Path(res.RunnerUp)
		lead := map[quiz.Lead]string{quiz.LeadTie: "で同点なので", quiz.LeadClose: fmt.Sprintf("で `close` の %d 未満なので", q.Match.Close), quiz.LeadClear: fmt.Sprintf("で `close` の %d 以上なので", q.Match.Close)}[res.Lead]
		part := map[quiz.Basis]string{quiz.BasisWishes: "志向", quiz.BasisProfile: "プロフィール"}
		other := map[quiz.Basis]string{quiz.BasisWishes: "特性", quiz.BasisProfile: "目指す方向"}
		c := []string{
			fmt.Sprintf("`[match]` は `profile = %d, wishes = %d, close = %d`", q.Match.Profile, q.Match.Wishes, q.Match.Close),
			fmt.Sprintf("1 位: %s（%d）、2 位: %s（%d）。", res.Top.ID, top.Score, res.RunnerUp.ID, run.Score),
			fmt.Sprintf("差は %d ポイント%s", res.Margin, lead),
			fmt.Sprintf("%s を 1 位に押し上げたのは%sの部分です", res.Top.ID, part[res.Basis]),
			fmt.Sprintf("`%s` が表示されます", whyKey(top)),
		}
		if !res.BasisAgrees {
			c = append(c, fmt.Sprintf("%sだけで比べれば %s のほうが合う", other[res.Basis], res.RunnerUp.ID))
		}
		return c
	},
}}

// TestWorkedExample: the worked example of each reference, scored by the
// engine. The answers are read from the reference's first table; every
// bold figure of the trait and path tables, each path's level and the
// sentences about the result must be what Score gives.
func TestWorkedExample(t *testing.T) {
	const file = "../../app/quiz/testdata/valid/worked.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range workedExamples {
		t.Run(ex.file, func(t *testing.T) {
			_, doc := docSections(t, ex.file)
			i := strings.Index(doc, "testdata/valid/worked.toml)")
			if i < 0 {
				t.Fatalf("%s does not work an example through worked.toml", ex.file)
			}
			tables := mdTables(doc[i:])
			if len(tables) < 3 {
				t.Fatalf("%s: %d tables after the link to worked.toml; want the answers, the traits and the paths", ex.file, len(tables))
			}
			answers := quiz.Answers{}
			for _, row := range tables[0] {
				id := backticked.FindStringSubmatch(row[0])
				if id == nil || len(row) < 2 {
					t.Fatalf("%s: answer row %q names no question", ex.file, row)
				}
				if n, err := strconv.Atoi(row[1]); err == nil {
					answers[id[1]] = quiz.Answer{Scale: n}
					continue
				}
				var choices []string
				for _, m := range backticked.FindAllStringSubmatch(row[1], -1) {
					choices = append(choices, m[1])
				}
				answers[id[1]] = quiz.Answer{Choices: choices}
			}
			res := q.Score(answers)

			traits := map[string]int{}
			for _, d := range res.Dimensions {
				traits[d.Dimension.ID] = d.Score
			}
			if len(tables[1]) != len(traits) {
				t.Errorf("%s: the trait table has %d rows; want one per dimension (%d)", ex.file, len(tables[1]), len(traits))
			}
			for _, row := range tables[1] {
				want, ok := traits[row[0]]
				got := boldNumbers(row[len(row)-1])
				if !ok || len(got) != 1 || got[0] != want {
					t.Errorf("%s: trait row %q; the engine scores %s %d", ex.file, row, row[0], want)
				}
			}

			if len(tables[2]) != len(q.Outcomes) {
				t.Errorf("%s: the path table has %d rows; want one per outcome (%d)", ex.file, len(tables[2]), len(q.Outcomes))
			}
			for _, row := range tables[2] {
				var p *quiz.PathScore
				for _, o := range q.Outcomes {
					if o.ID == row[0] {
						p = res.Path(o)
					}
				}
				if p == nil || len(row) != 4 {
					t.Errorf("%s: path row %q: want a path's id, its profile part, its wishes part and its match", ex.file, row)
					continue
				}
				got := [][]int{boldNumbers(row[1]), boldNumbers(row[2]), boldNumbers(row[3])}
				want := []int{p.Profile, p.Wishes, p.Score}
				for k, name := range []string{"profile part", "wishes part", "match"} {
					if len(got[k]) != 1 || got[k][0] != want[k] {
						t.Errorf("%s: path %s: the %s says %v; the engine gives %d", ex.file, row[0], name, got[k], want[k])
					}
				}
				if m := boldLevel.FindStringSubmatch(row[1]); m == nil || m[1] != ex.levels[p.Level] {
					t.Errorf("%s: path %s: profile part %q; the engine's level is %s (%s)", ex.file, row[0], row[1], p.Level, ex.levels[p.Level])
				}
			}

			flat := strings.Join(strings.Fields(doc[i:]), "")
			for _, c := range ex.claims(q, res) {
				if !strings.Contains(flat, strings.Join(strings.Fields(c), "")) {
					t.Errorf("%s: the worked example does not say %q, which is what the engine decides", ex.file, c)
				}
			}
		})
	}
}

// quoted is a pattern for a line a document quotes: … stands for any
// text left out.
func quoted(line string) *regexp.Regexp {
	parts := strings.Split(line, "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// fenced returns the lines of text's fenced code blocks, block by block.
func fenced(text string) [][]string {
	var blocks [][]string
	var cur []string
	in := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			if in {
				blocks = append(blocks, cur)
			}
			in, cur = !in, nil
			continue
		}
		if in {
			cur = append(cur, line)
		}
	}
	return blocks
}

// TestQuotedProblems: every checker line the references and the README
// quote (quiz.toml:line:column: …) is one the checker prints, as the
// expected outputs of the mistakes and error tests hold them, line and
// column included; … may stand for a part left out.
func TestQuotedProblems(t *testing.T) {
	var printed []string
	for _, glob := range []string{"testdata/mistakes/*.golden", "../../app/quiz/testdata/errors/*.err"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				if _, rest, ok := strings.Cut(line, ".toml:"); ok && rest != "" && rest[0] >= '1' && rest[0] <= '9' {
					printed = append(printed, rest)
				}
			}
		}
	}
	if len(printed) < 100 {
		t.Fatalf("%d problem lines in the expected outputs; want the mistakes' and the errors' tests", len(printed))
	}
	line := regexp.MustCompile(`^quiz\.toml:(\d+:\d+: .*)$`)
	for _, file := range []string{reference, referenceJa, "../../README.md"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, block := range fenced(string(b)) {
			for _, l := range block {
				m := line.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				n++
				re := quoted(m[1])
				if !slices.ContainsFunc(printed, re.MatchString) {
					t.Errorf("%s quotes a problem the checker prints for no test file:\n%s\n(quote a line of a .golden file under cmd/quizcheck/testdata/mistakes, with … for a part left out)", file, l)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s quotes no problem", file)
		}
	}
}

// TestReadmeAnalysis: the analysis of the default quiz the README quotes is
// what quizcheck analyze quiz.toml prints (make check), line for line, in
// order; … stands for lines or a part of a line left out.
func TestReadmeAnalysis(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var quote []string
	for _, block := range fenced(string(b)) {
		if len(block) > 0 && strings.HasPrefix(block[0], "quiz.toml: ") && strings.Contains(block[0], "possible answer sets") {
			quote = block
		}
	}
	if quote == nil {
		t.Fatal("README.md quotes no analysis of quiz.toml (a ``` block starting \"quiz.toml: … possible answer sets\")")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"analyze", "../../quiz.toml"}, noEnv, &stdout, &stderr); code != exitOK {
		t.Fatalf("analyze quiz.toml: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	printed := strings.Split(strings.ReplaceAll(stdout.String(), "../../quiz.toml", "quiz.toml"), "\n")
	at := 0
	for _, l := range quote {
		if l == "…" {
			continue
		}
		re := quoted(l)
		i := slices.IndexFunc(printed[at:], re.MatchString)
		if i < 0 {
			t.Errorf("README.md quotes an analysis line that make check does not print (after the lines before it):\n%s\nprinted:\n%s", l, stdout.String())
			return
		}
		at += i + 1
	}
}

// TestReferenceFileSize: the size the references give for the default
// quiz, to a fifth.
func TestReferenceFileSize(t *testing.T) {
	fi, err := os.Stat("../../quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	kb := float64(fi.Size()) / 1000
	for file, pattern := range map[string]string{reference: `default quiz is about (\d+) KB`, referenceJa: `標準の診断は約 (\d+) KB`} {
		_, doc := docSections(t, file)
		m := regexp.MustCompile(pattern).FindStringSubmatch(doc)
		if m == nil {
			t.Errorf("%s does not give the default quiz's size (%s)", file, pattern)
			continue
		}
		if said, _ := strconv.ParseFloat(m[1], 64); said < kb*0.8 || said > kb*1.2 {
			t.Errorf("%s says the default quiz is about %s KB; it is %.0f KB", file, m[1], kb)
		}
	}
}
