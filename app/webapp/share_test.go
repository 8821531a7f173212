package webapp

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pmoquiz/app/ogcard"
	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// metaTag matches a page's <meta property|name="…" content="…">.
var metaTag = regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)

// metas are a page's meta tags by name (the first of each), unescaped.
func metas(page []byte) map[string]string {
	m := map[string]string{}
	for _, t := range metaTag.FindAllSubmatch(page, -1) {
		if _, ok := m[string(t[1])]; !ok {
			m[string(t[1])] = html.UnescapeString(string(t[2]))
		}
	}
	return m
}

// fontsOrSkip loads the share images' fonts, or skips the test where
// they are not installed (it fails under CI, which installs them).
func fontsOrSkip(t *testing.T) {
	t.Helper()
	if _, err := ogcard.LoadFonts("", ""); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skipf("%v", err)
	}
}

// TestSharePages: every result of every quiz of a folder (a career path
// with each band, or alone in a quiz without bands, in each language) has
// a share page at widget.SharePath under its quiz's path, with an image
// beside it; the tags name the result, and og:url and og:image are
// absolute, made from the public URL and the base; the image is a PNG of
// the size the tags say; the page links to the quiz in its language.
func TestSharePages(t *testing.T) {
	fontsOrSkip(t)
	dir := quizFolder(t, map[string]string{"a.toml": baseQuiz, "b.toml": tinyQuiz})
	s, err := Load(Options{QuizFile: dir, WebDir: writeWeb(t, webFiles(), nil), Base: "/careers/", PublicURL: "https://Quiz.Example.com"})
	if err != nil {
		t.Fatal(err)
	}
	const public = "https://quiz.example.com/careers/"
	if s.PublicURL != public {
		t.Errorf("PublicURL %q; want %q (the host's root and the base)", s.PublicURL, public)
	}
	pages := 0
	for _, q := range s.Quizzes {
		qz := q.Quiz
		for _, r := range shareResults(qz) {
			pages++
			name := q.own(r.page(qz))
			f := s.Files[name]
			if f == nil {
				t.Errorf("%s: no share page for %s/%s in %s", name, r.outcome.ID, r.bandID(), r.locale)
				continue
			}
			page := f.Data
			if f.ContentType != "text/html; charset=utf-8" || f.Br == nil {
				t.Errorf("%s: type %q, brotli %v; want an HTML page, compressed", name, f.ContentType, f.Br != nil)
			}
			m := metas(page)
			title := widget.ShareTitle(qz, r.locale, r.outcome, r.band)
			want := map[string]string{
				"og:title":        title,
				"og:url":          public + strings.TrimPrefix(name, "/"),
				"og:image:width":  "1200",
				"og:image:height": "630",
				"og:image:alt":    title,
				"twitter:card":    "summary_large_image",
				"og:description":  firstParagraph(r.outcome.Summary.Get(r.locale, qz.Locales[0])),
				"og:image":        public + strings.TrimPrefix(q.own(r.image()), "/"),
				"og:site_name":    qz.Title.Get(r.locale, qz.Locales[0]),
				"og:image:type":   "image/png",
				"description":     firstParagraph(r.outcome.Summary.Get(r.locale, qz.Locales[0])),
				"theme-color":     ThemeColor,
				"og:type":         "website",
			}
			for k, v := range want {
				if m[k] != v {
					t.Errorf("%s: %s is %q; want %q", name, k, m[k], v)
				}
			}
			if !strings.Contains(title, r.outcome.Title.Get(r.locale, qz.Locales[0])) || r.band != nil && !strings.Contains(title, r.band.Title.Get(r.locale, qz.Locales[0])) {
				t.Errorf("%s: the title %q does not name the path and the band", name, title)
			}
			if !bytes.Contains(page, []byte(`<html lang="`+r.locale+`">`)) {
				t.Errorf("%s: not <html lang=%q>", name, r.locale)
			}
			for _, text := range []string{qz.UI["shared_notice"].Get(r.locale, "en"), qz.UI["share_take"].Get(r.locale, "en"), qz.UI["share_full"].Get(r.locale, "en"), disclaimer(qz, r.locale)} {
				if !bytes.Contains(page, []byte(html.EscapeString(text))) {
					t.Errorf("%s: the page lacks %q", name, text)
				}
			}
			href := attr(page, "href")
			wantHref := "/careers/" + qz.ID + "/"
			if r.locale != qz.Locales[0] {
				wantHref += "index." + r.locale + ".html"
			} else if len(qz.Locales) > 1 {
				wantHref += "?lang=" + r.locale
			}
			if n := strings.Count(strings.Join(href, " "), `"`); n > 0 || len(href) < 4 || href[2] != wantHref || href[3] != wantHref {
				t.Errorf("%s: links %q; want the icon, the style sheet, then the quiz at %s twice (take it, see in full)", name, href, wantHref)
			}

			img := s.Files[q.own(r.image())]
			if img == nil {
				t.Errorf("%s: no image", q.own(r.image()))
				continue
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil || cfg.Width != ogcard.Width || cfg.Height != ogcard.Height || img.ContentType != "image/png" {
				t.Errorf("%s: %v, %dx%d, %s; want a PNG of 1200x630", q.own(r.image()), err, cfg.Width, cfg.Height, img.ContentType)
			}
		}
		// The quiz's page: its own card, its URL.
		for _, l := range qz.Locales {
			m := metas(q.Pages[l].Data)
			wantURL := "https://quiz.example.com/careers/" + qz.ID + "/"
			if l != qz.Locales[0] {
				wantURL += "index." + l + ".html"
			}
			if m["og:url"] != wantURL || m["og:image"] != "https://quiz.example.com/careers/"+qz.ID+"/share/"+l+".png" || s.Files[q.own(quizCardPath(l))] == nil {
				t.Errorf("%s's page in %s: og:url %q, og:image %q; want %s and its card", qz.ID, l, m["og:url"], m["og:image"], wantURL)
			}
		}
	}
	// base.toml: 2 paths × 2 bands × 2 languages; minimal.toml: 2 paths, no bands, 1 language.
	if pages != 10 {
		t.Errorf("%d share pages; want 10", pages)
	}
	for _, p := range []string{"/base/share/pm.high.html", "/base/share/spec.low.en.html", "/tiny/share/tea.html", "/tiny/share/coffee.en.png"} {
		if s.Files[p] == nil {
			t.Errorf("no %s", p)
		}
	}
}

// TestSharePagesNoPublicURL: without a public URL, og:url and og:image
// are left out of every page (never a bare or relative URL), and nothing
// else is missing.
func TestSharePagesNoPublicURL(t *testing.T) {
	s, err := Load(Options{QuizFile: baseQuiz, WebDir: writeWeb(t, webFiles(), nil), Base: "/"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(name string, page []byte) {
		n++
		m := metas(page)
		if _, ok := m["og:url"]; ok {
			t.Errorf("%s: og:url %q without a public URL", name, m["og:url"])
		}
		if _, ok := m["og:image"]; ok {
			t.Errorf("%s: og:image %q without a public URL", name, m["og:image"])
		}
		if m["og:title"] == "" || m["og:description"] == "" || m["twitter:card"] != "summary" {
			t.Errorf("%s: og:title %q, og:description %q, twitter:card %q; want a title, a description, summary", name, m["og:title"], m["og:description"], m["twitter:card"])
		}
		if bytes.Contains(page, []byte(`"https://"`)) || bytes.Contains(page, []byte(`"http://`)) {
			t.Errorf("%s names an absolute URL without a public URL", name)
		}
	}
	for l, f := range s.Quizzes[0].Pages {
		check("the page in "+l, f.Data)
	}
	for p, f := range s.Files {
		if strings.HasSuffix(p, ".html") {
			check(p, f.Data)
		}
	}
	if n != 2+8 {
		t.Errorf("%d pages checked; want 2 quiz pages and 8 share pages", n)
	}
}

// TestSharePagesNoFonts: without the fonts (ogcard.ErrNoFont) the site
// loads with one warning, on one line; the share pages are there without
// og:image, and no image is.
func TestSharePagesNoFonts(t *testing.T) {
	noFonts := func() (*ogcard.Fonts, error) {
		return nil, fmt.Errorf("%w: install it with\n  apt-get install fonts-noto-cjk", ogcard.ErrNoFont)
	}
	s, err := Load(Options{QuizFile: baseQuiz, WebDir: writeWeb(t, webFiles(), nil), Base: "/", PublicURL: "http://localhost:8000/", Fonts: noFonts})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range s.Warnings {
		if strings.Contains(w, "share images") {
			warned = append(warned, w)
		}
	}
	if len(warned) != 1 || strings.Contains(warned[0], "\n") || !strings.Contains(warned[0], "fonts-noto-cjk") {
		t.Errorf("warnings %q; want one line about the share images, naming the fonts to install", s.Warnings)
	}
	for p, f := range s.Files {
		if strings.Contains(p, "/share/") && strings.HasSuffix(p, ".png") {
			t.Errorf("%s made without fonts", p)
		}
		if strings.HasSuffix(p, ".html") {
			m := metas(f.Data)
			if m["og:image"] != "" || m["og:url"] != "http://localhost:8000"+p || m["twitter:card"] != "summary" {
				t.Errorf("%s: og:image %q, og:url %q, twitter:card %q; want no image, its URL, summary", p, m["og:image"], m["og:url"], m["twitter:card"])
			}
		}
	}
	if s.Files["/share/pm.high.en.html"] == nil {
		t.Error("no share pages without fonts")
	}
	if m := metas(s.Quizzes[0].Pages["ja"].Data); m["og:image"] != "" || m["og:url"] != "http://localhost:8000/" {
		t.Errorf("the quiz's page without fonts: og:image %q, og:url %q; want none, http://localhost:8000/", m["og:image"], m["og:url"])
	}
}

// TestSharePageHostile: texts from the quiz are text on the share page,
// in its title, tags and body: markup, quotes and ampersands escaped,
// nothing a browser would run.
func TestSharePageHostile(t *testing.T) {
	src, err := os.ReadFile(baseQuiz)
	if err != nil {
		t.Fatal(err)
	}
	const evil = `</title><script>alert(1)</script><img src=x onerror="alert(2)"> & 'q'`
	toml := strings.NewReplacer(
		`title = { ja = "PM", en = "PM" }`, `title = { ja = "PM`+strings.ReplaceAll(evil, `"`, `\"`)+`", en = "PM`+strings.ReplaceAll(evil, `"`, `\"`)+`" }`,
		`summary = { ja = "まとめ役", en = "Leads" }`, `summary = { ja = "まとめ役`+strings.ReplaceAll(evil, `"`, `\"`)+`", en = "Leads" }`,
		`title = { ja = "高", en = "High" }`, `title = { ja = "高`+strings.ReplaceAll(evil, `"`, `\"`)+`", en = "High" }`,
	).Replace(string(src))
	if !strings.Contains(toml, "onerror") {
		t.Fatal("the hostile texts did not go in: update this test")
	}
	file := filepath.Join(t.TempDir(), "evil.toml")
	if err := os.WriteFile(file, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := quiz.Parse("evil.toml", []byte(toml)); err != nil {
		t.Fatal(err)
	}
	s, err := Load(Options{QuizFile: file, WebDir: writeWeb(t, webFiles(), nil), Base: "/", Fonts: func() (*ogcard.Fonts, error) { return nil, ogcard.ErrNoFont }})
	if err != nil {
		t.Fatal(err)
	}
	page := s.Files["/share/pm.high.html"].Data
	for _, bad := range []string{"<script>alert", "<img", `onerror="`, "</title><"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the share page holds %q raw:\n%s", bad, page)
		}
	}
	if c := bytes.Count(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")); c < 5 {
		t.Errorf("the hostile text shows %d times escaped; want it in the title, og:title, og:description, the heading, the summary, the band", c)
	}
	if got := metas(page)["og:title"]; !strings.Contains(got, evil) {
		t.Errorf("og:title %q; want the text as written, %q", got, evil)
	}
}

// TestParsePublicURL: -public-url takes an http(s) URL with a host and a
// plain path; anything else is refused with the reason, in English and
// Japanese.
func TestParsePublicURL(t *testing.T) {
	for _, c := range []struct{ in, want, reason string }{
		{"", "", ""},
		{"https://example.com", "https://example.com/", ""},
		{"https://example.com/careers", "https://example.com/careers/", ""},
		{"HTTPS://Example.COM:8443/careers/pmo-quiz/", "https://example.com:8443/careers/pmo-quiz/", ""},
		{"http://localhost:8000/", "http://localhost:8000/", ""},
		{"http://[::1]:8000/", "http://[::1]:8000/", ""},
		{"ftp://example.com/", "", "scheme"},
		{"example.com", "", "scheme"},
		{"//example.com/", "", "scheme"},
		{"javascript:alert(1)", "", "scheme"},
		{"https://", "", "host"},
		{"https:///careers/", "", "host"},
		{"https://:80/", "", "host"},
		{"https://example.com:0/", "", "host"},
		{"https://example.com:99999/", "", "host"},
		{"https://exa mple.com/", "", "host"},
		{"https://user:pw@example.com/", "", "user"},
		{"https://example.com/?a=1", "", "query"},
		{"https://example.com/?", "", "query"},
		{"https://example.com/#top", "", "fragment"},
		{"https://example.com/#", "", "fragment"},
		{"https://example.com/a b/", "", "path"},
		{"https://example.com/a/../b/", "", "path"},
		{"https://example.com/%2e%2e/", "", "path"},
		{`https://example.com/"><script>/`, "", "path"},
	} {
		got, err := ParsePublicURL(c.in)
		var pe *PublicURLError
		switch {
		case c.reason == "" && (err != nil || got != c.want):
			t.Errorf("ParsePublicURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case c.reason != "" && (!errors.As(err, &pe) || pe.Reason != c.reason):
			t.Errorf("ParsePublicURL(%q) = %q, %v; want a %q problem", c.in, got, err, c.reason)
		case c.reason != "" && (!strings.Contains(pe.Message("ja"), "-public-url") || pe.Message("ja") == pe.Message("en") || strings.ContainsAny(pe.Message("en"), "\n\r")):
			t.Errorf("ParsePublicURL(%q): messages %q, %q; want one line each, English and Japanese", c.in, pe.Message("en"), pe.Message("ja"))
		}
	}

	// With a base path: the host's root gets it; another path is refused,
	// but for a site at / (the server, behind a proxy).
	for _, c := range []struct{ public, base, want string }{
		{"https://example.com", "/careers/", "https://example.com/careers/"},
		{"https://example.com/careers/", "/careers/", "https://example.com/careers/"},
		{"https://example.com/jobs/", "/careers/", ""},
		{"https://example.com/jobs/", "/", "https://example.com/jobs/"},
	} {
		got, err := publicPrefix(c.public, c.base)
		if got != c.want || (c.want == "") != (err != nil) {
			t.Errorf("publicPrefix(%q, %q) = %q, %v; want %q", c.public, c.base, got, err, c.want)
		}
	}
	if _, err := Load(Options{QuizFile: baseQuiz, WebDir: writeWeb(t, webFiles(), nil), Base: "/careers/", PublicURL: "https://example.com/jobs/"}); err == nil || !strings.Contains(err.Error(), "base path") {
		t.Errorf("a public URL naming another path than the base loads (%v); want it refused", err)
	}
}

// TestShareNames: a share page's and image's names come from ids and
// language tags, which the checker keeps to letters, digits, - and _
// (and - in tags): no dot, slash or anything to escape, so every name is
// one plain file in share/; and ids it refuses are refused.
func TestShareNames(t *testing.T) {
	for _, id := range []string{"a", "pm", "it_specialist", "a-b", "z9"} {
		src := strings.Replace(mustRead(t, tinyQuiz), "[[outcomes]]\nid = \"tea\"", "[[outcomes]]\nid = \""+id+"\"", 1)
		src = strings.Replace(src, "tea = 1", id+" = 1", 1)
		q, err := quiz.Parse("x.toml", []byte(src))
		if err != nil {
			t.Fatalf("id %q: %v", id, err)
		}
		for _, r := range shareResults(q) {
			if p := r.page(q); !safeName(p) || !safeName(r.image()) || strings.Count(p, "/") != 2 {
				t.Errorf("id %q: %s, %s are not plain names in share/", id, p, r.image())
			}
		}
	}
	for _, id := range []string{"../x", "a/b", "a.b", "A", "a b", "a%2f", ".a", "ä"} {
		src := strings.Replace(mustRead(t, tinyQuiz), "[[outcomes]]\nid = \"tea\"", "[[outcomes]]\nid = \""+id+"\"", 1)
		if _, err := quiz.Parse("x.toml", []byte(src)); err == nil {
			t.Errorf("the checker takes the outcome id %q", id)
		}
	}
	for _, p := range []string{"/share/../x.html", "/share/a/b.html", "/share/.x.html", "/x.html", "/share/", "/share/a\x00.html"} {
		if safeName(p) {
			t.Errorf("safeName(%q) = true", p)
		}
	}
}

// TestPageLanguage: the quiz's page in English (what ?lang=en gets) is
// <html lang="en"> with the English title and description, og: tags too.
func TestPageLanguage(t *testing.T) {
	s, err := Load(Options{QuizFile: "../../quiz.toml", WebDir: writeWeb(t, webFiles(), nil), Base: "/", Fonts: func() (*ogcard.Fonts, error) { return nil, ogcard.ErrNoFont }})
	if err != nil {
		t.Fatal(err)
	}
	q := s.Quizzes[0].Quiz
	for _, l := range q.Locales {
		page := s.Quizzes[0].Pages[l].Data
		m := metas(page)
		title, desc := q.Title.Get(l, "ja"), firstParagraph(q.Intro.Get(l, "ja"))
		if !bytes.Contains(page, []byte(`<html lang="`+l+`">`)) || !bytes.Contains(page, []byte("<title>"+html.EscapeString(title)+"</title>")) ||
			m["description"] != desc || m["og:title"] != title || m["og:description"] != desc {
			t.Errorf("the %s page: lang, title or description not in %s (title %q, og:title %q, description %q)", l, l, title, m["og:title"], m["description"])
		}
	}
	if en := metas(s.Quizzes[0].Pages["en"].Data)["description"]; strings.ContainsAny(en, "のをはにが") {
		t.Errorf("the English page's description is Japanese: %q", en)
	}
}

// BenchmarkShare: what the share pages and images add to loading the
// default quiz's site (what the server does at start, and the export),
// against loading the whole site without images (no fonts), in the same
// run: drawing the 32 images, and rendering and compressing the 60 pages.
// The caches are emptied each time:
//
//	go test ./app/webapp -run '^$' -bench Share -benchmem -benchtime 3x -count 3
func BenchmarkShare(b *testing.B) {
	web := b.TempDir()
	for name, body := range webFiles() {
		p := filepath.Join(web, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	noFonts := func() (*ogcard.Fonts, error) { return nil, ogcard.ErrNoFont }
	load := func(b *testing.B) *Site {
		cardCache.m, compressedCache.m = nil, nil
		s, err := Load(Options{QuizFile: "../../quiz.toml", WebDir: web, Base: "/", Fonts: noFonts})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	b.Run("reference: the whole site without images", func(b *testing.B) {
		for b.Loop() {
			load(b)
		}
	})
	s := load(b)
	q := s.Quizzes[0]
	b.Run("the share images: fonts and 32 cards", func(b *testing.B) {
		if _, err := ogcard.LoadFonts("", ""); err != nil {
			b.Skip(err)
		}
		var cards []shareCard
		for _, c := range ogcard.ForQuiz(q.Quiz, nil) {
			cards = append(cards, shareCard{q: q, path: "/share/" + c.Name(), card: c})
		}
		for _, l := range q.Quiz.Locales {
			cards = append(cards, shareCard{q: q, path: quizCardPath(l), card: ogcard.Card{Lang: l, Title: q.Quiz.Title.Get(l, "ja")}})
		}
		png := 0
		for b.Loop() {
			cardCache.m = nil
			fonts, err := ogcard.LoadFonts("", "")
			if err != nil {
				b.Fatal(err)
			}
			if err := renderCards(cards, fonts); err != nil {
				b.Fatal(err)
			}
		}
		for _, c := range cards {
			png += len(s.Files[c.path].Data)
		}
		b.ReportMetric(float64(png)/float64(len(cards)), "image-B")
	})
	b.Run("the share pages: 60 rendered and compressed", func(b *testing.B) {
		var files []*File
		for b.Loop() {
			compressedCache.m = nil
			files = files[:0]
			for _, r := range shareResults(q.Quiz) {
				files = append(files, newFile(r.page(q.Quiz), q.renderShare(r)))
			}
			compressAll(files)
		}
		raw, br := 0, 0
		for _, f := range files {
			raw, br = raw+len(f.Data), br+len(f.Br)
		}
		b.ReportMetric(float64(raw)/float64(len(files)), "page-B")
		b.ReportMetric(float64(br)/float64(len(files)), "page-br-B")
	})
}
