package quiz

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
)

// Theme is the recruiter's brand: an accent colour for buttons, bars and
// links (one for the light theme, one for the dark), and a logo. The
// checker rejects colours that fail WCAG 2.2 AA contrast against the
// widget's surfaces, so a brand can never make the quiz unreadable.
type Theme struct {
	// Accent and AccentDark are "#rrggbb". AccentDark is the light
	// accent itself when that passes on the dark surfaces, else the
	// accent lightened until it does (unless the quiz gives accent_dark).
	Accent, AccentDark string
	// AccentSoft and AccentSoftDark are the tinted backgrounds made from
	// them (chosen options, badges), as the widget draws them.
	AccentSoft, AccentSoftDark string
	Logo                       string // a path under the site's /web/, e.g. "/web/logo.svg"
	LogoAlt                    Text
}

// MinContrast is WCAG 2.2 AA's minimum contrast for normal text (1.4.3).
const MinContrast = 4.5

// rgb is a colour in sRGB, 0–255 a channel.
type rgb [3]float64

// surface is a colour an accent is drawn on or with (web/app.css).
type surface struct {
	what msg
	c    rgb
}

var (
	white    = rgb{255, 255, 255}
	darkCard = rgb{0x1a, 0x23, 0x29}
	// The light and the dark theme's surfaces; each accent is also checked
	// against its own tint (tint).
	surfaces = [2][]surface{{
		{msgOf("surface.button-text"), white},
		{msgOf("surface.page"), rgb{0xf6, 0xf8, 0xf9}},
	}, {
		{msgOf("surface.dark-button-text"), rgb{0x0b, 0x14, 0x18}},
		{msgOf("surface.dark-page"), rgb{0x11, 0x18, 0x1c}},
		{msgOf("surface.dark-cards"), darkCard},
	}}
)

// parseColor reads "#rgb" or "#rrggbb" (any case).
func parseColor(s string) (rgb, bool) {
	if len(s) == 4 && s[0] == '#' {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	var c rgb
	if len(s) != 7 || s[0] != '#' {
		return c, false
	}
	for i := range c {
		v, err := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return c, false
		}
		c[i] = float64(v)
	}
	return c, true
}

func (c rgb) String() string {
	const hex = "0123456789abcdef"
	b := []byte{'#'}
	for _, v := range c {
		n := int(v)
		b = append(b, hex[n>>4], hex[n&15])
	}
	return string(b)
}

// luminance is WCAG's relative luminance of an sRGB colour.
func (c rgb) luminance() float64 {
	var l [3]float64
	for i, v := range c {
		v /= 255
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = pow24((v + 0.055) / 1.055)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// pow24 is x^2.4 for x in (0, 1], by Newton's method on y^5 = x^12 from
// y = x^2 above the root: math.Pow would add kilobytes to app.wasm.
func pow24(x float64) float64 {
	c := x * x * x
	c *= c
	c *= c // x^12
	y := x * x
	for range 40 {
		y = (4*y + c/(y*y*y*y)) / 5
	}
	return y
}

func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// tint is the background made from an accent (chosen options, badges):
// 12 % of it on white, or 20 % on the dark cards.
func tint(c rgb, dark int) rgb {
	base, share := white, 0.12
	if dark == 1 {
		base, share = darkCard, 0.2
	}
	for i := range c {
		c[i] = math.Round(share*c[i] + (1-share)*base[i])
	}
	return c
}

// ContrastRatio is the WCAG 2.2 contrast ratio of two colours written
// "#rgb" or "#rrggbb", from 1 to 21.
func ContrastRatio(a, b string) (float64, error) {
	ca, ok := parseColor(a)
	cb, ok2 := parseColor(b)
	if !ok || !ok2 {
		return 0, fmt.Errorf("invalid colour in %q, %q", a, b)
	}
	return contrast(ca, cb), nil
}

// ratio writes a contrast ratio rounded down, so a failing one never reads
// as the minimum.
func ratio(r float64) string {
	n := int(r * 100)
	return strconv.Itoa(n/100) + "." + strconv.Itoa(n%100/10) + strconv.Itoa(n%10) + ":1"
}

// shortfall lists where accent c falls short of MinContrast in the light
// (dark = 0) or the dark theme (1), e.g. "2.31:1 against the white text of
// buttons"; empty when nowhere.
func shortfall(c rgb, dark int) msgList {
	soft := tint(c, dark)
	var bad msgList
	for _, s := range append(surfaces[dark], surface{msgOf("surface.tint", soft.String()), soft}) {
		if r := contrast(c, s.c); r < MinContrast {
			bad = append(bad, msgOf("theme.against", ratio(r), s.what))
		}
	}
	return bad
}

// theme reads the optional [theme] table.
func (r *reader) theme(doc *table) *Theme {
	v, _, ok := doc.get("theme")
	if !ok {
		return nil
	}
	t := r.table("theme", v)
	th := &Theme{}
	accent, ok := r.color(t, "accent", 0)
	if ok {
		th.Accent, th.AccentSoft = accent.String(), tint(accent, 0).String()
	}
	if dark, given := r.color(t, "accent_dark", 1); given {
		th.AccentDark, th.AccentSoftDark = dark.String(), tint(dark, 1).String()
	} else if ok {
		// The accent itself, or lightened step by step until it reads on
		// the dark surfaces (white always does).
		for step := 0.0; step < 20 && len(shortfall(accent, 1)) > 0; step++ {
			for i := range accent {
				accent[i] = math.Round(accent[i] + (255-accent[i])/(20-step))
			}
		}
		th.AccentDark, th.AccentSoftDark = accent.String(), tint(accent, 1).String()
	}

	th.Logo = t.strAs("logo", false, `logo = "/web/logo.svg"`)
	switch {
	case th.Logo == "":
	case !validLogo(th.Logo):
		r.errorf("theme.logo", "theme.logo-invalid", th.Logo)
	case r.web != nil:
		if _, err := fs.Stat(r.web, strings.TrimPrefix(th.Logo, "/web/")); err != nil {
			r.errorf("theme.logo", "theme.logo-missing", th.Logo, r.webDir)
		}
	}
	th.LogoAlt = t.text("logo_alt", false)
	logo, alt := t.has("logo"), t.has("logo_alt")
	if logo && !alt {
		t.missing("theme.logo_alt", msgOf("how.logo-alt", r.textExample()))
	} else if alt && !logo {
		r.errorf("theme.logo_alt", "theme.logo-alt-alone")
	}
	t.done()
	return th
}

// color reads a colour "#rgb" or "#rrggbb" and checks it against the light
// (dark = 0) or the dark theme's surfaces.
func (r *reader) color(t *table, key string, dark int) (rgb, bool) {
	s := t.strAs(key, false, "")
	if s == "" {
		return rgb{}, false
	}
	c, ok := parseColor(s)
	if !ok {
		r.errorf("theme."+key, "theme.color-invalid", s)
	} else if bad := shortfall(c, dark); len(bad) > 0 {
		key2 := "theme.contrast-darker"
		if dark == 1 {
			key2 = "theme.contrast-lighter"
		}
		r.errorf("theme."+key, key2, c.String(), bad)
		ok = false
	}
	return c, ok
}

// validLogo accepts a path under /web/ to an image file, with plain
// characters only: it is same-origin (the page's policy allows images from
// the site only) and needs no escaping.
func validLogo(s string) bool {
	rest, ok := strings.CutPrefix(s, "/web/")
	if !ok || len(s) > 200 || strings.Contains(s, "..") || strings.Contains(s, "//") {
		return false
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./", c)) {
			return false
		}
	}
	ext := strings.ToLower(rest[strings.LastIndexByte(rest, '.')+1:])
	return strings.Contains(" svg png jpg jpeg webp gif ", " "+ext+" ")
}
