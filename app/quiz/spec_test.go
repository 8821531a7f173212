package quiz

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// specTables indexes FormatSpec by name.
func specTables(t *testing.T) map[string]Table {
	t.Helper()
	out := map[string]Table{}
	for _, tb := range FormatSpec() {
		if _, dup := out[tb.Name]; dup {
			t.Fatalf("FormatSpec: table %q twice", tb.Name)
		}
		out[tb.Name] = tb
	}
	return out
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// specTableAt resolves a reader path (questions[2].options[0]) to the spec
// table describing it, by following the spec's keys from the document.
func specTableAt(tables map[string]Table, path string) (Table, bool) {
	cur := tables[""]
	if path == "" {
		return cur, true
	}
	for _, seg := range strings.Split(indexRE.ReplaceAllString(path, ""), ".") {
		i := slices.IndexFunc(cur.Keys, func(k Key) bool { return k.Name == seg })
		if i < 0 || cur.Keys[i].Table == "" {
			return Table{}, false
		}
		cur = tables[cur.Keys[i].Table]
	}
	return cur, true
}

// TestSpecMatchesReader: the reader asks each table of the maximal quiz
// for exactly the keys FormatSpec lists for it, and the maximal quiz, which
// uses every key of the spec, is valid. So the schema and the reference,
// both made from the spec, describe what Parse accepts.
func TestSpecMatchesReader(t *testing.T) {
	tables := specTables(t)
	const file = "testdata/valid/maximal.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	asked := map[string]map[string]bool{} // spec table → keys asked
	_, err = parse(file, src, Options{}, func(path string, keys []string) {
		tb, ok := specTableAt(tables, path)
		if !ok {
			t.Errorf("the reader reads a table at %s, which FormatSpec does not describe", path)
			return
		}
		if asked[tb.Name] == nil {
			asked[tb.Name] = map[string]bool{}
		}
		for _, k := range keys {
			asked[tb.Name][k] = true
		}
	}, nil)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for name, tb := range tables {
		if tb.Keys == nil {
			continue
		}
		got := asked[name]
		if got == nil {
			t.Errorf("%s uses no %s table: add one", file, tb.Header)
			continue
		}
		for _, k := range tb.Keys {
			if !got[k.Name] {
				t.Errorf("%s: FormatSpec lists key %q, which the reader never asks for", tb.Header, k.Name)
			}
		}
		for k := range got {
			if !slices.ContainsFunc(tb.Keys, func(s Key) bool { return s.Name == k }) {
				t.Errorf("%s: the reader accepts key %q, which FormatSpec does not list", tb.Header, k)
			}
		}
	}

	// Every key is used in the maximal quiz: scan its source for each
	// table's keys.
	text := string(src)
	for _, tb := range tables {
		for _, k := range tb.Keys {
			if tb.Name == "ui" || tb.Name == "" {
				continue // ui: two keys stand for all; "": the table headers
			}
			if !regexp.MustCompile(`(?m)(^|[{,]\s*)` + regexp.QuoteMeta(k.Name) + ` = `).MatchString(text) {
				t.Errorf("%s never sets %s key %q", file, tb.Header, k.Name)
			}
		}
	}
}

// TestSpecIsComplete: every key has a type and a description, every list
// of tables names its table, every type is one the schema knows.
func TestSpecIsComplete(t *testing.T) {
	tables := specTables(t)
	types := []string{TypeID, TypeString, TypeText, TypeTexts, TypeInteger, TypeBool, TypeLink, TypeLocales, TypeKind,
		TypeWeights, TypeConditions, TypeStrings, TypeAnswers, TypeTable, TypeTables, TypeColor, TypeImage}
	for _, tb := range tables {
		if tb.Doc == "" || tb.Header == "" {
			t.Errorf("table %q: no doc or header", tb.Name)
		}
		for _, k := range tb.Keys {
			where := tb.Header + " " + k.Name
			switch {
			case k.Doc == "":
				t.Errorf("%s: no description", where)
			case !slices.Contains(types, k.Type):
				t.Errorf("%s: unknown type %q", where, k.Type)
			case (k.Type == TypeTable || k.Type == TypeTables || k.Type == TypeConditions) && tables[k.Table].Name != k.Table:
				t.Errorf("%s: table %q is not in the spec", where, k.Table)
			case k.Type == TypeInteger && k.Min >= k.Max:
				t.Errorf("%s: range %d..%d", where, k.Min, k.Max)
			case k.Required && k.Default != "":
				t.Errorf("%s: required, yet has a default", where)
			}
		}
	}
}

// TestSpecJapanese: every table and key of the format is described in
// Japanese too (spec_ja.go), with its default, and spec_ja.go describes
// nothing the format lacks.
func TestSpecJapanese(t *testing.T) {
	japanese := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff })
	}
	used := map[string]bool{}
	for _, tb := range FormatSpec() {
		used["#"+tb.Name] = true
		if !japanese(tb.DocJa) {
			t.Errorf("table %s: no Japanese description (add %q to spec_ja.go)", tb.Header, "#"+tb.Name)
		}
		for _, k := range tb.Keys {
			name := tb.Name + "." + k.Name
			used[name] = true
			if !japanese(k.DocJa) {
				t.Errorf("%s %s: no Japanese description (add %q to spec_ja.go)", tb.Header, k.Name, name)
			}
			if k.Default != "" {
				used[name+" default"] = true
				if k.DefaultJa == "" {
					t.Errorf("%s %s: default %q has no Japanese (add %q to spec_ja.go)", tb.Header, k.Name, k.Default, name+" default")
				}
			}
		}
	}
	for key := range specJa() {
		if !used[key] {
			t.Errorf("spec_ja.go describes %q, which the format does not have", key)
		}
	}
}
