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
// every reported problem, with its position, to the .err file beside it.
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
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(file, ".toml") + ".err"
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
				t.Errorf("Parse(%s) problems:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// TestValid parses the valid examples and runs their golden cases.
func TestValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.toml")
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

func TestEveryProblemIsPositioned(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.toml")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		if len(src) == 0 {
			continue // an empty file has no line to point at
		}
		_, err := Parse("q.toml", src)
		var list ErrorList
		errors.As(err, &list)
		for _, e := range list {
			if !e.Pos.IsValid() && !strings.Contains(e.Msg, "nested") && e.Path != "quiz" && e.Path != "outcomes" && e.Path != "questions" {
				t.Errorf("%s: problem without a line: %v", file, e)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	src := []byte(strings.Repeat("# padding\n", MaxSize/10+1))
	_, err := Parse("big.toml", src)
	if err == nil || !strings.Contains(err.Error(), "limit is 1048576") {
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
`)
	pos := scanPositions(src)
	for path, want := range map[string]Pos{
		"quiz":                               {2, 1},
		"quiz.id":                            {3, 1},
		"quiz.title.en":                      {4, 21},
		"questions[0]":                       {7, 1},
		"questions[0].options[0]":            {10, 3},
		"questions[0].options[0].adds.pm":    {10, 24},
		"questions[0].options[1].id":         {11, 5},
		"questions[0].options[1].label.ja":   {11, 15},
		"questions[1].id":                    {15, 1},
		"questions[1].options[1]":            {20, 1},
		"questions[1].options[1].id":         {21, 1},
		"questions[1].options[1].quoted key": {22, 1},
	} {
		if got := pos[path]; got != want {
			t.Errorf("position of %s = %v; want %v", path, got, want)
		}
	}
}
