// Command static exports the quiz as a static website: every file a static
// host (GitHub Pages, an object store behind a CDN, nginx) needs, with
// precompressed .br and .gz copies next to the originals.
//
// Usage:
//
//	go run ./tools/static [-base /] [-out dist] [-quiz quiz.toml|folder] [-web web] [-public-url url]
//
// The flags are:
//
//	-base  the URL path the site is served under, e.g. /careers/pmo-quiz/
//	       (default /); every URL in the pages, the manifest and the
//	       service worker is made absolute under it
//	-out   the directory to write (default dist); an earlier export there
//	       is replaced, any other non-empty directory is refused
//	-quiz  the quiz file (default quiz.toml), exported at -base, or a
//	       folder of quizzes: each *.toml file in it is exported at
//	       -base/<its [quiz] id>/, and -base lists them. Every quiz of a
//	       folder shares the build's files (one app.wasm). A quiz with
//	       problems, or two with one id, is refused, with every problem
//	       printed
//	-web   the web directory, with app.wasm built (default web)
//	-public-url
//	       the site's address, e.g. https://example.com/careers/ (or just
//	       https://example.com, and -base is added): link previews need
//	       absolute URLs, so og:url and og:image are made from it, and left
//	       out without it (make static PUBLIC_URL=…)
//
// It loads the site exactly as the server does (webapp.Load: each quiz's
// pages, one per language, its results' share pages and images (share/), its manifest with its scope and start URL at
// the quiz's path, its service worker and its quiz file; the shared app.js,
// wasm_exec.js and web directory, and embed.js, robots.txt, sitemap.xml
// and ads.txt when the web directory has them), and writes every file with
// its brotli and gzip copies: the bytes the server would send. Before the
// output replaces -out it checks that every URL the pages, the workers and
// the manifests name lies under -base and, for files, exists: no request
// may leave the sub-path.
//
// app.wasm's compressed copies are taken from the web directory when they
// are at least as new as app.wasm (make build writes them), else made
// here (slowly); other files are compressed by webapp.Load.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"pmoquiz/app/webapp"
	"pmoquiz/app/widget"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "static:", err)
			os.Exit(1)
		}
	}
}

type options struct {
	base, out, quizFile, webDir, publicURL string
	stderr                                 io.Writer
}

func run(args []string, stdout, stderr io.Writer) error {
	o := options{stderr: stderr}
	fs := flag.NewFlagSet("static", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.base, "base", "/", "URL `path` the site is served under, e.g. /careers/pmo-quiz/")
	fs.StringVar(&o.out, "out", "dist", "output `directory`")
	fs.StringVar(&o.quizFile, "quiz", "quiz.toml", "quiz `file`, or a folder of quizzes")
	fs.StringVar(&o.webDir, "web", "web", "web `directory` with app.wasm built")
	fs.StringVar(&o.publicURL, "public-url", "", "the site's `URL`, e.g. https://example.com/careers/: link previews' absolute URLs (default: none, left out)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	base, err := webapp.CleanBase(o.base)
	if err != nil {
		return err
	}
	o.base = base
	files, err := export(o)
	var pe *webapp.PublicURLError
	if errors.As(err, &pe) {
		return errors.New(pe.Message(messageLang())) // in Japanese under a Japanese locale
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "static: wrote %s/ (%d files, with .br and .gz copies) for %s\n", o.out, len(files), o.base)
	for _, f := range files {
		if f.quiz != "" {
			fmt.Fprintf(stdout, "static: %s at %s\n", f.quiz, f.url)
		}
	}
	return nil
}

// exported is a page of the export: a quiz's at its URL, or the list.
type exported struct {
	quiz, url string
}

// export loads the site as the server does (webapp.Load), writes it to a
// fresh directory beside o.out, checks it, and puts it in o.out's place. It
// returns every file written (copies aside), a quiz's first page with its
// source file.
func export(o options) ([]exported, error) {
	site, err := webapp.Load(webapp.Options{
		QuizFile:  o.quizFile,
		WebDir:    o.webDir,
		Base:      o.base,
		PublicURL: o.publicURL,
		// The base path is in every URL of the pages and the worker.
		Build: "static " + o.base + " " + webapp.BuildID(),
	})
	if err != nil {
		return nil, err
	}
	if len(site.Missing) > 0 {
		return nil, fmt.Errorf("%s: %w: every page needs it, and the offline install fails without it",
			filepath.Join(o.webDir, site.Missing[0]), fs.ErrNotExist)
	}
	for _, w := range site.Warnings {
		if strings.HasPrefix(w, "no share images") {
			fmt.Fprintln(o.stderr, "static: warning:", w)
		}
	}
	if err := checkOut(o.out); err != nil {
		return nil, err
	}
	if site.Wasm.Br == nil || site.Wasm.Gzip == nil {
		fmt.Fprintf(o.stderr, "static: app.wasm's compressed copies are missing or stale in %s: compressing it (slow; make build makes them)\n", o.webDir)
		site.Wasm.Compress()
	}

	parent := filepath.Dir(filepath.Clean(o.out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(o.out)+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // after a failure; renamed away on success

	var files []exported
	write := func(name string, f *webapp.File) error {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		files = append(files, exported{url: site.Base + name})
		for _, c := range []struct {
			ext  string
			body []byte
		}{{"", f.Data}, {".br", f.Br}, {".gz", f.Gzip}} {
			if c.ext != "" && c.body == nil { // an image: no copies
				continue
			}
			if err := os.WriteFile(p+c.ext, c.body, 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	// Each quiz's page in each language at its own path; a static host
	// serves index.html at the quiz's path, whatever the query asks for
	// (the early script moves a visitor who wants another language to its
	// page). A folder's list of quizzes likewise at the base path.
	for _, q := range site.Quizzes {
		dir := strings.TrimPrefix(q.Path, "/")
		for _, locale := range q.Quiz.Locales {
			if err := write(dir+strings.TrimPrefix(widget.PagePath(q.Quiz, locale), "/"), q.Pages[locale]); err != nil {
				return nil, err
			}
			if locale == q.Quiz.Locales[0] {
				files[len(files)-1] = exported{quiz: q.File, url: site.Base + dir}
			}
		}
	}
	for locale, page := range site.Index {
		if err := write(strings.TrimPrefix(site.IndexPath(locale), "/"), page); err != nil {
			return nil, err
		}
	}
	for urlPath, f := range site.Files {
		if _, ok := site.Hashed[urlPath]; ok {
			continue // named by its hash only: nothing names it otherwise
		}
		if err := write(strings.TrimPrefix(urlPath, "/"), f); err != nil {
			return nil, err
		}
	}
	var quizDirs []string
	for _, q := range site.Quizzes {
		quizDirs = append(quizDirs, strings.TrimPrefix(q.Path, "/"))
	}
	if err := checkURLs(tmp, o.base, quizDirs, site.Folder); err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(o.out); err != nil {
		return nil, err
	}
	return files, os.Rename(tmp, o.out)
}

// checkOut refuses to replace a directory that is not an earlier export.
func checkOut(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(out, "app-worker.js")); err != nil {
		return fmt.Errorf("-out %s: not empty and not an earlier export (no app-worker.js): refusing to replace it", out)
	}
	return nil
}

// Where the generated files name URLs.
var (
	attrURL     = regexp.MustCompile(`(?i)\s(?:src|href|data-worker)\s*=\s*"([^"]*)"`)
	dataRoot    = regexp.MustCompile(`\sdata-root="([^"]*)"`)
	workerList  = regexp.MustCompile(`(?m)^const (?:resourcesToCache|immutable) = (\[.*\]);$`)
	workerPages = regexp.MustCompile(`(?m)^const pages = (\{.*\});`)
	appJSConfig = regexp.MustCompile(`(?m)^  var config = (\{.*\});$`)
)

// checkURLs checks that every URL the pages load, the workers precache,
// the manifests name and app.js uses is a path under base, and that the
// ones naming files are in dir. quizzes are the quizzes' directories under
// dir ("" for a quiz at the base, "pmo-career/" in a folder); folder says
// the base lists them. go-app's sub-path support has gaps (its manifest's
// scope is "/", PrefixedLocation drops the base's trailing slash): a URL
// outside base would reach the host's root, and one missing file breaks
// the offline install.
func checkURLs(dir, base string, quizzes []string, folder bool) error {
	var problems []string
	file := func(name, u string) {
		if !strings.HasPrefix(u, base) {
			problems = append(problems, fmt.Sprintf("%s: %q is not under %s", name, u, base))
			return
		}
		rel, _, _ := strings.Cut(strings.TrimPrefix(u, base), "?")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean(rel)))); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %q names no file of the export", name, u))
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			problems = append(problems, err.Error())
		}
		return string(b)
	}
	if folder {
		list := read("index.html")
		links := attrURL.FindAllStringSubmatch(list, -1)
		if len(links) < len(quizzes)+1 {
			problems = append(problems, fmt.Sprintf("index.html: %d links; want its style sheet and each quiz", len(links)))
		}
		for _, m := range links {
			file("index.html", m[1])
		}
	}
	for _, q := range quizzes {
		checkQuizURLs(dir, base, q, file, read, &problems)
	}
	if len(problems) > 0 {
		return fmt.Errorf("the export is not self-contained under %s:\n  %s", base, strings.Join(problems, "\n  "))
	}
	return nil
}

// checkQuizURLs checks one quiz's page, worker, app.js and manifest (see
// checkURLs): q is its directory under the export.
func checkQuizURLs(dir, base, q string, file func(name, u string), read func(string) string, problems *[]string) {
	add := func(format string, args ...any) { *problems = append(*problems, fmt.Sprintf(format, args...)) }
	at := base + q // the quiz's path

	pageName := q + "index.html"
	page := read(pageName)
	urls := attrURL.FindAllStringSubmatch(page, -1)
	if len(urls) < 6 {
		add("%s: %d src/href/data-worker attributes; want its scripts, styles, icons and worker", pageName, len(urls))
	}
	for _, m := range urls {
		file(pageName, m[1])
	}
	if m := dataRoot.FindStringSubmatch(page); m == nil || m[1] != at {
		add("%s: app.js's data-root is %v; want %s", pageName, m, at)
	}

	workerName := q + "app-worker.js"
	worker := read(workerName)
	lists := workerList.FindAllStringSubmatch(worker, -1)
	if len(lists) != 2 {
		add("%s: no resourcesToCache and immutable lists", workerName)
	}
	for _, m := range lists {
		var list []string
		if json.Unmarshal([]byte(m[1]), &list) != nil {
			add("%s: a list is not JSON", workerName)
		}
		for _, u := range list {
			file(workerName, u)
		}
	}
	var pages map[string]string
	if m := workerPages.FindStringSubmatch(worker); m == nil || json.Unmarshal([]byte(m[1]), &pages) != nil || len(pages) == 0 {
		add("%s: no pages", workerName)
	}
	for _, u := range pages {
		file(workerName, u)
		if !strings.HasPrefix(u, at) {
			add("%s: page %q is not in the quiz's scope %s", workerName, u, at)
		}
	}

	var cfg struct {
		Wasm string
		Env  map[string]string
	}
	appJS := ""
	for _, m := range urls {
		if name := path.Base(m[1]); strings.HasPrefix(name, "app.") && strings.HasSuffix(name, ".js") {
			appJS = strings.TrimPrefix(m[1], base)
		}
	}
	if m := appJSConfig.FindStringSubmatch(read(appJS)); m == nil || json.Unmarshal([]byte(m[1]), &cfg) != nil {
		add("app.js: no config")
	}
	file("app.js", cfg.Wasm)
	if v := cfg.Env["GOAPP_STATIC_RESOURCES_URL"]; !strings.HasPrefix(v+"/", base) {
		add("app.js: GOAPP_STATIC_RESOURCES_URL %q is not under %s", v, base)
	}

	// The results' share pages: their style sheet, script and links to
	// the quiz.
	shares, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(q), "share", "*.html"))
	if len(shares) == 0 {
		add("%sshare/: no share pages", q)
	}
	for _, p := range shares {
		name := q + "share/" + filepath.Base(p)
		links := attrURL.FindAllStringSubmatch(read(name), -1)
		if len(links) < 4 {
			add("%s: %d src/href attributes; want its style sheet, script and links to the quiz", name, len(links))
		}
		for _, m := range links {
			file(name, m[1])
		}
	}

	manifestName := q + "manifest.webmanifest"
	var mf struct {
		ID    string `json:"id"`
		Start string `json:"start_url"`
		Scope string `json:"scope"`
		Icons []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	if err := json.Unmarshal([]byte(read(manifestName)), &mf); err != nil {
		add("%s: %v", manifestName, err)
	}
	if mf.ID != at || mf.Start != at || mf.Scope != at {
		add("%s: id %q, start_url %q, scope %q; want %s for each", manifestName, mf.ID, mf.Start, mf.Scope, at)
	}
	if len(mf.Icons) == 0 {
		add("%s: no icons", manifestName)
	}
	for _, ic := range mf.Icons {
		file(manifestName, ic.Src)
	}
}

// messageLang is "ja" when the locale is Japanese (LC_ALL, else
// LC_MESSAGES, else LANG), else "en".
func messageLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if strings.HasPrefix(l, "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}
