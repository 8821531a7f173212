package quiz

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: no input makes Parse panic or loop, every problem has a
// message, and any quiz it accepts can be scored.
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
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := Parse("fuzz.toml", src)
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("error %T %v; want a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				if e.Msg == "" {
					t.Fatalf("problem without a message: %#v", e)
				}
			}
			return
		}
		for _, g := range q.Golden {
			q.Score(g.Answers)
		}
		a := Answers{}
		for _, qu := range q.Questions {
			a[qu.ID] = qu.favour(q.Outcomes[0].ID)
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
