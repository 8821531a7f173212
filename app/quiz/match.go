package quiz

import (
	"maps"
	"slices"
)

// A career path's match, 0–100, mixes two parts:
//
//   - its profile part: the visitor's trait (dimension) scores averaged with
//     the weights of the path's profile, so a path matches the visitors
//     whose strongest traits are the ones it calls for;
//   - its wishes part: the points answers give the path directly (in the
//     default quiz, what the visitor says they want next), as a share of
//     the most points any path could get from the questions shown: one
//     scale for every path, so a path that answers give more points to
//     scores more, and comes first for more visitors.
//
// The match is the mean of the two with the [match] weights (profile = 2,
// wishes = 1 by default: traits count twice as much as wishes). Score and
// the analysis both compute it here, with the same integer arithmetic.

// Defaults of [match] and [levels].
const (
	defaultMatchProfile = 2
	defaultMatchWishes  = 1
	defaultMatchClose   = 6
	defaultLevelMiddle  = 40
	defaultLevelHigh    = 65
	maxClose            = 50
)

// matcher is what computing a match needs, read once from the quiz.
type matcher struct {
	profile, wishes int
	prof            [][]kv // per outcome: dimension index and weight
}

func newMatcher(q *Quiz) *matcher {
	m := &matcher{profile: q.Match.Profile, wishes: q.Match.Wishes, prof: make([][]kv, len(q.Outcomes))}
	for o, out := range q.Outcomes {
		for i, d := range q.Dimensions {
			if w := out.Profile[d.ID]; w > 0 {
				m.prof[o] = append(m.prof[o], kv{i, w})
			}
		}
	}
	return m
}

// matcher returns the quiz's matcher (built by Parse).
func (q *Quiz) matcher() *matcher {
	if q.match != nil {
		return q.match
	}
	return newMatcher(q)
}

// pathPart is one path's match and its two parts, each 0–100.
type pathPart struct {
	score               int
	profile, wishes     int
	hasProfile, hasWish bool
}

// paths fills out (one entry per outcome) from the dimension scores and the
// outcomes' raw points and ranges over the questions shown (in quarters).
func (m *matcher) paths(dims []int, measured []bool, raw, lo, hi []int, out []pathPart) {
	floor, span := wishScale(lo, hi)
	for o := range out {
		num, den := 0, 0
		for _, e := range m.prof[o] {
			if measured[e.k] {
				num += e.v * dims[e.k]
				den += e.v
			}
		}
		p := pathPart{hasProfile: den > 0 && m.profile > 0, hasWish: span > 0 && m.wishes > 0}
		a, b := 0, 0
		pNum, pDen, got, s := 0, 1, 0, 1
		if p.hasProfile {
			a, pNum, pDen = m.profile, num, den
			p.profile = (2*num + den) / (2 * den)
		}
		if p.hasWish {
			b, got, s = m.wishes, raw[o]-floor, span
			p.wishes = (got*200 + span) / (2 * span)
		}
		if a+b > 0 {
			// (a·pNum/pDen + b·100·got/s) / (a+b), rounded half up.
			n := a*pNum*s + b*100*got*pDen
			d := (a + b) * pDen * s
			p.score = (2*n + d) / (2 * d)
		}
		out[o] = p
	}
}

// wishScale is the scale every path's wishes part is counted on: from the
// least any path could get (0 unless some answer takes points away) to
// the most any path could get, over the questions shown.
func wishScale(lo, hi []int) (floor, span int) {
	if len(lo) == 0 {
		return 0, 0
	}
	floor, top := lo[0], hi[0]
	for o := range lo {
		floor, top = min(floor, lo[o]), max(top, hi[o])
	}
	return floor, top - floor
}

// reading [match], [levels] and profiles

// profile reads an outcome's profile: dimension id → weight 0–10. On a
// problem the profile is empty, not nil: the outcome has one, so
// checkProfiles does not report it missing as well.
func (r *reader) profile(q *Quiz, t *table) map[string]int {
	v, path, ok := t.get("profile")
	if !ok {
		return nil
	}
	out := map[string]int{}
	if total, bad := r.dimWeights(q, path, v, out); total == 0 && !bad {
		r.errorf(path, "profile.zero", firstOr(dimIDs(q), "dimension"))
	}
	return out
}

// dimWeights reads a table of dimension id → weight 0–10 (a profile, the
// fit's weights) into out: the total weight, and whether some key was not
// a dimension or the value not a table. v nil: nothing to read.
func (r *reader) dimWeights(q *Quiz, path string, v any, out map[string]int) (total int, bad bool) {
	if v == nil {
		return 0, false
	}
	w := r.table(path, v)
	bad = w.m == nil
	for _, k := range slices.Sorted(maps.Keys(w.m)) {
		w.asked = append(w.asked, k)
		p := join(path, k)
		if _, isDim := q.dimIndex[k]; !isDim {
			r.unknownRef(p, "dimension", k, dimIDs(q))
			bad = true
			continue
		}
		out[k] = r.intValue(p, w.m[k], 0, 0, maxWeight)
		total += out[k]
	}
	return total, bad
}

// checkProfiles: either every outcome has a profile or none has, so that
// every path's match is made the same way.
func (r *reader) checkProfiles(q *Quiz, outs []*table) {
	with := 0
	for _, o := range q.Outcomes {
		if o.Profile != nil {
			with++
		}
	}
	if with == 0 || with == len(q.Outcomes) {
		return
	}
	for i, o := range q.Outcomes {
		if o.Profile == nil && i < len(outs) {
			r.errorf(join(outs[i].path, "id"), "profile.missing", o.ID)
		}
	}
}

// match reads [match].
func (r *reader) match(q *Quiz, doc *table) {
	q.Match = Match{Profile: defaultMatchProfile, Wishes: defaultMatchWishes, Close: defaultMatchClose}
	v, _, ok := doc.get("match")
	if !ok {
		return
	}
	t := r.table("match", v)
	q.Match.Profile = t.integer("profile", false, defaultMatchProfile, 0, maxWeight)
	q.Match.Wishes = t.integer("wishes", false, defaultMatchWishes, 0, maxWeight)
	q.Match.Close = t.integer("close", false, defaultMatchClose, 0, maxClose)
	t.done()
	profiles := false
	for _, o := range q.Outcomes {
		profiles = profiles || o.Profile != nil
	}
	switch {
	case q.Match.Profile == 0 && q.Match.Wishes == 0:
		r.errorf(join("match", "wishes"), "match.both-zero")
	case q.Match.Wishes == 0 && !profiles:
		r.errorf(join("match", "wishes"), "match.wishes-zero")
	}
}

// levels reads [levels].
func (r *reader) levels(q *Quiz, doc *table) {
	q.Levels = Levels{Middle: defaultLevelMiddle, High: defaultLevelHigh}
	v, _, ok := doc.get("levels")
	if !ok {
		return
	}
	t := r.table("levels", v)
	q.Levels.Middle = t.integer("middle", false, defaultLevelMiddle, 1, 99)
	q.Levels.High = t.integer("high", false, defaultLevelHigh, 2, 100)
	t.done()
	if q.Levels.High <= q.Levels.Middle {
		r.errorf(join("levels", "high"), "levels.order", q.Levels.High, q.Levels.Middle)
	}
}
