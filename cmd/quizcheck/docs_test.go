package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
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
