package webapp

import (
	"bytes"
	"encoding/json"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"pmoquiz/app/quiz"
)

// A folder's quizzes are listed at the site's base path: a small page,
// rendered once per language of the quizzes, with each quiz's title, the
// first paragraph of its intro and its length in the visitor's language
// (the quiz's first when it lacks it). It has no script and no inline
// style: it is served under the quiz's Content-Security-Policy, with the
// quiz's style sheet.

var indexTemplate = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{{.Title}}</title>
<meta name="theme-color" content="{{.ThemeColor}}">
<link rel="icon" href="{{.Icon}}" type="image/svg+xml">
<link rel="stylesheet" href="{{.Style}}">
</head>
<body>
<main class="quiz quiz-index" data-theme="auto">
<div class="quiz-header">{{if gt (len .Langs) 1}}<nav class="lang-switch" aria-label="{{.LangLabel}}">{{range .Langs}}<a class="button lang" lang="{{.Lang}}" hreflang="{{.Lang}}" href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Name}}</a>{{end}}</nav>{{end}}</div>
<h1>{{.Heading}}</h1>
<ul class="quiz-list">{{range .Quizzes}}
<li class="card" data-quiz="{{.ID}}"><h2 lang="{{.Lang}}"><a href="{{.Href}}">{{.Title}}</a></h2>{{if .Text}}<p lang="{{.Lang}}">{{.Text}}</p>{{end}}{{if .Meta}}<p class="meta">{{.Meta}}</p>{{end}}</li>{{end}}
</ul>
</main>
</body>
</html>
`))

type indexData struct {
	Lang, Title, Heading, LangLabel string
	ThemeColor, Icon, Style         string
	Langs                           []indexLang
	Quizzes                         []indexQuiz
}

type indexLang struct {
	Lang, Name, Href string
	Current          bool
}

type indexQuiz struct {
	ID, Lang, Href, Title, Text, Meta string
}

// indexWords are the list page's own words; a language the table lacks
// gets English.
var indexWords = map[string]map[string]string{
	"ja": {"title": "診断一覧", "heading": "受ける診断を選んでください", "problems": "この設定ファイルには問題があります（サーバーの出力を見てください）"},
	"en": {"title": "Quizzes", "heading": "Choose a quiz", "problems": "This quiz file has problems (see the server's output)"},
}

func indexWord(locale, key string) string {
	if w, ok := indexWords[locale]; ok {
		return w[key]
	}
	return indexWords["en"][key]
}

// indexLocales are the languages of the list: every language of the
// quizzes, in the order the quizzes give them.
func indexLocales(qs []*QuizSite) []string {
	var out []string
	for _, q := range qs {
		if q.QuizErr != nil {
			continue
		}
		for _, l := range q.Quiz.Locales {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	if len(out) == 0 {
		out = []string{"en"}
	}
	return out
}

// IndexPath is the path of the list page in locale, as PagePath is a
// quiz's: /index.html in the first language, /index.<locale>.html in the
// others.
func (s *Site) IndexPath(locale string) string {
	if len(s.IndexLocales) == 0 || locale == s.IndexLocales[0] {
		return "/index.html"
	}
	return "/index." + locale + ".html"
}

// RenderIndex renders the list page in locale. current, when not nil,
// gives the quiz each QuizSite shows now (a Dev site's, changed since
// Load; nil while its file has problems).
func (s *Site) RenderIndex(locale string, current func(*QuizSite) *quiz.Quiz) *File {
	d := indexData{
		Lang: locale, Title: indexWord(locale, "title"), Heading: indexWord(locale, "heading"),
		ThemeColor: ThemeColor, Icon: s.URL("/web/" + IconSVG), Style: s.URL("/web/" + StyleSheet),
	}
	ui := quiz.DefaultUI()
	d.LangLabel = ui["language_label"].Get(locale, "en")
	for _, l := range s.IndexLocales {
		d.Langs = append(d.Langs, indexLang{Lang: l, Name: ui["language_name"].Get(l, l), Href: Prefix(s.Base).Resolve(s.IndexPath(l)), Current: l == locale})
	}
	for _, qs := range s.Quizzes {
		q := qs.Quiz
		if qs.QuizErr != nil {
			q = nil
		}
		if current != nil {
			q = current(qs)
		}
		href := Prefix(s.Base).Resolve(qs.Path)
		if q == nil {
			d.Quizzes = append(d.Quizzes, indexQuiz{ID: strings.Trim(qs.Path, "/"), Lang: "en", Href: href, Title: qs.File, Text: indexWord(locale, "problems")})
			continue
		}
		l := q.Locales[0]
		if slices.Contains(q.Locales, locale) {
			l = locale
			if len(q.Locales) > 1 {
				href += "?lang=" + l // ids and locales need no escaping
			}
		}
		item := indexQuiz{ID: q.ID, Lang: l, Href: href, Title: q.Title.Get(l, q.Locales[0]), Text: firstParagraph(q.Intro.Get(l, q.Locales[0]))}
		if q.Minutes > 0 {
			item.Meta = strings.ReplaceAll(q.UI["minutes"].Get(l, q.Locales[0]), "{minutes}", strconv.Itoa(q.Minutes))
		}
		d.Quizzes = append(d.Quizzes, item)
	}
	var b bytes.Buffer
	if err := indexTemplate.Execute(&b, d); err != nil {
		panic("webapp: rendering the list of quizzes: " + err.Error()) // strings only: cannot fail
	}
	f := newFile("/", b.Bytes())
	compressAll([]*File{f})
	return f
}

// embedQuizzes is what embed.js knows of the site's quizzes, written into
// it (embedJS): no request of its own before it frames a quiz, and none
// that a host page's Content-Security-Policy could block.
type embedQuizzes struct {
	// Default is the quiz a placeholder without data-quiz shows: the
	// site's first.
	Default string               `json:"default"`
	Quizzes map[string]embedQuiz `json:"quizzes"`
}

type embedQuiz struct {
	Path    string            `json:"path"` // relative to the site's base: "" or "pmo-career/"
	Locales []string          `json:"locales"`
	Title   map[string]string `json:"title"` // by locale
}

// embedMarker is where web/embed.js takes the site's quizzes.
const embedMarker = "/*pmoquiz:quizzes*/null"

// embedJS is web/embed.js with the site's quizzes written in at
// embedMarker (a file without it is left as it is). JSON from encoding/json
// escapes <, >, &, U+2028 and U+2029: the quizzes' titles cannot end the
// script or its string.
func embedJS(src []byte, s *Site) []byte {
	if !bytes.Contains(src, []byte(embedMarker)) {
		return src
	}
	d := embedQuizzes{Quizzes: map[string]embedQuiz{}}
	for _, qs := range s.Quizzes {
		if qs.QuizErr != nil {
			continue
		}
		q := qs.Quiz
		if d.Default == "" {
			d.Default = q.ID
		}
		e := embedQuiz{Path: strings.TrimPrefix(qs.Path, "/"), Locales: q.Locales, Title: map[string]string{}}
		for _, l := range q.Locales {
			e.Title[l] = q.Title.Get(l, q.Locales[0])
		}
		d.Quizzes[q.ID] = e
	}
	b, err := json.Marshal(d)
	if err != nil {
		panic("webapp: encoding embed.js's quizzes: " + err.Error()) // strings only
	}
	return bytes.Replace(src, []byte(embedMarker), b, 1)
}
