package webapp

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"sync"

	"pmoquiz/app/ogcard"
	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// Share pages: a shared result's link (widget.SharePath) opens a small
// page of its own, one per career path, fit band and language of each
// quiz, made here once so the server and the static export have the same
// files (a static host cannot vary a page's tags by the query, hence one
// path per result). Its head has the tags LINE, Slack, X and Facebook
// read for a link's preview: a title that names the result, a
// description, and the result's image (app/ogcard), drawn here too, once,
// beside it (<outcome>.<band>.<lang>.png). Its body is the result's
// headline, readable without app.wasm or any script: the quiz's name, that
// someone shared it, the career path and its summary, the fit band and
// its text, the quiz's disclaimer (the words the result page uses), a
// button to take the quiz in that language and, when the link carries the
// answers (#r=…, which browsers never send), a link to the whole result on
// the quiz's page (share.js, the page's only script). Every text from the
// quiz goes through html/template: it is always text.
//
// The quiz's page gets a card of its own (share/<lang>.png: a bare
// language tag, which no result's image name can be).

//go:embed share.js
var shareJS []byte

// ShareScript is the share pages' script, shared by every quiz of a site
// and named by its content's hash (Hashed).
const ShareScript = "/share.js"

var shareTemplate = template.Must(template.New("share").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<meta name="theme-color" content="{{.ThemeColor}}">
<meta property="og:type" content="website">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
{{template "og" .OG}}<link rel="icon" href="{{.Icon}}" type="image/svg+xml">
<link rel="stylesheet" href="{{.Style}}">
<script defer src="{{.Script}}"></script>
</head>
<body>
<main id="share-page" class="quiz share-page" data-theme="auto" data-outcome="{{.Outcome}}"{{with .Band}} data-band="{{.}}"{{end}}>
<div class="quiz-header"><p class="quiz-name">{{.QuizName}}</p></div>
<section class="screen result">
<p id="share-notice" class="notice">{{.Notice}}</p>
<article id="top-path" class="path top">
<p class="badge">{{.Kicker}}</p>
<h1 id="result-title" class="path-title">{{.PathTitle}}</h1>
<div class="summary">{{range .Summary}}<p>{{.}}</p>{{end}}</div>
</article>
{{if .BandTitle}}<section id="fit" class="card fit">
<h2>{{.FitTitle}}</h2>
<p id="fit-band" class="band">{{.BandTitle}}</p>
{{if .BandText}}<div class="band-text">{{range .BandText}}<p>{{.}}</p>{{end}}</div>
{{end}}</section>
{{end}}<div class="nav">
<a id="share-take" class="button primary" href="{{.QuizHref}}">{{.TakeLabel}}</a>
</div>
<p id="share-full-box" hidden><a id="share-full" class="button secondary" href="{{.QuizHref}}">{{.FullLabel}}</a></p>
<div id="result-disclaimer" class="notice disclaimer compact"><p><strong>{{.DisclaimerTitle}}: </strong>{{.Disclaimer}}</p></div>
</section>
</main>
</body>
</html>
`))

func init() {
	template.Must(shareTemplate.AddParseTree("og", ogTemplate.Tree))
}

// shareData fills shareTemplate.
type shareData struct {
	Lang, Title, Description, ThemeColor, Icon, Style, Script string
	OG                                                        ogData
	Outcome, Band                                             string // ids
	QuizName, Notice, Kicker, PathTitle, FitTitle, BandTitle  string
	Summary, BandText                                         []string
	QuizHref, TakeLabel, FullLabel                            string
	DisclaimerTitle, Disclaimer                               string
}

// shareResult is one result a share page shows.
type shareResult struct {
	outcome *quiz.Outcome
	band    *quiz.Band // nil when the quiz has no bands
	locale  string
}

// results are every result of the quiz that has a share page: each career
// path with each fit band (or alone, when the quiz has none), in each
// language.
func shareResults(q *quiz.Quiz) []shareResult {
	bands := q.Bands
	if len(bands) == 0 {
		bands = []*quiz.Band{nil}
	}
	var out []shareResult
	for _, l := range q.Locales {
		for _, o := range q.Outcomes {
			for _, b := range bands {
				out = append(out, shareResult{outcome: o, band: b, locale: l})
			}
		}
	}
	return out
}

func (r shareResult) bandID() string {
	if r.band == nil {
		return ""
	}
	return r.band.ID
}

// page is the share page's path under the quiz's (widget.SharePath).
func (r shareResult) page(q *quiz.Quiz) string {
	return widget.SharePath(q, r.outcome.ID, r.bandID(), r.locale)
}

// image is its image's path under the quiz's: the page's name with the
// language always, as a PNG.
func (r shareResult) image() string {
	name := r.outcome.ID
	if r.band != nil {
		name += "." + r.band.ID
	}
	return "/share/" + name + "." + r.locale + ".png"
}

// quizCardPath is the path of the quiz's own card under its path.
func quizCardPath(locale string) string { return "/share/" + locale + ".png" }

// safeName reports whether a path the share pages make is plain: "/share/"
// then letters, digits, "-", "_" and dots, never two in a row. The
// checker's rules for ids and language tags make it so; this keeps a
// quiz that slipped past them from writing outside its folder.
func safeName(p string) bool {
	name, ok := strings.CutPrefix(p, "/share/")
	if !ok || name == "" || strings.Contains(name, "..") || name[0] == '.' {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// shareCards is what addShare draws: a card and the quiz file it goes in.
type shareCard struct {
	q    *QuizSite
	path string // under the quiz's path
	card ogcard.Card
}

// addShare makes every quiz's share pages and, when the fonts load, the
// images (ogcard), adding them to s.Files under each quiz's path. Without
// fonts it warns once and the pages go without og:image.
func (s *Site) addShare(o Options) error {
	var cards []shareCard
	for _, q := range s.Quizzes {
		if q.QuizErr != nil {
			continue
		}
		first := q.Quiz.Locales[0]
		accent := ""
		if q.Quiz.Theme != nil {
			accent = q.Quiz.Theme.Accent
		}
		for _, l := range q.Quiz.Locales {
			cards = append(cards, shareCard{q: q, path: quizCardPath(l), card: ogcard.Card{
				Lang: l, Title: q.Quiz.Title.Get(l, first), Disclaimer: disclaimer(q.Quiz, l), Accent: accent,
			}})
		}
		for _, c := range ogcard.ForQuiz(q.Quiz, nil) {
			cards = append(cards, shareCard{q: q, path: "/share/" + c.Name(), card: c})
		}
		if len(q.Quiz.Bands) == 0 { // ForQuiz makes a card per path and band
			for _, r := range shareResults(q.Quiz) {
				cards = append(cards, shareCard{q: q, path: r.image(), card: ogcard.Card{
					Lang: r.locale, Quiz: q.Quiz.Title.Get(r.locale, first), Kicker: q.Quiz.UI["top_path"].Get(r.locale, first),
					Title: r.outcome.Title.Get(r.locale, first), Disclaimer: disclaimer(q.Quiz, r.locale), Accent: accent,
				}})
			}
		}
	}
	for _, c := range cards {
		if !safeName(c.path) {
			return fmt.Errorf("%s: share image %q: not a plain file name", c.q.File, c.path)
		}
	}
	if len(cards) > 0 {
		load := o.Fonts
		if load == nil {
			load = func() (*ogcard.Fonts, error) { return ogcard.LoadFonts("", "") }
		}
		fonts, err := load()
		if err == nil {
			err = renderCards(cards, fonts)
		}
		if err != nil {
			s.Warnings = append(s.Warnings, "no share images (link previews go without one): "+oneLine(err.Error()))
			for _, c := range cards {
				delete(s.Files, c.q.own(c.path))
			}
		}
		for _, c := range cards {
			if f := s.Files[c.q.own(c.path)]; f != nil {
				c.q.images = append(c.q.images, c.path)
			}
		}
	}
	for _, q := range s.Quizzes {
		if q.QuizErr != nil {
			continue
		}
		for _, r := range shareResults(q.Quiz) {
			p := r.page(q.Quiz)
			if !safeName(p) {
				return fmt.Errorf("%s: share page %q: not a plain file name", q.File, p)
			}
			s.Files[q.own(p)] = newFile(q.own(p), q.renderShare(r))
		}
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// renderCards draws the cards on every core and adds each to its quiz's
// files. A card drawn before in this process (the same texts, colour and
// fonts) is not drawn again.
func renderCards(cards []shareCard, fonts *ogcard.Fonts) error {
	var todo []ogcard.Card
	var keys [][32]byte
	pngs := make([][]byte, len(cards))
	for i := range cards {
		cards[i].card.Fonts = fonts
		k := cardKey(cards[i].card)
		keys = append(keys, k)
		if b, ok := cardCache.get(k); ok {
			pngs[i] = b
		} else {
			todo = append(todo, cards[i].card)
		}
	}
	drawn, err := ogcard.RenderAll(todo)
	if err != nil {
		return err
	}
	for i := range cards {
		if pngs[i] == nil {
			pngs[i], drawn = drawn[0], drawn[1:]
			cardCache.put(keys[i], pngs[i])
		}
		c := cards[i]
		c.q.site.Files[c.q.own(c.path)] = newFile(c.q.own(c.path), pngs[i])
	}
	return nil
}

func cardKey(c ogcard.Card) [32]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%q", []string{c.Lang, c.Quiz, c.Kicker, c.Title, c.BandLabel, c.Band, c.Disclaimer, c.Accent, c.Fonts.BoldPath, c.Fonts.RegularPath}))
}

// cardCache keeps drawn cards by what they show, bounded, like
// compressedCache: the tests load many sites in one process.
var cardCache pngCache

type pngCache struct {
	sync.Mutex
	m map[[32]byte][]byte
}

func (c *pngCache) get(k [32]byte) ([]byte, bool) {
	c.Lock()
	defer c.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *pngCache) put(k [32]byte, b []byte) {
	c.Lock()
	defer c.Unlock()
	if c.m == nil || len(c.m) >= 512 {
		c.m = make(map[[32]byte][]byte)
	}
	c.m[k] = b
}

// disclaimer is the quiz's disclaimer in a language, as the result shows
// it: its own, else the [ui] one.
func disclaimer(q *quiz.Quiz, locale string) string {
	if q.Disclaimer != nil {
		return q.Disclaimer.Get(locale, q.Locales[0])
	}
	return q.UI["disclaimer"].Get(locale, q.Locales[0])
}

// paragraphsOf splits a quiz text into its paragraphs, as the widget shows
// them.
func paragraphsOf(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// hasImage reports whether the quiz has the image at path p (under its
// path): drawn at load.
func (q *QuizSite) hasImage(p string) bool {
	for _, i := range q.images {
		if i == p {
			return true
		}
	}
	return false
}

// og is the link preview tags of the page at p (under the quiz's path),
// with the image at image when it was drawn.
func (q *QuizSite) ogTags(p, image, alt string) ogData {
	d := ogData{SiteName: q.Quiz.Title.Get(q.Quiz.Locales[0], q.Quiz.Locales[0]), URL: q.site.Abs(q.own(p)), Width: ogcard.Width, Height: ogcard.Height}
	if q.hasImage(image) && d.URL != "" {
		d.Image, d.ImageAlt = q.site.Abs(q.own(image)), alt
	}
	return d
}

// pageOG is the link preview tags of the quiz's page in a language: its
// URL is the quiz's path for its first language, its own page
// (index.<lang>.html) for the others.
func (q *QuizSite) pageOG(locale string) ogData {
	p := "/"
	if locale != q.Quiz.Locales[0] {
		p = widget.PagePath(q.Quiz, locale)
	}
	d := q.ogTags(p, quizCardPath(locale), q.Quiz.Title.Get(locale, q.Quiz.Locales[0]))
	d.SiteName = q.Quiz.Title.Get(locale, q.Quiz.Locales[0])
	return d
}

// quizHref is the URL of the quiz's page in a language: its path (with
// ?lang= when it has several), or its own page for a language but the
// first, as the service worker and a static host serve them.
func (q *QuizSite) quizHref(locale string) string {
	base := Prefix(q.site.Base).Resolve(q.Path)
	switch {
	case locale != q.Quiz.Locales[0]:
		return base + strings.TrimPrefix(widget.PagePath(q.Quiz, locale), "/")
	case len(q.Quiz.Locales) > 1:
		return base + "?lang=" + url.QueryEscape(locale)
	}
	return base
}

// RenderShare renders, for qz (a Dev site's quiz, changed since Load), the
// share page at p under the quiz's path ("/share/pm.high.html"), or returns
// nil when qz has no such page. It names no image: those drawn at Load show
// the texts of then.
func (q *QuizSite) RenderShare(qz *quiz.Quiz, p string) *File {
	if qz == nil {
		return nil
	}
	for _, r := range shareResults(qz) {
		if r.page(qz) == p {
			now := *q
			now.Quiz, now.images = qz, nil
			f := newFile(q.own(p), now.renderShare(r))
			compressAll([]*File{f})
			return f
		}
	}
	return nil
}

// renderShare is the share page of one result.
func (q *QuizSite) renderShare(r shareResult) []byte {
	qz, l := q.Quiz, r.locale
	first := qz.Locales[0]
	ui := func(key string) string { return qz.UI[key].Get(l, first) }
	title := widget.ShareTitle(qz, l, r.outcome, r.band)
	d := shareData{
		Lang: l, Title: title, ThemeColor: ThemeColor,
		Description: firstParagraph(r.outcome.Summary.Get(l, first)),
		Icon:        q.site.URL("/web/" + IconSVG), Style: q.site.URL("/web/" + StyleSheet), Script: q.site.URL(ShareScript),
		OG:      q.ogTags(r.page(qz), r.image(), title),
		Outcome: r.outcome.ID, Band: r.bandID(),
		QuizName: qz.Title.Get(l, first), Notice: ui("shared_notice"), Kicker: ui("top_path"),
		PathTitle: r.outcome.Title.Get(l, first), Summary: paragraphsOf(r.outcome.Summary.Get(l, first)),
		QuizHref: q.quizHref(l), TakeLabel: ui("share_take"), FullLabel: ui("share_full"),
		DisclaimerTitle: ui("disclaimer_title"), Disclaimer: disclaimer(qz, l),
	}
	d.OG.SiteName = d.QuizName
	if r.band != nil {
		d.FitTitle, d.BandTitle = ui("fit_title"), r.band.Title.Get(l, first)
		d.BandText = paragraphsOf(r.band.Text.Get(l, first))
	}
	var b bytes.Buffer
	if err := shareTemplate.Execute(&b, d); err != nil {
		panic("webapp: rendering a share page: " + err.Error()) // strings only: cannot fail
	}
	return b.Bytes()
}

// PublicURL is a site's public address, from the -public-url flag: the
// absolute http(s) URL its base path is reached at, e.g.
// https://example.com/careers/. Link previews need absolute URLs (og:url,
// og:image); they are made from it, never from a request's Host or
// X-Forwarded-* headers, and left out when it is not set.

// PublicURLError is a -public-url the site cannot use; Message says why in
// English or Japanese.
type PublicURLError struct {
	Value  string
	Reason string // one of the publicURLReasons keys
}

var publicURLReasons = map[string][2]string{
	"scheme":   {"want an http:// or https:// URL, e.g. https://example.com/careers/", "http:// か https:// で始まる URL を指定してください（例: https://example.com/careers/）"},
	"host":     {"it names no host: want e.g. https://example.com/", "ホスト名がありません。https://example.com/ のように指定してください"},
	"query":    {"it has a query (?…): give the address of the site's base path only", "クエリ（?…）は付けられません。サイトの基点のアドレスだけを指定してください"},
	"fragment": {"it has a fragment (#…): give the address of the site's base path only", "フラグメント（#…）は付けられません。サイトの基点のアドレスだけを指定してください"},
	"user":     {"it has a user name or password: leave them out", "ユーザー名やパスワードは付けられません"},
	"path":     {"its path may hold only letters, digits, -, _, . and ~ between slashes", "パスに使えるのは英数字と - _ . ~ だけです（/ で区切ります）"},
	"base":     {"its path is neither / nor the base path", "パスは / か、サイトの基点のパスと同じにしてください"},
}

func (e *PublicURLError) Error() string { return e.Message("en") }

// Message is the problem in lang ("ja" or anything else: English).
func (e *PublicURLError) Message(lang string) string {
	r := publicURLReasons[e.Reason]
	if lang == "ja" {
		return fmt.Sprintf("-public-url %q: %s", e.Value, r[1])
	}
	return fmt.Sprintf("-public-url %q: %s", e.Value, r[0])
}

// ParsePublicURL checks a public URL and returns it with a trailing slash
// (lowercase scheme and host). It must be http or https, with a host,
// without a user, query or fragment, its path plain segments (CleanBase):
// it goes into pages as it is, with no escaping to get wrong. "" is "" (no
// public URL).
func ParsePublicURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	fail := func(reason string) (string, error) { return "", &PublicURLError{Value: s, Reason: reason} }
	u, err := url.Parse(s)
	switch {
	case err != nil && strings.Contains(s, "://"):
		return fail("host")
	case err != nil || u.Opaque != "" || !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https"):
		return fail("scheme")
	case u.User != nil:
		return fail("user")
	case u.Host == "" || u.Hostname() == "":
		return fail("host")
	case u.RawQuery != "" || u.ForceQuery:
		return fail("query")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return fail("fragment")
	}
	for _, c := range u.Host {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-.:[]", c)) {
			return fail("host")
		}
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return fail("host")
			}
			n = n*10 + int(c-'0')
			if n > 65535 {
				return fail("host")
			}
		}
		if n == 0 {
			return fail("host")
		}
	}
	if u.RawPath != "" {
		return fail("path")
	}
	p, err := CleanBase(u.Path)
	if err != nil {
		return fail("path")
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + p, nil
}

// publicPrefix is the absolute URL of the site's base path, from a public
// URL (ParsePublicURL) and the base: a public URL at the host's root
// gets the base ("https://example.com/" under "/careers/" is
// "https://example.com/careers/"); one with a path must name the base,
// but for a site at "/" (the server, which may sit behind a proxy that
// takes a prefix off).
func publicPrefix(public, base string) (string, error) {
	if public == "" {
		return "", nil
	}
	p, err := ParsePublicURL(public)
	if err != nil {
		return "", err
	}
	u, _ := url.Parse(p)
	switch {
	case base == "/" || u.Path == base:
		return p, nil
	case u.Path == "/":
		return strings.TrimSuffix(p, "/") + base, nil
	}
	return "", &PublicURLError{Value: public, Reason: "base"}
}

// Abs is the absolute URL of the site's file at p (under the base), from
// its public URL; "" when it has none.
func (s *Site) Abs(p string) string {
	if s.PublicURL == "" {
		return ""
	}
	return s.PublicURL + strings.TrimPrefix(p, "/")
}
