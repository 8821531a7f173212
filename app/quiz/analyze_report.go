package quiz

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

	in, all := msgOf("in.any-all", a.Sets), msgOf("in.all", a.Sets)
	if !a.Exhaustive {
		in = msgOf("in.sampled", a.Sets)
		all = in
	}
	flag := func(kind, id, key string, args ...any) {
		x := msgOf(key, args...)
		a.Flags = append(a.Flags, Flag{Kind: kind, ID: id, Msg: x.in("en"), Key: key, msg: x})
	}
	for d, ds := range a.Dimensions {
		switch {
		case !ds.Measured:
			flag(FlagUnmeasured, ds.Dimension.ID, "flag.unmeasured-dimension", ds.Dimension.ID)
		case st.dimSeen[d] && ds.MaxScore == 0:
			flag(FlagNeverScored, ds.Dimension.ID, "flag.never-scored-dimension", ds.Dimension.ID, in)
		}
	}
	for o, os := range a.Outcomes {
		id := os.Outcome.ID
		switch {
		case !m.measured[m.nd+o] && !q.profiled(os.Outcome):
			flag(FlagUnmeasured, id, "flag.unmeasured-outcome", id)
		case os.MaxScore == 0:
			flag(FlagNeverScored, id, "flag.never-scored-outcome", id, in)
		}
		// The advice holds in this model: points answers give a path
		// directly count on one scale for every path, so more points win
		// it more visitors; a profile's weights only say which traits
		// count, relative to each other.
		switch {
		case os.Top == 0 && q.hasProfiles():
			flag(FlagUnreachable, id, "flag.unreachable-profile", id, in)
		case os.Top == 0:
			flag(FlagUnreachable, id, "flag.unreachable", id, in)
		}
		switch {
		case 2*os.Top > a.Sets && q.hasProfiles():
			flag(FlagDominant, id, "flag.dominant-profile", id, 100*a.Share(os.Top))
		case 2*os.Top > a.Sets:
			flag(FlagDominant, id, "flag.dominant", id, 100*a.Share(os.Top))
		}
	}
	for _, bs := range a.Bands {
		if bs.Count == 0 {
			flag(FlagBandUnreached, bs.Band.ID, "flag.band-unreached", bs.Band.ID, all)
		}
	}
}
