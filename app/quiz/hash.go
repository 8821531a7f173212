package quiz

import (
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
)

// contentHash is the quiz's Hash: a digest of what gives a set of answers
// its meaning and its result, and of nothing else. It covers the quiz's id
// and version; the dimensions' ids, in order; the fit weights; the bands'
// ids and mins; every question's id, kind, max, show_if and scale points,
// and its options' ids, order, points and exclusive mark; the outcomes'
// ids, in order (the order breaks ties). Texts and their translations,
// comments, layout, sections, benefits, concerns, certifications, sources,
// the theme and the golden cases are left out: fixing a typo, translating
// or recommending another certification keeps saved progress and share
// links working; changing a point or an option ends them, and so does
// raising version.
func (q *Quiz) contentHash() string {
	var b []byte
	str := func(s string) { b = append(strconv.AppendQuote(b, s), ' ') }
	num := func(n int) { b = append(strconv.AppendInt(b, int64(n), 10), ' ') }
	weights := func(m map[string]int) {
		num(len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			str(k)
			num(m[k])
		}
	}
	str(q.ID)
	str(q.Version)
	num(len(q.Dimensions))
	for _, d := range q.Dimensions {
		str(d.ID)
	}
	weights(q.Fit)
	num(len(q.Bands))
	for _, bd := range q.Bands {
		str(bd.ID)
		num(bd.Min)
	}
	num(len(q.Questions))
	for _, qu := range q.Questions {
		str(qu.ID)
		str(string(qu.Kind))
		num(qu.Max)
		weights(qu.Adds)
		num(len(qu.ShowIf))
		for _, c := range qu.ShowIf {
			str(c.Question)
			num(len(c.Any))
			for _, v := range c.Any {
				str(v)
			}
		}
		num(len(qu.Options))
		for _, o := range qu.Options {
			str(o.ID)
			weights(o.Adds)
			if o.Exclusive {
				str("exclusive")
			}
		}
	}
	num(len(q.Outcomes))
	for _, o := range q.Outcomes {
		str(o.ID)
	}
	h := fnv.New64a()
	h.Write(b)
	return strconv.FormatUint(h.Sum64(), 16)
}
