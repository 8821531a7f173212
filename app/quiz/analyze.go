package quiz

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
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

	Outcomes   []OutcomeStats   // in declared order
	Bands      []BandStats      // in declared order
	Dimensions []DimensionStats // in declared order
	// Ties counts answer sets whose top two paths score the same (the
	// declared order then decides).
	Ties int64
	// Fit is the distribution of the fit score: Fit[s] answer sets scored
	// s (0–100). All zero when the quiz has no fit score.
	Fit   [101]int64
	Flags []Flag
}

// OutcomeStats is how often an outcome comes first or second.
type OutcomeStats struct {
	Outcome  *Outcome
	Top      int64 // answer sets where it is the top path
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
	Msg  string
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
	adds []kv
	act  bits // conditional questions this answer switches on
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
	m := &model{q: q, nd: len(q.Dimensions), no: len(q.Outcomes), memo: map[memoKey]*memoNode{}}
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
		for _, id := range sortedKeys(adds) {
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
				mq.answers = append(mq.answers, mAnswer{adds: sparse(o.Adds, quarter)})
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
		for _, id := range sortedKeys(keys) {
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
	return contains(vals, id)
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
	// Multi: subsets of the activating options, each completed by up to
	// max−|T| quiet ones (at least one option in all).
	var loud []int
	for ai, a := range mq.answers {
		if a.act.isZero() {
			mq.quiet = append(mq.quiet, ai)
		} else {
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

// leafResult is one answer set's result, as Score would give it.
type leafResult struct {
	top, runner int // outcome indices
	tie         bool
	hasFit      bool
	fit         int
	band        int   // -1: none
	scores      []int // per key: dimensions then outcomes
	measured    []bool
}

// stats accumulates leaf results.
type stats struct {
	sets           int64
	top, runner    []int64
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
		top: make([]int64, m.no), runner: make([]int64, m.no), outMax: make([]int, m.no),
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
	for i := range st.top {
		st.top[i] += o.top[i]
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

// acc is the running sums of one walk: raw points and range per key.
type acc struct {
	raw, lo, hi []int
	res         leafResult
}

func (m *model) newAcc() *acc {
	n := m.nd + m.no
	return &acc{raw: make([]int, n), lo: make([]int, n), hi: make([]int, n),
		res: leafResult{scores: make([]int, n), measured: make([]bool, n)}}
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
	for k := range a.raw {
		span := a.hi[k] - a.lo[k]
		if span <= 0 {
			r.scores[k], r.measured[k] = 0, false
			continue
		}
		s := ((a.raw[k]-a.lo[k])*200 + span) / (2 * span)
		r.scores[k], r.measured[k] = s, true
		if k < m.nd && m.fitW[k] > 0 {
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
	next   *atomic.Int64
	picks  [][]int
	visit  visitFunc
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
	if visit != nil {
		workers = 1
	}
	var next atomic.Int64
	results := make([]*stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := &walker{m: m, a: m.newAcc(), st: m.newStats(), split: split, next: &next,
				picks: make([][]int, len(m.qs)), visit: visit}
			wk.ticket = next.Add(1) - 1
			wk.walk(0, bits{})
			results[w] = wk.st
		}()
	}
	wg.Wait()
	for _, r := range results[1:] {
		results[0].merge(r)
	}
	return results[0]
}

func (w *walker) walk(i int, s bits) {
	if i == w.split {
		n := w.node
		w.node++
		if n != w.ticket {
			return
		}
		w.ticket = w.next.Add(1) - 1
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
// index from on to the size options already chosen.
func (w *walker) subsets(i, from, size int, s bits) {
	mq := &w.m.qs[i]
	for ai := from; ai < len(mq.answers); ai++ {
		ans := &mq.answers[ai]
		addKV(w.a.raw, ans.adds, 1)
		if w.visit != nil {
			w.picks[i] = append(w.picks[i], ai)
		}
		s2 := s.or(ans.act)
		w.walk(i+1, s2)
		if size+1 < mq.max {
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
	if visit != nil {
		workers = 1
	}
	var next atomic.Int64
	results := make([]*stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, st := m.newAcc(), m.newStats()
			picks := make([][]int, len(m.qs))
			for {
				c := next.Add(1) - 1
				if c >= chunks {
					break
				}
				rng := newRand(seed, uint64(c))
				for j := c * sampleChunk; j < min(n, (c+1)*sampleChunk); j++ {
					r := m.draw(a, rng, picks, visit != nil)
					st.add(r)
					if visit != nil {
						visit(picks, r)
					}
				}
			}
			results[w] = st
		}()
	}
	wg.Wait()
	for _, r := range results[1:] {
		results[0].merge(r)
	}
	return results[0]
}

// draw scores one answer set chosen uniformly at random: at each question
// a group of answers is picked in proportion to the answer sets below it,
// then an answer uniformly within the group.
func (m *model) draw(a *acc, rng *rand, picks [][]int, record bool) *leafResult {
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
			choose(g.answers[rng.intn(len(g.answers))])
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
				j := k + rng.intn(len(quiet)-k)
				quiet[k], quiet[j] = quiet[j], quiet[k]
				choose(quiet[k])
			}
			if record {
				sortInts(picks[i])
			}
		}
		s = s.or(g.act).and(m.futureMask[i+1])
	}
	return m.eval(a)
}

// pick returns an index drawn in proportion to the steps of cum.
func pick(cum []float64, rng *rand) int {
	x := rng.float() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// rand is a small, fast, seedable generator (xoshiro256**).
type rand struct{ s [4]uint64 }

func newRand(seed, stream uint64) *rand {
	r := &rand{}
	x := seed ^ stream*0x9E3779B97F4A7C15
	for i := range r.s {
		// splitmix64
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		r.s[i] = z ^ z>>31
	}
	return r
}

func (r *rand) next() uint64 {
	s := &r.s
	out := rotl(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = rotl(s[3], 45)
	return out
}

func rotl(x uint64, k uint) uint64 { return x<<k | x>>(64-k) }

// intn returns a number in [0, n) (the tiny modulo bias is irrelevant
// for n ≤ 20).
func (r *rand) intn(n int) int { return int(r.next() % uint64(n)) }

// float returns a number in [0, 1).
func (r *rand) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// report fills the analysis from the counts and raises the flags.
func (m *model) report(a *Analysis, st *stats) {
	q := m.q
	a.Sets, a.Ties, a.Fit = st.sets, st.ties, st.fit
	for o, out := range q.Outcomes {
		a.Outcomes = append(a.Outcomes, OutcomeStats{Outcome: out, Top: st.top[o], RunnerUp: st.runner[o], MaxScore: st.outMax[o]})
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
		case !m.measured[m.nd+o]:
			flag(FlagUnmeasured, id, "outcome %q: no answer adds points to it", id)
		case os.MaxScore == 0:
			flag(FlagNeverScored, id, "outcome %q scores 0 in %s: give it positive points somewhere", id, in)
		}
		if os.Top == 0 {
			flag(FlagUnreachable, id, "outcome %q is never the top path in %s: give it more points, or other outcomes fewer", id, in)
		}
		if 2*os.Top > a.Sets {
			flag(FlagDominant, id, "outcome %q is the top path in %.1f %% of answer sets (more than half): give other outcomes more points, or it fewer", id, 100*a.Share(os.Top))
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
