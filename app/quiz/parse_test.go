package quiz

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/errors/*.err from the current messages")

// TestErrors parses each broken quiz under testdata/errors and compares
// every reported problem, with its position, to the .err file beside it,
// and the same in Japanese to the .ja.err file.
// Run `go test ./app/quiz -run TestErrors -update` after changing a message,
// then read the diff: these are the lines a recruiter sees.
func TestErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no error cases found: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Parse(filepath.Base(file), src)
			if err == nil {
				t.Fatalf("Parse(%s) = a quiz, no error; want problems", file)
			}
			if q != nil {
				t.Errorf("Parse(%s) returned a quiz along with errors", file)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse(%s) error is %T; want ErrorList", file, err)
			}
			for _, e := range list {
				if _, ok := catalogue[e.Key]; !ok {
					t.Errorf("%s: message %q is not in the catalogue (messages.go)", e.Error(), e.Key)
				}
			}
			// In English (.err) and in Japanese (.ja.err).
			for ext, got := range map[string]string{
				".err":    err.Error() + "\n",
				".ja.err": strings.Join(list.In("ja"), "\n") + "\n",
			} {
				golden := strings.TrimSuffix(file, ".toml") + ext
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("Parse(%s) problems:\n%s\nwant (%s):\n%s", file, got, golden, want)
				}
			}
		})
	}
}

// TestValid parses the valid examples and runs their golden cases.
func TestValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.toml")
	if len(files) < 3 {
		t.Fatalf("%d quizzes under testdata/valid; want minimal, base and maximal at least", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(filepath.Base(file), src); err != nil {
				t.Fatalf("Parse(%s):\n%v", file, err)
			}
		})
	}
}

// TestEveryProblemIsPositioned: every problem in every broken quiz has a
// line and a column (TestErrors checks which).
func TestEveryProblemIsPositioned(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.toml")
	if len(files) < 20 {
		t.Fatalf("%d broken quizzes under testdata/errors; want 20 at least", len(files))
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse("q.toml", src)
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("%s: Parse = %v; want problems", file, err)
		}
		for _, e := range list {
			if !e.Pos.IsValid() {
				t.Errorf("%s: problem without a line: %v", file, e)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	src := []byte(strings.Repeat("# padding\n", MaxSize/10+1))
	_, err := Parse("big.toml", src)
	if err == nil || !strings.HasPrefix(err.Error(), "big.toml:104858:7: the file is larger than 1 MiB") {
		t.Fatalf("Parse(%d bytes) = %v; want a size-limit error", len(src), err)
	}
}

// TestTextIsKeptVerbatim: markup in a text is data, never interpreted. The
// widget renders it with text nodes; the engine must not alter or reject it.
func TestTextIsKeptVerbatim(t *testing.T) {
	src, _ := os.ReadFile("testdata/valid/minimal.toml")
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	src = []byte(strings.Replace(string(src), `title = "Tea or coffee?"`, `title = "`+hostile+`"`, 1))
	q, err := Parse("q.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Title.Get("en", "en"); got != hostile {
		t.Errorf("title = %q; want %q verbatim", got, hostile)
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"text", "title", "kind", "options", "show_if"}
	for _, tc := range []struct{ in, want string }{
		{"txet", "text"}, {"Text", "text"}, {"TITLE", "title"}, {"optoins", "options"},
		{"showif", "show_if"}, {"colour", ""}, {"kinds", "kind"},
	} {
		if got := suggest(tc.in, keys); got != tc.want {
			t.Errorf("suggest(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestPositions(t *testing.T) {
	src := []byte(`# comment
[quiz]
id = "x" # trailing
title = { ja = "a", en = """multi
line""" }

[[questions]]
id = "q1"
options = [
  { id = "a", adds = { pm = 1 } },
  { id = 'b', label.ja = "ラベル" },
]

[[questions]]
id = "q2"

[[questions.options]]
id = "o"

[[questions.options]]
id = "p"
"quoted key" = 1

[theme.colors.extra]
"\u0041b" = 1
"a\nb" = 2
"\u001b[2J" = 3
x . y.'z' = 4
`)
	pos, _ := scanSource(src)
	for path, want := range map[string]Pos{
		"theme":                                {24, 1},
		"theme.colors":                         {24, 1},
		"theme.colors.extra":                   {24, 1},
		"theme.colors.extra.Ab":                {25, 1},
		`theme.colors.extra."a\nb"`:            {26, 1},
		`theme.colors.extra."\u001b[2J"`:       {27, 1},
		"theme.colors.extra.x":                 {28, 1},
		"theme.colors.extra.x.y":               {28, 1},
		"theme.colors.extra.x.y.z":             {28, 1},
		"quiz":                                 {2, 1},
		"quiz.id":                              {3, 1},
		"quiz.title.en":                        {4, 21},
		"questions[0]":                         {7, 1},
		"questions[0].options[0]":              {10, 3},
		"questions[0].options[0].adds.pm":      {10, 24},
		"questions[0].options[1].id":           {11, 5},
		"questions[0].options[1].label.ja":     {11, 15},
		"questions[1].id":                      {15, 1},
		"questions[1].options[1]":              {20, 1},
		"questions[1].options[1].id":           {21, 1},
		`questions[1].options[1]."quoted key"`: {22, 1},
	} {
		if got := pos[path]; got != want {
			t.Errorf("position of %s = %v; want %v", path, got, want)
		}
	}
}

// TestDefinedTwice: the ways of defining a key twice that TOML forbids and
// BurntSushi/toml v1.6.0 lets through are refused, at the second
// definition, naming the first; what TOML allows is not.
func TestDefinedTwice(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a.b.c = 1\na.b = 2", `q.toml:2:1: a.b: already a table (line 1): a key holds a value or a table, not both`},
		{"[quiz]\ntitle = { en = \"x\" }\ntitle.ja = \"y\"", `q.toml:3:1: quiz.title.ja: quiz.title is written whole on line 2 (title = …): add to it there, inside its { } or [ ]`},
		{"t = { a = { b = 1 }, a.c = 2 }", `q.toml:1:22: t.a.c: t.a is written whole on line 1 (a = …): add to it there, inside its { } or [ ]`},
		{"[fruit]\napple.color = \"red\"\n[fruit.apple]", `q.toml:3:1: fruit.apple: line 2 already made this table with dotted keys (apple.… = …): write its keys in one place`},
		{"[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]", `q.toml:3:1: fruit.apple.taste: line 2 already made this table with dotted keys (taste.… = …): write its keys in one place`},
		{"[[tab.arr]]\n[tab]\narr.val1 = 1", `q.toml:3:1: tab.arr.val1: tab.arr is a list of tables ([[tab.arr]] on line 1): add keys under its [[tab.arr]] header instead`},
		{"[a.b.c]\nz = 9\n[a]\nb.c.t = 1", `q.toml:4:1: a.b.c.t: a.b.c has its own [a.b.c] section (line 1): write this key under that header`},
		{"a = {}\n[a.b]", `q.toml:2:1: a.b: a is written whole on line 1 (a = …): add to it there, inside its { } or [ ]`},
		// Allowed: a header after its sub-table's, a sub-table of a
		// dotted table, keys of a dotted table side by side, arrays.
		{"[a.b.c]\n[a]\nx = 1", ""},
		{"[fruit]\napple.color = 1\n[fruit.apple.texture]\nsmooth = true", ""},
		{"[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2", ""},
		{"a.b = 1\na.c = 2\nx = { y.z = 1, y.w = 2 }", ""},
	} {
		_, err := Parse("q.toml", []byte(tc.src))
		var list ErrorList
		errors.As(err, &list)
		switch {
		case tc.want == "" && (len(list) != 1 || !strings.HasPrefix(list[0].Msg, "not a quiz:")):
			t.Errorf("%q: %v; want only \"not a quiz\"", tc.src, err)
		case tc.want != "" && (len(list) != 1 || list[0].Error() != tc.want):
			t.Errorf("%q:\n%v\nwant:\n%s", tc.src, err, tc.want)
		}
	}
}
