package webapp

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"pmoquiz/app/ogcard"
	"pmoquiz/app/quiz"
	"pmoquiz/app/quizset"
	"pmoquiz/app/widget"
)

// Options say where a site's files come from and where it is served.
type Options struct {
	// QuizFile is the quiz source, served at Base, or a folder of quizzes:
	// each *.toml file in it is served at Base + its [quiz] id + "/", and
	// Base lists them (package quizset).
	QuizFile string
	WebDir   string // app.wasm (and its copies), app.css, icons, embed.js, …
	// Base is the URL path the site is served under ("/" for the server;
	// see CleanBase).
	Base string
	// Build names the program that serves or writes the site; it is part
	// of the version (see BuildID).
	Build string
	// Dev is the live preview: the quiz files change while the site is
	// served. The service workers do not precache them, and a quiz with
	// problems is reported (in its QuizSite.QuizErr) instead of refused,
	// with a placeholder quiz naming the page.
	Dev bool
	// PublicURL is the absolute URL the site's base path is reached at
	// (ParsePublicURL), for the link preview tags' absolute URLs (og:url,
	// og:image); "" leaves them out. A URL at a host's root gets the base
	// path; one with a path must name it (but for a site at "/").
	PublicURL string
	// Fonts loads the share images' fonts; nil is ogcard.LoadFonts("", "").
	// When it fails (no fonts installed) the site goes without images,
	// with a warning.
	Fonts func() (*ogcard.Fonts, error)
}

// Site is everything the site serves, read and rendered once: the server
// serves these files from memory and the static export writes them. Its
// quizzes share the build's files (app.wasm, app.js, wasm_exec.js, app.css,
// named by their content's hash) and the web directory, at the base path:
// a visitor who opens a second quiz downloads none of them again.
type Site struct {
	Base string // the URL path the site is served under (CleanBase)
	// PublicURL is the absolute URL of Base ("https://example.com/careers/"),
	// or "" when none was configured (Options.PublicURL).
	PublicURL string
	// Folder is set when Options.QuizFile named a folder: the quizzes are
	// at Base + id + "/", and the page at Base lists them (Index).
	Folder bool
	// Quizzes are the site's quizzes, in the folder's order (by file
	// name); one, at Base, for a quiz file.
	Quizzes []*QuizSite

	// Files are the site's files by URL path under the base, the pages
	// aside: those its quizzes share ("/app.js", "/web/app.css", …) and
	// each quiz's own under its path ("/quiz.toml", or
	// "/pmo-career/quiz.toml" in a folder).
	Files map[string]*File
	// Index is the page at Base that lists a folder's quizzes, once per
	// language (IndexLocales, the quizzes' languages in order).
	Index        map[string]*File
	IndexLocales []string
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

// QuizSite is one quiz of a site: its pages, quiz file, manifest and
// service worker, under its path.
type QuizSite struct {
	// Path is its URL path under the site's base: "/" for a quiz file,
	// "/<id>/" for a quiz of a folder.
	Path    string
	File    string     // its source file
	Quiz    *quiz.Quiz // the quiz the pages show (a placeholder when QuizErr is set)
	QuizErr error      // Dev only: the quiz file's problems at load
	QuizSrc []byte     // the quiz file as read
	Version string     // the app version (see version)
	Config  Config     // go-app's configuration for this quiz
	// Pages are the page at Path, prerendered once per language of the
	// quiz (the keys are its locales), so that a visitor's request never
	// reaches go-app's Handler (see Render).
	Pages map[string]*File
	// Studio is the path of its studio (studio.go): Path + "studio/", or
	// "" when the web directory lacks the studio's wasm files.
	Studio string

	site   *Site
	images []string // the share images drawn, by path under Path
}

// The files each quiz has under its own path; every other file of the
// site is shared, at the base path.
var quizFiles = []string{widget.QuizPath, ManifestPath, "/app-worker.js"}

// The files the site has at its root besides go-app's, from the web
// directory when present: the loader other sites paste, and the files
// crawlers ask for. go-app's Handler would fetch the last three over HTTP
// from the request's Host header and cache the answer for every later
// visitor; the site serves them itself, or answers 404.
var RootFiles = []string{"embed.js", "robots.txt", "sitemap.xml", "ads.txt"}

// Load reads the quizzes and the web directory, renders go-app's files and
// the pages, and compresses every text file. A quiz with problems is an
// error (except with Dev), and so are two quizzes of a folder with one id
// (even with Dev: they would have one address) and a missing app.wasm.
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
	s := &Site{Base: base, Folder: quizset.IsDir(o.QuizFile)}
	if s.PublicURL, err = publicPrefix(o.PublicURL, base); err != nil {
		return nil, err
	}
	entries, err := s.readQuizzes(o)
	if err != nil {
		return nil, err
	}

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

	// The shared files: the web directory, the root files, the build's.
	s.Files = make(map[string]*File)
	for name, f := range web.files {
		s.Files["/web/"+name] = f
	}
	for _, name := range RootFiles {
		if f := web.files[name]; f != nil {
			s.Files["/"+name] = f
		}
	}
	for _, e := range entries {
		q := &QuizSite{File: e.File, Quiz: e.Quiz, QuizErr: e.Err, QuizSrc: e.Src, Path: "/", site: s}
		if s.Folder {
			q.Path = "/" + e.ID + "/"
		}
		if q.Quiz == nil {
			q.Quiz = placeholderQuiz
		}
		q.Version = web.version(o.Build, e.Src)
		q.Config = Config{Quiz: q.Quiz, Base: Prefix(base).Resolve(q.Path), Root: base, Version: q.Version, WasmSize: len(s.Wasm.Data), LiveQuiz: o.Dev}
		s.Quizzes = append(s.Quizzes, q)
	}
	wasmExecJS, err := wasmExec(s.Quizzes[0].Config)
	if err != nil {
		return nil, err
	}
	s.Files["/wasm_exec.js"] = newFile("/wasm_exec.js", wasmExecJS)
	if f := s.Files["/embed.js"]; f != nil {
		f = newFile("/embed.js", embedJS(f.Data, s))
		s.Files["/embed.js"], s.Files["/web/embed.js"] = f, f
	}
	s.Files[ShareScript] = newFile(ShareScript, shareJS)
	s.Files[CompileScript] = newFile(CompileScript, []byte(compileJS))

	// The build's files by their content's hash: app.js names app.wasm's,
	// so it is made once that one is known.
	s.Hashed = make(map[string]string)
	for _, p := range Hashed {
		if p == "/app.js" {
			s.Files[p] = newFile(p, appJS(s.Quizzes[0].Config, s.URL))
		}
		if f := s.Files[p]; f != nil {
			s.Hashed[p] = hashedName(p, f.Data)
		}
	}
	isHashed := make(map[string]bool)
	for p := range s.Hashed {
		isHashed[p] = true
	}

	// Each quiz's share pages and images, then its own files and pages
	// (which name its image).
	if err := s.addShare(o); err != nil {
		return nil, err
	}
	for _, q := range s.Quizzes {
		for p, data := range map[string][]byte{
			widget.QuizPath:  q.QuizSrc,
			ManifestPath:     Manifest(q.Config),
			"/app-worker.js": worker(q.Config, q.URL, isHashed),
		} {
			s.Files[q.own(p)] = newFile(q.own(p), data)
		}
		q.Pages = make(map[string]*File)
		if q.QuizErr == nil {
			for _, locale := range q.Quiz.Locales {
				q.Pages[locale] = newFile("/", renderPage(q.Quiz, locale, q.pageURLs()))
			}
		}
	}
	if err := s.addStudio(o.WebDir, o.Dev); err != nil { // studio.go
		return nil, err
	}
	if s.Folder {
		s.IndexLocales = indexLocales(s.Quizzes)
		s.Index = make(map[string]*File)
		for _, l := range s.IndexLocales {
			s.Index[l] = s.RenderIndex(l, nil)
		}
	}

	// Compress everything in one go, on every core.
	var all []*File
	for _, f := range s.Files {
		all = append(all, f)
	}
	for _, q := range s.Quizzes {
		for _, f := range q.Pages {
			all = append(all, f)
		}
	}
	compressAll(all)
	for p, h := range s.Hashed {
		s.Files[h] = s.Files[p]
	}
	return s, nil
}

// readQuizzes reads the quiz file, or every quiz file of the folder, and
// checks them: every problem of every file (but with Dev, where a file's
// problems are shown on its page) and of the folder as a whole.
func (s *Site) readQuizzes(o Options) ([]*quizset.Entry, error) {
	opt := quiz.Options{Web: os.DirFS(o.WebDir), WebName: o.WebDir}
	if !s.Folder {
		e := quizset.ReadFile(filepath.Clean(o.QuizFile), opt)
		if e.Err != nil && (!o.Dev || e.Src == nil) {
			return nil, e.Err
		}
		return []*quizset.Entry{e}, nil
	}
	files, err := quizset.Files(o.QuizFile)
	if err != nil {
		return nil, err
	}
	entries := quizset.Read(files, opt)
	var problems []string
	for _, e := range entries {
		if e.Err != nil && (!o.Dev || e.Src == nil) {
			problems = append(problems, e.Err.Error())
		}
	}
	for _, p := range quizset.Check(entries) {
		problems = append(problems, p.Error())
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return entries, nil
}

// URL is the URL the site's pages and files name the shared file at path
// p by: under the base path, content-hashed when it is (Hashed).
func (s *Site) URL(p string) string {
	if h, ok := s.Hashed[p]; ok {
		p = h
	}
	return Prefix(s.Base).Resolve(p)
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

// own is the site path of this quiz's own file p ("/quiz.toml" →
// "/pmo-career/quiz.toml").
func (q *QuizSite) own(p string) string {
	return q.Path + strings.TrimPrefix(p, "/")
}

// URL is the URL this quiz's pages and files name the file at path p by:
// its own files (the quiz, the manifest, the worker, the pages) under its
// path, the others as the site names them (Site.URL).
func (q *QuizSite) URL(p string) string {
	if slices.Contains(quizFiles, p) || strings.HasPrefix(p, "/index") || p == "/" {
		return Prefix(q.site.Base).Resolve(q.own(p))
	}
	return q.site.URL(p)
}

// pageURLs are what its pages name: the URLs, and what the page's script
// needs to know of this quiz (its worker, version and path).
func (q *QuizSite) pageURLs() pageURLs {
	return pageURLs{url: q.URL, worker: q.URL("/app-worker.js"), version: q.Version, root: q.Config.Base, og: q.pageOG}
}

// RenderPage renders the quiz's page in one language with qz (a Dev
// site's quiz, changed since Load), or, when qz is nil, the placeholder
// page of a quiz file with problems.
func (q *QuizSite) RenderPage(qz *quiz.Quiz, locale string) *File {
	var f *File
	if qz == nil {
		f = newFile("/", placeholderPage(q.pageURLs()))
	} else {
		f = newFile("/", renderPage(qz, locale, q.pageURLs()))
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
