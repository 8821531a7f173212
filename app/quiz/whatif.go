package quiz

import (
	"slices"
	"strconv"
)

// Change is one answer changed: the question, the answer given and the
// one that would change the result.
type Change struct {
	Question *Question
	From, To Answer
}

// WhatIf is the smallest change of a complete answer set that makes the
// runner-up the top path.
type WhatIf struct {
	Outcome *Outcome // the runner-up, which would come first
	// Changes are in question order: one, or two when no single change
	// does it; none when no change of one or two answers does.
	Changes []Change
	Margin  int // the runner-up's lead over the next path after the change
}

// whatIfPairs bounds the search over two changes: only pairs among this
// many single changes that come closest to flipping the result are scored.
const whatIfPairs = 16

// WhatIf finds the fewest answers to change (one, else two) for the
// runner-up to come first, scoring each candidate with Score. Candidates
// change one shown question's answer to another: another option or scale
// point, or one option of a multi answer ticked or unticked (as Choose
// does it: within its max, an exclusive option alone; never leaving it
// empty). A change that would show a question the visitor has not answered
// is left out: its result is not known. Among the
// changes that work, the one with the largest lead wins, then the earliest
// questions. An answer to a question the others hide is not on the
// visitor's path: a change that shows that question again is left out too.
// Nil when the answers have no runner-up.
func (q *Quiz) WhatIf(a Answers) *WhatIf {
	vis := q.Visible(a)
	base := q.Score(a)
	if base.RunnerUp == nil {
		return nil
	}
	w := &WhatIf{Outcome: base.RunnerUp}
	type cand struct {
		qu     *Question
		to     Answer
		margin int
		wins   bool
	}
	var singles []cand
	for i, qu := range q.Questions {
		if !vis[i] {
			continue
		}
		for _, to := range qu.alternatives(a[qu.ID]) {
			if m, wins, ok := q.tryChange(a, vis, w.Outcome, Change{qu, a[qu.ID], to}); ok {
				singles = append(singles, cand{qu, to, m, wins})
			}
		}
	}
	best := -1
	for i, c := range singles {
		if c.wins && (best < 0 || c.margin > singles[best].margin) {
			best = i
		}
	}
	if best >= 0 {
		c := singles[best]
		w.Changes, w.Margin = []Change{{c.qu, a[c.qu.ID], c.to}}, c.margin
		return w
	}

	// Two changes, among the singles that come closest (ties: the earlier
	// questions), taken in question order.
	keep := make([]bool, len(singles))
	for range whatIfPairs {
		best = -1
		for i, c := range singles {
			if !keep[i] && (best < 0 || c.margin > singles[best].margin) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		keep[best] = true
	}
	for i, x := range singles {
		for j, y := range singles[i+1:] {
			if !keep[i] || !keep[i+1+j] || x.qu == y.qu {
				continue
			}
			cx, cy := Change{x.qu, a[x.qu.ID], x.to}, Change{y.qu, a[y.qu.ID], y.to}
			m, wins, ok := q.tryChange(a, vis, w.Outcome, cx, cy)
			if ok && wins && (w.Changes == nil || m > w.Margin) {
				w.Changes, w.Margin = []Change{cx, cy}, m
			}
		}
	}
	return w
}

// tryChange scores the answers with the changes made: the target's lead
// over the best other path, and whether it comes first. ok is false when
// the changes would show a question not answered on the visitor's path
// (shown, by was, before the change), or hide a changed one.
func (q *Quiz) tryChange(a Answers, was []bool, target *Outcome, changes ...Change) (margin int, wins, ok bool) {
	b := make(Answers, len(a))
	for k, v := range a {
		b[k] = v
	}
	for _, c := range changes {
		b[c.Question.ID] = c.To
	}
	vis := q.Visible(b)
	for i, qu := range q.Questions {
		if _, has := b[qu.ID]; vis[i] && !(has && was[i]) {
			return 0, false, false
		}
	}
	for _, c := range changes {
		if !vis[c.Question.index] {
			return 0, false, false
		}
	}
	res := q.Score(b)
	margin = -1 << 30
	mine := 0
	for _, p := range res.Paths {
		if p.Outcome == target {
			mine = p.Score
		} else if p.Score > margin {
			margin = p.Score
		}
	}
	return mine - margin, res.Top == target, true
}

// alternatives are the answers one step away from a: another option or
// scale point, or a multi answer with one option ticked or unticked (as
// the visitor would do it: Choose).
func (qu *Question) alternatives(a Answer) []Answer {
	var out []Answer
	n := len(qu.Options)
	if qu.Kind == Scale {
		n = ScalePoints
	}
	for k := range n {
		v := strconv.Itoa(k + 1)
		if qu.Kind != Scale {
			v = qu.Options[k].ID
		}
		to := qu.Choose(a, v, !slices.Contains(a.Choices, v))
		if qu.Answered(to) && qu.code(to) != qu.code(a) {
			out = append(out, to)
		}
	}
	return out
}
