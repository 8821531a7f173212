package ogcard

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
)

// DefaultAccent is the quiz's built-in accent (web/app.css), the card's
// background when the quiz has no [theme] accent.
const DefaultAccent = "#0f5e6e"

// MinContrast is WCAG 2.2 AA's least contrast for text (1.4.3): every
// text on a card has at least this much against what it is drawn on.
const MinContrast = 4.5

// parseColor reads "#rgb" or "#rrggbb" (any case).
func parseColor(s string) (color.RGBA, error) {
	if len(s) == 4 && s[0] == '#' {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	c := color.RGBA{A: 255}
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("ogcard: accent %q is not a colour like #0f5e6e", s)
	}
	var v [3]uint8
	for i := range v {
		n, err := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return c, fmt.Errorf("ogcard: accent %q is not a colour like #0f5e6e", s)
		}
		v[i] = uint8(n)
	}
	c.R, c.G, c.B = v[0], v[1], v[2]
	return c, nil
}

// luminance is WCAG's relative luminance of an opaque sRGB colour.
func luminance(c color.RGBA) float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// Contrast is WCAG's contrast ratio of two opaque colours, 1 to 21.
func Contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// mix is a + (b − a)·t, channel by channel, rounded.
func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 255}
}

// palette is a card's colours.
type palette struct {
	bg   color.RGBA // the accent: the background
	ink  color.RGBA // the title, the band's badge
	soft color.RGBA // the other texts: ink a little toward the background
	rule color.RGBA // the line over the disclaimer (not text)
}

var (
	white = color.RGBA{255, 255, 255, 255}
	black = color.RGBA{0x0b, 0x14, 0x18, 255} // the dark theme's button text
)

// colors makes the palette on an accent: white text, or near-black on an
// accent too light for white (a quiz's checked accent always takes
// white; an unchecked one still gets a readable card, its background
// darkened or lightened when neither reaches MinContrast). The softer text
// goes toward the background only as far as it keeps a contrast of 7:1
// (AAA), or the ink's own when that is less.
func colors(accent color.RGBA) palette {
	p := palette{bg: accent, ink: white}
	if Contrast(black, accent) > Contrast(white, accent) {
		p.ink = black
	}
	// A mid grey has less than 4.5:1 with either: move the background
	// away from the ink until the text reads.
	away := black
	if p.ink == black {
		away = white
	}
	for i := 0; i < 20 && Contrast(p.ink, p.bg) < MinContrast; i++ {
		p.bg = mix(p.bg, away, 0.1)
	}
	p.soft = p.ink
	floor := min(7, Contrast(p.ink, p.bg))
	for t := 0.02; t <= 0.3; t += 0.02 {
		c := mix(p.ink, p.bg, t)
		if Contrast(c, p.bg) < floor {
			break
		}
		p.soft = c
	}
	p.rule = mix(p.bg, p.ink, 0.35)
	return p
}

// paletted is img in the palette's colours: the background, the ink and
// the softer ink, and 126 steps between the background and each (text's
// anti-aliased edges), and the rule. The PNG is then a byte a pixel, not
// three: less than half the size, and three times as quick to compress.
func (p palette) paletted(img *image.RGBA) *image.Paletted {
	pal := make(color.Palette, 0, 256)
	for i := range 128 {
		pal = append(pal, mix(p.bg, p.ink, float64(i)/127))
	}
	for i := 1; i < 127; i++ {
		pal = append(pal, mix(p.bg, p.soft, float64(i)/126))
	}
	pal = append(pal, p.rule)
	out := palettedCanvases.Get().(*image.Paletted)
	out.Palette = pal
	// Most pixels are the one before's colour; the others are a few
	// hundred colours, each looked up once.
	index := map[uint32]uint8{}
	last, lastIdx := uint32(0), uint8(0) // every pixel is opaque: never 0
	for j := range out.Pix {
		c := binary.LittleEndian.Uint32(img.Pix[4*j:])
		if c != last {
			idx, ok := index[c]
			if !ok {
				idx = uint8(pal.Index(color.RGBA{uint8(c), uint8(c >> 8), uint8(c >> 16), 255}))
				index[c] = idx
			}
			last, lastIdx = c, idx
		}
		out.Pix[j] = lastIdx
	}
	return out
}
