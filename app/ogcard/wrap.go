package ogcard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Line breaking. Where a line may break is Unicode's line breaking
// algorithm (UAX #14, from github.com/rivo/uniseg): between words in
// English; between characters in Japanese, never before 、。）」 or small
// kana and never after （「 (kinsoku). Of those places, some are better:
// spaces, after punctuation, and where Japanese changes from kana to
// kanji or between kanji and katakana, which is mostly where a phrase
// ends ("PM（プロジェクト|マネージャー）", "相性が|よい|タイプです"). A text is
// first set at the largest size where it breaks at better places only,
// then at any, and is clipped with an ellipsis when it does not fit even
// so.

// segment is a piece of text after which a line may break.
type segment struct {
	text   string
	better bool // the break after it is a better one
}

// segments cuts s at its break opportunities.
func segments(s string) []segment {
	var segs []segment
	state := -1
	for rest := s; rest != ""; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		segs = append(segs, segment{text: seg})
	}
	for i := range segs[:max(len(segs)-1, 0)] {
		a, _ := utf8.DecodeLastRuneInString(segs[i].text)
		b, _ := utf8.DecodeRuneInString(segs[i+1].text)
		segs[i].better = betterBreak(a, b)
	}
	return segs
}

type script int

const (
	other script = iota // Latin, digits, anything not CJK
	hiragana
	katakana
	han
	cjkPunct // Japanese punctuation and brackets
)

func scriptOf(r rune) script {
	switch {
	case r == 'ー' || r == 'ｰ' || unicode.Is(unicode.Katakana, r):
		return katakana
	case unicode.Is(unicode.Hiragana, r):
		return hiragana
	case unicode.Is(unicode.Han, r) || r == '々' || r == '〆':
		return han
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xff65:
		return cjkPunct
	}
	return other
}

// betterBreak says whether a break between a and b (an opportunity UAX #14
// gives) is a good place for a line to end.
func betterBreak(a, b rune) bool {
	sa, sb := scriptOf(a), scriptOf(b)
	switch {
	case unicode.IsSpace(a), sa == cjkPunct, sb == cjkPunct:
		// After a space or punctuation, before an opening bracket (UAX
		// #14 gives no break before closing punctuation).
		return true
	case sa == other || sb == other:
		// Between words, or between a Latin word and Japanese.
		return true
	case sa == hiragana:
		// A particle or an ending, then a new word: が|よい is a phrase's
		// end only when kanji or katakana follows (相性が|高い).
		return sb == han || sb == katakana
	case sa == katakana:
		return sb == han
	case sa == han:
		return sb == katakana
	}
	return false
}

// setter measures and wraps text in one font at one size.
type setter struct {
	face font.Face
	size float64
}

func newSetter(f *sfnt.Font, size float64) (setter, error) {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return setter{}, err
	}
	return setter{face: fc, size: size}, nil
}

func (s setter) width(text string) fixed.Int26_6 {
	return font.MeasureString(s.face, strings.TrimRightFunc(text, unicode.IsSpace))
}

// wrap breaks segs into lines no wider than w: at better breaks only
// (ok false when a piece between them is wider than w), or at any break
// opportunity, a word wider than w then cut between characters.
func (s setter) wrap(segs []segment, w fixed.Int26_6, betterOnly bool) (lines []string, ok bool) {
	// The pieces a line is made of: runs of segments between the breaks
	// allowed.
	var pieces []string
	var cur strings.Builder
	for i, sg := range segs {
		cur.WriteString(sg.text)
		if !betterOnly || sg.better || i == len(segs)-1 {
			pieces = append(pieces, cur.String())
			cur.Reset()
		}
	}
	line := ""
	for _, p := range pieces {
		if s.width(line+p) <= w {
			line += p
			continue
		}
		if line != "" {
			lines = append(lines, strings.TrimRightFunc(line, unicode.IsSpace))
			line = ""
		}
		if s.width(p) <= w {
			line = p
			continue
		}
		if betterOnly {
			return nil, false
		}
		// A word wider than the line: cut it between characters.
		gr := uniseg.NewGraphemes(p)
		for gr.Next() {
			c := gr.Str()
			if line != "" && s.width(line+c) > w {
				lines = append(lines, line)
				line = ""
			}
			line += c
		}
	}
	if line = strings.TrimRightFunc(line, unicode.IsSpace); line != "" {
		lines = append(lines, line)
	}
	return lines, true
}

// dots is the ellipsis after t: "…" after Japanese, but three full stops
// after a Latin letter, since the CJK font's "…" sits mid-height.
func dots(t string) string {
	if r, _ := utf8.DecodeLastRuneInString(t); scriptOf(r) == other {
		return "..."
	}
	return "…"
}

// ellipsis cuts text at the end until it and an ellipsis fit in w,
// dropping spaces and punctuation left before it: after a whole word
// when that keeps most of the line, else between characters.
func (s setter) ellipsis(text string, w fixed.Int26_6) string {
	cut := func(pieces []string) string {
		for n := len(pieces); n > 0; n-- {
			t := strings.TrimRightFunc(strings.Join(pieces[:n], ""), func(r rune) bool {
				return unicode.IsSpace(r) || unicode.IsPunct(r)
			})
			if t != "" && s.width(t+dots(t)) <= w {
				return t + dots(t)
			}
		}
		return "…"
	}
	var words []string
	for _, sg := range segments(text) {
		words = append(words, sg.text)
	}
	if t := cut(words); s.width(t) >= w*3/5 {
		return t
	}
	var gs []string
	gr := uniseg.NewGraphemes(text)
	for gr.Next() {
		gs = append(gs, gr.Str())
	}
	return cut(gs)
}

// block is a text set in lines at one size.
type block struct {
	setter
	lines      []string
	lineHeight float64 // as a multiple of the size
	clipped    bool    // too long: set at the least size, ending in an ellipsis
}

// height is the block's height in pixels: its lines' boxes.
func (b block) height() float64 { return float64(len(b.lines)) * b.size * b.lineHeight }

// fit is how a text may be set: sizes from Max down to Min (by Step),
// at most Lines lines of at most Width pixels, at most Height pixels in
// all (0: no limit).
type fit struct {
	Max, Min, Step float64
	Lines          int
	Width          int
	Height         float64
	LineHeight     float64
}

// set sets text in f: at the largest size where it breaks at better
// places only; else the largest where it fits at all; else at the least
// size, its last line ending in "…".
func set(f *sfnt.Font, text string, ft fit) (block, error) {
	b := block{lineHeight: ft.LineHeight}
	if text == "" {
		return b, nil
	}
	segs := segments(text)
	w := fixed.I(ft.Width)
	var best [2]block // at better breaks only, at any
	for i, betterOnly := range []bool{true, false} {
		for size := ft.Max; size >= ft.Min; size -= ft.Step {
			st, err := newSetter(f, size)
			if err != nil {
				return b, err
			}
			lines, ok := st.wrap(segs, w, betterOnly)
			b.setter, b.lines = st, lines
			if ok && len(lines) <= ft.Lines && (ft.Height == 0 || b.height() <= ft.Height) {
				best[i] = b
				break
			}
		}
	}
	// Better breaks, unless they make the text much smaller than any
	// break would.
	switch {
	case best[0].lines != nil && best[0].size >= 0.75*best[1].size:
		return best[0], nil
	case best[1].lines != nil:
		return best[1], nil
	}
	// Too long even at the least size: keep what fits, then "…".
	st, err := newSetter(f, ft.Min)
	if err != nil {
		return b, err
	}
	lines, _ := st.wrap(segs, w, false)
	n := ft.Lines
	for n > 1 && float64(n)*ft.Min*ft.LineHeight > ft.Height && ft.Height > 0 {
		n--
	}
	if len(lines) > n {
		// The text from line n on: lines are the text's own pieces, less
		// the spaces where they break.
		pos := 0
		for _, l := range lines[:n-1] {
			pos += strings.Index(text[pos:], l) + len(l)
			pos = len(text) - len(strings.TrimLeftFunc(text[pos:], unicode.IsSpace))
		}
		lines = append(lines[:n-1:n-1], st.ellipsis(text[pos:], w))
	}
	b.setter, b.lines, b.clipped = st, lines, true
	return b, nil
}
