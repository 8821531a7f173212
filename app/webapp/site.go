package webapp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// Options say where a site's files come from and where it is served.
type Options struct {
	QuizFile string // the quiz source
	WebDir   string // app.wasm (and its copies), app.css, icons, embed.js, …
	// Base is the URL path the site is served under ("/" for the server;
	// see CleanBase).
	Base string
	// Build names the program that serves or writes the site; it is part
	// of the version (see BuildID).
	Build string
	// Dev is the live preview: the quiz file changes while the site is
	// served. The service worker does not precache it, and a quiz with
	// problems is reported (in Site.QuizErr) instead of refused, with a
	// placeholder quiz naming the page.
	Dev bool
}

// Site is everything the quiz's site serves, read and rendered once: the
// server serves these files from memory and the static export writes them.
type Site struct {
	Quiz    *quiz.Quiz // the quiz the pages show (a placeholder when QuizErr is set)
	QuizErr error      // Dev only: the quiz file's problems at load
	QuizSrc []byte     // the quiz file as read
	Version string     // the app version (see Version)
	Config  Config     // go-app's configuration for this site

	// Files are the site's files by URL path under the base ("/app.js",
	// "/quiz.toml", "/web/app.css", …), the page at "/" aside.
	Files map[string]*File
	// Pages are the page at "/", prerendered once per language of the
	// quiz (the keys are its locales), so that a visitor's request never
	// reaches go-app's Handler (see Render).
	Pages map[string]*File
	// Wasm is Files["/web/app.wasm"].
	Wasm *File
	// Hashed maps a build output's path to its content-hashed path
	// (Hashed); Files holds it at both.
	Hashed map[string]string

	// Warnings are problems that only hurt some visitors: a missing icon
	// (no offline install), a missing or stale compressed copy of app.wasm
	// (a bigger download). The server prints them; the export refuses a
	// missing file and compresses app.wasm itself.
	Warnings []string
	// Missing lists the WebFiles the web directory lacks.
	Missing []string
}

// The files the site has at its root besides go-app's, from the web
// directory when present: the loader other sites paste, and the files
// crawlers ask for. go-app's Handler would fetch the last three over HTTP
// from the request's Host header and cache the answer for every later
// visitor; the site serves them itself, or answers 404.
var RootFiles = []string{"embed.js", "robots.txt", "sitemap.xml", "ads.txt"}

// Load reads the quiz and the web directory, renders go-app's files and the
// pages, and compresses every text file. A quiz with problems is an error
// (except with Dev), and so is a missing app.wasm.
//
// The rule for compressed copies: web/NAME.br and web/NAME.gz made at build
// time are used when they are not older than NAME (a copy older than its
// original is left from an earlier build and would send a stale file);
// other text files are compressed here, brotli and gzip at their best.
// app.wasm is too big to compress at every start: without fresh copies it
// goes out as it is, with a warning.
func Load(o Options) (*Site, error) {
	base, err := CleanBase(o.Base)
	if err != nil {
		return nil, err
	}
	src, err := quiz.ReadFile(o.QuizFile)
	if err != nil {
		return nil, err
	}
	s := &Site{QuizSrc: src}
	// The web directory is known: a logo that names no file in it is a
	// problem.
	q, err := quiz.ParseWith(filepath.Clean(o.QuizFile), src, quiz.Options{Web: os.DirFS(o.WebDir), WebName: o.WebDir})
	if err == nil && q == nil {
		err = fmt.Errorf("%s: no quiz", o.QuizFile)
	}
	if err != nil {
		if !o.Dev {
			return nil, err
		}
		s.QuizErr, q = err, placeholderQuiz
	}
	s.Quiz = q

	web, err := loadWeb(o.WebDir)
	if err != nil {
		return nil, err
	}
	if o.Dev && web.files["app.wasm"] != nil {
		web.devWasm(o.WebDir) // studio.go
	}
	s.Wasm = web.files["app.wasm"]
	if s.Wasm == nil {
		return nil, fmt.Errorf("%s: %w (build it with: make build)", filepath.Join(o.WebDir, "app.wasm"), fs.ErrNotExist)
	}
	s.Warnings = web.warnings
	for _, name := range WebFiles {
		if web.files[name] == nil {
			s.Missing = append(s.Missing, name)
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s is missing: the page will miss it and browsers will not install it for offline use", filepath.Join(o.WebDir, name)))
		}
	}

	s.Version = web.version(o.Build, src)
	s.Config = Config{Quiz: q, Base: base, Version: s.Version, WasmSize: len(s.Wasm.Data), LiveQuiz: o.Dev}
	s.Files = make(map[string]*File)
	for name, f := range web.files {
		s.Files["/web/"+name] = f
	}
	for _, name := range RootFiles {
		if f := web.files[name]; f != nil {
			s.Files["/"+name] = f
		}
	}
	s.Files[widget.QuizPath] = newFile(widget.QuizPath, src)
	s.Files[ManifestPath] = newFile(ManifestPath, Manifest(s.Config))
	wasmExecJS, err := wasmExec(s.Config)
	if err != nil {
		return nil, err
	}
	s.Files["/wasm_exec.js"] = newFile("/wasm_exec.js", wasmExecJS)

	// The build's files by their content's hash: app.js names app.wasm's,
	// so it is made once that one is known.
	s.Hashed = make(map[string]string)
	hash := func(p string) {
		if f := s.Files[p]; f != nil {
			s.Hashed[p] = hashedName(p, f.Data)
		}
	}
	for _, p := range Hashed {
		if p == "/app.js" {
			s.Files[p] = newFile(p, appJS(s.Config, s.URL))
		}
		hash(p)
	}
	if err := s.addStudio(o.WebDir, o.Dev); err != nil { // studio.go
		return nil, err
	}
	isHashed := make(map[string]bool)
	for p := range s.Hashed {
		isHashed[p] = true
	}
	s.Files["/app-worker.js"] = newFile("/app-worker.js", worker(s.Config, s.URL, isHashed))
	s.Pages = make(map[string]*File)
	if s.QuizErr == nil {
		for _, locale := range q.Locales {
			s.Pages[locale] = newFile("/", renderPage(q, locale, s.URL))
		}
	}
	// Compress everything in one go, on every core.
	var all []*File
	for _, f := range s.Files {
		all = append(all, f)
	}
	for _, f := range s.Pages {
		all = append(all, f)
	}
	compressAll(all)
	for p, h := range s.Hashed {
		s.Files[h] = s.Files[p]
	}
	return s, nil
}

// URL is the URL the site's pages and files name the file at path p by:
// under the base path, content-hashed when it is (Hashed).
func (s *Site) URL(p string) string {
	if h, ok := s.Hashed[p]; ok {
		p = h
	}
	return Prefix(s.Config.Base).Resolve(p)
}

// Immutable reports whether the file at path p is named by its content's
// hash: it never changes, and may be cached for good.
func (s *Site) Immutable(p string) bool {
	for _, h := range s.Hashed {
		if h == p {
			return true
		}
	}
	return false
}

// RenderPage renders the page at "/" in one language with q (a Dev site's
// quiz, changed since Load), or, when q is nil, the placeholder page of a
// quiz file with problems.
func (s *Site) RenderPage(q *quiz.Quiz, locale string) *File {
	var f *File
	if q == nil {
		f = newFile("/", placeholderPage(s.URL))
	} else {
		f = newFile("/", renderPage(q, locale, s.URL))
	}
	compressAll([]*File{f})
	return f
}

// placeholderQuiz names the page of a Dev site whose quiz file has problems
// (the page then shows them) until the file is fixed.
var placeholderQuiz = &quiz.Quiz{
	ID:      "preview",
	Locales: []string{"en"},
	Title:   quiz.Text{"en": "Quiz preview"},
	Intro:   quiz.Text{"en": "The quiz file has problems."},
}

// webDir is the web directory as read: its files by slash-separated name.
type webDir struct {
	files    map[string]*File
	warnings []string
}

// loadWeb reads every regular file of dir except dot files, build
// leftovers (*.tmp) and compressed copies, which become their original's
// variants when fresh.
func loadWeb(dir string) (*webDir, error) {
	w := &webDir{files: make(map[string]*File)}
	copies := make(map[string]fs.FileInfo) // name.br, name.gz → info
	infos := make(map[string]fs.FileInfo)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel != "." && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case !d.Type().IsRegular(), strings.HasPrefix(d.Name(), "."), strings.HasSuffix(rel, ".tmp"):
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".br") || strings.HasSuffix(rel, ".gz") {
			copies[rel] = info
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w.files[rel] = newFile("/web/"+rel, b)
		infos[rel] = info
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, f := range w.files {
		for _, c := range []struct {
			ext, encoding string
			body          *[]byte
		}{{".br", "brotli", &f.Br}, {".gz", "gzip", &f.Gzip}} {
			info, ok := copies[name+c.ext]
			cname := filepath.Join(dir, filepath.FromSlash(name+c.ext))
			switch {
			case !ok && name == "app.wasm":
				w.warnings = append(w.warnings, fmt.Sprintf("%s is missing: app.wasm goes out without %s (build it with: make build)", cname, c.encoding))
				continue
			case !ok:
				continue
			case info.ModTime().Before(infos[name].ModTime()):
				w.warnings = append(w.warnings, fmt.Sprintf("%s is older than %s, not served (rebuild it with: make build)", cname, name))
				continue
			}
			b, err := os.ReadFile(cname)
			if err != nil {
				return nil, err
			}
			*c.body = b
		}
		if strings.HasSuffix(name, ".wasm") {
			f.noCompress = true // too big to compress at each start
		}
	}
	return w, nil
}

// version hashes everything a visitor's cached copy of the app depends on:
// the build that writes the pages (build: so a new go-app or page template
// reaches visitors), every file of the web directory (app.wasm, app.css,
// icons, …; compressed copies follow their originals) and the quiz source.
// It names the service worker's cache: a new version makes open apps offer
// a reload.
func (w *webDir) version(build string, quizSrc []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "build %q\n", build)
	names := make([]string, 0, len(w.files))
	for name := range w.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b := w.files[name].Data
		fmt.Fprintf(h, "file %q %d\n", name, len(b))
		h.Write(b)
	}
	fmt.Fprintf(h, "quiz %d\n", len(quizSrc))
	h.Write(quizSrc)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// BuildID names the running program by its executable's hash, so that a
// new build (new go-app, new page template) is a new app version. It falls
// back on the module's build information.
var BuildID = sync.OnceValue(func() string {
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.String()
	}
	return ""
})
