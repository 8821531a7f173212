package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"pmoquiz/app/quiz"
)

// The analysis of a draft, in words: how the results spread over every
// way a visitor could answer (quiz.Analyze), each figure in a sentence a
// recruiter reads without the format's reference at hand.

// Samples is how many answer sets the studio scores: every one when the
// quiz has at most this many, else a random sample this size (seed 1).
// A tenth of the command line's million: an answer within a second or two
// in a browser, each share within about ±0.3 points of the whole.
const Samples = 100_000

// Analysis is a draft's analysis.
type Analysis struct {
	Space      string `json:"space"` // the number of answer sets, written out
	Exhaustive bool   `json:"exhaustive"`
	Sets       int64  `json:"sets"`
	Summary    Text   `json:"summary"`
	// Note says the golden cases were left out (they fail, or could not
	// run); empty otherwise.
	Note     Text    `json:"note"`
	Outcomes []Share `json:"outcomes"`
	Bands    []Share `json:"bands"`
	Ties     Share   `json:"ties"`
	Flags    []Text  `json:"flags"`
}

// Share is one figure: an outcome's, a band's, or the ties'.
type Share struct {
	ID       string  `json:"id"`
	Title    Text    `json:"title"`
	Percent  float64 `json:"percent"`  // 0–100, one decimal
	Second   float64 `json:"second"`   // outcomes: runner-up share
	Sentence Text    `json:"sentence"` // the figure in words
}

// Analyze analyses a draft that Check found analysable: the quiz as it
// is, or, when only its golden cases fail, the quiz without them. It
// returns nil with a reason when the draft cannot be analysed.
func Analyze(file string, src []byte, samples int64) (*Analysis, error) {
	q, err := quiz.Parse(file, src)
	withoutCases := false
	if err != nil {
		r := Check(file, src)
		if !r.Analysable {
			return nil, err
		}
		q, _ = analysable(file, src)
		withoutCases = true
	}
	if samples <= 0 {
		samples = Samples
	}
	a, err := quiz.Analyze(q, quiz.AnalyzeOptions{Limit: uint64(samples), Samples: samples, Seed: 1, Workers: 1})
	if err != nil {
		return nil, err
	}
	return describe(q, a, withoutCases), nil
}

func describe(q *quiz.Quiz, a *quiz.Analysis, withoutCases bool) *Analysis {
	out := &Analysis{Space: thousands(a.Space), Exhaustive: a.Exhaustive, Sets: a.Sets, Outcomes: []Share{}, Bands: []Share{}, Flags: []Text{}}
	if a.Saturated {
		out.Space = thousands(math.MaxUint64)
	}
	space := Text{Ja: out.Space + " 通り", En: out.Space}
	if a.Saturated {
		space = Text{Ja: out.Space + " 通り以上", En: "more than " + out.Space}
	}
	if a.Exhaustive {
		out.Summary = Text{
			Ja: fmt.Sprintf("訪問者の答え方は全部で %s あります。そのすべてを採点しました。", space.Ja),
			En: fmt.Sprintf("A visitor can answer this quiz in %s different ways; the studio scored every one of them.", space.En),
		}
	} else {
		out.Summary = Text{
			Ja: fmt.Sprintf("訪問者の答え方は全部で %s あります。そこから無作為に選んだ %s 通りを採点しました（割合の誤差はおよそ ±0.3 ポイント）。", space.Ja, thousands(uint64(a.Sets))),
			En: fmt.Sprintf("A visitor can answer this quiz in %s different ways; the studio scored a random sample of %s of them (each share within about ±0.3 points).", space.En, thousands(uint64(a.Sets))),
		}
	}
	if withoutCases {
		out.Note = Text{
			Ja: "見本ケース（[[golden]]）に問題があるため、見本ケースを除いて分析しました。",
			En: "The golden cases ([[golden]]) have problems: the analysis leaves them out.",
		}
	}
	about := Text{Ja: "", En: ""}
	if !a.Exhaustive {
		about = Text{Ja: "およそ ", En: "about "}
	}
	for _, o := range a.Outcomes {
		s := Share{ID: o.Outcome.ID, Title: textOf(o.Outcome.Title, q.Locales), Percent: pct(a, o.Top), Second: pct(a, o.RunnerUp)}
		s.Sentence = Text{
			Ja: fmt.Sprintf("答え方の%s%s が「%s」で終わります（2番目の候補になるのは %s）。", about.Ja, percent(s.Percent), s.Title.Ja, percent(s.Second)),
			En: fmt.Sprintf("Of all the ways a visitor could answer, %s%s end on “%s” (%s have it second).", about.En, percent(s.Percent), s.Title.En, percent(s.Second)),
		}
		out.Outcomes = append(out.Outcomes, s)
	}
	for _, b := range a.Bands {
		s := Share{ID: b.Band.ID, Title: textOf(b.Band.Title, q.Locales), Percent: pct(a, b.Count)}
		s.Sentence = Text{
			Ja: fmt.Sprintf("PMO適性の判定が「%s」になるのは、答え方の%s%s です。", s.Title.Ja, about.Ja, percent(s.Percent)),
			En: fmt.Sprintf("The PMO fit comes out as “%s” for %s%s of the ways to answer.", s.Title.En, about.En, percent(s.Percent)),
		}
		out.Bands = append(out.Bands, s)
	}
	out.Ties = Share{ID: "ties", Percent: pct(a, a.Ties)}
	if a.Ties == 0 {
		out.Ties.Sentence = Text{
			Ja: "上位2つのキャリアが同点になる答え方はありません。",
			En: "No way of answering leaves the top two paths on the same score.",
		}
	} else {
		out.Ties.Sentence = Text{
			Ja: fmt.Sprintf("答え方の%s%s で上位2つのキャリアが同点になります。同点のときは、ファイルで先に書かれたキャリア（[[outcomes]] の順）が結果になります。", about.Ja, percent(out.Ties.Percent)),
			En: fmt.Sprintf("%s%s of the ways to answer leave the top two paths on the same score; the path written first in the file ([[outcomes]] order) then wins.", capitalize(about.En), percent(out.Ties.Percent)),
		}
	}
	for _, f := range a.Flags {
		out.Flags = append(out.Flags, Text{Ja: f.Message("ja"), En: f.Message("en")})
	}
	return out
}

// pct is n as a percentage of the answer sets, to one decimal.
func pct(a *quiz.Analysis, n int64) float64 {
	return math.Round(1000*a.Share(n)) / 10
}

func percent(p float64) string {
	return strconv.FormatFloat(p, 'f', 1, 64) + " %"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// thousands writes n with a comma between each group of three digits.
func thousands(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
