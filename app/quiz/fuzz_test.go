package quiz

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: no input makes Parse panic or loop, every problem has a
// message and a position and prints safely, and any quiz it accepts can be
// scored.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.toml")
	files = append(files, "../../quiz.toml")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("a = [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]"))
	f.Add([]byte("x = '''\n'''''"))
	f.Add([]byte("[quiz]\nid=\"\xff\""))
	// The hostile inputs, small: at and over each limit of checkSource,
	// other encodings, escapes in keys and values, keys defined twice.
	f.Add([]byte(strings.Repeat("a.", 10) + "a = 1\n" + strings.Repeat("b.", 9) + "b = 1"))
	f.Add([]byte("[" + strings.Repeat("a.", 200) + "a]\n[[" + strings.Repeat("b.", 9) + "b]]"))
	f.Add([]byte(`"` + strings.Repeat("k", 126) + `" = 1` + "\n[" + strings.Repeat("k", 129) + "]"))
	f.Add([]byte("a = " + strings.Repeat("{b=", 16) + "1" + strings.Repeat("}", 16) + "\nc = " + strings.Repeat("[", 17)))
	f.Add([]byte(strings.Repeat("k=1\n#\n", 50) + "[t]\n[t]"))
	f.Add([]byte("\xff\xfe[\x00q\x00]\x00"))
	f.Add([]byte("[quiz]\n\"\\u001b[2J\" = \"\\e]0;x\\u0007\"\n'a\nb' = 1\nid = \"a\x00\""))
	f.Add([]byte("[quiz]\nlocales = [\"en\"]\ntitle = \"" + strings.Repeat("x", 5000) + "\""))
	f.Add([]byte("a.b.c = 1\na.b = 2\n[x]\ny = {}\ny.z = 1\n[[t.u]]\n[t]\nu.v = 1"))
	f.Add([]byte("[theme.colors.extra]\n\"\\u202e\" = 1\n[quiz.\"x\".y]\n\"\\x41\" = 1"))
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := Parse("fuzz.toml", src)
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("error %T %v; want a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				line := e.Error()
				switch {
				case e.Msg == "":
					t.Fatalf("problem without a message: %#v", e)
				case !e.Pos.IsValid():
					t.Fatalf("problem without a position: %s", line)
				case !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f }):
					t.Fatalf("problem unsafe to print: %q", line)
				}
				if _, ok := catalogue[e.Key]; !ok {
					t.Fatalf("problem %q with no message in the catalogue: %s", e.Key, line)
				}
				if ja := e.Localized("ja"); strings.Contains(ja, "%!") || strings.ContainsFunc(ja, func(r rune) bool { return r < ' ' || r == 0x7f }) {
					t.Fatalf("problem in Japanese unsafe or ill-formed: %q", ja)
				}
			}
			return
		}
		for _, g := range q.Golden {
			q.Score(g.Answers)
		}
		a := Answers{}
		for _, qu := range q.Questions {
			a[qu.ID] = qu.favour(q.Outcomes[0].ID, q.Outcomes[0].Profile)
		}
		q.Score(a)
		// The analysis copes with any accepted quiz: its sets add up.
		an, err := Analyze(q, AnalyzeOptions{Limit: 200, Samples: 50, Workers: 1})
		if err != nil {
			return // too many show_if branches: refused, not a crash
		}
		var tops int64
		for _, o := range an.Outcomes {
			tops += o.Top
		}
		if tops != an.Sets {
			t.Fatalf("analysis: top paths add up to %d of %d answer sets", tops, an.Sets)
		}
	})
}
