package ogcard

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/language"
)

// ErrNoFont is the error LoadFonts wraps when a font file is not there:
// the caller goes on without share images, and says so.
var ErrNoFont = errors.New("no Noto Sans CJK font")

// The font files Debian's fonts-noto-cjk installs, and where LoadFonts
// looks for them when not given a path: Debian and Ubuntu first, then
// where Arch and Fedora put the same files.
const (
	BoldFile    = "NotoSansCJK-Bold.ttc"
	RegularFile = "NotoSansCJK-Regular.ttc"
)

// FontDirs are the folders LoadFonts searches, in order.
var FontDirs = []string{
	"/usr/share/fonts/opentype/noto",
	"/usr/share/fonts/noto-cjk",
	"/usr/share/fonts/google-noto-sans-cjk-fonts",
	"/usr/share/fonts/google-noto-cjk",
}

// Fonts are the two weights a card is set in, loaded once and shared by
// any number of Render calls (at the same time too). The files stay in
// memory while the Fonts do (about 40 MB for Noto Sans CJK's two
// collections): drop them once the cards are made.
type Fonts struct {
	BoldPath, RegularPath string // the files read
	bold, regular         face
}

// face is one weight: the font of each CJK variant a collection holds
// ("JP", "KR", "SC", "TC", "HK"), and the first font for any other.
type face struct {
	variants map[string]*sfnt.Font
	first    *sfnt.Font
}

// LoadFonts reads the bold and the regular weight from the files given,
// or, for an empty path, from BoldFile and RegularFile in the first of
// FontDirs that has them. A file may be a collection (.ttc, .otc), whose
// Noto Sans CJK fonts are then picked by the card's language (Japanese
// glyphs by default), or a single font (.otf, .ttf). When a file is
// missing, the error wraps ErrNoFont and says what to install; a file
// that is not a font gets an error naming it. Either way the quiz works
// without its share images.
func LoadFonts(bold, regular string) (*Fonts, error) {
	var f Fonts
	var err error
	if f.BoldPath, err = findFont(bold, BoldFile); err != nil {
		return nil, err
	}
	if f.RegularPath, err = findFont(regular, RegularFile); err != nil {
		return nil, err
	}
	if f.bold, err = readFace(f.BoldPath); err != nil {
		return nil, err
	}
	if f.regular, err = readFace(f.RegularPath); err != nil {
		return nil, err
	}
	return &f, nil
}

// findFont returns path when given (if it is a file), else the first of
// FontDirs holding name.
func findFont(path, name string) (string, error) {
	if path != "" {
		st, err := os.Stat(path)
		if err != nil {
			return "", fmt.Errorf("ogcard: %w: %s is not there (install Debian's fonts-noto-cjk and give its %s, or leave the path empty to look in %s)", ErrNoFont, path, name, strings.Join(FontDirs, ", "))
		}
		if st.IsDir() {
			return "", fmt.Errorf("ogcard: %s is a folder, not a font file (give the path of %s)", path, name)
		}
		return path, nil
	}
	for _, dir := range FontDirs {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("ogcard: %w: %s is in none of %s (on Debian or Ubuntu: apt-get install fonts-noto-cjk)", ErrNoFont, name, strings.Join(FontDirs, ", "))
}

// readFace reads a font file and finds its Noto Sans CJK variants.
func readFace(path string) (face, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return face{}, fmt.Errorf("ogcard: %w: %v", ErrNoFont, err)
	}
	c, err := sfnt.ParseCollection(src)
	if err != nil {
		return face{}, fmt.Errorf("ogcard: %s is not a font this package can read: %v", path, err)
	}
	fc := face{variants: map[string]*sfnt.Font{}}
	var buf sfnt.Buffer
	for i := range c.NumFonts() {
		f, err := c.Font(i)
		if err != nil {
			return face{}, fmt.Errorf("ogcard: %s: font %d: %v", path, i, err)
		}
		if fc.first == nil {
			fc.first = f
		}
		// The proportional fonts only: "Noto Sans CJK JP Bold", not
		// "Noto Sans Mono CJK JP Bold".
		name, err := f.Name(&buf, sfnt.NameIDFamily)
		if err != nil {
			continue
		}
		if rest, ok := strings.CutPrefix(name, "Noto Sans CJK "); ok && len(rest) >= 2 {
			v := rest[:2]
			if _, dup := fc.variants[v]; !dup {
				fc.variants[v] = f
			}
		}
	}
	if fc.first == nil {
		return face{}, fmt.Errorf("ogcard: %s holds no font", path)
	}
	return fc, nil
}

// font is the font for texts in lang: Korean, simplified or traditional
// Chinese glyphs when the collection has them and lang asks for them,
// else Japanese ones, else the file's first font.
func (fc face) font(lang string) *sfnt.Font {
	if f := fc.variants[variant(lang)]; f != nil {
		return f
	}
	if f := fc.variants["JP"]; f != nil {
		return f
	}
	return fc.first
}

// variant names Noto Sans CJK's regional variant for a BCP 47 tag.
func variant(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return "JP"
	}
	base, _ := tag.Base()
	switch base.String() {
	case "ko":
		return "KR"
	case "zh":
		script, _ := tag.Script()
		region, _ := tag.Region()
		switch {
		case region.String() == "HK" || region.String() == "MO":
			return "HK"
		case script.String() == "Hant":
			return "TC"
		}
		return "SC"
	}
	return "JP"
}
