package quiz

import "fmt"

// stats accumulates leaf results.
type stats struct {
	sets           int64
	top, runner    []int64
	wishLed        []int64 // per outcome: top paths owed mostly to wishes
	close          int64
	outMax         []int
	dimMin, dimMax []int
	dimSeen        []bool
	bands          []int64
	ties           int64
	fit            [101]int64
	nd, no         int
}

func (m *model) newStats() *stats {
	st := &stats{
		top: make([]int64, m.no), runner: make([]int64, m.no), wishLed: make([]int64, m.no), outMax: make([]int, m.no),
		dimMin: make([]int, m.nd), dimMax: make([]int, m.nd), dimSeen: make([]bool, m.nd),
		bands: make([]int64, len(m.bandMin)), nd: m.nd, no: m.no,
	}
	return st
}

func (st *stats) add(r *leafResult) {
	st.sets++
	st.top[r.top]++
	if r.runner >= 0 {
		st.runner[r.runner]++
	}
	if r.tie {
		st.ties++
	}
	if r.close {
		st.close++
	}
	if r.wishLed {
		st.wishLed[r.top]++
	}
	for o := 0; o < st.no; o++ {
		st.outMax[o] = max(st.outMax[o], r.scores[st.nd+o])
	}
	for d := 0; d < st.nd; d++ {
		if !r.measured[d] {
			continue
		}
		s := r.scores[d]
		if !st.dimSeen[d] {
			st.dimSeen[d], st.dimMin[d], st.dimMax[d] = true, s, s
		} else {
			st.dimMin[d], st.dimMax[d] = min(st.dimMin[d], s), max(st.dimMax[d], s)
		}
	}
	if r.band >= 0 {
		st.bands[r.band]++
	}
	if r.hasFit {
		st.fit[r.fit]++
	}
}

func (st *stats) merge(o *stats) {
	st.sets += o.sets
	st.ties += o.ties
	st.close += o.close
	for i := range st.top {
		st.top[i] += o.top[i]
		st.wishLed[i] += o.wishLed[i]
		st.runner[i] += o.runner[i]
		st.outMax[i] = max(st.outMax[i], o.outMax[i])
	}
	for d := range st.dimSeen {
		switch {
		case !o.dimSeen[d]:
		case !st.dimSeen[d]:
			st.dimSeen[d], st.dimMin[d], st.dimMax[d] = true, o.dimMin[d], o.dimMax[d]
		default:
			st.dimMin[d], st.dimMax[d] = min(st.dimMin[d], o.dimMin[d]), max(st.dimMax[d], o.dimMax[d])
		}
	}
	for i := range st.bands {
		st.bands[i] += o.bands[i]
	}
	for i := range st.fit {
		st.fit[i] += o.fit[i]
	}
}

// report fills the analysis from the counts and raises the flags.
func (m *model) report(a *Analysis, st *stats) {
	q := m.q
	a.Sets, a.Ties, a.Close, a.Fit = st.sets, st.ties, st.close, st.fit
	a.Mixed = q.hasProfiles() && q.Match.Wishes > 0
	a.CloseAt = q.Match.Close
	for o, out := range q.Outcomes {
		a.Outcomes = append(a.Outcomes, OutcomeStats{Outcome: out, Top: st.top[o], WishLed: st.wishLed[o], RunnerUp: st.runner[o], MaxScore: st.outMax[o]})
	}
	for b, band := range q.Bands {
		a.Bands = append(a.Bands, BandStats{Band: band, Count: st.bands[b]})
	}
	for d, dim := range q.Dimensions {
		a.Dimensions = append(a.Dimensions, DimensionStats{Dimension: dim, Measured: m.measured[d], MinScore: st.dimMin[d], MaxScore: st.dimMax[d]})
	}

	in := fmt.Sprintf("any of the %d answer sets", a.Sets)
	if !a.Exhaustive {
		in = fmt.Sprintf("%d sampled answer sets", a.Sets)
	}
	flag := func(kind, id, format string, args ...any) {
		a.Flags = append(a.Flags, Flag{Kind: kind, ID: id, Msg: fmt.Sprintf(format, args...)})
	}
	for d, ds := range a.Dimensions {
		switch {
		case !ds.Measured:
			flag(FlagUnmeasured, ds.Dimension.ID, "dimension %q: no question measures it: add it to some answer's adds, or remove it", ds.Dimension.ID)
		case st.dimSeen[d] && ds.MaxScore == 0:
			flag(FlagNeverScored, ds.Dimension.ID, "dimension %q scores 0 in %s: give it positive points somewhere", ds.Dimension.ID, in)
		}
	}
	for o, os := range a.Outcomes {
		id := os.Outcome.ID
		switch {
		case !m.measured[m.nd+o] && !q.profiled(os.Outcome):
			flag(FlagUnmeasured, id, "outcome %q: no answer adds points to it", id)
		case os.MaxScore == 0:
			flag(FlagNeverScored, id, "outcome %q scores 0 in %s: give it positive points somewhere", id, in)
		}
		// The advice holds in this model: points answers give a path
		// directly count on one scale for every path, so more points win
		// it more visitors; a profile's weights only say which traits
		// count, relative to each other.
		switch {
		case os.Top == 0 && q.hasProfiles():
			flag(FlagUnreachable, id, "outcome %q is never the top path in %s: give it more points in answers' adds (or other outcomes fewer), or make its profile weigh traits the other profiles weigh less", id, in)
		case os.Top == 0:
			flag(FlagUnreachable, id, "outcome %q is never the top path in %s: give it more points, or other outcomes fewer", id, in)
		}
		switch {
		case 2*os.Top > a.Sets && q.hasProfiles():
			flag(FlagDominant, id, "outcome %q is the top path in %.1f %% of answer sets (more than half): give it fewer points in answers' adds (or other outcomes more), or make its profile less like the others' (raising all its weights together changes nothing)", id, 100*a.Share(os.Top))
		case 2*os.Top > a.Sets:
			flag(FlagDominant, id, "outcome %q is the top path in %.1f %% of answer sets (more than half): give it fewer points, or other outcomes more (every path's points count on one scale)", id, 100*a.Share(os.Top))
		}
	}
	for _, bs := range a.Bands {
		if bs.Count == 0 {
			flag(FlagBandUnreached, bs.Band.ID, "band %q is reached in none of %s: lower its min, or raise the points of the dimensions in [fit]", bs.Band.ID, trimAny(in))
		}
	}
}

// trimAny turns "any of the N answer sets" into "the N answer sets".
func trimAny(s string) string {
	if len(s) > 7 && s[:7] == "any of " {
		return s[7:]
	}
	return s
}
