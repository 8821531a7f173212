package main

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"pmoquiz/app/quiz"
)

const reference = "../../docs/FORMAT.md"

// docSections splits the reference at its ### headings: heading → body.
func docSections(t *testing.T) (map[string]string, string) {
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

// TestReferenceMatchesSpec: docs/FORMAT.md documents every table and key of
// the format, and documents no key the format does not have.
func TestReferenceMatchesSpec(t *testing.T) {
	sections, doc := docSections(t)
	spec := quiz.FormatSpec()
	documented := map[string][]quiz.Table{} // heading → the tables it documents
	for _, tb := range spec {
		if tb.Name == "" {
			continue // the document: its keys are the tables' headings
		}
		found := false
		for heading := range sections {
			if strings.Contains(heading, "`"+tb.Header+"`") || tb.Forms != nil && heading == "Conditions" {
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

// TestReferenceExamples: every TOML example of the reference uses only keys
// of the format, where the format puts them.
func TestReferenceExamples(t *testing.T) {
	_, doc := docSections(t)
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
		checkKeys(t, tables, tables[""], "", v)
	}
}

// checkKeys walks a decoded example against the spec table tb.
func checkKeys(t *testing.T, tables map[string]quiz.Table, tb quiz.Table, path string, v map[string]any) {
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
				checkKeys(t, tables, sub, path+k+".", val)
			}
		case []map[string]any:
			for _, e := range val {
				checkKeys(t, tables, sub, path+k+".", e)
			}
		case []any:
			if key.Type != quiz.TypeTables && key.Type != quiz.TypeConditions {
				continue
			}
			for _, e := range val {
				if m, ok := e.(map[string]any); ok {
					checkKeys(t, tables, sub, path+k+".", m)
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
