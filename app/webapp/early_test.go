package webapp

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// The early script (early.js) runs the first questions before the engine
// does, with the engine's rules for answers and for the questions shown.
// TestEarlyRules holds it to them: for many random answers to several
// quizzes, node runs the script's rules on the data the page carries, and
// every outcome must be the engine's.

// earlyCase is one question asked of the script's rules.
type earlyCase struct {
	Op      string         `json:"op"` // "visible", "choose", "blocked", "answered"
	Q       int            `json:"q"`  // the question's index (choose, blocked, answered)
	Answer  map[string]any `json:"answer,omitempty"`
	Answers map[string]any `json:"answers,omitempty"` // visible
	Value   string         `json:"value,omitempty"`
	On      bool           `json:"on,omitempty"`
}

// jsAnswer is an answer as the script holds it.
func jsAnswer(a quiz.Answer) map[string]any {
	if a.Scale != 0 {
		return map[string]any{"scale": a.Scale}
	}
	return map[string]any{"choices": append([]string{}, a.Choices...)}
}

// fromJS reads an answer the script returned.
func fromJS(v any) quiz.Answer {
	m, _ := v.(map[string]any)
	var a quiz.Answer
	if s, ok := m["scale"].(float64); ok {
		a.Scale = int(s)
	}
	if cs, ok := m["choices"].([]any); ok {
		for _, c := range cs {
			a.Choices = append(a.Choices, c.(string))
		}
	}
	return a
}

// randomAnswer is any answer the question can be given by a click: valid
// or not (more than its max, an exclusive option with others), or none.
func randomAnswer(r *rand.Rand, qu *quiz.Question) quiz.Answer {
	switch {
	case r.IntN(5) == 0:
		return quiz.Answer{}
	case qu.Kind == quiz.Scale:
		return quiz.Answer{Scale: 1 + r.IntN(quiz.ScalePoints)}
	case qu.Kind == quiz.Single:
		return quiz.Answer{Choices: []string{qu.Options[r.IntN(len(qu.Options))].ID}}
	}
	var a quiz.Answer
	for _, o := range qu.Options {
		if r.IntN(3) == 0 {
			a.Choices = append(a.Choices, o.ID)
		}
	}
	r.Shuffle(len(a.Choices), func(i, j int) { a.Choices[i], a.Choices[j] = a.Choices[j], a.Choices[i] })
	return a
}

// values are a question's values, and one it does not have.
func values(qu *quiz.Question) []string {
	var vs []string
	if qu.Kind == quiz.Scale {
		for i := 1; i <= quiz.ScalePoints; i++ {
			vs = append(vs, strconv.Itoa(i))
		}
	}
	for _, o := range qu.Options {
		vs = append(vs, o.ID)
	}
	return append(vs, "no-such-value")
}

func TestEarlyRules(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: tools/deps.sh test installs it")
		}
		t.Skip("node not found")
	}
	files := []string{"../../quiz.toml", "../quiz/testdata/valid/exclusive.toml", "../quiz/testdata/valid/rules.toml", "../flow/testdata/journey.toml", "../quiz/testdata/valid/maximal.toml", "testdata/chain.toml"}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			q, err := quiz.Parse(file, src)
			if err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`<script type="application/json" id="quiz-early">(.*?)</script>`).FindStringSubmatch(widget.Prerender(q, q.Locales[0]))
			if m == nil {
				t.Fatal("the page has no #quiz-early data")
			}
			r := rand.New(rand.NewPCG(1, uint64(len(src))))
			var cases []earlyCase
			var want []any
			for range 3000 {
				answers := quiz.Answers{}
				js := map[string]any{}
				for _, qu := range q.Questions {
					if a := randomAnswer(r, qu); a.Scale != 0 || len(a.Choices) > 0 {
						answers[qu.ID], js[qu.ID] = a, jsAnswer(a)
					}
				}
				cases = append(cases, earlyCase{Op: "visible", Answers: js})
				want = append(want, q.Visible(answers))

				i := r.IntN(len(q.Questions))
				qu := q.Questions[i]
				a := randomAnswer(r, qu)
				if !qu.Valid(a) {
					a = quiz.Answer{} // a click starts from an answer the question can have
				}
				vs := values(qu)
				v := vs[r.IntN(len(vs))]
				on := r.IntN(3) > 0
				cases = append(cases,
					earlyCase{Op: "choose", Q: i, Answer: jsAnswer(a), Value: v, On: on},
					earlyCase{Op: "blocked", Q: i, Answer: jsAnswer(a), Value: v},
					earlyCase{Op: "answered", Q: i, Answer: jsAnswer(a)},
				)
				want = append(want, qu.Choose(a, v, on), qu.Blocked(a, v), qu.Answered(a))
			}
			got := runEarly(t, node, m[1], cases)
			fails := 0
			for k, c := range cases {
				var ok bool
				switch w := want[k].(type) {
				case []bool:
					var vis []bool
					for _, v := range got[k].([]any) {
						vis = append(vis, v.(bool))
					}
					ok = slices.Equal(vis, w)
				case quiz.Answer:
					g := fromJS(got[k])
					ok = g.Scale == w.Scale && slices.Equal(g.Choices, w.Choices) || len(g.Choices) == 0 && len(w.Choices) == 0 && g.Scale == w.Scale
				case bool:
					ok = got[k] == w
				}
				if !ok && fails < 10 {
					fails++
					b, _ := json.Marshal(c)
					t.Errorf("%s: the script gives %v, the engine %v", b, got[k], want[k])
				}
			}
		})
	}
}

// runEarly runs cases through the early script's rules in node.
func runEarly(t *testing.T, node, data string, cases []earlyCase) []any {
	t.Helper()
	harness := `
const fs = require("fs");
const window = { fetch: () => Promise.resolve({ ok: true, text: () => "" }) };
const document = { getElementById: () => null };
const input = JSON.parse(fs.readFileSync(0, "utf8"));
new Function("window", "document", "fetch", input.script)(window, document, window.fetch);
const rules = window.pmoquizEarly.rules;
const qs = input.data.questions;
const out = input.cases.map((c) => {
  switch (c.op) {
  case "visible": return rules.visible(qs, c.answers || {});
  case "choose": return rules.choose(qs[c.q], c.answer, c.value, !!c.on);
  case "blocked": return rules.blocked(qs[c.q], c.answer, c.value);
  case "answered": return rules.answered(qs[c.q], c.answer);
  }
});
process.stdout.write(JSON.stringify(out));
`
	in, err := json.Marshal(map[string]any{"script": earlyJS, "data": json.RawMessage(data), "cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", harness)
	cmd.Stdin = strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out []any
	if err := json.Unmarshal(outb, &out); err != nil || len(out) != len(cases) {
		t.Fatalf("node printed %d results (%v); want %d", len(out), err, len(cases))
	}
	return out
}
