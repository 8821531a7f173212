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
	// Contributions are the answers that added most to the top path, most
	// first (at most three).
	Contributions []Contribution
	// Undifferentiated is set when every single-choice and scale answer sits
	// at the same position (always the first option, always "3", …): such a
	// result says little about the visitor.
	Undifferentiated bool
	Benefits         []*Note
	Concerns         []*Note
	Certifications   []*Certification
}

// DimensionScore is a dimension's score, 0–100. Measured is false when no
// question shown to the visitor measures the dimension.
type DimensionScore struct {
	Dimension *Dimension
	Score     int
	Measured  bool
}

// PathScore is an outcome's score, 0–100.
type PathScore struct {
	Outcome *Outcome
	Score   int
}

// Contribution is one answer's share of the top path's score.
type Contribution struct {
	Question *Question
	Option   *Option // nil for a scale answer
	Scale    int     // the scale point, for a scale answer
	Points   float64 // in the quiz's own units (a scale answer adds a fraction)
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
	type answered struct {
		qu     *Question
		opt    *Option
		scale  int
		points int // toward each outcome, filled later for the top path
	}
	var given []answered
	var positions []int
	vis := q.Visible(a)
	for i, qu := range q.Questions {
		ans := a[qu.ID]
		if !vis[i] || !qu.Answered(ans) {
			continue
		}
		var picked []answered
		if qu.Kind == Scale {
			picked = append(picked, answered{qu: qu, scale: ans.Scale})
			positions = append(positions, ans.Scale)
		}
		for _, id := range ans.Choices {
			for oi, o := range qu.Options {
				if o.ID == id {
					picked = append(picked, answered{qu: qu, opt: o})
					if qu.Kind == Single {
						positions = append(positions, oi+1)
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
	totalW, sumW := 0, 0
	for i, d := range q.Dimensions {
		s, ok := dims.norm(i)
		res.Dimensions = append(res.Dimensions, DimensionScore{Dimension: d, Score: s, Measured: ok})
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

	for i, o := range q.Outcomes {
		s, _ := outs.norm(i)
		res.Paths = append(res.Paths, PathScore{Outcome: o, Score: s})
	}
	// Stable: equal scores keep the declared order, which breaks ties.
	sort.SliceStable(res.Paths, func(i, j int) bool { return res.Paths[i].Score > res.Paths[j].Score })
	if len(res.Paths) > 0 {
		res.Top = res.Paths[0].Outcome
	}
	if len(res.Paths) > 1 {
		res.RunnerUp = res.Paths[1].Outcome
	}

	if res.Top != nil {
		for _, g := range given {
			pts := g.qu.points(g.opt, g.scale, res.Top.ID)
			if pts > 0 {
				res.Contributions = append(res.Contributions, Contribution{Question: g.qu, Option: g.opt, Scale: g.scale, Points: float64(pts) / quarter})
			}
		}
		sort.SliceStable(res.Contributions, func(i, j int) bool { return res.Contributions[i].Points > res.Contributions[j].Points })
		if len(res.Contributions) > 3 {
			res.Contributions = res.Contributions[:3]
		}
	}

	if len(positions) >= 4 {
		res.Undifferentiated = true
		for _, p := range positions[1:] {
			if p != positions[0] {
				res.Undifferentiated = false
				break
			}
		}
	}

	for _, n := range q.Benefits {
		if q.holds(n.ShowIf, a, vis, res) {
			res.Benefits = append(res.Benefits, n)
		}
	}
	for _, n := range q.Concerns {
		if q.holds(n.ShowIf, a, vis, res) {
			res.Concerns = append(res.Concerns, n)
		}
	}
	for _, c := range q.Certifications {
		if q.holds(c.RecommendIf, a, vis, res) {
			res.Certifications = append(res.Certifications, c)
		}
	}
	return res
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
