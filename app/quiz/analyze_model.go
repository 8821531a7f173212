package quiz

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// bits is a set of conditional questions (maxQuestions ≤ 128).
type bits [2]uint64

func (b bits) has(i int) bool    { return b[i>>6]&(1<<(i&63)) != 0 }
func (b *bits) set(i int)        { b[i>>6] |= 1 << (i & 63) }
func (b bits) or(c bits) bits    { return bits{b[0] | c[0], b[1] | c[1]} }
func (b bits) and(c bits) bits   { return bits{b[0] & c[0], b[1] & c[1]} }
func (b bits) isZero() bool      { return b[0] == 0 && b[1] == 0 }
func (b bits) equal(c bits) bool { return b == c }

// kv is one entry of a sparse points vector: key index (dimensions first,
// then outcomes) and points in quarters.
type kv struct{ k, v int }

// model is the quiz reduced to what scoring needs.
type model struct {
	q          *Quiz
	nd, no     int   // dimensions, outcomes; keys are 0..nd+no-1
	fitW       []int // per dimension
	bandMin    []int
	qs         []mQuestion
	futureMask []bits // futureMask[i]: conditional questions at index ≥ i
	memo       map[memoKey]*memoNode
	binom      [maxOptions + 1][maxOptions + 1]uint64
	measured   []bool // per key: some question can add to it
	// baseLo, baseHi: the ranges of the questions always shown, which
	// every answer set adds (the sampler starts from them).
	baseLo, baseHi []int
	match          *matcher // match.go: paths from traits and wishes
	close          int      // [match] close
}

type mQuestion struct {
	qu      *Question
	cond    int // its bit among the conditional questions, -1 when always shown
	answers []mAnswer
	lo, hi  []kv // the range it adds when answered
	max     int  // multi: most options
	groups  []group
	quiet   []int // multi: options that switch on no question
}

// mAnswer is an option (single, multi) or a scale point.
type mAnswer struct {
	adds  []kv
	act   bits // conditional questions this answer switches on
	alone bool // an exclusive option: a multi answer on its own
}

// group gathers the answers of a question that switch on the same
// questions: they lead to the same subtree.
type group struct {
	act     bits
	n       uint64  // answers in the group (saturating)
	f       float64 // the same, as a weight
	answers []int   // single, scale: the answers
	parts   []part  // multi: how its subsets are made
	cum     []float64
}

// part is the multi answers made of the activating options opts plus u
// quiet options, uLo ≤ u < uLo+len(cumU); cumU accumulates C(quiet, u).
type part struct {
	opts []int
	uLo  int
	cumU []float64
}

type memoKey struct {
	i int
	s bits
}

// memoNode is the subtree below question i in state s: how many answer
// sets it holds and, when the question branches into several groups, the
// cumulative weights for sampling.
type memoNode struct {
	n   uint64
	f   float64
	cum []float64 // per group of the question; nil when hidden or one group
}

// maxMemo bounds the counting memo: a quiz whose conditions create more
// states than this is refused rather than allowed to exhaust memory.
const maxMemo = 1 << 20

func newModel(q *Quiz) (*model, error) {
	m := &model{q: q, nd: len(q.Dimensions), no: len(q.Outcomes), memo: map[memoKey]*memoNode{},
		match: q.matcher(), close: q.Match.Close}
	for n := 0; n <= maxOptions; n++ {
		m.binom[n][0] = 1
		for k := 1; k <= n; k++ {
			m.binom[n][k] = m.binom[n-1][k-1]
			if k < n {
				m.binom[n][k] += m.binom[n-1][k]
			}
		}
	}
	for _, d := range q.Dimensions {
		m.fitW = append(m.fitW, q.Fit[d.ID])
	}
	for _, b := range q.Bands {
		m.bandMin = append(m.bandMin, b.Min)
	}
	keyOf := func(id string) (int, bool) {
		if i, ok := q.dimIndex[id]; ok {
			return i, true
		}
		if i, ok := q.outIndex[id]; ok {
			return m.nd + i, true
		}
		return 0, false
	}
	sparse := func(adds map[string]int, mul int) []kv {
		var out []kv
		for _, id := range slices.Sorted(maps.Keys(adds)) {
			if k, ok := keyOf(id); ok && adds[id]*mul != 0 {
				out = append(out, kv{k, adds[id] * mul})
			}
		}
		return out
	}
	m.measured = make([]bool, m.nd+m.no)
	conds := 0
	m.qs = make([]mQuestion, len(q.Questions))
	for i, qu := range q.Questions {
		mq := &m.qs[i]
		mq.qu, mq.cond, mq.max = qu, -1, qu.Max
		if len(qu.ShowIf) > 0 {
			mq.cond = conds
			conds++
		}
		switch qu.Kind {
		case Scale:
			for v := 1; v <= ScalePoints; v++ {
				mq.answers = append(mq.answers, mAnswer{adds: sparse(qu.Adds, v-1)})
			}
		default:
			for _, o := range qu.Options {
				mq.answers = append(mq.answers, mAnswer{adds: sparse(o.Adds, quarter), alone: o.Exclusive})
			}
		}
		if qu.Kind == Multi && (mq.max == 0 || mq.max > len(qu.Options)) {
			mq.max = len(qu.Options)
		}
		keys := map[string]bool{}
		for k := range qu.Adds {
			keys[k] = true
		}
		for _, o := range qu.Options {
			for k := range o.Adds {
				keys[k] = true
			}
		}
		for _, id := range slices.Sorted(maps.Keys(keys)) {
			k, ok := keyOf(id)
			if !ok {
				continue
			}
			lo, hi := qu.span(id)
			if lo != 0 {
				mq.lo = append(mq.lo, kv{k, lo})
			}
			if hi != 0 {
				mq.hi = append(mq.hi, kv{k, hi})
			}
			if hi > lo {
				m.measured[k] = true
			}
		}
	}
	if conds > len(bits{})*64 {
		return nil, fmt.Errorf("analyze: %d conditional questions; the limit is %d", conds, len(bits{})*64)
	}
	// Activation: answer a of question j switches on conditional question
	// k > j when one of k's conditions on j includes a.
	for k, qk := range q.Questions {
		for _, c := range qk.ShowIf {
			j, ok := q.qIndex[c.Question]
			if !ok || j >= k {
				continue
			}
			mj := &m.qs[j]
			for ai := range mj.answers {
				if answerMatches(q.Questions[j], ai, c.Any) {
					mj.answers[ai].act.set(m.qs[k].cond)
				}
			}
		}
	}
	m.futureMask = make([]bits, len(q.Questions)+1)
	for i := len(q.Questions) - 1; i >= 0; i-- {
		m.futureMask[i] = m.futureMask[i+1]
		if m.qs[i].cond >= 0 {
			m.futureMask[i].set(m.qs[i].cond)
		}
	}
	m.baseLo, m.baseHi = make([]int, m.nd+m.no), make([]int, m.nd+m.no)
	for i := range m.qs {
		m.groupAnswers(&m.qs[i])
		if m.qs[i].cond < 0 {
			addKV(m.baseLo, m.qs[i].lo, 1)
			addKV(m.baseHi, m.qs[i].hi, 1)
		}
	}
	return m, nil
}

// answerMatches reports whether answer ai of qu (an option, or a scale
// point) is one of vals.
func answerMatches(qu *Question, ai int, vals []string) bool {
	id := ""
	if qu.Kind == Scale {
		id = string(rune('1' + ai))
	} else {
		id = qu.Options[ai].ID
	}
	return slices.Contains(vals, id)
}

// groupAnswers splits a question's answers by the questions they switch on.
func (m *model) groupAnswers(mq *mQuestion) {
	find := func(act bits) *group {
		for i := range mq.groups {
			if mq.groups[i].act.equal(act) {
				return &mq.groups[i]
			}
		}
		mq.groups = append(mq.groups, group{act: act})
		return &mq.groups[len(mq.groups)-1]
	}
	if mq.qu.Kind != Multi {
		for ai, a := range mq.answers {
			g := find(a.act)
			g.answers = append(g.answers, ai)
			g.n++
		}
		for i := range mq.groups {
			mq.groups[i].f = float64(mq.groups[i].n)
		}
		return
	}
	// Multi: an exclusive option on its own; then subsets of the other
	// activating options, each completed by up to max−|T| quiet ones (at
	// least one option in all).
	var loud []int
	for ai, a := range mq.answers {
		switch {
		case a.alone:
			g := find(a.act)
			g.parts = append(g.parts, part{opts: []int{ai}, cumU: []float64{1}})
			g.n++
			g.f++
			g.cum = append(g.cum, g.f)
		case a.act.isZero():
			mq.quiet = append(mq.quiet, ai)
		default:
			loud = append(loud, ai)
		}
	}
	z := len(mq.quiet)
	for mask := 0; mask < 1<<len(loud); mask++ {
		var opts []int
		var act bits
		for b, ai := range loud {
			if mask&(1<<b) != 0 {
				opts = append(opts, ai)
				act = act.or(mq.answers[ai].act)
			}
		}
		t := len(opts)
		uLo, uHi := max(0, 1-t), min(z, mq.max-t)
		if uLo > uHi {
			continue
		}
		p := part{opts: opts, uLo: uLo}
		ways, sum := uint64(0), 0.0
		for u := uLo; u <= uHi; u++ {
			ways += m.binom[z][u]
			sum += float64(m.binom[z][u])
			p.cumU = append(p.cumU, sum)
		}
		g := find(act)
		g.parts = append(g.parts, p)
		g.n += ways
		g.f += float64(ways)
		g.cum = append(g.cum, g.f)
	}
}

// answerCount is how many answers a shown question allows.
func (mq *mQuestion) answerCount() uint64 {
	var n uint64
	for _, g := range mq.groups {
		n = satAdd(n, g.n)
	}
	return n
}

func satAdd(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

func satMul(a, b uint64) uint64 {
	if a != 0 && b > math.MaxUint64/a {
		return math.MaxUint64
	}
	return a * b
}

// count returns the subtree below question i in state s (already masked to
// questions at index ≥ i), filling the memo.
func (m *model) count(i int, s bits) (*memoNode, error) {
	key := memoKey{i, s}
	if nd, ok := m.memo[key]; ok {
		return nd, nil
	}
	if len(m.memo) >= maxMemo {
		return nil, fmt.Errorf("analyze: the questions' show_if conditions create more than %d branches", maxMemo)
	}
	nd := &memoNode{}
	if i == len(m.qs) {
		nd.n, nd.f = 1, 1
		m.memo[key] = nd
		return nd, nil
	}
	mq := &m.qs[i]
	next := m.futureMask[i+1]
	if mq.cond >= 0 && !s.has(mq.cond) {
		sub, err := m.count(i+1, s.and(next))
		if err != nil {
			return nil, err
		}
		*nd = memoNode{n: sub.n, f: sub.f}
		m.memo[key] = nd
		return nd, nil
	}
	var cum []float64
	for _, g := range mq.groups {
		sub, err := m.count(i+1, s.or(g.act).and(next))
		if err != nil {
			return nil, err
		}
		nd.n = satAdd(nd.n, satMul(g.n, sub.n))
		nd.f += g.f * sub.f
		cum = append(cum, nd.f)
	}
	if len(mq.groups) > 1 {
		nd.cum = cum
	}
	m.memo[key] = nd
	return nd, nil
}
