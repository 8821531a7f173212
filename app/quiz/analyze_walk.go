package quiz

import (
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// leafResult is one answer set's result, as Score would give it.
type leafResult struct {
	top, runner int // outcome indices
	tie         bool
	close       bool // the top path leads by less than [match] close
	wishLed     bool // the top path's lead is owed mostly to wishes (Basis)
	hasFit      bool
	fit         int
	band        int   // -1: none
	scores      []int // per key: dimensions then outcomes
	measured    []bool
	parts       []pathPart // per outcome
}

// acc is the running sums of one walk: raw points and range per key.
type acc struct {
	raw, lo, hi []int
	res         leafResult
}

func (m *model) newAcc() *acc {
	n := m.nd + m.no
	return &acc{raw: make([]int, n), lo: make([]int, n), hi: make([]int, n),
		res: leafResult{scores: make([]int, n), measured: make([]bool, n), parts: make([]pathPart, m.no)}}
}

func addKV(dst []int, v []kv, sign int) {
	for _, e := range v {
		dst[e.k] += sign * e.v
	}
}

// eval computes the result of the sums, with Score's integer arithmetic.
func (m *model) eval(a *acc) *leafResult {
	r := &a.res
	totalW, sumW := 0, 0
	for k := 0; k < m.nd; k++ {
		span := a.hi[k] - a.lo[k]
		if span <= 0 {
			r.scores[k], r.measured[k] = 0, false
			continue
		}
		s := ((a.raw[k]-a.lo[k])*200 + span) / (2 * span)
		r.scores[k], r.measured[k] = s, true
		if m.fitW[k] > 0 {
			totalW += m.fitW[k]
			sumW += m.fitW[k] * s
		}
	}
	r.hasFit, r.fit = totalW > 0, 0
	if r.hasFit {
		r.fit = (2*sumW + totalW) / (2 * totalW)
	}
	r.band = -1
	for b, lo := range m.bandMin {
		if r.hasFit && r.fit >= lo || !r.hasFit && lo == 0 {
			r.band = b
		}
	}
	m.match.paths(r.scores[:m.nd], r.measured[:m.nd], a.raw[m.nd:], a.lo[m.nd:], a.hi[m.nd:], r.parts)
	for o := 0; o < m.no; o++ {
		r.scores[m.nd+o] = r.parts[o].score
		r.measured[m.nd+o] = a.hi[m.nd+o] > a.lo[m.nd+o]
	}
	// Top and runner-up as a stable sort by score would give them:
	// equal scores keep the declared order.
	r.top, r.runner = -1, -1
	s1, s2 := -1, -1
	for o := 0; o < m.no; o++ {
		s := r.scores[m.nd+o]
		switch {
		case s > s1:
			r.runner, s2 = r.top, s1
			r.top, s1 = o, s
		case s > s2:
			r.runner, s2 = o, s
		}
	}
	r.tie = r.runner >= 0 && s1 == s2
	r.close = r.runner >= 0 && s1-s2 < m.close
	r.wishLed = false
	if r.runner >= 0 && s1 > s2 {
		t, u := r.parts[r.top], r.parts[r.runner]
		if t.hasProfile && t.hasWish && u.hasProfile && u.hasWish {
			byProfile := m.match.profile * (t.profile - u.profile)
			byWishes := m.match.wishes * (t.wishes - u.wishes)
			r.wishLed = byWishes > byProfile && byWishes > 0
		}
	}
	return r
}

// visitFunc, for tests, sees every answer set scored: picks[i] lists the
// answers chosen for question i (nil when it is hidden).
type visitFunc func(picks [][]int, r *leafResult)

// walker enumerates a part of the tree.
type walker struct {
	m      *model
	a      *acc
	st     *stats
	split  int   // question index where subtrees are handed out
	node   int64 // subtrees met at split so far
	ticket int64 // the next subtree this walker owns
	next   func() int64
	picks  [][]int
	visit  visitFunc
}

// inParallel runs work on workers goroutines (one when a test visits the
// answer sets), each with stats of its own, and merges them. next, shared
// by the workers, hands out 0, 1, 2, …: the numbers of the subtrees or
// sample chunks a worker takes on, so the merged counts do not depend on
// the number of workers.
func (m *model) inParallel(workers int, visit visitFunc, work func(st *stats, next func() int64)) *stats {
	if visit != nil {
		workers = 1
	}
	var counter atomic.Int64
	next := func() int64 { return counter.Add(1) - 1 }
	results := make([]*stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		results[w] = m.newStats()
		wg.Go(func() { work(results[w], next) })
	}
	wg.Wait()
	for _, r := range results[1:] {
		results[0].merge(r)
	}
	return results[0]
}

// enumerate scores every answer set, on workers goroutines.
func (m *model) enumerate(workers int, visit visitFunc) *stats {
	// Hand out subtrees at the first question where there are plenty of
	// them (an estimate that ignores show_if: it only balances the load).
	split, width := 0, uint64(1)
	for split < len(m.qs) && width < uint64(64*workers) {
		width = satMul(width, m.qs[split].answerCount())
		split++
	}
	return m.inParallel(workers, visit, func(st *stats, next func() int64) {
		wk := &walker{m: m, a: m.newAcc(), st: st, split: split, next: next,
			picks: make([][]int, len(m.qs)), visit: visit}
		wk.ticket = next()
		wk.walk(0, bits{})
	})
}

func (w *walker) walk(i int, s bits) {
	if i == w.split {
		n := w.node
		w.node++
		if n != w.ticket {
			return
		}
		w.ticket = w.next()
	}
	if i == len(w.m.qs) {
		r := w.m.eval(w.a)
		w.st.add(r)
		if w.visit != nil {
			w.visit(w.picks, r)
		}
		return
	}
	mq := &w.m.qs[i]
	if mq.cond >= 0 && !s.has(mq.cond) {
		w.walk(i+1, s)
		return
	}
	addKV(w.a.lo, mq.lo, 1)
	addKV(w.a.hi, mq.hi, 1)
	if mq.qu.Kind == Multi {
		w.subsets(i, 0, 0, s)
	} else {
		for ai := range mq.answers {
			ans := &mq.answers[ai]
			addKV(w.a.raw, ans.adds, 1)
			if w.visit != nil {
				w.picks[i] = append(w.picks[i][:0], ai)
			}
			w.walk(i+1, s.or(ans.act))
			addKV(w.a.raw, ans.adds, -1)
		}
	}
	addKV(w.a.lo, mq.lo, -1)
	addKV(w.a.hi, mq.hi, -1)
	if w.visit != nil {
		w.picks[i] = w.picks[i][:0]
	}
}

// subsets walks every multi answer to question i that adds options from
// index from on to the size options already chosen (an exclusive option
// only on its own).
func (w *walker) subsets(i, from, size int, s bits) {
	mq := &w.m.qs[i]
	for ai := from; ai < len(mq.answers); ai++ {
		ans := &mq.answers[ai]
		if ans.alone && size > 0 {
			continue
		}
		addKV(w.a.raw, ans.adds, 1)
		if w.visit != nil {
			w.picks[i] = append(w.picks[i], ai)
		}
		s2 := s.or(ans.act)
		w.walk(i+1, s2)
		if size+1 < mq.max && !ans.alone {
			w.subsets(i, ai+1, size+1, s2)
		}
		if w.visit != nil {
			w.picks[i] = w.picks[i][:len(w.picks[i])-1]
		}
		addKV(w.a.raw, ans.adds, -1)
	}
}

// sampleChunk is how many samples share one random stream: chunks are
// handed to workers in any order, and each chunk's stream depends only on
// the seed and the chunk's number.
const sampleChunk = 1 << 13

// sample scores n answer sets drawn uniformly from the space.
func (m *model) sample(n int64, seed uint64, workers int, visit visitFunc) *stats {
	chunks := (n + sampleChunk - 1) / sampleChunk
	return m.inParallel(workers, visit, func(st *stats, next func() int64) {
		a := m.newAcc()
		picks := make([][]int, len(m.qs))
		for c := next(); c < chunks; c = next() {
			rng := rand.New(rand.NewPCG(seed, uint64(c)))
			for j := c * sampleChunk; j < min(n, (c+1)*sampleChunk); j++ {
				r := m.draw(a, rng, picks, visit != nil)
				st.add(r)
				if visit != nil {
					visit(picks, r)
				}
			}
		}
	})
}

// draw scores one answer set chosen uniformly at random: at each question
// a group of answers is picked in proportion to the answer sets below it,
// then an answer uniformly within the group.
func (m *model) draw(a *acc, rng *rand.Rand, picks [][]int, record bool) *leafResult {
	clear(a.raw)
	copy(a.lo, m.baseLo)
	copy(a.hi, m.baseHi)
	var s bits
	for i := range m.qs {
		mq := &m.qs[i]
		if record {
			picks[i] = picks[i][:0]
		}
		if mq.cond >= 0 && !s.has(mq.cond) {
			s = s.and(m.futureMask[i+1])
			continue
		}
		if mq.cond >= 0 {
			addKV(a.lo, mq.lo, 1)
			addKV(a.hi, mq.hi, 1)
		}
		g := &mq.groups[0]
		if len(mq.groups) > 1 {
			nd := m.memo[memoKey{i, s}]
			g = &mq.groups[pick(nd.cum, rng)]
		}
		choose := func(ai int) {
			addKV(a.raw, mq.answers[ai].adds, 1)
			if record {
				picks[i] = append(picks[i], ai)
			}
		}
		if g.parts == nil {
			choose(g.answers[rng.IntN(len(g.answers))])
		} else {
			p := &g.parts[pick(g.cum, rng)]
			for _, ai := range p.opts {
				choose(ai)
			}
			u := p.uLo + pick(p.cumU, rng)
			// u distinct quiet options: a partial Fisher–Yates shuffle
			// of a copy, in option order for the picks.
			var buf [maxOptions]int
			quiet := buf[:copy(buf[:], mq.quiet)]
			for k := 0; k < u; k++ {
				j := k + rng.IntN(len(quiet)-k)
				quiet[k], quiet[j] = quiet[j], quiet[k]
				choose(quiet[k])
			}
			if record {
				slices.Sort(picks[i])
			}
		}
		s = s.or(g.act).and(m.futureMask[i+1])
	}
	return m.eval(a)
}

// pick returns an index drawn in proportion to the steps of cum.
func pick(cum []float64, rng *rand.Rand) int {
	x := rng.Float64() * cum[len(cum)-1]
	return sort.Search(len(cum)-1, func(i int) bool { return cum[i] > x })
}
