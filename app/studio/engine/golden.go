package engine

import (
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"pmoquiz/app/quiz"
)

// The golden cases of a draft: each one's name, line and state, and, for a
// case that lacks the answer to a question its answers show (a question
// added since it was written), the answers to add and where, so that the
// studio can offer to add them in one click.

// Golden is one [[golden]] case.
type Golden struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	Line  int    `json:"line"` // of its [[golden]] header; 0 when not found
	// State is "pass", "fail", or "unchecked": the cases run only once the
	// rest of the file has no problem.
	State string `json:"state"`
	// Problems are the indexes of its problems in Report.Problems.
	Problems []int `json:"problems"`
	// Fix adds the answers it lacks, when it lacks some.
	Fix *Fix `json:"fix,omitempty"`
}

// Fix is an insertion into the draft: Text at Line:Col (1-based, Col in
// code points, as the checker counts).
type Fix struct {
	Line    int      `json:"line"`
	Col     int      `json:"col"`
	Text    string   `json:"text"`
	Answers []string `json:"answers"` // each answer added, as TOML: role = "se"
}

// The problems the golden cases' run reports (quiz's checkGolden), as
// opposed to those found while reading a case: the run happens only when
// the file has no other problem, so these mean the other cases passed.
var runKeys = map[string]bool{
	"golden.unanswered-one": true, "golden.unanswered-many": true, "golden.hidden-answer": true,
	"golden.wrong-path": true, "golden.no-band": true, "golden.wrong-band": true,
}

// goldenCases lists the draft's golden cases with their state. q is the
// draft's quiz when it has no problem.
func goldenCases(src []byte, q *quiz.Quiz, problems []Problem) []Golden {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return []Golden{}
	}
	cases, _ := raw["golden"].([]map[string]any)
	headers := goldenHeaders(src)
	ran := q != nil || onlyGolden(problems)
	for _, p := range problems {
		if goldenIndex(p.Path) >= 0 && !runKeys[p.Key] {
			ran = false // a case could not be read: none ran
		}
	}
	var base *quiz.Quiz // the quiz without its cases, for their fixes
	out := make([]Golden, 0, len(cases))
	for i, c := range cases {
		g := Golden{Index: i, Problems: []int{}, State: "unchecked"}
		g.Name, _ = c["name"].(string)
		if i < len(headers) {
			g.Line = headers[i]
		}
		unanswered := false
		for j, p := range problems {
			if goldenIndex(p.Path) == i {
				g.Problems = append(g.Problems, j)
				unanswered = unanswered || strings.HasPrefix(p.Key, "golden.unanswered")
			}
		}
		switch {
		case q != nil:
			g.State = "pass"
		case len(g.Problems) > 0 && ran:
			g.State = "fail"
		case ran:
			g.State = "pass"
		}
		if unanswered && g.Line > 0 {
			if base == nil {
				base, _ = analysable("", src)
			}
			if base != nil {
				answers, _ := c["answers"].(map[string]any)
				g.Fix = missingAnswers(src, base, g.Line, answers)
			}
		}
		out = append(out, g)
	}
	return out
}

// goldenHeaders are the lines of the draft's [[golden]] headers, in order.
func goldenHeaders(src []byte) []int {
	var lines []int
	for _, h := range headers(src) {
		if h.array && h.name == "golden" {
			lines = append(lines, h.line)
		}
	}
	return lines
}

// missingAnswers is the fix of the golden case whose header is at line
// caseLine and whose answers (as the TOML decoder read them) leave a
// question they show unanswered: an answer to each such question (its
// first option, or the scale's middle), and to each question those
// answers show in turn, inserted where the case lists its answers. nil
// when nothing is missing or the answers are not where a fix can go.
func missingAnswers(src []byte, q *quiz.Quiz, caseLine int, raw map[string]any) *Fix {
	a := quiz.Answers{}
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			a[id] = quiz.Answer{Choices: []string{v}}
		case int64:
			a[id] = quiz.Answer{Scale: int(v)}
		case []any:
			var ch []string
			for _, e := range v {
				if s, ok := e.(string); ok {
					ch = append(ch, s)
				}
			}
			a[id] = quiz.Answer{Choices: ch}
		}
	}
	var added []string
	for range q.Questions { // each round answers one question more
		vis := q.Visible(a)
		var next *quiz.Question
		for i, qu := range q.Questions {
			if _, ok := raw[qu.ID]; vis[i] && !ok && !qu.Answered(a[qu.ID]) {
				next = qu
				break
			}
		}
		if next == nil {
			break
		}
		ans, text := exampleAnswer(next)
		a[next.ID] = ans
		added = append(added, text)
	}
	if len(added) == 0 {
		return nil
	}
	fix := answersInsertion(src, caseLine, added)
	if fix != nil {
		fix.Answers = added
	}
	return fix
}

// exampleAnswer answers qu as the checker's message suggests: its first
// option, or the scale's middle; with the answer as TOML.
func exampleAnswer(qu *quiz.Question) (quiz.Answer, string) {
	switch {
	case qu.Kind == quiz.Scale:
		return quiz.Answer{Scale: 3}, qu.ID + " = 3"
	case len(qu.Options) == 0:
		return quiz.Answer{}, qu.ID + ` = ""`
	case qu.Kind == quiz.Multi:
		id := qu.Options[0].ID
		return quiz.Answer{Choices: []string{id}}, qu.ID + " = [" + strconv.Quote(id) + "]"
	}
	id := qu.Options[0].ID
	return quiz.Answer{Choices: []string{id}}, qu.ID + " = " + strconv.Quote(id)
}

// answersInsertion is where the answers of the golden case at caseLine
// take more: inside its inline table (answers = { … }), before the brace,
// or after the last key of its [golden.answers] table.
func answersInsertion(src []byte, caseLine int, added []string) *Fix {
	hs := headers(src)
	end := len(src) // where the case's own keys end: the next header
	var sub *header // its [golden.answers] table, if any
	for i, h := range hs {
		if h.line <= caseLine {
			continue
		}
		if end == len(src) {
			end = h.start
		}
		if !h.array && h.name == "golden.answers" && sub == nil {
			sub = &hs[i]
			sub.end = len(src)
			if i+1 < len(hs) {
				sub.end = hs[i+1].start
			}
			continue
		}
		break
	}
	start := lineStart(src, caseLine)
	// answers = { … } among the case's keys.
	for off := start; off < end; {
		lineEnd := indexByteFrom(src, off, '\n')
		line := string(src[off:lineEnd])
		trimmed := strings.TrimLeft(line, " \t")
		if rest, ok := strings.CutPrefix(trimmed, "answers"); ok {
			rest = strings.TrimLeft(rest, " \t")
			if rest, ok = strings.CutPrefix(rest, "="); ok {
				rest = strings.TrimLeft(rest, " \t")
				if strings.HasPrefix(rest, "{") {
					open := lineEnd - len(rest)
					close := matching(src, open)
					if close < 0 {
						return nil
					}
					at := close
					for at > open+1 && (src[at-1] == ' ' || src[at-1] == '\t' || src[at-1] == '\n' || src[at-1] == '\r') {
						at--
					}
					sep := ", "
					if at == open+1 || src[at-1] == ',' {
						sep = " "
					}
					text := sep + strings.Join(added, ", ")
					if at == open+1 && close == open+1 {
						text += " " // {} becomes { q = 3 }
					}
					return insertion(src, at, text)
				}
			}
			return nil // answers in another form: no fix
		}
		off = lineEnd + 1
	}
	if sub == nil {
		return nil
	}
	// After the last line of [golden.answers] with a key on it.
	at := indexByteFrom(src, sub.start, '\n')
	for off := at + 1; off < sub.end; {
		lineEnd := indexByteFrom(src, off, '\n')
		t := strings.TrimSpace(string(src[off:lineEnd]))
		if t != "" && !strings.HasPrefix(t, "#") {
			at = lineEnd
		}
		off = lineEnd + 1
	}
	if at > len(src) {
		at = len(src)
	}
	at = trimCR(src, at)
	return insertion(src, at, "\n"+strings.Join(added, "\n"))
}

// insertion is a Fix inserting text at byte offset off.
func insertion(src []byte, off int, text string) *Fix {
	line, col := 1, 1
	for _, c := range string(src[:off]) {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &Fix{Line: line, Col: col, Text: text}
}

func trimCR(src []byte, at int) int {
	if at > 0 && at <= len(src) && src[at-1] == '\r' {
		return at - 1
	}
	return at
}

func indexByteFrom(src []byte, from int, c byte) int {
	if from >= len(src) {
		return len(src)
	}
	if i := strings.IndexByte(string(src[from:]), c); i >= 0 {
		return from + i
	}
	return len(src)
}

func lineStart(src []byte, line int) int {
	off := 0
	for l := 1; l < line && off < len(src); l++ {
		off = indexByteFrom(src, off, '\n') + 1
	}
	return min(off, len(src))
}
