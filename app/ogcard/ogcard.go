// Package ogcard draws a quiz result's share image: the picture LINE,
// Slack, X and Facebook show under a shared link (og:image), one per
// career path, fit band and language, made once when the site is built
// or the server starts, never per visit.
//
// A card is 1200×630 pixels, the size all four show large: the quiz's
// name at the top; "Best match" and the career path's title, as large as
// it fits in three lines; the fit band in a badge; the quiz's disclaimer
// at the bottom. The background is the quiz's accent colour and the text
// white (or near-black on a light accent), every text at least 4.5:1
// against what it is drawn on. Texts are set 80 pixels from the sides
// and 56 from the top and bottom, and no ink comes within 72 and 48 of
// them, so X's crop to 2:1 loses nothing; a thumbnail 300 pixels wide
// still shows the title large enough to read.
//
// Japanese is set in Noto Sans CJK JP (Debian's fonts-noto-cjk), loaded
// once with LoadFonts; it has Latin letters too. The package links no
// go-app code: the server and the static exporter use it, the browser
// never does.
//
// The same Card always gives the same bytes.
package ogcard

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The card's size in pixels.
const (
	Width  = 1200
	Height = 630
)

// Texts start 80 pixels from the sides and 56 from the top and bottom
// (X crops a card to 2:1, 15 pixels off the top and the bottom). A glyph
// may overhang its box by a pixel or two; nothing goes past the safe
// area, 8 pixels further out.
const (
	marginX      = 80
	marginTop    = 56
	marginBottom = 56
	innerWidth   = Width - 2*marginX
	safeX        = marginX - 8
	safeY        = marginTop - 8
)

// Card is one share image: the texts come from the quiz, in one language.
type Card struct {
	Lang       string // the texts' language (BCP 47): picks Japanese, Korean or Chinese glyphs; "" is Japanese
	Quiz       string // the quiz's name, at the top
	Kicker     string // over the title: "最も合うキャリア", "Best match"
	Title      string // the career path's title, large (required)
	BandLabel  string // before the band, smaller: "PMOとの相性" (may be empty)
	Band       string // the fit band's title, in a badge (may be empty)
	Disclaimer string // at the bottom (may be empty)
	Accent     string // the background, "#rrggbb"; "" is DefaultAccent

	// Fonts to set the texts in; nil loads them (LoadFonts("", "")) for
	// this card alone, which takes longer than drawing it: load them once
	// for many cards.
	Fonts *Fonts

	// Not drawn: which result the card shows, for Name.
	OutcomeID, BandID string
}

// Name is a file name for the card, "<outcome>.<band>.<lang>.png": ids
// and language tags hold no dots, so no two cards share one.
func (c Card) Name() string {
	return c.OutcomeID + "." + c.BandID + "." + c.Lang + ".png"
}

// Render draws the card as a PNG.
func Render(c Card) ([]byte, error) {
	img, l, err := render(c)
	if err != nil {
		return nil, err
	}
	pimg := l.pal.paletted(img)
	canvases.Put(img)
	var buf bytes.Buffer
	err = encoder.Encode(&buf, pimg)
	palettedCanvases.Put(pimg)
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Making the 30 cards of a quiz at start allocated 150 MB, mostly
// canvases and compressors: they are reused.
var (
	canvases         = sync.Pool{New: func() any { return image.NewRGBA(image.Rect(0, 0, Width, Height)) }}
	palettedCanvases = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, Width, Height), nil) }}
	// BestSpeed: a third of the default's time, 5 % more bytes.
	encoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &encoderPool{}}
)

type encoderPool struct{ p sync.Pool }

func (e *encoderPool) Get() *png.EncoderBuffer {
	b, _ := e.p.Get().(*png.EncoderBuffer)
	return b
}

func (e *encoderPool) Put(b *png.EncoderBuffer) { e.p.Put(b) }

// RenderAll renders cards on as many goroutines as Go runs at once
// (GOMAXPROCS), returning their PNGs in the cards' order, or the first
// card's error.
func RenderAll(cards []Card) ([][]byte, error) {
	out := make([][]byte, len(cards))
	errs := make([]error, len(cards))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cards)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = Render(cards[i])
			}
		})
	}
	for i := range cards {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cards[i].Name(), err)
		}
	}
	return out, nil
}

// A part of the card, for the tests: what was set where, in what colour.
type part struct {
	name  string
	block block
	x     int     // the left of the text
	top   float64 // the top of its first line's box
	ink   color.RGBA
	box   image.Rectangle // the lines' boxes
}

type layout struct {
	pal   palette
	parts []part
	pill  image.Rectangle // the band's badge; empty when no band
	rule  image.Rectangle // the line over the disclaimer; empty when none
}

// Sizes in pixels, line heights as a multiple of the size.
var (
	fitQuiz       = fit{Max: 30, Min: 22, Step: 2, Lines: 1, Width: innerWidth, LineHeight: 1.25}
	fitKicker     = fit{Max: 34, Min: 24, Step: 2, Lines: 1, Width: innerWidth, LineHeight: 1.25}
	fitTitle      = fit{Max: 120, Min: 56, Step: 4, Lines: 3, Width: innerWidth, LineHeight: 1.18}
	fitBandLabel  = fit{Max: 28, Min: 22, Step: 2, Lines: 1, Width: innerWidth, LineHeight: 1.3}
	fitBand       = fit{Max: 40, Min: 26, Step: 2, Lines: 2, Width: innerWidth - 2*pillPadX, LineHeight: 1.3}
	fitDisclaimer = fit{Max: 22, Min: 18, Step: 1, Lines: 2, Width: innerWidth, LineHeight: 1.4}
)

const (
	pillPadX, pillPadY = 28, 10
	labelGap           = 20 // between the band's label and its badge
)

// clean makes a text one paragraph of printable characters: any run of
// white space (new lines too) one space; control and format characters
// (a zero-width space, direction marks) dropped.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// drawable drops the characters f has no glyph for (an emoji, a rare
// script), which would show as empty boxes.
func drawable(f *sfnt.Font, s string) string {
	var buf sfnt.Buffer
	s = strings.Map(func(r rune) rune {
		if r == ' ' {
			return r
		}
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// ErrNoTitle is Render's error for a card without a title, or with
// nothing in it the font can draw.
var ErrNoTitle = errors.New("ogcard: the card has no title")

func render(c Card) (*image.RGBA, layout, error) {
	var l layout
	if strings.TrimSpace(c.Title) == "" {
		return nil, l, ErrNoTitle
	}
	accent := c.Accent
	if accent == "" {
		accent = DefaultAccent
	}
	ac, err := parseColor(accent)
	if err != nil {
		return nil, l, err
	}
	fonts := c.Fonts
	if fonts == nil {
		if fonts, err = LoadFonts("", ""); err != nil {
			return nil, l, err
		}
	}
	l.pal = colors(ac)
	if err := l.place(c, fonts); err != nil {
		return nil, l, err
	}
	img := canvases.Get().(*image.RGBA)
	draw.Draw(img, img.Bounds(), image.NewUniform(l.pal.bg), image.Point{}, draw.Src)
	if !l.rule.Empty() {
		draw.Draw(img, l.rule, image.NewUniform(l.pal.rule), image.Point{}, draw.Src)
	}
	if !l.pill.Empty() {
		roundRect(img, l.pill, float32(min(l.pill.Dy()/2, 24)), l.pal.ink)
	}
	for _, p := range l.parts {
		p.draw(img)
	}
	return img, l, nil
}

// place sets every text and puts it on the card.
func (l *layout) place(c Card, fonts *Fonts) error {
	setText := func(name string, f fit, bold bool, text string) (part, error) {
		fnt := fonts.regular.font(c.Lang)
		if bold {
			fnt = fonts.bold.font(c.Lang)
		}
		b, err := set(fnt, drawable(fnt, clean(text)), f)
		if err != nil {
			return part{}, fmt.Errorf("ogcard: %s: %v", name, err)
		}
		return part{name: name, block: b, x: marginX, ink: l.pal.soft}, nil
	}

	// The quiz's name at the top, the disclaimer at the bottom, a line
	// over it.
	quiz, err := setText("quiz", fitQuiz, true, c.Quiz)
	if err != nil {
		return err
	}
	quiz.top = marginTop
	disc, err := setText("disclaimer", fitDisclaimer, false, c.Disclaimer)
	if err != nil {
		return err
	}
	disc.top = Height - marginBottom - disc.block.height()
	top, bottom := marginTop+quiz.block.height()+20, float64(Height-marginBottom)
	if len(disc.block.lines) > 0 {
		ruleY := int(math.Round(disc.top - 18))
		l.rule = image.Rect(marginX, ruleY, Width-marginX, ruleY+2)
		bottom = float64(ruleY) - 22
	}

	// Between them: the kicker, the title as large as fits, the band.
	kicker, err := setText("kicker", fitKicker, false, c.Kicker)
	if err != nil {
		return err
	}
	label, err := setText("band label", fitBandLabel, false, c.BandLabel)
	if err != nil {
		return err
	}
	// The badge goes beside its label when the band fits there on one
	// line at its largest size, else under it.
	beside := false
	var band part
	if len(label.block.lines) > 0 && c.Band != "" {
		f := fitBand
		f.Lines, f.Min = 1, f.Max
		f.Width = innerWidth - label.block.lineWidth(0) - labelGap - 2*pillPadX
		if f.Width > 0 {
			if band, err = setText("band", f, true, c.Band); err != nil {
				return err
			}
			beside = !band.block.clipped
		}
	}
	const kickerGap, bandGap = 4, 24
	var pillH, others float64
	// The band in two lines when it needs them, unless that leaves the
	// title less than two lines at its least size: the path comes first.
	for _, lines := range []int{2, 1} {
		if !beside {
			f := fitBand
			f.Lines = lines
			if band, err = setText("band", f, true, c.Band); err != nil {
				return err
			}
		}
		pillH = 0
		if len(band.block.lines) > 0 {
			pillH = band.block.height() + 2*pillPadY
		}
		bandH := pillH
		if len(label.block.lines) > 0 && !beside {
			bandH += label.block.height() + 8
		}
		others = kicker.block.height() + kickerGap + bandGap + bandH
		if bottom-top-others >= 2*fitTitle.Min*fitTitle.LineHeight {
			break
		}
	}
	band.ink = l.pal.bg
	ft := fitTitle
	ft.Height = bottom - top - others
	title, err := setText("title", ft, true, c.Title)
	if err != nil {
		return err
	}
	if len(title.block.lines) == 0 {
		return ErrNoTitle // nothing in it the font can draw
	}
	title.ink = l.pal.ink

	// The group centred between the top and the bottom, a little high.
	group := others + title.block.height()
	y := top + max(0, (bottom-top-group)*0.45)
	kicker.top = y
	y += kicker.block.height() + kickerGap
	title.top = y
	y += title.block.height() + bandGap
	if len(label.block.lines) > 0 {
		label.top = y
		if beside {
			label.top = y + pillH/2 - label.block.height()/2
		} else {
			y += label.block.height() + 8
		}
	}
	if len(band.block.lines) > 0 {
		px := marginX
		if beside {
			px += label.block.lineWidth(0) + labelGap
		}
		band.x, band.top = px+pillPadX, y+pillPadY
		w := 0
		for i := range band.block.lines {
			w = max(w, band.block.lineWidth(i))
		}
		l.pill = image.Rect(px, int(math.Round(y)), px+w+2*pillPadX, int(math.Round(y+pillH)))
	}
	for _, p := range []*part{&quiz, &kicker, &title, &label, &band, &disc} {
		if len(p.block.lines) == 0 {
			continue
		}
		p.box = p.block.box(p.x, p.top)
		l.parts = append(l.parts, *p)
	}
	return nil
}

// lineWidth is line i's width in whole pixels, from the text's edge.
func (b block) lineWidth(i int) int { return (b.width(b.lines[i]) - b.indent(i)).Ceil() }

// dot is where line i starts, on its baseline, when the block's text
// edge is x and its top is top: the em box (0.88 above the baseline,
// 0.12 below, as CJK fonts draw it) centred in the line's box.
func (b block) dot(x int, top float64, i int) fixed.Point26_6 {
	lh := b.size * b.lineHeight
	y := top + float64(i)*lh + (lh-b.size)/2 + 0.88*b.size
	return fixed.Point26_6{X: fixed.I(x) - b.indent(i), Y: fixed.Int26_6(math.Round(y * 64))}
}

// box is the rectangle the block takes at (x, top): its lines' boxes and
// whatever ink goes past them (a descender, an accent).
func (b block) box(x int, top float64) image.Rectangle {
	r := image.Rect(x, int(math.Floor(top)), x, int(math.Ceil(top+b.height())))
	for i, line := range b.lines {
		r.Max.X = max(r.Max.X, x+b.lineWidth(i))
		ink, _ := font.BoundString(b.face, line)
		ink = ink.Add(b.dot(x, top, i))
		r = r.Union(image.Rect(ink.Min.X.Floor(), ink.Min.Y.Floor(), ink.Max.X.Ceil(), ink.Max.Y.Ceil()))
	}
	return r
}

func (p part) draw(dst draw.Image) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(p.ink), Face: p.block.face}
	for i, line := range p.block.lines {
		d.Dot = p.block.dot(p.x, p.top, i)
		d.DrawString(line)
	}
}

// indent is how far line i is drawn left of the text's edge: by half a
// character when it opens with a full-width bracket, whose glyph is
// blank in its first half (as Japanese books set a line's opening
// bracket).
func (b block) indent(i int) fixed.Int26_6 {
	r, _ := utf8.DecodeRuneInString(b.lines[i])
	if strings.ContainsRune("（「『【〔〈《［｛〘〖〝", r) {
		return fixed.Int26_6(math.Round(b.size * 32))
	}
	return 0
}

// roundRect fills r with rounded corners of radius rad, anti-aliased.
func roundRect(dst draw.Image, r image.Rectangle, rad float32, c color.RGBA) {
	w, h := float32(r.Dx()), float32(r.Dy())
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	// The corners as quarter circles, by cubic Béziers.
	const k = 0.5523
	z.MoveTo(rad, 0)
	z.LineTo(w-rad, 0)
	z.CubeTo(w-rad+k*rad, 0, w, rad-k*rad, w, rad)
	z.LineTo(w, h-rad)
	z.CubeTo(w, h-rad+k*rad, w-rad+k*rad, h, w-rad, h)
	z.LineTo(rad, h)
	z.CubeTo(rad-k*rad, h, 0, h-rad+k*rad, 0, h-rad)
	z.LineTo(0, rad)
	z.CubeTo(0, rad-k*rad, rad-k*rad, 0, rad, 0)
	z.ClosePath()
	z.Draw(dst, r, image.NewUniform(c), image.Point{})
}
