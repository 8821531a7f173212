package quiz

import (
	"encoding/json"
	"hash/fnv"
	"strconv"
)

// contentHash is the quiz's Hash: a digest of what gives a set of answers
// its meaning and its result, and of nothing else. It covers the quiz's id
// and version; the dimensions' ids, in order; the fit weights; the bands'
// ids and mins; every question's id, kind, max, show_if and scale points,
// and its options' ids, order, points and exclusive mark; the outcomes'
// ids, in order (the order breaks ties), and profiles; the [match]
// weights. Texts and their translations, comments, [levels], layout, sections, benefits, concerns, certifications, sources,
// the theme and the golden cases are left out: fixing a typo, translating
// or recommending another certification keeps saved progress and share
// links working; changing a point or an option ends them, and so does
// raising version.
//
// The hash is taken of those as JSON: the model's json tags leave the texts
// out, and encoding/json writes maps sorted by key, so the same content
// gives the same bytes.
func (q *Quiz) contentHash() string {
	b, _ := json.Marshal(struct {
		ID, Version string
		Dimensions  []*Dimension
		Fit         map[string]int
		Bands       []*Band
		Questions   []*Question
		Outcomes    []*Outcome
		Match       Match
	}{q.ID, q.Version, q.Dimensions, q.Fit, q.Bands, q.Questions, q.Outcomes, q.Match})
	h := fnv.New64a()
	h.Write(b)
	return strconv.FormatUint(h.Sum64(), 16)
}

// sourceDigest is the quiz's Digest: FNV-1a (32 bits, hex) of the file's
// bytes as given. It tells one file from another, nothing more: the page
// the server drew from a file checks with it that the quiz.toml it fetches
// is that file (app/webapp/early.js), or lets the engine draw the page.
func sourceDigest(src []byte) string {
	h := fnv.New32a()
	h.Write(src)
	return strconv.FormatUint(uint64(h.Sum32()), 16)
}
