package main

import (
	"encoding/json"
	"fmt"
	"io"
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
	q, err := load(file)
	if err != nil {
		report(err, stdout, stderr)
		return exitProblems
	}
	a, err := quiz.Analyze(q, quiz.AnalyzeOptions{Limit: *limit, Samples: *samples, Seed: *seed})
	if err != nil {
		fmt.Fprintf(stderr, "quizcheck: %s: %v\n", printable(file), err)
		return exitProblems
	}
	if *asJSON {
		err = writeJSON(stdout, file, a)
	} else {
		err = writeTable(stdout, file, a)
	}
	if err != nil {
		fmt.Fprintf(stderr, "quizcheck: %v\n", err)
		return exitProblems
	}
	if len(a.Flags) > 0 {
		return exitProblems
	}
	return exitOK
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
	rows := [][]string{{"outcome", "top path", "runner-up", "max score"}}
	for _, o := range a.Outcomes {
		rows = append(rows, []string{o.Outcome.ID, percent(a, o.Top), percent(a, o.RunnerUp), strconv.Itoa(o.MaxScore)})
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
	Fit            *fitSummary   `json:"fit"`
	Flags          []jsonFlag    `json:"flags"`
}

type jsonOutcome struct {
	ID            string  `json:"id"`
	Top           int64   `json:"top"`
	TopShare      float64 `json:"top_share"`
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

func writeJSON(w io.Writer, file string, a *quiz.Analysis) error {
	out := jsonAnalysis{
		File: file, Space: a.Space, SpaceSaturated: a.Saturated, Exhaustive: a.Exhaustive, Sets: a.Sets,
		Outcomes: []jsonOutcome{}, Bands: []jsonBand{}, Dimensions: []jsonDim{}, Flags: []jsonFlag{},
		Ties: a.Ties, TieShare: share(a, a.Ties), Fit: fitOf(a),
	}
	if !a.Exhaustive {
		out.Seed = &a.Seed
	}
	for _, o := range a.Outcomes {
		out.Outcomes = append(out.Outcomes, jsonOutcome{o.Outcome.ID, o.Top, share(a, o.Top), o.RunnerUp, share(a, o.RunnerUp), o.MaxScore})
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
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
