package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"pmoquiz/app/quiz"
)

func runAnalyze(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("analyze", stderr)
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
	// A quiz whose only problems are results (a golden case giving another
	// path, an outcome that never wins) is analysed all the same: the
	// analysis is how to see why. Its problems are printed first (in JSON,
	// as "problems").
	q, problems := loadForAnalysis(file)
	if q == nil {
		if *asJSON {
			writeJSON(stdout, file, nil, problems)
		} else {
			report(problems, stdout, stderr)
		}
		return exitProblems
	}
	if problems != nil && !*asJSON {
		report(problems, stdout, stderr)
		fmt.Fprintln(stdout)
	}
	a, err := quiz.Analyze(q, quiz.AnalyzeOptions{Limit: *limit, Samples: *samples, Seed: *seed})
	if err != nil {
		if *asJSON {
			writeJSON(stdout, file, nil, err)
		}
		fmt.Fprintf(stderr, "quizcheck: %s: %v\n", printable(file), err)
		return exitProblems
	}
	if *asJSON {
		err = writeJSON(stdout, file, a, problems)
	} else {
		err = writeTable(stdout, file, a)
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
func loadForAnalysis(file string) (*quiz.Quiz, error) {
	src, err := quiz.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return quiz.ParseForAnalysis(filepath.ToSlash(file), src)
}

// percent formats a share as "12.3 %".
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

// writeTable prints the analysis for people.
func writeTable(w io.Writer, file string, a *quiz.Analysis) error {
	var b strings.Builder
	space := count(a.Space)
	if a.Saturated {
		space = "more than " + space
	}
	if a.Exhaustive {
		fmt.Fprintf(&b, "%s: %s possible answer sets, all scored\n", printable(file), space)
	} else {
		fmt.Fprintf(&b, "%s: %s possible answer sets; scored a random sample of %s (seed %d)\n", printable(file), space, count(a.Sets), a.Seed)
	}
	// With profiles, "led by wishes" is the share of answer sets where the
	// path came first mostly on the points answers gave it directly.
	rows := [][]string{{"outcome", "top path", "runner-up", "max match"}}
	if a.Mixed {
		rows[0] = []string{"outcome", "top path", "led by wishes", "runner-up", "max match"}
	}
	for _, o := range a.Outcomes {
		if a.Mixed {
			rows = append(rows, []string{o.Outcome.ID, percent(a, o.Top), percent(a, o.WishLed), percent(a, o.RunnerUp), strconv.Itoa(o.MaxScore)})
		} else {
			rows = append(rows, []string{o.Outcome.ID, percent(a, o.Top), percent(a, o.RunnerUp), strconv.Itoa(o.MaxScore)})
		}
	}
	writeRows(&b, rows)
	if len(a.Bands) > 0 {
		rows = [][]string{{"fit band", "min", "share"}}
		for _, bs := range a.Bands {
			rows = append(rows, []string{bs.Band.ID, strconv.Itoa(bs.Band.Min), percent(a, bs.Count)})
		}
		writeRows(&b, rows)
	}
	if len(a.Dimensions) > 0 {
		rows = [][]string{{"dimension", "lowest", "highest"}}
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
		fmt.Fprintf(&b, "fit score: lowest %d, median %d, highest %d, mean %.1f\n", f.Min, f.Median, f.Max, f.Mean)
	}
	fmt.Fprintf(&b, "ties: %s answer sets (%s) end with the top two paths level; the declared order decides\n", count(a.Ties), percent(a, a.Ties))
	fmt.Fprintf(&b, "close: %s answer sets (%s) end with the top path less than %d points ahead ([match] close; ties included): the result says the top two fit about equally\n", count(a.Close), percent(a, a.Close), a.CloseAt)
	if len(a.Flags) == 0 {
		b.WriteString("flags: none\n")
	} else {
		fmt.Fprintf(&b, "flags: %d\n", len(a.Flags))
		for _, f := range a.Flags {
			fmt.Fprintf(&b, "%s: %s: %s\n", printable(file), f.Kind, f.Msg)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRows prints a table after a blank line: the first column aligned
// left, the others right, three spaces apart.
func writeRows(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	b.WriteByte('\n')
	for _, r := range rows {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
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

// jsonBroken is the output for a quiz that cannot be analysed.
type jsonBroken struct {
	File     string        `json:"file"`
	Problems []jsonProblem `json:"problems"`
}

// jsonProblem is one problem of the file: its position (0 when unknown),
// key path and message; an error reading the file has only a message.
type jsonProblem struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

func problemsOf(err error) []jsonProblem {
	out := []jsonProblem{}
	if err == nil {
		return out
	}
	var list quiz.ErrorList
	if !errors.As(err, &list) {
		return append(out, jsonProblem{Message: err.Error()})
	}
	for _, e := range list {
		out = append(out, jsonProblem{e.Pos.Line, e.Pos.Col, e.Path, e.Msg})
	}
	return out
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
	Message string `json:"message"`
}

// share rounds a fraction to 6 digits, so the output is stable to read.
func share(a *quiz.Analysis, n int64) float64 {
	return float64(int64(a.Share(n)*1e6+0.5)) / 1e6
}

// writeJSON prints the analysis, with the file's problems (err) when it
// has some; a nil analysis prints the problems alone.
func writeJSON(w io.Writer, file string, a *quiz.Analysis, err error) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if a == nil {
		return enc.Encode(jsonBroken{File: file, Problems: problemsOf(err)})
	}
	out := jsonAnalysis{
		File: file, Space: a.Space, SpaceSaturated: a.Saturated, Exhaustive: a.Exhaustive, Sets: a.Sets,
		Outcomes: []jsonOutcome{}, Bands: []jsonBand{}, Dimensions: []jsonDim{}, Flags: []jsonFlag{},
		Ties: a.Ties, TieShare: share(a, a.Ties), Close: a.Close, CloseShare: share(a, a.Close), Fit: fitOf(a),
		Problems: problemsOf(err),
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
		out.Flags = append(out.Flags, jsonFlag{f.Kind, f.ID, f.Msg})
	}
	return enc.Encode(out)
}
