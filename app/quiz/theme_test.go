package quiz

import (
	"math"
	"os"
	"strings"
	"testing"
)

// TestContrastRatio checks the WCAG computation against known pairs.
func TestContrastRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#FFF", "#000", 21},
		{"#777", "#fff", 4.48},       // the classic just-failing grey
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes on white
		{"#0f5e6e", "#ffffff", 7.38}, // the built-in accent
		{"#0f5e6e", "#0f5e6e", 1},
	} {
		got, err := ContrastRatio(tc.a, tc.b)
		if err != nil {
			t.Fatalf("ContrastRatio(%s, %s): %v", tc.a, tc.b, err)
		}
		if math.Abs(got-tc.want) > 0.005 {
			t.Errorf("ContrastRatio(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
		if back, _ := ContrastRatio(tc.b, tc.a); back != got {
			t.Errorf("ContrastRatio is not symmetric for %s, %s: %v and %v", tc.a, tc.b, got, back)
		}
	}
	for _, bad := range []string{"", "777", "abcd", "#77", "#7777", "#ggg", "#12345g", "#+12345", "red", "0x123456"} {
		if _, err := ContrastRatio(bad, "#fff"); err == nil {
			t.Errorf("ContrastRatio(%q, #fff) accepts an invalid colour", bad)
		}
	}
	for v := 11; v < 256; v++ { // the sRGB curve's upper part
		x := (float64(v)/255 + 0.055) / 1.055
		if got, want := pow24(x), math.Pow(x, 2.4); math.Abs(got-want) > 1e-12 {
			t.Fatalf("pow24(%v) = %v, want %v", x, got, want)
		}
	}
	if s := ratio(4.4999); s != "4.49:1" {
		t.Errorf("ratio(4.4999) = %q; a failing ratio must not read as the minimum", s)
	}
}

// themed parses the maximal quiz with its [theme] table replaced.
func themed(t *testing.T, theme string) (*Quiz, error) {
	t.Helper()
	src, err := os.ReadFile("testdata/valid/maximal.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i := strings.Index(s, "[theme]")
	j := strings.Index(s[i:], "\n\n")
	if i < 0 || j < 0 {
		t.Fatal("maximal.toml has no [theme] table followed by a blank line")
	}
	return Parse("maximal.toml", []byte(s[:i]+theme+s[i+j:]))
}

// TestTheme: colours are normalised, every one the widget draws passes
// 4.5:1 where it is drawn, and the dark accent is derived when not given.
func TestTheme(t *testing.T) {
	for _, tc := range []struct {
		theme, accent, dark string
	}{
		{"[theme]\naccent = \"#8A1538\"\naccent_dark = \"#F4A3BD\"", "#8a1538", "#f4a3bd"},
		// Dark enough for white text, too dark for the dark theme: lightened.
		{"[theme]\naccent = \"#8a1538\"", "#8a1538", ""},
		// Light enough for both.
		{"[theme]\naccent = \"#00f\"", "#0000ff", ""},
		{"[theme]\nlogo = \"/web/logo.svg\"\nlogo_alt = { en = \"Example\", ja = \"例\" }", "", ""},
	} {
		q, err := themed(t, tc.theme)
		if err != nil {
			t.Errorf("%s:\n%v", tc.theme, err)
			continue
		}
		th := q.Theme
		if th == nil {
			t.Fatalf("%s: no Theme", tc.theme)
		}
		if th.Accent != tc.accent {
			t.Errorf("%s: Accent = %q, want %q", tc.theme, th.Accent, tc.accent)
		}
		if tc.dark != "" && th.AccentDark != tc.dark {
			t.Errorf("%s: AccentDark = %q, want %q", tc.theme, th.AccentDark, tc.dark)
		}
		if th.Accent == "" {
			if th.AccentDark != "" || th.AccentSoft != "" {
				t.Errorf("%s: no accent, yet dark %q, soft %q", tc.theme, th.AccentDark, th.AccentSoft)
			}
			continue
		}
		for dark, c := range [2][2]string{{th.Accent, th.AccentSoft}, {th.AccentDark, th.AccentSoftDark}} {
			bgs := []string{c[1]}
			for _, s := range surfaces[dark] {
				bgs = append(bgs, s.c.String())
			}
			for _, bg := range bgs {
				if r, err := ContrastRatio(c[0], bg); err != nil || r < MinContrast {
					t.Errorf("%s: %s on %s: %.2f:1 (%v)", tc.theme, c[0], bg, r, err)
				}
			}
		}
	}

	// The derived dark accent is the accent when it already passes.
	q, err := themed(t, "[theme]\naccent = \"#00f\"")
	if err == nil && q.Theme.AccentDark == "#0000ff" {
		t.Errorf("#00f cannot pass on the dark theme (%.2f:1 on #11181c), yet it is used unchanged", func() float64 {
			r, _ := ContrastRatio("#00f", "#11181c")
			return r
		}())
	}

	for theme, want := range map[string]string{
		"[theme]\naccent = \"#f6f8f9\"":                        "theme.accent: #f6f8f9 has too little contrast",
		"[theme]\naccent_dark = \"#000\"":                      "theme.accent_dark: #000000 has too little contrast",
		"[theme]\naccent = \"teal\"":                           `invalid colour "teal"`,
		"[theme]\nlogo = \"/web/../quiz.toml\"":                "invalid logo",
		"[theme]\nlogo = \"/web/logo.svg\"":                    "theme.logo_alt: missing (required)",
		"[theme]\nlogo_alt = { en = \"Example\", ja = \"例\" }": "logo_alt without a logo",
		"[theme]\naccnet = \"#000\"":                           `unknown key "accnet" (did you mean "accent"?)`,
	} {
		_, err := themed(t, theme)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want a problem containing %q", theme, err, want)
		}
	}
}
