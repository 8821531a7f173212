package quiz

import (
	"fmt"
	mrand "math/rand/v2" // analyze.go has a type named rand
	"strings"
)

// checkGolden runs the golden cases: each must answer exactly the questions
// it is shown and give the outcome (and band) it expects.
func (r *reader) checkGolden(q *Quiz) {
	for gi, g := range q.Golden {
		path := index("golden", gi)
		ok := true
		vis := q.Visible(g.Answers)
		var unanswered []*Question
		for i, qu := range q.Questions {
			_, answered := g.Answers[qu.ID]
			switch shown := vis[i]; {
			case shown && !answered:
				unanswered = append(unanswered, qu)
				ok = false
			case !shown && answered:
				r.errorf(join(join(path, "answers"), qu.ID), "golden.hidden-answer", g.Name, qu.ID)
				ok = false
			}
		}
		// One problem a case, not one a question: a question added after
		// the cases were written leaves every case without its answer.
		switch len(unanswered) {
		case 0:
		case 1:
			r.errorf(join(path, "answers"), "golden.unanswered-one", g.Name, unanswered[0].ID, unanswered[0].exampleAnswer())
		default:
			ids := make([]string, len(unanswered))
			examples := make([]string, len(unanswered))
			for i, qu := range unanswered {
				ids[i], examples[i] = qu.ID, qu.exampleAnswer()
			}
			r.errorf(join(path, "answers"), "golden.unanswered-many", g.Name, len(unanswered), strings.Join(ids, ", "), strings.Join(examples, ", "))
		}
		if !ok {
			continue
		}
		res := q.Score(g.Answers)
		if res.Top.ID != g.ExpectPath {
			r.errorf(join(path, "expect_path"), "golden.wrong-path", g.Name, res.Top.ID, pathScores(res), g.ExpectPath, res.Top.ID)
		}
		if g.ExpectBand != "" && (res.Band == nil || res.Band.ID != g.ExpectBand) {
			if res.Band == nil {
				r.errorf(join(path, "expect_band"), "golden.no-band", g.Name, res.Fit, g.ExpectBand)
			} else {
				r.errorf(join(path, "expect_band"), "golden.wrong-band", g.Name, res.Band.ID, res.Fit, g.ExpectBand, res.Band.ID)
			}
		}
	}
}

// exampleAnswer is how a golden case could answer qu, for a message: its
// first option, or the scale's middle.
func (qu *Question) exampleAnswer() string {
	switch {
	case qu.Kind == Scale:
		return qu.ID + " = 3"
	case len(qu.Options) == 0:
		return qu.ID + ` = "…"`
	case qu.Kind == Multi:
		return qu.ID + " = [" + quoteN(qu.Options[0].ID, -1) + "]"
	}
	return qu.ID + " = " + quoteN(qu.Options[0].ID, -1)
}

func pathScores(res *Result) string {
	parts := make([]string, len(res.Paths))
	for i, p := range res.Paths {
		parts[i] = fmt.Sprintf("%s %d", p.Outcome.ID, p.Score)
	}
	return strings.Join(parts, ", ")
}

// reachWork bounds the search for an answer set that makes an outcome win,
// in units of one option scored for one outcome, so a huge hostile quiz
// cannot keep the visitor's browser busy; a normal quiz gets maxReachTries.
const (
	reachWork     = 2_000_000
	minReachTries = 100
	maxReachTries = 4000
)

// reachTries is how many answer sets searchWin tries per outcome.
func (q *Quiz) reachTries() int {
	cost := 1
	for _, qu := range q.Questions {
		cost += (len(qu.Options) + 1) * len(q.Outcomes)
	}
	return min(max(reachWork/cost, minReachTries), maxReachTries)
}

// checkReachable reports every outcome that no answer set makes the top
// path. A golden case that expects the outcome proves it reachable; an
// outcome no answer adds points to never is; otherwise a deterministic
// search (greedy start, then random restarts with hill climbing) looks for
// a winning answer set.
func (r *reader) checkReachable(q *Quiz) {
	proven := map[string]bool{}
	for _, g := range q.Golden {
		proven[g.ExpectPath] = true
	}
	for oi, o := range q.Outcomes {
		path := join(index("outcomes", oi), "id")
		if !q.anyPositive(o.ID) && !q.profiled(o) {
			key := "outcome.never-points"
			if q.hasProfiles() {
				key = "outcome.never-points-profile"
			}
			r.errorf(path, key, o.ID)
			continue
		}
		if proven[o.ID] {
			continue
		}
		if best, rival := q.searchWin(o.ID); best != nil {
			key := "outcome.never-wins"
			if q.hasProfiles() {
				key = "outcome.never-wins-profile"
			}
			r.errorf(path, key, o.ID, q.reachTries(), best.score, rival.Outcome.ID, rival.Score)
		}
	}
}

func (q *Quiz) anyPositive(key string) bool {
	for _, qu := range q.Questions {
		if qu.Adds[key] > 0 {
			return true
		}
		for _, op := range qu.Options {
			if op.Adds[key] > 0 {
				return true
			}
		}
	}
	return false
}

// hasProfiles reports whether the paths are matched on profiles.
func (q *Quiz) hasProfiles() bool {
	return q.Match.Profile > 0 && len(q.Outcomes) > 0 && q.Outcomes[0].Profile != nil
}

// profiled reports whether the outcome's profile weighs a trait some
// answer adds points to: its match can then rise without points of its
// own.
func (q *Quiz) profiled(o *Outcome) bool {
	if q.Match.Profile == 0 {
		return false
	}
	for d, w := range o.Profile {
		if w > 0 && q.anyPositive(d) {
			return true
		}
	}
	return false
}

type miss struct{ score int }

// searchWin looks for answers that make outcome id the top path. It returns
// nil when it finds some, else the closest miss and the path that beat it.
func (q *Quiz) searchWin(id string) (*miss, *PathScore) {
	// A fixed seed: the same quiz gets the same verdict on every run.
	pick := mrand.New(mrand.NewPCG(1, 2)).IntN
	// margin is the outcome's score minus the best rival's; it wins at > 0,
	// or at 0 when it is declared first among the tied.
	margin := func(a Answers) (int, bool, *PathScore) {
		res := q.Score(a)
		var own int
		for _, p := range res.Paths {
			if p.Outcome.ID == id {
				own = p.Score
			}
		}
		if res.Top.ID == id {
			return own - res.Paths[1].Score + 1, true, nil
		}
		return own - res.Paths[0].Score, false, &res.Paths[0]
	}
	// Greedy start: each question's answer that favours the outcome most.
	a := Answers{}
	var prof map[string]int
	if o := q.outcome(id); o != nil && q.Match.Profile > 0 {
		prof = o.Profile
	}
	for _, qu := range q.Questions {
		a[qu.ID] = qu.favour(id, prof)
	}
	cur, won, rival := margin(a)
	if won {
		return nil, nil
	}
	best, bestRival := cur, rival
	for try, tries := 0, q.reachTries(); try < tries; try++ {
		if try%200 == 199 { // restart from a random answer set
			for _, qu := range q.Questions {
				a[qu.ID] = qu.random(pick)
			}
			cur, _, _ = margin(a)
		}
		qu := q.Questions[pick(len(q.Questions))]
		old := a[qu.ID]
		a[qu.ID] = qu.random(pick)
		m, won, rv := margin(a)
		if won {
			return nil, nil
		}
		if m >= cur {
			cur = m
			if m > best {
				best, bestRival = m, rv
			}
		} else {
			a[qu.ID] = old
		}
	}
	own := 0
	if bestRival != nil {
		own = bestRival.Score + best
	}
	return &miss{score: own}, bestRival
}

// favour is the answer to qu that adds most to key (and to the traits of
// its profile, weighed by it) relative to the rest.
func (qu *Question) favour(key string, profile map[string]int) Answer {
	value := func(adds map[string]int) int {
		v := 0
		for k, w := range adds {
			switch {
			case k == key:
				v += 8 * w
			case profile[k] > 0:
				v += profile[k] * w
			default:
				v -= w
			}
		}
		return v
	}
	if qu.Kind == Scale {
		if value(qu.Adds) >= 0 {
			return Answer{Scale: ScalePoints}
		}
		return Answer{Scale: 1}
	}
	best, bestV := 0, -1<<30
	for i, o := range qu.Options {
		v := value(o.Adds)
		if v > bestV {
			best, bestV = i, v
		}
	}
	return Answer{Choices: []string{qu.Options[best].ID}}
}

// random is a random valid answer to qu; pick(n) is a random number in
// [0, n).
func (qu *Question) random(pick func(int) int) Answer {
	switch qu.Kind {
	case Scale:
		return Answer{Scale: 1 + pick(ScalePoints)}
	case Single:
		return Answer{Choices: []string{qu.Options[pick(len(qu.Options))].ID}}
	}
	n := qu.Max
	if n == 0 {
		n = len(qu.Options)
	}
	k := 1 + pick(n)
	perm := make([]int, len(qu.Options))
	for i := range perm {
		perm[i] = i
	}
	var a Answer
	for i := 0; i < k; i++ {
		j := i + pick(len(perm)-i)
		perm[i], perm[j] = perm[j], perm[i]
		a.Choices = append(a.Choices, qu.Options[perm[i]].ID)
	}
	return a
}

// outcome returns the outcome with the given id, or nil.
func (q *Quiz) outcome(id string) *Outcome {
	if i, ok := q.outIndex[id]; ok {
		return q.Outcomes[i]
	}
	return nil
}
