package quiz

import (
	"encoding/base64"
	"encoding/binary"
	"slices"
	"strings"
)

// A share code carries a visitor's answers in a URL fragment, and nothing
// else: "<hash>.<answers>", where hash is the quiz's content version (Hash)
// and answers is, per question in file order, one unsigned varint —
// 0 no answer, a single choice's option number (1-based), a scale point
// (1–5), or a multi answer's options as a bit set (bit i: option i) —
// trailing zeros dropped, in unpadded base64url. The default quiz's answers
// take about 30 characters. Indexes, not ids, keep it short: a code is
// only read back by the quiz with the same Hash, where they mean the same.

// ShareStatus is what reading a share code found.
type ShareStatus int

// The outcomes of ReadShareCode.
const (
	ShareOK      ShareStatus = iota
	ShareChanged             // made with another version of the quiz
	ShareInvalid             // damaged, or not a complete answer set
)

// ShareCode encodes the answers to the questions they show.
func (q *Quiz) ShareCode(a Answers) string {
	vis := q.Visible(a)
	var buf []byte
	end := 0
	for i, qu := range q.Questions {
		v := uint64(0)
		if ans := a[qu.ID]; vis[i] && qu.Answered(ans) {
			v = qu.code(ans)
		}
		buf = binary.AppendUvarint(buf, v)
		if v != 0 {
			end = len(buf)
		}
	}
	return q.Hash + "." + base64.RawURLEncoding.EncodeToString(buf[:end])
}

// code is the number of an answer the question can have.
//
// Kept out of line: inlined into ShareCode and twice into alternatives it
// makes app.wasm 1.9 KB larger raw and 5 KB larger in brotli (measured).
//
//go:noinline
func (qu *Question) code(a Answer) uint64 {
	if qu.Kind == Scale {
		return uint64(a.Scale)
	}
	var v uint64
	for i, o := range qu.Options {
		if slices.Contains(a.Choices, o.ID) {
			if qu.Kind == Single {
				return uint64(i + 1)
			}
			v |= 1 << i
		}
	}
	return v
}

// ReadShareCode decodes a share code made by ShareCode. The answers are
// returned only with ShareOK: same quiz version, every value an answer the
// question can have (Valid), and every question shown for them answered
// (and no other).
func (q *Quiz) ReadShareCode(code string) (Answers, ShareStatus) {
	hash, data, ok := strings.Cut(code, ".")
	if !ok || hash == "" {
		return nil, ShareInvalid
	}
	if hash != q.Hash {
		return nil, ShareChanged
	}
	buf, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		return nil, ShareInvalid
	}
	a := Answers{}
	for _, qu := range q.Questions {
		if len(buf) == 0 {
			break // trailing questions unanswered
		}
		v, n := binary.Uvarint(buf)
		if n <= 0 {
			return nil, ShareInvalid
		}
		buf = buf[n:]
		if v == 0 {
			continue
		}
		ans, ok := qu.decode(v)
		if !ok {
			return nil, ShareInvalid
		}
		a[qu.ID] = ans
	}
	if len(buf) > 0 {
		return nil, ShareInvalid
	}
	vis := q.Visible(a)
	for i, qu := range q.Questions {
		if _, has := a[qu.ID]; has != vis[i] {
			return nil, ShareInvalid
		}
	}
	return a, ShareOK
}

// decode is the answer numbered v, if the question can have it.
func (qu *Question) decode(v uint64) (Answer, bool) {
	var a Answer
	switch {
	case qu.Kind == Scale:
		a.Scale = int(min(v, ScalePoints+1))
	case qu.Kind == Single && v <= uint64(len(qu.Options)):
		a.Choices = []string{qu.Options[v-1].ID}
	case qu.Kind == Multi:
		for i, o := range qu.Options {
			if v&(1<<i) != 0 {
				a.Choices = append(a.Choices, o.ID)
				v &^= 1 << i
			}
		}
		if v != 0 {
			return a, false
		}
	}
	return a, qu.Answered(a)
}

// Complete reports whether every question shown for the answers is
// answered: they give a full result.
func (q *Quiz) Complete(a Answers) bool {
	for i, v := range q.Visible(a) {
		if v && !q.Questions[i].Answered(a[q.Questions[i].ID]) {
			return false
		}
	}
	return true
}
