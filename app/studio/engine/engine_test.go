package engine

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"pmoquiz/app/quiz"
)

func readQuiz(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "quiz.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lineOf(t *testing.T, src, s string) int {
	t.Helper()
	i := strings.Index(src, s)
	if i < 0 {
		t.Fatalf("quiz.toml no longer contains %q: update this test", s)
	}
	return strings.Count(src[:i], "\n") + 1
}

// The default quiz: no problem, every golden case passes, each at its
// [[golden]] line, and it can be analysed.
func TestCheckDefaultQuiz(t *testing.T) {
	src := readQuiz(t)
	r := Check("quiz.toml", []byte(src))
	if !r.OK || len(r.Problems) != 0 || !r.Analysable {
		t.Fatalf("Check(quiz.toml) = ok %v, analysable %v, problems %v; want ok", r.OK, r.Analysable, r.Problems)
	}
	q, err := quiz.Parse("quiz.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Quiz == nil || r.Quiz.ID != q.ID || r.Quiz.Title.Ja != q.Title["ja"] || r.Quiz.Title.En != q.Title["en"] || len(r.Quiz.Locales) != 2 {
		t.Errorf("Check(quiz.toml).Quiz = %+v; want the quiz's id, title and languages", r.Quiz)
	}
	if len(r.Golden) != len(q.Golden) {
		t.Fatalf("%d golden cases; want %d", len(r.Golden), len(q.Golden))
	}
	for i, g := range r.Golden {
		if g.State != "pass" || g.Name != q.Golden[i].Name || g.Line != q.Golden[i].Pos.Line || g.Fix != nil {
			t.Errorf("golden case %d = %+v; want %q passing at line %d, no fix", i, g, q.Golden[i].Name, q.Golden[i].Pos.Line)
		}
	}
}

// A misspelt key: the checker's problem at its line, in both languages,
// with the full line the server prints.
func TestCheckMisspeltKey(t *testing.T) {
	src := readQuiz(t)
	line := lineOf(t, src, "\nminutes = ") + 1
	broken := strings.Replace(src, "\nminutes = ", "\nminuets = ", 1)
	r := Check("quiz.toml", []byte(broken))
	if r.OK || r.Analysable || r.Quiz != nil {
		t.Fatalf("a misspelt key: ok %v, analysable %v; want neither", r.OK, r.Analysable)
	}
	want := Problem{Line: line, Col: 1, Path: "quiz.minuets", Key: "key.unknown-suggest"}
	if len(r.Problems) != 1 {
		t.Fatalf("problems %+v; want one", r.Problems)
	}
	p := r.Problems[0]
	if p.Line != want.Line || p.Col != want.Col || p.Path != want.Path || p.Key != want.Key {
		t.Errorf("problem %+v; want %+v", p, want)
	}
	if !strings.Contains(p.Msg.En, `did you mean "minutes"?`) || !strings.Contains(p.Msg.Ja, `"minutes"`) || p.Msg.Ja == p.Msg.En {
		t.Errorf("messages %+v; want the suggestion in English and in Japanese", p.Msg)
	}
	if !strings.HasPrefix(p.Full.Ja, "quiz.toml:"+strconv.Itoa(line)+":1: quiz.minuets: ") {
		t.Errorf("full line %q; want it to start with file:line:col: path:", p.Full.Ja)
	}
	// The golden cases do not run while the quiz has other problems.
	for _, g := range r.Golden {
		if g.State != "unchecked" {
			t.Errorf("golden case %q is %q while the quiz has another problem; want unchecked", g.Name, g.State)
		}
	}
}

// A Shift_JIS file gets the engine's own message, in Japanese, that asks
// for UTF-8.
func TestCheckShiftJIS(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().String("[quiz]\nid = \"x\"\ntitle = \"診断\"\n")
	if err != nil {
		t.Fatal(err)
	}
	r := Check("quiz.toml", []byte(sjis))
	if len(r.Problems) != 1 || r.Problems[0].Key != "file.not-utf8" || r.Problems[0].Line != 3 {
		t.Fatalf("a Shift_JIS file: %+v; want one file.not-utf8 problem on line 3", r.Problems)
	}
	if !strings.Contains(r.Problems[0].Msg.Ja, "文字コードをUTF-8にして保存してください") {
		t.Errorf("Japanese message %q; want 文字コードをUTF-8にして保存してください", r.Problems[0].Msg.Ja)
	}
}

// newQuestion is a single question added after the golden cases were
// written, and a second one that only its answer "yes" shows.
const newQuestion = `
[[questions]]
id = "remote"
kind = "single"
text = { ja = "リモート勤務を希望しますか？", en = "Do you want to work remotely?" }
options = [
  { id = "yes", label = { ja = "はい", en = "Yes" }, adds = { pmo = 1 } },
  { id = "no", label = { ja = "いいえ", en = "No" }, adds = { pm = 1 } },
]

[[questions]]
id = "remote_days"
kind = "scale"
text = { ja = "週に何日リモートがよいですか？", en = "How many days a week remotely?" }
adds = { freelance = 1 }
show_if = [{ question = "remote", any = ["yes"] }]
`

// applyFixes applies every golden case's fix, last first so that the
// positions of the others stay right.
func applyFixes(t *testing.T, src string, gs []Golden) string {
	t.Helper()
	var fixes []*Fix
	for _, g := range gs {
		if g.Fix != nil {
			fixes = append(fixes, g.Fix)
		}
	}
	sort.Slice(fixes, func(i, j int) bool {
		a, b := fixes[i], fixes[j]
		return a.Line > b.Line || a.Line == b.Line && a.Col > b.Col
	})
	lines := strings.SplitAfter(src, "\n")
	for _, f := range fixes {
		l := []rune(lines[f.Line-1])
		if f.Col-1 > len(l) {
			t.Fatalf("fix %+v beyond its line %q", f, string(l))
		}
		lines[f.Line-1] = string(l[:f.Col-1]) + f.Text + string(l[f.Col-1:])
	}
	return strings.Join(lines, "")
}

// A question added after the golden cases: each case fails once, offers
// the answers it lacks (the new question's first option, then the
// question that answer shows), and with every fix applied the quiz has no
// problem. The analysis runs meanwhile, without the cases.
func TestGoldenMissingAnswers(t *testing.T) {
	src := readQuiz(t)
	at := strings.Index(src, "\n[[outcomes]]")
	if at < 0 {
		t.Fatal("quiz.toml has no [[outcomes]]: update this test")
	}
	draft := src[:at] + "\n" + newQuestion + src[at:]
	r := Check("quiz.toml", []byte(draft))
	if r.OK || !r.Analysable {
		t.Fatalf("a question added: ok %v, analysable %v; want not ok but analysable (only the golden cases fail); problems %+v", r.OK, r.Analysable, r.Problems)
	}
	if len(r.Golden) == 0 {
		t.Fatal("no golden cases")
	}
	for _, g := range r.Golden {
		if g.State != "fail" || len(g.Problems) != 1 || g.Fix == nil {
			t.Fatalf("golden case %+v; want failing once, with a fix", g)
		}
		want := []string{`remote = "yes"`, `remote_days = 3`}
		if strings.Join(g.Fix.Answers, "|") != strings.Join(want, "|") {
			t.Errorf("golden case %q adds %q; want %q", g.Name, g.Fix.Answers, want)
		}
	}
	fixed := applyFixes(t, draft, r.Golden)
	if r2 := Check("quiz.toml", []byte(fixed)); !r2.OK {
		t.Errorf("with every fix applied, problems remain: %+v", r2.Problems)
	}
	a, err := Analyze("quiz.toml", []byte(draft), 20_000)
	if err != nil {
		t.Fatalf("Analyze with failing golden cases: %v", err)
	}
	if a.Note.Ja == "" || a.Note.En == "" {
		t.Errorf("the analysis of a draft whose cases fail says nothing of them: %+v", a.Note)
	}
}

// The other forms of a case's answers: a [golden.answers] table, and an
// empty inline table.
func TestGoldenFixForms(t *testing.T) {
	base := `[quiz]
id = "t"
locales = ["en"]
title = "T"
intro = "I"

[[questions]]
id = "drink"
kind = "single"
text = "Drink?"
options = [
  { id = "tea", label = "Tea", adds = { tea = 1 } },
  { id = "coffee", label = "Coffee", adds = { coffee = 1 } },
]

[[questions]]
id = "sugar"
kind = "multi"
text = "Sugar?"
options = [
  { id = "white", label = "White", adds = { tea = 1 } },
  { id = "brown", label = "Brown", adds = { coffee = 1 } },
]

[[outcomes]]
id = "tea"
title = "Tea"
summary = "s"
why = "w"

[[outcomes]]
id = "coffee"
title = "Coffee"
summary = "s"
why = "w"
`
	for _, tc := range []struct{ name, cases string }{
		{"table", `
[[golden]]
name = "tea drinker"
expect_path = "tea"

[golden.answers]
drink = "tea"
# sugar to come
`},
		{"empty inline", `
[[golden]]
name = "tea drinker"
answers = {}
expect_path = "tea"
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			draft := base + tc.cases
			r := Check("t.toml", []byte(draft))
			if len(r.Golden) != 1 || r.Golden[0].Fix == nil {
				t.Fatalf("golden cases %+v, problems %+v; want one with a fix", r.Golden, r.Problems)
			}
			fixed := applyFixes(t, draft, r.Golden)
			r2 := Check("t.toml", []byte(fixed))
			if !r2.OK {
				t.Errorf("fixed draft:\n%s\nproblems: %+v", fixed, r2.Problems)
			}
		})
	}
}

// withoutGolden empties the cases' lines and keeps the others where they
// were; a "[" inside a value or a string is not a header.
func TestWithoutGolden(t *testing.T) {
	src := "a = \"\"\"\n[[golden]]\n\"\"\"\nb = [\n  [1, 2],\n]\n[[golden]]\nname = \"x\"\n[golden.answers]\nq = 1\n[[outcomes]]\nid = \"o\"\n"
	got := string(withoutGolden([]byte(src)))
	want := "a = \"\"\"\n[[golden]]\n\"\"\"\nb = [\n  [1, 2],\n]\n\n\n\n\n[[outcomes]]\nid = \"o\"\n"
	if got != want {
		t.Errorf("withoutGolden:\n%q\nwant\n%q", got, want)
	}
}

// The analysis of the default quiz in words: the shares add up to the
// whole, and each sentence names its path and its share in the page's two
// languages.
func TestAnalyzeDefaultQuiz(t *testing.T) {
	a, err := Analyze("quiz.toml", []byte(readQuiz(t)), 20_000)
	if err != nil {
		t.Fatal(err)
	}
	if a.Exhaustive || a.Sets != 20_000 || a.Note.En != "" {
		t.Errorf("analysis: exhaustive %v, sets %d, note %q; want a sample of 20,000 and no note", a.Exhaustive, a.Sets, a.Note.En)
	}
	if !strings.Contains(a.Summary.Ja, "20,000 通り") || !strings.Contains(a.Summary.En, "random sample of 20,000") {
		t.Errorf("summary %+v", a.Summary)
	}
	var sum float64
	for _, o := range a.Outcomes {
		sum += o.Percent
		if !strings.Contains(o.Sentence.Ja, "「"+o.Title.Ja+"」") || !strings.Contains(o.Sentence.En, percent(o.Percent)+" end on “"+o.Title.En+"”") {
			t.Errorf("outcome %s: %+v", o.ID, o.Sentence)
		}
	}
	if sum < 99.5 || sum > 100.5 {
		t.Errorf("the outcomes' shares add up to %.1f %%; want 100", sum)
	}
}

// A quiz small enough to score every answer set: the figures are exact.
func TestAnalyzeExhaustive(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "quiz", "testdata", "valid", "minimal.toml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze("minimal.toml", b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Exhaustive || a.Sets != 2 || len(a.Outcomes) != 2 || a.Outcomes[0].Percent != 50 {
		t.Fatalf("analysis %+v; want both answers scored, 50 %% each", a)
	}
	if want := "Of all the ways a visitor could answer, 50.0 % end on “Tea person” (50.0 % have it second)."; a.Outcomes[0].Sentence.En != want {
		t.Errorf("sentence %q; want %q", a.Outcomes[0].Sentence.En, want)
	}
	if !strings.Contains(a.Summary.Ja, "すべてを採点しました") {
		t.Errorf("summary %q", a.Summary.Ja)
	}
}

// A draft with other problems is not analysed.
func TestAnalyzeRefusesBrokenDraft(t *testing.T) {
	if _, err := Analyze("quiz.toml", []byte("[quiz]\nid = 1\n"), 0); err == nil {
		t.Error("Analyze on a broken draft: no error")
	}
}
