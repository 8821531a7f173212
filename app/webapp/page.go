package webapp

import (
	"bytes"
	"html/template"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// The page is ours, not go-app's Handler's: its head names the build's
// files by their content-hashed URLs (cached for good); it has no preload
// of app.wasm (the loader's worker downloads it: a preload brings its 7 MB
// through the page's thread, a long task as it ends), no loader overlay,
// no go-app stylesheet and no script that holds the parser; its body is
// the widget's prerendered intro and what the early script needs to run
// the questions before the engine does (widget.Prerender).
//
// app.js holds the first paint until it has run (blocking="render": it
// comes with the stylesheet, ~10 KB, and runs in tens of milliseconds on a
// phone): painted before it, the page would show a Start button that does
// nothing when tapped. Browsers without the attribute run it deferred, as
// before.

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
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
<link rel="apple-touch-icon" href="{{.TouchIcon}}">
<link rel="manifest" href="{{.Manifest}}">
<link rel="stylesheet" href="{{.Style}}">
<script defer src="{{.WasmExec}}"></script>
<script defer blocking="render" src="{{.AppJS}}" data-worker="{{.Worker}}" data-version="{{.Version}}" data-root="{{.Root}}"></script>
</head>
<body>
{{.Body}}
</body>
</html>
`))

// ogTemplate is the link preview's tags a page has besides its title and
// description: og:url and og:image are absolute URLs, made from the
// site's public URL (Options.PublicURL), and left out when it has none (a
// relative or bare URL would make no preview); the image is left out when
// there is none (no fonts to draw it).
var ogTemplate = template.Must(pageTemplate.New("og").Parse(`<meta property="og:site_name" content="{{.SiteName}}">
{{with .URL}}<meta property="og:url" content="{{.}}">
{{end}}{{with .Image}}<meta property="og:image" content="{{.}}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="{{$.Width}}">
<meta property="og:image:height" content="{{$.Height}}">
<meta property="og:image:alt" content="{{$.ImageAlt}}">
<meta name="twitter:card" content="summary_large_image">
{{else}}<meta name="twitter:card" content="summary">
{{end}}`))

// ogData fills ogTemplate.
type ogData struct {
	SiteName      string // the quiz's title
	URL, Image    string // absolute, or empty
	ImageAlt      string
	Width, Height int
}

// pageData fills pageTemplate.
type pageData struct {
	Lang, Title, Description, ThemeColor string
	Icon, TouchIcon, Manifest, Style     string
	Wasm, WasmExec, AppJS                string
	// What app.js, which every quiz of a site shares, needs to know of
	// this one: its service worker, app version and path.
	Worker, Version, Root string
	OG                    ogData
	Body                  template.HTML
}

// pageURLs are what a quiz's page names: url resolves a path of the site
// ("/web/app.wasm") to the URL the page names it by (under the base path,
// content-hashed where the file is, under the quiz's path for its own
// files); worker, version and root are the quiz's (QuizSite.pageURLs).
type pageURLs struct {
	url                   func(string) string
	worker, version, root string
	// og gives a page's link preview tags in a language (QuizSite.og).
	og func(locale string) ogData
}

// renderPage is the quiz's page in one language.
func renderPage(q *quiz.Quiz, locale string, u pageURLs) []byte {
	urls := u.url
	d := pageData{
		Lang:        locale,
		Title:       q.Title.Get(locale, q.Locales[0]),
		Description: firstParagraph(q.Intro.Get(locale, q.Locales[0])),
		ThemeColor:  ThemeColor,
		Icon:        urls("/web/" + IconSVG),
		TouchIcon:   urls("/web/" + IconMaskable),
		Manifest:    urls(ManifestPath),
		Style:       urls("/web/" + StyleSheet),
		Wasm:        urls("/web/app.wasm"),
		WasmExec:    urls("/wasm_exec.js"),
		AppJS:       urls("/app.js"),
		Worker:      u.worker,
		Version:     u.version,
		Root:        u.root,
		OG:          u.og(locale),
		// Made by go-app's encoder from the widget's components, which
		// escapes every text and attribute from the quiz.
		Body: template.HTML(widget.Prerender(q, locale)),
	}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, d); err != nil {
		panic("webapp: rendering the page: " + err.Error()) // strings only: cannot fail
	}
	return b.Bytes()
}

// placeholderPage is the page of a Dev site whose quiz file has problems:
// the engine shows them.
func placeholderPage(u pageURLs) []byte {
	urls := u.url
	d := pageData{
		Lang: "en", Title: "Quiz preview", ThemeColor: ThemeColor,
		Icon: urls("/web/" + IconSVG), TouchIcon: urls("/web/" + IconMaskable), Manifest: urls(ManifestPath),
		Style: urls("/web/" + StyleSheet), Wasm: urls("/web/app.wasm"), WasmExec: urls("/wasm_exec.js"), AppJS: urls("/app.js"),
		Worker: u.worker, Version: u.version, Root: u.root, OG: ogData{SiteName: "Quiz preview"},
		Body: `<main id="quiz" class="quiz" data-screen="loading"></main>`,
	}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, d); err != nil {
		panic("webapp: rendering the page: " + err.Error())
	}
	return b.Bytes()
}
