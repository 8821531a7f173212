package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"pmoquiz/app/quiz"
)

func runAnalyze(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := newFlags("analyze", stderr)
	c := commonFlags(fs)
	asJSON := fs.Bool("json", false, "print one JSON object (fields: go doc ./cmd/quizcheck)")
	seed := fs.Uint64("seed", 1, "seed of the random sample")
	samples := fs.Int64("samples", quiz.DefaultAnalyzeLimit, "answer sets to sample when there are more than -limit")
	limit := fs.Uint64("limit", quiz.DefaultAnalyzeLimit, "score every answer set when there are at most this many")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	file := defaultFile
	switch fs.NArg() {
	case 0:
	case 1:
		file = fs.Arg(0)
	default:
		fmt.Fprintln(stderr, "quizcheck analyze: one file at a time")
		fs.Usage()
		return exitUsage
	}
	if *samples <= 0 || *limit == 0 {
		fmt.Fprintln(stderr, "quizcheck analyze: -samples and -limit must be positive")
		fs.Usage()
		return exitUsage
	}
	lang, opt, ok := c.resolve(getenv, stderr)
	if !ok {
		fs.Usage()
		return exitUsage
	}
	// A quiz whose only problems are results (a golden case giving another
	// path, an outcome that never wins) is analysed all the same: the
	// analysis is how to see why. Its problems are printed first (in JSON,
	// as "problems").
	q, problems := loadForAnalysis(file, opt)
	var list quiz.ErrorList
	errors.As(problems, &list)
	if q == nil {
		if *asJSON {
			// Still JSON: a program reading it gets the problems (or why
			// the file could not be read).
			out := jsonProblems{File: file, Problems: problemsJSON(list, lang)}
			if list == nil {
				out.Problems = append(out.Problems, jsonProblem{Message: problems.Error()})
			}
			if err := encodeJSON(stdout, out); err != nil {
				fmt.Fprintf(stderr, "quizcheck: %v\n", err)
			}
		}
		lines := stdout
		if *asJSON {
			lines = io.Discard // the problems went in the JSON
		}
		report(file, problems, lang, lines, stderr)
		return exitProblems
	}
	if problems != nil && !*asJSON {
		report(file, problems, lang, stdout, stderr)
		fmt.Fprintln(stdout)
	}
	a, err := quiz.Analyze(q, quiz.AnalyzeOptions{Limit: *limit, Samples: *samples, Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, say(lang, "analyze-not-run", printable(file), err.Error()))
		return exitProblems
	}
	if *asJSON {
		err = writeJSON(stdout, file, a, list, lang)
	} else {
		err = writeTable(stdout, file, q, a, lang)
	}
	if err != nil {
		fmt.Fprintf(stderr, "quizcheck: %v\n", err)
		return exitProblems
	}
	if len(a.Flags) > 0 || problems != nil {
		return exitProblems
	}
	return exitOK
}

// loadForAnalysis reads and parses a quiz file for the analysis: the quiz
// is nil unless every problem is about results (quiz.ParseForAnalysis).
func loadForAnalysis(file string, opt quiz.Options) (*quiz.Quiz, error) {
	src, err := quiz.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return quiz.ParseForAnalysis(filepath.ToSlash(file), src, opt)
}

// percent formats a share as "12.3 %" (in Japanese in a sentence,
// "12.3％").
func percent(a *quiz.Analysis, n int64) string {
	return strconv.FormatFloat(100*a.Share(n), 'f', 1, 64) + " %"
}

// count formats a number with thousands separators.
func count[T int64 | uint64](n T) string {
	s := strconv.FormatUint(uint64(n), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// fitSummary is the fit score's distribution in four numbers.
type fitSummary struct {
	Min    int     `json:"min"`
	Median int     `json:"median"`
	Max    int     `json:"max"`
	Mean   float64 `json:"mean"`
}

func fitOf(a *quiz.Analysis) *fitSummary {
	var n, sum int64
	for s, c := range a.Fit {
		n += c
		sum += int64(s) * c
	}
	if n == 0 {
		return nil
	}
	f := &fitSummary{Min: -1, Mean: float64(int(1000*float64(sum)/float64(n)+0.5)) / 1000}
	var seen int64
	for s, c := range a.Fit {
		if c == 0 {
			continue
		}
		if f.Min < 0 {
			f.Min = s
		}
		f.Max = s
		if seen < (n+1)/2 && seen+c >= (n+1)/2 {
			f.Median = s
		}
		seen += c
	}
	return f
}

// writeTable prints the analysis for people, in lang.
func writeTable(w io.Writer, file string, q *quiz.Quiz, a *quiz.Analysis, lang string) error {
	var b strings.Builder
	space := count(a.Space)
	if a.Saturated {
		space = say(lang, "analyze.more-than", space)
	}
	if a.Exhaustive {
		b.WriteString(say(lang, "analyze.space-all", printable(file), space) + "\n")
	} else {
		b.WriteString(say(lang, "analyze.space-sample", printable(file), space, count(a.Sets), a.Seed) + "\n")
	}
	// With profiles, "led by wishes" is the share of answer sets where the
	// path came first mostly on the points answers gave it directly.
	rows := [][]string{{say(lang, "col.outcome"), say(lang, "col.top"), say(lang, "col.runner-up"), say(lang, "col.max-match")}}
	if a.Mixed {
		rows[0] = []string{say(lang, "col.outcome"), say(lang, "col.top"), say(lang, "col.wish-led"), say(lang, "col.runner-up"), say(lang, "col.max-match")}
	}
	var most *quiz.OutcomeStats
	for i, o := range a.Outcomes {
		if a.Mixed {
			rows = append(rows, []string{o.Outcome.ID, percent(a, o.Top), percent(a, o.WishLed), percent(a, o.RunnerUp), strconv.Itoa(o.MaxScore)})
		} else {
			rows = append(rows, []string{o.Outcome.ID, percent(a, o.Top), percent(a, o.RunnerUp), strconv.Itoa(o.MaxScore)})
		}
		if most == nil || o.Top > most.Top {
			most = &a.Outcomes[i]
		}
	}
	writeRows(&b, rows)
	if len(a.Bands) > 0 {
		rows = [][]string{{say(lang, "col.band"), say(lang, "col.min"), say(lang, "col.share")}}
		for _, bs := range a.Bands {
			rows = append(rows, []string{bs.Band.ID, strconv.Itoa(bs.Band.Min), percent(a, bs.Count)})
		}
		writeRows(&b, rows)
	}
	if len(a.Dimensions) > 0 {
		rows = [][]string{{say(lang, "col.dimension"), say(lang, "col.lowest"), say(lang, "col.highest")}}
		for _, d := range a.Dimensions {
			if !d.Measured {
				rows = append(rows, []string{d.Dimension.ID, "-", "-"})
				continue
			}
			rows = append(rows, []string{d.Dimension.ID, strconv.Itoa(d.MinScore), strconv.Itoa(d.MaxScore)})
		}
		writeRows(&b, rows)
	}
	b.WriteByte('\n')
	if f := fitOf(a); f != nil {
		b.WriteString(say(lang, "analyze.fit", f.Min, f.Median, f.Max, f.Mean) + "\n")
	}
	b.WriteString(say(lang, "analyze.ties", count(a.Ties), percent(a, a.Ties)) + "\n")
	b.WriteString(say(lang, "analyze.close", count(a.Close), percent(a, a.Close), a.CloseAt) + "\n")
	if most != nil && most.Top > 0 {
		// In the recruiter's words: the path's title in lang, and its id.
		name := say(lang, "outcome-name", most.Outcome.Title.Get(lang, q.Locales[0]), most.Outcome.ID)
		b.WriteString(say(lang, "analyze.most", say(lang, "percent", 100*a.Share(most.Top)), name) + "\n")
	}
	if len(a.Flags) == 0 {
		b.WriteString(say(lang, "analyze.flags-none") + "\n")
	} else {
		b.WriteString(say(lang, "analyze.flags", len(a.Flags)) + "\n")
		for _, f := range a.Flags {
			fmt.Fprintf(&b, "%s: %s: %s\n", printable(file), f.Kind, f.Message(lang))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRows prints a table after a blank line: the first column aligned
// left, the others right, three spaces apart. A wide character (kanji,
// kana) takes two columns of a terminal.
func writeRows(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], cells(c))
		}
	}
	b.WriteByte('\n')
	for _, r := range rows {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-cells(c))
			switch {
			case i == 0:
				b.WriteString(c + pad)
			default:
				b.WriteString("   " + pad + c)
			}
		}
		b.WriteByte('\n')
	}
}

// cells is how many terminal columns s takes.
func cells(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// The JSON output; field names are part of the interface (see the package
// documentation).
type jsonAnalysis struct {
	File           string        `json:"file"`
	Space          uint64        `json:"space"`
	SpaceSaturated bool          `json:"space_saturated"`
	Exhaustive     bool          `json:"exhaustive"`
	Sets           int64         `json:"sets"`
	Seed           *uint64       `json:"seed"`
	Outcomes       []jsonOutcome `json:"outcomes"`
	Bands          []jsonBand    `json:"bands"`
	Dimensions     []jsonDim     `json:"dimensions"`
	Ties           int64         `json:"ties"`
	TieShare       float64       `json:"tie_share"`
	Close          int64         `json:"close"`
	CloseShare     float64       `json:"close_share"`
	Fit            *fitSummary   `json:"fit"`
	Flags          []jsonFlag    `json:"flags"`
	Problems       []jsonProblem `json:"problems"`
}

type jsonOutcome struct {
	ID            string  `json:"id"`
	Top           int64   `json:"top"`
	TopShare      float64 `json:"top_share"`
	WishLed       int64   `json:"wish_led"`
	RunnerUp      int64   `json:"runner_up"`
	RunnerUpShare float64 `json:"runner_up_share"`
	MaxScore      int     `json:"max_score"`
}

type jsonBand struct {
	ID    string  `json:"id"`
	Min   int     `json:"min"`
	Count int64   `json:"count"`
	Share float64 `json:"share"`
}

type jsonDim struct {
	ID       string `json:"id"`
	Measured bool   `json:"measured"`
	MinScore int    `json:"min_score"`
	MaxScore int    `json:"max_score"`
}

type jsonFlag struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

// The JSON output on a file with problems.
type jsonProblems struct {
	File     string        `json:"file"`
	Problems []jsonProblem `json:"problems"`
}

type jsonProblem struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

// problemsJSON is a list of problems for the JSON outputs ([] for none).
func problemsJSON(list quiz.ErrorList, lang string) []jsonProblem {
	out := []jsonProblem{}
	for _, e := range list {
		out = append(out, jsonProblem{e.Pos.Line, e.Pos.Col, e.Path, e.Key, e.Message(lang)})
	}
	return out
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// share rounds a fraction to 6 digits, so the output is stable to read.
func share(a *quiz.Analysis, n int64) float64 {
	return float64(int64(a.Share(n)*1e6+0.5)) / 1e6
}

// writeJSON prints the analysis, with the file's problems about results
// when it has some.
func writeJSON(w io.Writer, file string, a *quiz.Analysis, problems quiz.ErrorList, lang string) error {
	out := jsonAnalysis{
		File: file, Space: a.Space, SpaceSaturated: a.Saturated, Exhaustive: a.Exhaustive, Sets: a.Sets,
		Outcomes: []jsonOutcome{}, Bands: []jsonBand{}, Dimensions: []jsonDim{}, Flags: []jsonFlag{},
		Ties: a.Ties, TieShare: share(a, a.Ties), Close: a.Close, CloseShare: share(a, a.Close), Fit: fitOf(a),
		Problems: problemsJSON(problems, lang),
	}
	if !a.Exhaustive {
		out.Seed = &a.Seed
	}
	for _, o := range a.Outcomes {
		out.Outcomes = append(out.Outcomes, jsonOutcome{o.Outcome.ID, o.Top, share(a, o.Top), o.WishLed, o.RunnerUp, share(a, o.RunnerUp), o.MaxScore})
	}
	for _, b := range a.Bands {
		out.Bands = append(out.Bands, jsonBand{b.Band.ID, b.Band.Min, b.Count, share(a, b.Count)})
	}
	for _, d := range a.Dimensions {
		out.Dimensions = append(out.Dimensions, jsonDim{d.Dimension.ID, d.Measured, d.MinScore, d.MaxScore})
	}
	for _, f := range a.Flags {
		out.Flags = append(out.Flags, jsonFlag{f.Kind, f.ID, f.Key, f.Message(lang)})
	}
	return encodeJSON(w, out)
}
