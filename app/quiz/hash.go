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
	each := func(n int, f func(i int)) { // a list: its length, then each entry
		num(n)
		for i := range n {
			f(i)
		}
	}
	strs := func(list []string) { each(len(list), func(i int) { str(list[i]) }) }
	weights := func(m map[string]int) {
		keys := slices.Sorted(maps.Keys(m))
		strs(keys)
		for _, k := range keys {
			num(m[k])
		}
	}
	str(q.ID)
	str(q.Version)
	each(len(q.Dimensions), func(i int) { str(q.Dimensions[i].ID) })
	weights(q.Fit)
	each(len(q.Bands), func(i int) { str(q.Bands[i].ID); num(q.Bands[i].Min) })
	each(len(q.Questions), func(i int) {
		qu := q.Questions[i]
		str(qu.ID)
		str(string(qu.Kind))
		num(qu.Max)
		weights(qu.Adds)
		each(len(qu.ShowIf), func(j int) { str(qu.ShowIf[j].Question); strs(qu.ShowIf[j].Any) })
		each(len(qu.Options), func(j int) {
			o := qu.Options[j]
			str(o.ID)
			weights(o.Adds)
			if o.Exclusive {
				str("exclusive")
			}
		})
	})
	each(len(q.Outcomes), func(i int) { str(q.Outcomes[i].ID) })
	h := fnv.New64a()
	h.Write(b)
	return strconv.FormatUint(h.Sum64(), 16)
}
