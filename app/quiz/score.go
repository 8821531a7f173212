package quiz

import (
	"slices"
	"sort"
	"strconv"
)

// Result is what a set of answers gives.
type Result struct {
	Dimensions []DimensionScore // in declared order
	HasFit     bool             // false when the quiz has no dimensions
	Fit        int              // 0–100
	Band       *Band            // nil when the quiz has no bands
	Paths      []PathScore      // every outcome, best first
	Top        *Outcome
	RunnerUp   *Outcome
	// Margin is the top path's lead over the runner-up, in match points,
	// and Lead what it means: LeadTie (0: the order between the two means
	// nothing), LeadClose (under the quiz's [match] close: they fit about
	// equally) or LeadClear. LeadText says so to the visitor: the [ui]
	// lead_tie, lead_close or lead_clear text, whose {top}, {runner} and
	// {margin} the widget fills with the paths' titles and Margin.
	Margin   int
	Lead     Lead
	LeadText Text
	// Basis is the part of the match that did most to put the top path
	// ahead of the runner-up: BasisProfile (the visitor's traits) or
	// BasisWishes (what they said they want); BasisAgrees reports whether
	// the other part favoured the top path too. Empty on a tie, or when
	// the paths are matched on one part only. BasisText says it: the [ui]
	// basis_ text for it, with {top} and {runner} to fill as in LeadText;
	// nil when Basis is empty.
	Basis       Basis
	BasisAgrees bool
	BasisText   Text
	// DimensionsTitle is the heading over the traits, chosen by the level
	// of the best one: [ui] dimensions_title_high, dimensions_title
	// (middle) or dimensions_title_low, so that the word "strength" heads
	// only scores that are one. The traits at the high level (Dimensions'
	// Level) are the visitor's strengths.
	DimensionsTitle Text
	// Contributions are the answers that added most to the top path's
	// match, most first (at most three).
	Contributions []Contribution
	// Undifferentiated is set when the answers carry little information:
	// every scale answer at the same point and every single-choice answer
	// at the same position (the first option everywhere and "neutral"
	// throughout, say). Say so with the [ui] undifferentiated text.
	Undifferentiated bool
	Benefits         []*Note
	Concerns         []*Note
	Certifications   []*Certification
}

// Lead is how far the top path is ahead of the runner-up.
type Lead string

// The leads.
const (
	LeadTie   Lead = "tie"
	LeadClose Lead = "close"
	LeadClear Lead = "clear"
)

// Basis is the part of a match that decided the top path.
type Basis string

// The bases.
const (
	BasisProfile Basis = "profile"
	BasisWishes  Basis = "wishes"
)

// DimensionScore is a dimension's score, 0–100, and its level. Measured is
// false when no question shown to the visitor measures the dimension.
type DimensionScore struct {
	Dimension *Dimension
	Score     int
	Measured  bool
	Level     Level
}

// PathScore is an outcome's match, 0–100, with its two parts (match.go):
// Profile, the visitor's traits weighed by the path's profile, and Wishes,
// the points answers gave the path directly, on the scale every path
// shares. HasProfile and HasWishes report whether each part counts.
type PathScore struct {
	Outcome    *Outcome
	Score      int
	Profile    int
	HasProfile bool
	Wishes     int
	HasWishes  bool
	// Level is the level of Profile (of Score without a profile), and Why
	// the outcome's why text for it.
	Level Level
	Why   Text
}

// Path returns the score of outcome o, or nil.
func (r *Result) Path(o *Outcome) *PathScore {
	for i := range r.Paths {
		if r.Paths[i].Outcome == o {
			return &r.Paths[i]
		}
	}
	return nil
}

// Contribution is one answer's share of the top path's match.
type Contribution struct {
	Question *Question
	Option   *Option // nil for a scale answer
	Scale    int     // the scale point, for a scale answer
	Points   float64 // match points it added to the top path
}

// answered is one answer given: an option, or a scale point.
type answered struct {
	qu    *Question
	opt   *Option
	scale int
}

// quarter is the scoring unit: a scale point adds (v-1)/4 of a weight, so
// counting in quarters keeps every sum an exact integer.
const quarter = 4

// tally accumulates raw points and the range they could span.
type tally struct {
	raw, lo, hi []int
}

func newTally(n int) tally {
	return tally{raw: make([]int, n), lo: make([]int, n), hi: make([]int, n)}
}

// norm maps raw into 0–100 over [lo, hi], rounding half up; ok is false
// when the range is empty.
func (t tally) norm(i int) (score int, ok bool) {
	span := t.hi[i] - t.lo[i]
	if span <= 0 {
		return 0, false
	}
	return ((t.raw[i]-t.lo[i])*200 + span) / (2 * span), true
}

// Visible reports, for every question, whether it is shown given the
// answers. A question is shown when it has no show_if or when any of its
// conditions holds on an earlier question that is itself shown.
func (q *Quiz) Visible(a Answers) []bool {
	vis := make([]bool, len(q.Questions))
	for i, qu := range q.Questions {
		vis[i] = len(qu.ShowIf) == 0
		for _, c := range qu.ShowIf {
			if j, ok := q.qIndex[c.Question]; ok && j < i && vis[j] && a.includes(c.Question, c.Any) {
				vis[i] = true
				break
			}
		}
	}
	return vis
}

// includes reports whether the answer to question id includes any of vals.
func (a Answers) includes(id string, vals []string) bool {
	ans, ok := a[id]
	if !ok {
		return false
	}
	for _, v := range vals {
		if ans.Scale != 0 && strconv.Itoa(ans.Scale) == v {
			return true
		}
		if slices.Contains(ans.Choices, v) {
			return true
		}
	}
	return false
}

// Question returns the question with the given id, or nil.
func (q *Quiz) Question(id string) *Question {
	if i, ok := q.qIndex[id]; ok {
		return q.Questions[i]
	}
	return nil
}

// Index is the question's position in the quiz.
func (qu *Question) Index() int { return qu.index }

// Score computes the result of a set of answers. Answers to questions that
// are not shown, to unknown questions, and answers a question cannot have
// (not Valid) are ignored: such a question counts as unanswered, and
// unanswered questions count for nothing. The same answers always give the
// same result.
func (q *Quiz) Score(a Answers) *Result {
	dims, outs := newTally(len(q.Dimensions)), newTally(len(q.Outcomes))
	var given []answered
	var singles, scales []int // positions of single answers, scale points
	vis := q.Visible(a)
	for i, qu := range q.Questions {
		ans := a[qu.ID]
		if !vis[i] || !qu.Answered(ans) {
			continue
		}
		var picked []answered
		if qu.Kind == Scale {
			picked = append(picked, answered{qu: qu, scale: ans.Scale})
			scales = append(scales, ans.Scale)
		}
		for _, id := range ans.Choices {
			for oi, o := range qu.Options {
				if o.ID == id {
					picked = append(picked, answered{qu: qu, opt: o})
					if qu.Kind == Single {
						singles = append(singles, oi+1)
					}
				}
			}
		}
		q.addRange(qu, dims, outs)
		for _, p := range picked {
			q.add(qu, p.opt, p.scale, dims, outs)
		}
		given = append(given, picked...)
	}

	res := &Result{}
	dimScores, dimMeasured := make([]int, len(q.Dimensions)), make([]bool, len(q.Dimensions))
	totalW, sumW := 0, 0
	best := -1
	for i, d := range q.Dimensions {
		s, ok := dims.norm(i)
		dimScores[i], dimMeasured[i] = s, ok
		ds := DimensionScore{Dimension: d, Score: s, Measured: ok}
		if ok {
			ds.Level = q.Levels.Of(s)
			best = max(best, s)
		}
		res.Dimensions = append(res.Dimensions, ds)
		if w := q.Fit[d.ID]; ok && w > 0 {
			totalW += w
			sumW += w * s
		}
	}
	if totalW > 0 {
		res.HasFit = true
		res.Fit = (2*sumW + totalW) / (2 * totalW)
	}
	for _, b := range q.Bands {
		if res.HasFit && res.Fit >= b.Min || !res.HasFit && b.Min == 0 {
			res.Band = b
		}
	}
	res.DimensionsTitle = q.dimensionsTitle(best)

	parts := make([]pathPart, len(q.Outcomes))
	q.matcher().paths(dimScores, dimMeasured, outs.raw, outs.lo, outs.hi, parts)
	for i, o := range q.Outcomes {
		p := parts[i]
		ps := PathScore{Outcome: o, Score: p.score, Profile: p.profile, HasProfile: p.hasProfile, Wishes: p.wishes, HasWishes: p.hasWish}
		ps.Level = q.Levels.Of(p.score)
		if p.hasProfile {
			ps.Level = q.Levels.Of(p.profile)
		}
		ps.Why = o.why(ps.Level)
		res.Paths = append(res.Paths, ps)
	}
	// Stable: equal scores keep the declared order, which breaks ties.
	sort.SliceStable(res.Paths, func(i, j int) bool { return res.Paths[i].Score > res.Paths[j].Score })
	if len(res.Paths) > 0 {
		res.Top = res.Paths[0].Outcome
	}
	if len(res.Paths) > 1 {
		res.RunnerUp = res.Paths[1].Outcome
		q.lead(res)
	}

	if res.Top != nil {
		q.contributions(res, given, dims, outs, dimMeasured)
	}
	res.Undifferentiated = undifferentiated(singles, scales)

	for _, n := range q.Benefits {
		if q.holds(n.ShowIf, a, vis, res) && (n.OnlyIf == nil || q.holds(n.OnlyIf, a, vis, res)) {
			res.Benefits = append(res.Benefits, n)
		}
	}
	for _, n := range q.Concerns {
		if q.holds(n.ShowIf, a, vis, res) && (n.OnlyIf == nil || q.holds(n.OnlyIf, a, vis, res)) {
			res.Concerns = append(res.Concerns, n)
		}
	}
	for _, c := range q.Certifications {
		if q.holds(c.RecommendIf, a, vis, res) && (c.OnlyIf == nil || q.holds(c.OnlyIf, a, vis, res)) {
			res.Certifications = append(res.Certifications, c)
		}
	}
	return res
}

// why is the outcome's why text for the level of its profile part: each
// level falls back to the one above it when the quiz does not give it.
func (o *Outcome) why(l Level) Text {
	switch {
	case l == Low && o.WhyLow != nil:
		return o.WhyLow
	case l != High && o.WhyMiddle != nil:
		return o.WhyMiddle
	}
	return o.Why
}

// dimensionsTitle is the heading over the traits, by the level of the
// best score (best < 0: none measured).
func (q *Quiz) dimensionsTitle(best int) Text {
	switch {
	case best < 0:
		return nil
	case best >= q.Levels.High:
		return q.UI["dimensions_title_high"]
	case best >= q.Levels.Middle:
		return q.UI["dimensions_title"]
	}
	return q.UI["dimensions_title_low"]
}

// lead fills the top path's margin over the runner-up, what decided it,
// and the texts saying both.
func (q *Quiz) lead(res *Result) {
	top, run := res.Paths[0], res.Paths[1]
	res.Margin = top.Score - run.Score
	key := "lead_clear"
	switch {
	case res.Margin == 0:
		res.Lead, key = LeadTie, "lead_tie"
	case res.Margin < q.Match.Close:
		res.Lead, key = LeadClose, "lead_close"
	default:
		res.Lead = LeadClear
	}
	res.LeadText = q.UI[key]

	if res.Margin == 0 || !top.HasProfile || !top.HasWishes || !run.HasProfile || !run.HasWishes {
		return
	}
	// Each part's share of the lead: its weight times the top path's
	// advance on it.
	byProfile := q.Match.Profile * (top.Profile - run.Profile)
	byWishes := q.Match.Wishes * (top.Wishes - run.Wishes)
	if byProfile <= 0 && byWishes <= 0 {
		return // rounding: the parts are level, the match is not
	}
	res.Basis, res.BasisAgrees = BasisProfile, byWishes > 0
	if byWishes > byProfile {
		res.Basis, res.BasisAgrees = BasisWishes, byProfile > 0
	}
	key = "basis_" + string(res.Basis)
	if !res.BasisAgrees {
		key += "_alone"
	}
	res.BasisText = q.UI[key]
}

// contributions lists the answers that added most to the top path's
// match, in match points: each point an answer gives a trait of the path's
// profile or the path itself, times what a point of it is worth in the
// match (the part's weight, the trait's share of the profile, 100 over the
// range it is counted on).
func (q *Quiz) contributions(res *Result, given []answered, dims, outs tally, measured []bool) {
	top := res.Path(res.Top)
	a, b, den := 0, 0, 0
	if top.HasProfile {
		a = q.Match.Profile
	}
	if top.HasWishes {
		b = q.Match.Wishes
	}
	prof := q.matcher().prof[q.outIndex[res.Top.ID]]
	for _, e := range prof {
		if measured[e.k] {
			den += e.v
		}
	}
	_, span := wishScale(outs.lo, outs.hi)
	for _, g := range given {
		pts := 0.0
		for _, e := range prof {
			if s := dims.hi[e.k] - dims.lo[e.k]; a > 0 && measured[e.k] && s > 0 {
				pts += float64(a*e.v*100*g.qu.points(g.opt, g.scale, q.Dimensions[e.k].ID)) / float64(den*s)
			}
		}
		if b > 0 {
			pts += float64(b*100*g.qu.points(g.opt, g.scale, res.Top.ID)) / float64(span)
		}
		if pts /= float64(a + b); pts > 0.05 {
			res.Contributions = append(res.Contributions, Contribution{Question: g.qu, Option: g.opt, Scale: g.scale, Points: pts})
		}
	}
	sort.SliceStable(res.Contributions, func(i, j int) bool { return res.Contributions[i].Points > res.Contributions[j].Points })
	if len(res.Contributions) > 3 {
		res.Contributions = res.Contributions[:3]
	}
}

// undifferentiated reports whether the answers carry little information:
// at least four single-choice and scale answers in all, every single
// answer at the same position and every scale answer at the same point.
func undifferentiated(singles, scales []int) bool {
	if len(singles)+len(scales) < 4 {
		return false
	}
	same := func(v []int) bool {
		for _, x := range v {
			if x != v[0] {
				return false
			}
		}
		return true
	}
	return same(singles) && same(scales)
}

// points is what one answer adds to key, in quarters.
func (qu *Question) points(o *Option, scale int, key string) int {
	if o != nil {
		return o.Adds[key] * quarter
	}
	return qu.Adds[key] * (scale - 1)
}

// add adds one answer's points.
func (q *Quiz) add(qu *Question, o *Option, scale int, dims, outs tally) {
	adds := qu.Adds
	if o != nil {
		adds = o.Adds
	}
	for k := range adds {
		p := qu.points(o, scale, k)
		if i, ok := q.dimIndex[k]; ok {
			dims.raw[i] += p
		} else if i, ok := q.outIndex[k]; ok {
			outs.raw[i] += p
		}
	}
}

// addRange widens the tallies' ranges by the least and most the question
// can add to each key.
func (q *Quiz) addRange(qu *Question, dims, outs tally) {
	keys := map[string]bool{}
	if qu.Kind == Scale {
		for k := range qu.Adds {
			keys[k] = true
		}
	}
	for _, o := range qu.Options {
		for k := range o.Adds {
			keys[k] = true
		}
	}
	for k := range keys {
		lo, hi := qu.span(k)
		if i, ok := q.dimIndex[k]; ok {
			dims.lo[i] += lo
			dims.hi[i] += hi
		} else if i, ok := q.outIndex[k]; ok {
			outs.lo[i] += lo
			outs.hi[i] += hi
		}
	}
}

// span is the least and most a question can add to key, in quarters.
func (qu *Question) span(key string) (lo, hi int) {
	if qu.Kind == Scale {
		w := qu.Adds[key] * quarter
		return min(0, w), max(0, w)
	}
	// Options that are an answer on their own (a single question's, an
	// exclusive one) span their own points; the others of a multi question
	// combine.
	var vals, alone []int
	for _, o := range qu.Options {
		v := o.Adds[key] * quarter
		if qu.Kind == Single || o.Exclusive {
			alone = append(alone, v)
		} else {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 && len(alone) == 0 {
		return 0, 0
	}
	lo, hi = 1<<30, -1<<30
	if len(vals) > 0 {
		slices.Sort(vals)
		n := qu.Max
		if n == 0 {
			n = len(vals)
		}
		// A multi answer picks 1..n options: the most is the best option
		// plus any other positive ones; the least, the worst plus other
		// negatives.
		lo, hi = vals[0], vals[len(vals)-1]
		for i := 1; i < n && i < len(vals); i++ {
			if v := vals[len(vals)-1-i]; v > 0 {
				hi += v
			}
			if vals[i] < 0 {
				lo += vals[i]
			}
		}
	}
	for _, v := range alone {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// holds reports whether any of the conditions holds; an empty list holds.
func (q *Quiz) holds(conds []Condition, a Answers, vis []bool, res *Result) bool {
	if len(conds) == 0 {
		return true
	}
	for _, c := range conds {
		switch {
		case c.Question != "":
			if i, ok := q.qIndex[c.Question]; ok && vis[i] && a.includes(c.Question, c.Any) {
				return true
			}
		case c.Dimension != "":
			if i, ok := q.dimIndex[c.Dimension]; ok && res.Dimensions[i].Measured && res.Dimensions[i].Score >= c.Min {
				return true
			}
		case c.Outcome != "":
			if res.Top != nil && res.Top.ID == c.Outcome || res.RunnerUp != nil && res.RunnerUp.ID == c.Outcome {
				return true
			}
		case c.Band != "":
			if res.Band != nil && res.Band.ID == c.Band {
				return true
			}
		}
	}
	return false
}
