// Command static exports the quiz as a static website: every file a static
// host (GitHub Pages, an object store behind a CDN, nginx) needs, with
// precompressed .br and .gz copies next to the originals.
//
// Usage:
//
//	go run ./tools/static [-base /] [-out dist] [-quiz quiz.toml] [-web web]
//
// The flags are:
//
//	-base  the URL path the site is served under, e.g. /careers/pmo-quiz/
//	       (default /); every URL in the pages, the manifest and the
//	       service worker is made absolute under it
//	-out   the directory to write (default dist); an earlier export there
//	       is replaced, any other non-empty directory is refused
//	-quiz  the quiz file (default quiz.toml); a quiz with problems is
//	       refused, with every problem printed
//	-web   the web directory, with app.wasm built (default web)
//
// It loads the site exactly as the server does (webapp.Load: go-app's
// index.html, in the quiz's first language, app.js, app-worker.js, app.css
// and wasm_exec.js, the quiz's own manifest with its scope and start URL
// under -base, the quiz, the web directory, and embed.js, robots.txt,
// sitemap.xml and ads.txt when the web directory has them), and writes
// every file with its brotli and gzip copies: the bytes the server would
// send. Before the output replaces -out it checks that every URL the
// pages, the worker and the manifest name lies under -base and, for files,
// exists: no request may leave the sub-path.
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
	base, out, quizFile, webDir string
	stderr                      io.Writer
}

func run(args []string, stdout, stderr io.Writer) error {
	o := options{stderr: stderr}
	fs := flag.NewFlagSet("static", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.base, "base", "/", "URL `path` the site is served under, e.g. /careers/pmo-quiz/")
	fs.StringVar(&o.out, "out", "dist", "output `directory`")
	fs.StringVar(&o.quizFile, "quiz", "quiz.toml", "quiz `file`")
	fs.StringVar(&o.webDir, "web", "web", "web `directory` with app.wasm built")
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
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "static: wrote %s/ (%d files, with .br and .gz copies) for %s\n", o.out, files, o.base)
	return nil
}

// export loads the site as the server does (webapp.Load), writes it to a
// fresh directory beside o.out, checks it, and puts it in o.out's place. It
// returns the number of files (copies aside).
func export(o options) (int, error) {
	site, err := webapp.Load(webapp.Options{
		QuizFile: o.quizFile,
		WebDir:   o.webDir,
		Base:     o.base,
		// The base path is in every URL of the pages and the worker.
		Build: "static " + o.base + " " + webapp.BuildID(),
	})
	if err != nil {
		return 0, err
	}
	if len(site.Missing) > 0 {
		return 0, fmt.Errorf("%s: %w: every page needs it, and the offline install fails without it",
			filepath.Join(o.webDir, site.Missing[0]), fs.ErrNotExist)
	}
	if err := checkOut(o.out); err != nil {
		return 0, err
	}
	if site.Wasm.Br == nil || site.Wasm.Gzip == nil {
		fmt.Fprintf(o.stderr, "static: app.wasm's compressed copies are missing or stale in %s: compressing it (slow; make build makes them)\n", o.webDir)
		site.Wasm.Compress()
	}

	parent := filepath.Dir(filepath.Clean(o.out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(o.out)+"-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp) // after a failure; renamed away on success

	files := 0
	write := func(name string, f *webapp.File) error {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		files++
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
	// The page in each language at its own path; a static host serves
	// index.html at the base path, whatever the query asks for (the early
	// script moves a visitor who wants another language to its page).
	for locale, page := range site.Pages {
		if err := write(strings.TrimPrefix(widget.PagePath(site.Quiz, locale), "/"), page); err != nil {
			return 0, err
		}
	}
	for urlPath, f := range site.Files {
		if _, ok := site.Hashed[urlPath]; ok {
			continue // named by its hash only: nothing names it otherwise
		}
		if err := write(strings.TrimPrefix(urlPath, "/"), f); err != nil {
			return 0, err
		}
	}
	if err := checkURLs(tmp, o.base); err != nil {
		return 0, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 0, err
	}
	if err := os.RemoveAll(o.out); err != nil {
		return 0, err
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
	attrURL     = regexp.MustCompile(`(?i)\s(?:src|href)\s*=\s*"([^"]*)"`)
	workerList  = regexp.MustCompile(`(?m)^const (?:resourcesToCache|immutable) = (\[.*\]);$`)
	workerPages = regexp.MustCompile(`(?m)^const pages = (\{.*\});`)
	appJSConfig = regexp.MustCompile(`(?m)^  var config = (\{.*\});$`)
)

// checkURLs checks that every URL the page loads, the worker precaches,
// the manifest names and app.js uses is a path under base, and that the
// ones naming files are in dir. go-app's sub-path support has gaps (its
// manifest's scope is "/", PrefixedLocation drops the base's trailing
// slash): a URL outside base would reach the host's root, and one missing
// file breaks the offline install.
func checkURLs(dir, base string) error {
	var problems []string
	file := func(name, u string) {
		if !strings.HasPrefix(u, base) {
			problems = append(problems, fmt.Sprintf("%s: %q is not under %s", name, u, base))
			return
		}
		rel := strings.TrimPrefix(u, base)
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean(rel)))); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %q names no file of the export", name, u))
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			problems = append(problems, err.Error())
		}
		return string(b)
	}

	page := read("index.html")
	urls := attrURL.FindAllStringSubmatch(page, -1)
	if len(urls) < 5 {
		problems = append(problems, fmt.Sprintf("index.html: %d src/href attributes; want its scripts, styles and icons", len(urls)))
	}
	for _, m := range urls {
		file("index.html", m[1])
	}

	worker := read("app-worker.js")
	lists := workerList.FindAllStringSubmatch(worker, -1)
	if len(lists) != 2 {
		problems = append(problems, "app-worker.js: no resourcesToCache and immutable lists")
	}
	for _, m := range lists {
		var list []string
		if json.Unmarshal([]byte(m[1]), &list) != nil {
			problems = append(problems, "app-worker.js: a list is not JSON")
		}
		for _, u := range list {
			file("app-worker.js", u)
		}
	}
	var pages map[string]string
	if m := workerPages.FindStringSubmatch(worker); m == nil || json.Unmarshal([]byte(m[1]), &pages) != nil || len(pages) == 0 {
		problems = append(problems, "app-worker.js: no pages")
	}
	for _, u := range pages {
		file("app-worker.js", u)
	}

	var cfg struct {
		Wasm, Worker string
		Env          map[string]string
	}
	appJS := ""
	for _, m := range urls {
		if name := path.Base(m[1]); strings.HasPrefix(name, "app.") && strings.HasSuffix(name, ".js") {
			appJS = strings.TrimPrefix(m[1], base)
		}
	}
	if m := appJSConfig.FindStringSubmatch(read(appJS)); m == nil || json.Unmarshal([]byte(m[1]), &cfg) != nil {
		problems = append(problems, "app.js: no config")
	}
	file("app.js", cfg.Wasm)
	file("app.js", cfg.Worker)
	for _, k := range []string{"GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL"} {
		if v := cfg.Env[k]; !strings.HasPrefix(v+"/", base) {
			problems = append(problems, fmt.Sprintf("app.js: %s %q is not under %s", k, v, base))
		}
	}

	var mf struct {
		ID    string `json:"id"`
		Start string `json:"start_url"`
		Scope string `json:"scope"`
		Icons []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	if err := json.Unmarshal([]byte(read("manifest.webmanifest")), &mf); err != nil {
		problems = append(problems, "manifest.webmanifest: "+err.Error())
	}
	if mf.ID != base || mf.Start != base || mf.Scope != base {
		problems = append(problems, fmt.Sprintf("manifest.webmanifest: id %q, start_url %q, scope %q; want %s for each", mf.ID, mf.Start, mf.Scope, base))
	}
	if len(mf.Icons) == 0 {
		problems = append(problems, "manifest.webmanifest: no icons")
	}
	for _, ic := range mf.Icons {
		file("manifest.webmanifest", ic.Src)
	}
	if len(problems) > 0 {
		return fmt.Errorf("the export is not self-contained under %s:\n  %s", base, strings.Join(problems, "\n  "))
	}
	return nil
}
