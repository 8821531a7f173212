package quiz

import (
	"errors"
	"math"
	"runtime"
)

// Outcome analysis: what every possible visitor gets.
//
// An answer set answers every question shown to the visitor and no other:
// a single question one option, a scale question one point of five, a multi
// question one to Max options. A question hidden by its show_if adds no
// branching, so the answer space is a tree, not a product: it is counted by
// walking the questions in order with, as state, the set of conditional
// questions already switched on (a memo keeps that cheap).
//
// When the space holds at most a limit of answer sets, all of them are
// scored; otherwise a seeded random sample, uniform over the space, is. The
// scoring is Score's arithmetic done incrementally: every answer's points
// (in quarters) and every question's range are precomputed as sparse
// vectors, a depth-first walk adds and removes them, and a leaf normalises
// with the same integer formulas. Workers split the tree (or the sample) and
// merge their counts, so the result does not depend on their number.
//
// This file holds the API; analyze_model.go reduces the quiz to the tree and
// counts it, analyze_walk.go enumerates or samples it, analyze_report.go
// tallies the results and raises the flags.

// DefaultAnalyzeLimit is the largest answer space analysed exhaustively, and
// the default sample size above it.
const DefaultAnalyzeLimit = 1_000_000

// AnalyzeOptions tunes Analyze. The zero value is ready to use.
type AnalyzeOptions struct {
	// Limit: the space is enumerated when it holds at most Limit answer
	// sets (default DefaultAnalyzeLimit).
	Limit uint64
	// Samples is the sample size for a larger space (default
	// DefaultAnalyzeLimit).
	Samples int64
	// Seed makes the sample reproducible; the same seed and quiz give the
	// same analysis on any machine.
	Seed uint64
	// Workers is the number of goroutines (default runtime.GOMAXPROCS).
	Workers int
}

// Analysis is the distribution of results over the answer space.
type Analysis struct {
	// Space is the number of possible answer sets; when Saturated, the
	// true number is larger than Space (which is then math.MaxUint64).
	Space     uint64
	Saturated bool
	// Exhaustive is set when every answer set was scored; otherwise Sets
	// answer sets were drawn at random with Seed.
	Exhaustive bool
	Sets       int64
	Seed       uint64

	// Mixed is set when the paths' match mixes profiles and wishes (so
	// OutcomeStats.WishLed says something).
	Mixed      bool
	Outcomes   []OutcomeStats   // in declared order
	Bands      []BandStats      // in declared order
	Dimensions []DimensionStats // in declared order
	// Ties counts answer sets whose top two paths score the same (the
	// declared order then decides); Close those where the top path leads
	// by less than [match] close (ties included).
	Ties    int64
	Close   int64
	CloseAt int // [match] close
	// Fit is the distribution of the fit score: Fit[s] answer sets scored
	// s (0–100). All zero when the quiz has no fit score.
	Fit   [101]int64
	Flags []Flag
}

// OutcomeStats is how often an outcome comes first or second.
type OutcomeStats struct {
	Outcome *Outcome
	Top     int64 // answer sets where it is the top path
	// WishLed counts the answer sets of Top where its lead is owed mostly
	// to wishes (Result.Basis is BasisWishes).
	WishLed  int64
	RunnerUp int64 // answer sets where it is the runner-up
	MaxScore int   // its highest score over the answer sets
}

// BandStats is how often the fit score lands in a band.
type BandStats struct {
	Band  *Band
	Count int64
}

// DimensionStats is the range a dimension's score covers.
type DimensionStats struct {
	Dimension *Dimension
	// Measured is false when no answer adds to the dimension.
	Measured           bool
	MinScore, MaxScore int // over the answer sets that measure it
}

// Flag is a finding worth a recruiter's look.
type Flag struct {
	Kind string // FlagUnreachable, FlagDominant, FlagUnmeasured, FlagNeverScored, FlagBandUnreached
	ID   string // the outcome, dimension or band
	Msg  string // in English
	Key  string // the message's key in the catalogue (messages.go)
	msg  msg
}

// Message is the flag's message in lang (see MessageLanguage).
func (f Flag) Message(lang string) string {
	if f.Key == "" {
		return escape(f.Msg)
	}
	return escape(f.msg.in(lang))
}

// The kinds of Flag.
const (
	FlagUnreachable   = "unreachable"    // an outcome is never the top path
	FlagDominant      = "dominant"       // an outcome is the top path for more than half
	FlagUnmeasured    = "unmeasured"     // no answer adds to a dimension
	FlagNeverScored   = "never-scored"   // a dimension or outcome never scores above 0
	FlagBandUnreached = "band-unreached" // no answer set lands in a band
)

// Share is n as a fraction of the answer sets analysed.
func (a *Analysis) Share(n int64) float64 {
	if a.Sets == 0 {
		return 0
	}
	return float64(n) / float64(a.Sets)
}

// Analyze scores the quiz's answer space and reports the distribution of
// top paths, runner-ups, bands and ties, with flags for what looks wrong.
func Analyze(q *Quiz, opt AnalyzeOptions) (*Analysis, error) {
	if q == nil || len(q.Outcomes) == 0 {
		return nil, errors.New("analyze: no quiz")
	}
	if opt.Limit == 0 {
		opt.Limit = DefaultAnalyzeLimit
	}
	if opt.Samples <= 0 {
		opt.Samples = DefaultAnalyzeLimit
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	m, err := newModel(q)
	if err != nil {
		return nil, err
	}
	root, err := m.count(0, bits{})
	if err != nil {
		return nil, err
	}
	a := &Analysis{Space: root.n, Saturated: root.n == math.MaxUint64}
	var st *stats
	if !a.Saturated && root.n <= opt.Limit {
		a.Exhaustive = true
		st = m.enumerate(opt.Workers, nil)
	} else {
		a.Seed = opt.Seed
		st = m.sample(opt.Samples, opt.Seed, opt.Workers, nil)
	}
	m.report(a, st)
	return a, nil
}
