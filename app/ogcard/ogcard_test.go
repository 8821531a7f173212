package ogcard

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pmoquiz/app/quiz"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// The default quiz's texts, and texts that push the layout.
const (
	jaQuiz       = "PMOキャリア診断"
	jaKicker     = "最も合うキャリア"
	jaLabel      = "PMOとの相性"
	jaDisclaimer = "この診断は自己分析のためのものです。選考や採用のテストではなく、結果が応募に影響することはありません。"
	enDisclaimer = "This quiz is for self-exploration only. It is not a screening or hiring test, and the result has no effect on any application."
	// Long titles: three lines at a smaller size, or clipped.
	jaLong     = "プロジェクトマネジメントオフィス（PMO）の専門家として、組織の変革を推進するリーダー"
	jaLonger   = jaLong + "。大規模な基幹システムの刷新、海外拠点との調整、経営層への報告、品質とリスクの管理、若手の育成まで、すべてを一人で担う総合職"
	enLong     = "Project management office lead who plans and coordinates large programmes"
	enLonger   = enLong + ", and who also mentors junior staff, manages the risks, the budget and the quality of every delivery, and talks to the board"
	enOneWord  = "Pneumonoultramicroscopicsilicovolcanoconiosisspecialistandconsultant"
	jaKinsoku  = "調整、支援、計画。「PM」（プロジェクトマネージャー）や、「PMO」（プロジェクトマネジメントオフィス）を、目指す人のための、キャリア（道）"
	enBandLong = "A promising fit, with room to grow in coordination and planning"
)

func jaCard(f *Fonts, title, band string) Card {
	return Card{Lang: "ja", Quiz: jaQuiz, Kicker: jaKicker, Title: title, BandLabel: jaLabel, Band: band, Disclaimer: jaDisclaimer, Fonts: f}
}

func enCard(f *Fonts, title, band string) Card {
	return Card{Lang: "en", Quiz: "PMO Career Quiz", Kicker: "Best match", Title: title, BandLabel: "Your fit with the PMO role", Band: band, Disclaimer: enDisclaimer, Fonts: f}
}

// The cards the tests draw.
func testCards(f *Fonts) map[string]Card {
	light := enCard(f, "IT specialist", "A strong fit")
	light.Accent = "#f4c430" // too light for white text
	grey := jaCard(f, "ITスペシャリスト", "PMOの素質があります")
	grey.Accent = "#777" // too dark for black text, too light for white
	bare := Card{Title: "PMO", Fonts: f}
	noisy := jaCard(f, "PM\n（プロジェクト\tマネージャー）\x00\x1b[31m", "相性\u200bよし 🎉")
	return map[string]Card{
		"ja":              jaCard(f, "PM（プロジェクトマネージャー）", "PMOの仕事と相性がよいタイプです"),
		"en":              enCard(f, "Project manager (PM)", "A strong fit"),
		"ja short":        jaCard(f, "PMO", "これから見つけていく段階"),
		"ja long":         jaCard(f, jaLong, "PMOの素質があります"),
		"ja longer":       jaCard(f, jaLonger, "PMOの素質があります"),
		"ja kinsoku":      jaCard(f, jaKinsoku, "PMOの素質があります"),
		"en long":         enCard(f, enLong, "A promising fit"),
		"en longer":       enCard(f, enLonger, "A promising fit"),
		"en long band":    enCard(f, enLonger, enBandLong),
		"en one word":     enCard(f, enOneWord, "Still exploring"),
		"light accent":    light,
		"grey accent":     grey,
		"title only":      bare,
		"controls, emoji": noisy,
	}
}

// TestRender draws each card and checks what a viewer would see.
func TestRender(t *testing.T) {
	f := testFonts(t)
	for name, c := range testCards(f) {
		t.Run(name, func(t *testing.T) {
			b, err := Render(c)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("the PNG does not decode: %v", err)
			}
			if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
				t.Fatalf("bounds = %v; want 1200×630", got)
			}
			_, l, err := render(c)
			if err != nil {
				t.Fatal(err)
			}
			checkLayout(t, img, l, c)
		})
	}
}

func rgba(c color.Color) color.RGBA {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
}

// checkLayout checks the picture against where its texts were put.
func checkLayout(t *testing.T, img image.Image, l layout, c Card) {
	t.Helper()
	bg := l.pal.bg
	safe := image.Rect(safeX, safeY, Width-safeX, Height-safeY)

	// Every text is there, inside the safe area.
	names := map[string]bool{}
	for _, p := range l.parts {
		names[p.name] = true
		if !p.box.In(safe) {
			t.Errorf("%s: its box %v is outside the safe area %v", p.name, p.box, safe)
		}
	}
	for name, text := range map[string]string{"quiz": c.Quiz, "kicker": c.Kicker, "title": c.Title, "band label": c.BandLabel, "band": c.Band, "disclaimer": c.Disclaimer} {
		if names[name] != (clean(text) != "") {
			t.Errorf("%s: drawn %v; its text is %q", name, names[name], text)
		}
	}

	// No ink outside the safe area, none between the texts: only the
	// background there.
	taken := []image.Rectangle{l.pill, l.rule}
	for _, p := range l.parts {
		taken = append(taken, p.box.Inset(-1)) // anti-aliasing's fringe
	}
	stray := 0
	var first image.Point
	for y := range Height {
		for x := range Width {
			pt := image.Pt(x, y)
			if rgba(img.At(x, y)) == bg || slices.ContainsFunc(taken, pt.In) && pt.In(safe) {
				continue
			}
			if stray == 0 {
				first = pt
			}
			stray++
		}
	}
	if stray > 0 {
		t.Errorf("%d pixels not the background outside the texts (the first at %v)", stray, first)
	}

	for _, p := range l.parts {
		// The text's area has ink: a good share of its pixels are
		// exactly the text's colour (glyphs' insides), and that colour
		// reads against what is around it.
		counts := map[color.RGBA]int{}
		for y := p.box.Min.Y; y < p.box.Max.Y; y++ {
			for x := p.box.Min.X; x < p.box.Max.X; x++ {
				counts[rgba(img.At(x, y))]++
			}
		}
		area := p.box.Dx() * p.box.Dy()
		if share := float64(counts[p.ink]) / float64(area); share < 0.02 {
			t.Errorf("%s: %.1f %% of its box is its colour %v; want ink, ≥ 2 %%", p.name, 100*share, p.ink)
		}
		around, n := color.RGBA{}, 0
		for col, k := range counts {
			if col != p.ink && k > n {
				around, n = col, k
			}
		}
		if r := Contrast(p.ink, around); r < MinContrast {
			t.Errorf("%s: contrast %v on %v = %.2f; want ≥ %v", p.name, p.ink, around, r, MinContrast)
		}

		// Kinsoku: no line starts with closing punctuation or ends with
		// opening punctuation.
		for i, line := range p.block.lines {
			r, _ := utf8.DecodeRuneInString(line)
			if strings.ContainsRune("、。，．）」』】〕〉》！？ぁぃぅぇぉっゃゅょァィゥェォッャュョー,.)!?", r) {
				t.Errorf("%s: line %d starts with %q: %q", p.name, i+1, r, p.block.lines)
			}
			r, _ = utf8.DecodeLastRuneInString(line)
			if strings.ContainsRune("（「『【〔〈《(", r) {
				t.Errorf("%s: line %d ends with %q: %q", p.name, i+1, r, p.block.lines)
			}
		}
	}
}

// TestTitleFits: how a title is set, by its length.
func TestTitleFits(t *testing.T) {
	f := testFonts(t)
	cards := testCards(f)
	for _, tc := range []struct {
		card     string
		lines    int  // at most this many lines
		clipped  bool // ends in "…"
		atLeast  float64
		wantLine string // one of its lines, when not ""
	}{
		{card: "ja short", lines: 1, atLeast: fitTitle.Max},
		{card: "ja", lines: 2, atLeast: 72, wantLine: "（プロジェクトマネージャー）"},
		{card: "en", lines: 1, atLeast: 90},
		{card: "ja long", lines: 3, atLeast: fitTitle.Min},
		{card: "en long", lines: 3, atLeast: fitTitle.Min},
		{card: "ja longer", lines: 3, clipped: true},
		{card: "en longer", lines: 3, clipped: true},
		{card: "en one word", lines: 3, atLeast: fitTitle.Min},
	} {
		t.Run(tc.card, func(t *testing.T) {
			_, l, err := render(cards[tc.card])
			if err != nil {
				t.Fatal(err)
			}
			var title block
			for _, p := range l.parts {
				if p.name == "title" {
					title = p.block
				}
			}
			if len(title.lines) > tc.lines || tc.clipped && len(title.lines) != tc.lines || title.clipped != tc.clipped || title.size < tc.atLeast {
				t.Errorf("title set at %vpx in %q (clipped %v); want ≤ %d lines at ≥ %vpx, clipped %v",
					title.size, title.lines, title.clipped, tc.lines, tc.atLeast, tc.clipped)
			}
			last := title.lines[len(title.lines)-1]
			if (strings.HasSuffix(last, "…") || strings.HasSuffix(last, "...")) != tc.clipped {
				t.Errorf("last line %q; want it to end in … %v", last, tc.clipped)
			}
			if tc.wantLine != "" && !slices.Contains(title.lines, tc.wantLine) {
				t.Errorf("lines %q; want one %q", title.lines, tc.wantLine)
			}
			if tc.clipped && title.size != fitTitle.Min {
				t.Errorf("clipped at %vpx; want the least size, %vpx", title.size, fitTitle.Min)
			}
		})
	}
}

// TestBreaks: where lines break, in Japanese and in English.
func TestBreaks(t *testing.T) {
	f := testFonts(t)
	st, err := newSetter(f.bold.font("ja"), 100)
	if err != nil {
		t.Fatal(err)
	}
	em := func(n float64) int { return int(n * 100) }
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		// At phrase ends when there are some, …
		{"PM（プロジェクトマネージャー）", em(14), []string{"PM", "（プロジェクトマネージャー）"}},
		{"PMOの仕事と相性がよいタイプです", em(10), []string{"PMOの仕事と", "相性がよいタイプです"}},
		{"PMOの仕事と相性がよいタイプです", em(7), []string{"PMOの仕事と", "相性がよい", "タイプです"}},
		// … else between characters, never before 、。」 or after 「.
		{"あいうえお、かきくけこ。", em(5), []string{"あいうえ", "お、かきく", "けこ。"}},
		{"あいう「えお」かき", em(4), []string{"あいう", "「えお」", "かき"}},
		// English between words, a word too long cut.
		{"Project manager (PM)", em(6), []string{"Project", "manager", "(PM)"}},
		{"Abcdefghijklmnop", em(4), []string{"Abcdefg", "hijklmn", "op"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			b, err := set(f.bold.font("ja"), tc.text, fit{Max: 100, Min: 100, Step: 1, Lines: 9, Width: tc.width, LineHeight: 1})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(b.lines, tc.want) {
				t.Errorf("lines at %dpx = %q; want %q", tc.width, b.lines, tc.want)
			}
			for _, line := range b.lines {
				if w := st.width(line).Ceil(); w > tc.width {
					t.Errorf("%q is %dpx wide; want ≤ %d", line, w, tc.width)
				}
			}
		})
	}
}

// TestText: what is drawn of a text: one paragraph, no control or
// invisible characters, none the font has no glyph for.
func TestText(t *testing.T) {
	f := testFonts(t)
	for in, want := range map[string]string{
		"PM\n（プロジェクト\tマネージャー）\x00\x1b[31m": "PM （プロジェクト マネージャー）[31m",
		"相性\u200bよし 🎉":                     "相性よし",
		"  A\u202estrong\r\n fit\u00a0 ":   "Astrong fit",
		"\ufffd\u2028":                     "",
	} {
		if got := drawable(f.bold.font("ja"), clean(in)); got != want {
			t.Errorf("drawn of %q = %q; want %q", in, got, want)
		}
	}
}

// TestContrast: the palette's texts on the background, for the default
// accent and accents that are too light or too dark for white.
func TestContrast(t *testing.T) {
	for _, accent := range []string{DefaultAccent, "#8A1538", "#f4c430", "#777777", "#ffffff", "#000000", "#0000ff", "#00ff00"} {
		c, err := parseColor(accent)
		if err != nil {
			t.Fatal(err)
		}
		p := colors(c)
		for what, ink := range map[string]color.RGBA{"ink": p.ink, "soft": p.soft} {
			if r := Contrast(ink, p.bg); r < MinContrast {
				t.Errorf("%s: %s %v on %v = %.2f; want ≥ %v", accent, what, ink, p.bg, r, MinContrast)
			}
		}
		if accent == DefaultAccent && (p.bg != c || p.ink != white) {
			t.Errorf("default accent: %v on %v; want white on the accent itself", p.ink, p.bg)
		}
	}
	if _, err := parseColor("teal"); err == nil {
		t.Error(`parseColor("teal") = nil error; want one`)
	}
	c := jaCard(nil, "PMO", "")
	c.Accent = "teal"
	if _, err := Render(c); err == nil || !strings.Contains(err.Error(), `"teal"`) {
		t.Errorf("Render with accent teal: %v; want an error naming it", err)
	}
}

// TestDeterministic: the same card gives the same bytes, one at a time
// or many at once.
func TestDeterministic(t *testing.T) {
	f := testFonts(t)
	cards := ForQuiz(defaultQuiz(t), f)[:6]
	all, err := RenderAll(cards)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cards {
		b, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, all[i]) {
			t.Errorf("%s: Render and RenderAll differ", c.Name())
		}
		again, _ := Render(c)
		if !bytes.Equal(b, again) {
			t.Errorf("%s: two renders differ", c.Name())
		}
	}
	if bytes.Equal(all[0], all[1]) {
		t.Errorf("%s and %s are the same picture", cards[0].Name(), cards[1].Name())
	}
}

// TestMissingFont: no font, a clear error the caller can act on.
func TestMissingFont(t *testing.T) {
	dir := t.TempDir()
	notFont := filepath.Join(dir, "NotoSansCJK-Bold.ttc")
	if err := os.WriteFile(notFont, []byte("not a font"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.ttc")

	_, err := LoadFonts(missing, missing)
	if !errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "fonts-noto-cjk") {
		t.Errorf("LoadFonts(missing) = %v; want ErrNoFont naming the file and fonts-noto-cjk", err)
	}

	saved := FontDirs
	defer func() { FontDirs = saved }()
	FontDirs = []string{filepath.Join(dir, "none")}
	_, err = LoadFonts("", "")
	if !errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), BoldFile) || !strings.Contains(err.Error(), "apt-get install fonts-noto-cjk") {
		t.Errorf("LoadFonts with no font installed = %v; want ErrNoFont naming %s and the package", err, BoldFile)
	}
	// Render without Fonts loads them: the same error.
	if _, err := Render(Card{Title: "PMO"}); !errors.Is(err, ErrNoFont) {
		t.Errorf("Render with no font installed = %v; want ErrNoFont", err)
	}

	_, err = LoadFonts(notFont, notFont)
	if err == nil || errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), notFont) {
		t.Errorf("LoadFonts(not a font) = %v; want an error naming the file", err)
	}
	if _, err = LoadFonts(dir, dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("LoadFonts(a folder) = %v; want an error saying so", err)
	}
	if _, err := Render(Card{Title: " ", Fonts: &Fonts{}}); !errors.Is(err, ErrNoTitle) {
		t.Errorf("Render(no title) = %v; want ErrNoTitle", err)
	}
}

// TestNothingToDraw: a title of nothing the font can draw is no title.
func TestNothingToDraw(t *testing.T) {
	if _, err := Render(Card{Title: "🎉\u200b\x00", Fonts: testFonts(t)}); !errors.Is(err, ErrNoTitle) {
		t.Errorf("Render(a title of emoji and controls) = %v; want ErrNoTitle", err)
	}
}

// TestVariant: a card's language picks the collection's regional glyphs.
func TestVariant(t *testing.T) {
	for lang, want := range map[string]string{"": "JP", "ja": "JP", "en": "JP", "ko": "KR", "zh": "SC", "zh-CN": "SC", "zh-TW": "TC", "zh-Hant": "TC", "zh-HK": "HK", "bad tag!": "JP"} {
		if got := variant(lang); got != want {
			t.Errorf("variant(%q) = %s; want %s", lang, got, want)
		}
	}
	f := testFonts(t)
	if f.bold.font("ko") == f.bold.font("ja") || f.bold.font("fr") != f.bold.font("ja") {
		t.Error("Korean and Japanese cards get the same font, or French not the Japanese one")
	}
}

// TestForQuiz: the default quiz's cards, and a quiz with its own accent.
func TestForQuiz(t *testing.T) {
	f := testFonts(t)
	q := defaultQuiz(t)
	cards := ForQuiz(q, f)
	if want := len(q.Locales) * len(q.Outcomes) * len(q.Bands); len(cards) != want || want != 30 {
		t.Fatalf("%d cards; want %d (30)", len(cards), want)
	}
	seen := map[string]bool{}
	for _, c := range cards {
		if seen[c.Name()] {
			t.Errorf("two cards named %s", c.Name())
		}
		seen[c.Name()] = true
		if c.Fonts != f || c.Accent != "" {
			t.Errorf("%s: fonts %p, accent %q; want the fonts given and the default accent", c.Name(), c.Fonts, c.Accent)
		}
	}
	want := Card{Lang: "ja", Quiz: jaQuiz, Kicker: jaKicker, Title: "PM（プロジェクトマネージャー）", BandLabel: jaLabel,
		Band: "PMOの仕事と相性がよいタイプです", Disclaimer: jaDisclaimer, Fonts: f, OutcomeID: "pm", BandID: "strong"}
	if i := slices.IndexFunc(cards, func(c Card) bool { return c.Name() == "pm.strong.ja.png" }); i < 0 || cards[i] != want {
		t.Errorf("pm.strong.ja.png not there or %+v; want %+v", cards[min(max(i, 0), len(cards)-1)], want)
	}

	src, err := os.ReadFile("../quiz/testdata/valid/maximal.toml")
	if err != nil {
		t.Fatal(err)
	}
	mq, err := quiz.Parse("maximal.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	mc := ForQuiz(mq, f)
	if !strings.EqualFold(mc[0].Accent, "#8A1538") || mc[0].Lang != "en" || mc[0].Disclaimer != "Not a test." {
		t.Errorf("maximal.toml's first card: %+v; want accent #8A1538, en, its disclaimer", mc[0])
	}
	b, err := Render(mc[0])
	if err != nil {
		t.Fatal(err)
	}
	img, _ := png.Decode(bytes.NewReader(b))
	if got := rgba(img.At(2, 2)); got != (color.RGBA{0x8a, 0x15, 0x38, 255}) {
		t.Errorf("the background is %v; want the quiz's accent #8a1538", got)
	}
}

// TestGolden compares two cards with the PNGs in testdata (-update
// rewrites them). A font or rasterizer update moves the edges of glyphs a
// little; a layout change moves whole texts: at most 0.5 % of the pixels
// may differ by more than a quarter of a channel's range.
func TestGolden(t *testing.T) {
	f := testFonts(t)
	cards := ForQuiz(defaultQuiz(t), f)
	for _, name := range []string{"pm.strong.ja.png", "it_specialist.promising.en.png"} {
		t.Run(name, func(t *testing.T) {
			i := slices.IndexFunc(cards, func(c Card) bool { return c.Name() == name })
			if i < 0 {
				t.Fatalf("no card %s", name)
			}
			got, err := Render(cards[i])
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./app/ogcard -run TestGolden -update writes it)", err)
			}
			a, _ := png.Decode(bytes.NewReader(got))
			b, err := png.Decode(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			diff := 0
			for y := range Height {
				for x := range Width {
					p, q := rgba(a.At(x, y)), rgba(b.At(x, y))
					d := max(absDiff(p.R, q.R), absDiff(p.G, q.G), absDiff(p.B, q.B))
					if d > 64 {
						diff++
					}
				}
			}
			if limit := Width * Height / 200; diff > limit {
				t.Errorf("%d pixels differ from %s (at most %d may): look at the new card, then -update", diff, path, limit)
			}
		})
	}
}

func absDiff(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }

// TestDepsLooksWhereLoadFontsLooks: tools/deps.sh installs the font when
// it is in none of FontDirs, so make build warns about what LoadFonts
// would not find.
func TestDepsLooksWhereLoadFontsLooks(t *testing.T) {
	src, err := os.ReadFile("../../tools/deps.sh")
	if err != nil {
		t.Fatal(err)
	}
	script := string(src)
	for _, want := range append(slices.Clone(FontDirs), BoldFile, RegularFile, "fonts-noto-cjk") {
		if !strings.Contains(script, want) {
			t.Errorf("tools/deps.sh does not mention %s", want)
		}
	}
}

// FuzzRender: any title and band give a card or ErrNoTitle, never a
// panic, and every text inside the safe area.
//
//	go test ./app/ogcard -run '^$' -fuzz FuzzRender -fuzztime 60s
func FuzzRender(f *testing.F) {
	fonts := testFonts(f)
	for _, c := range testCards(fonts) {
		f.Add(c.Title, c.Band, c.Lang)
	}
	f.Add("", "", "")
	f.Add("「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「「」", "。。。。", "ja")
	f.Fuzz(func(t *testing.T, title, band, lang string) {
		c := jaCard(fonts, title, band)
		c.Lang = lang
		_, l, err := render(c)
		if drawable(fonts.bold.font(lang), clean(title)) == "" {
			// Nothing of the title can be drawn: no title.
			if !errors.Is(err, ErrNoTitle) {
				t.Fatalf("title %q: %v; want ErrNoTitle", title, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("title %q, band %q: %v", title, band, err)
		}
		safe := image.Rect(safeX, safeY, Width-safeX, Height-safeY)
		for _, p := range l.parts {
			if !p.box.In(safe) {
				t.Errorf("%s %q: its box %v is outside the safe area", p.name, p.block.lines, p.box)
			}
		}
	})
}
