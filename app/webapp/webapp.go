// Package webapp is how the quiz is put on the web, shared by the server
// (cmd/quizserver) and the static export (tools/static): the site loader
// (Load: the quiz, the web directory and its compressed copies, the app
// version), go-app's Handler configuration, the pages and files it renders,
// the web app manifest and the service worker. The server serves the
// loaded site from memory and the export writes it to dist/, so the two
// differ only in their base path.
//
// The wasm client must not import it: app.Handler would pull net/http's
// server into app.wasm.
package webapp

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// The files of the web directory the page and the manifest name, served at
// /web/ (under the base path).
const (
	IconDefault  = "icon-192.png"
	IconLarge    = "icon-512.png"
	IconMaskable = "icon-maskable-512.png"
	IconSVG      = "icon.svg"
	StyleSheet   = "app.css"
)

// WebFiles are the files of the web directory every page needs, besides
// app.wasm: a missing one breaks the offline install.
var WebFiles = []string{StyleSheet, IconDefault, IconLarge, IconMaskable, IconSVG}

// ThemeColor is the icons' teal, used for the browser's UI and the
// installed app's title bar and splash screen.
const ThemeColor = "#0f5e6e"

// ManifestPath is where the page links its web app manifest, under the
// base path. go-app serves its own there; the server and the static export
// replace it with Manifest's.
const ManifestPath = "/manifest.webmanifest"

// Config is what differs between two deployments of the quiz.
type Config struct {
	Quiz *quiz.Quiz
	// Base is the URL path the quiz lives under, "/" or e.g.
	// "/careers/pmo-quiz/" (see CleanBase): its pages, quiz file,
	// manifest and service worker (whose scope it is).
	Base string
	// Root is the URL path of the files the site's quizzes share: the
	// build's files and the web directory (app.wasm, app.css, icons).
	// It is the folder's base for a quiz of a folder ("/careers/" for
	// "/careers/pmo-career/"); empty means Base.
	Root    string
	Version string // the app version: see Version
	// WasmSize is app.wasm's uncompressed size in bytes: the loading
	// progress counts these, whatever encoding travels.
	WasmSize int
	// LiveQuiz keeps the quiz file out of the service worker's precache
	// (the worker answers from its cache first): the live preview serves
	// it as saved.
	LiveQuiz bool
}

// Handler configures go-app's handler for the quiz. Only wasmExec calls
// it, to get Go's wasm_exec.js: never put it in front of visitors (see
// render.go). Every URL it would write is on this site under the base path
// (its Icon fields would otherwise default to images on GitHub).
func Handler(c Config) *app.Handler {
	lang := defaultLocale(c.Quiz)
	title := c.Quiz.Title.Get(lang, lang)
	return &app.Handler{
		Name:  title,
		Title: title,
		Lang:  lang,
		Icon: app.Icon{
			Default:  "/web/" + IconDefault,
			Large:    "/web/" + IconLarge,
			Maskable: "/web/" + IconMaskable,
			SVG:      "/web/" + IconSVG,
		},
		Resources: Prefix(c.Base),
		Version:   c.Version,
	}
}

// root is where the shared files are.
func (c Config) root() Prefix {
	if c.Root != "" {
		return Prefix(c.Root)
	}
	return Prefix(c.Base)
}

func defaultLocale(q *quiz.Quiz) string {
	if len(q.Locales) > 0 {
		return q.Locales[0]
	}
	return "en"
}

// firstParagraph returns the first paragraph of a quiz text on one line.
func firstParagraph(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n\n")
	return strings.Join(strings.Fields(s), " ")
}

// Manifest is the web app manifest. go-app's own says scope "/" whatever
// the base path, which makes an app under a sub-path claim the whole site
// (and its start URL lacks the trailing slash the service worker's scope
// has); this one keeps id, scope and start URL at the base path, so the
// installed app opens the quiz and stays in it.
func Manifest(c Config) []byte {
	lang := defaultLocale(c.Quiz)
	title := c.Quiz.Title.Get(lang, lang)
	base, root := Prefix(c.Base), c.root()
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description,omitempty"`
		Lang            string `json:"lang"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		BackgroundColor string `json:"background_color"`
		ThemeColor      string `json:"theme_color"`
		Icons           []icon `json:"icons"`
	}{
		ID:              base.Resolve("/"),
		Name:            title,
		ShortName:       title,
		Description:     firstParagraph(c.Quiz.Intro.Get(lang, lang)),
		Lang:            lang,
		StartURL:        base.Resolve("/"),
		Scope:           base.Resolve("/"),
		Display:         "standalone",
		BackgroundColor: ThemeColor,
		ThemeColor:      ThemeColor,
		Icons: []icon{
			{root.Resolve("/web/" + IconDefault), "192x192", "image/png", "any"},
			{root.Resolve("/web/" + IconLarge), "512x512", "image/png", "any"},
			{root.Resolve("/web/" + IconMaskable), "512x512", "image/png", "maskable"},
			{root.Resolve("/web/" + IconSVG), "any", "image/svg+xml", "any"},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic("webapp: encoding the manifest: " + err.Error()) // only strings: cannot fail
	}
	return append(b, '\n')
}

// Prefix resolves the site's paths under a base path: "/web/app.wasm"
// under "/careers/pmo-quiz/" is "/careers/pmo-quiz/web/app.wasm", and "/"
// is the base itself, with its trailing slash. (go-app's PrefixedLocation
// drops that slash, so its service worker precaches a URL a static host
// answers with a redirect, and it panics when a server asks it for /web/
// files: upstream PR #1118.) Remote URLs are left alone.
type Prefix string

// Resolve implements app.ResourceResolver.
func (p Prefix) Resolve(location string) string {
	if strings.HasPrefix(location, "https://") || strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "//") {
		return location
	}
	base := string(p)
	if base == "" {
		base = "/"
	}
	return base + strings.TrimPrefix(location, "/")
}

// CleanBase checks a base path and gives it its leading and trailing
// slashes: "careers/pmo-quiz" is "/careers/pmo-quiz/"; "" and "/" are "/".
// It takes plain path segments only (letters, digits, "-", "_", ".", "~"),
// so that the base needs no escaping in HTML, JavaScript, JSON or a
// server's configuration.
func CleanBase(s string) (string, error) {
	trimmed := strings.Trim(s, "/")
	if trimmed == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q: empty, . or .. segment", s)
		}
		for _, r := range seg {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.~", r)) {
				return "", fmt.Errorf("base path %q: %q is not allowed (use letters, digits, -, _, . and ~)", s, r)
			}
		}
	}
	return "/" + trimmed + "/", nil
}
