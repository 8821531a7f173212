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
// It configures go-app's Handler exactly as the server does (app/webapp),
// has go-app write index.html, app.js, app-worker.js, app.css,
// wasm_exec.js and the manifest (app.GenerateStaticWebsite), then replaces
// the manifest with the quiz's own (scope and start URL under -base), copies
// the web directory to web/, the quiz to quiz.toml and embed.js (and
// robots.txt, sitemap.xml, ads.txt when present) to the root, and
// precompresses. Before the output replaces -out it checks that every URL
// the pages, the worker and the manifest name lies under -base and, for
// files, exists: no request may leave the sub-path.
//
// app.wasm's compressed copies are taken from the web directory when they
// are at least as new as app.wasm (make build writes them); other files
// are compressed here, gzip in Go and brotli with the brotli command.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
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
}

func run(args []string, stdout, stderr io.Writer) error {
	var o options
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

// compressible are the extensions that get .br and .gz copies.
var compressible = []string{".html", ".js", ".css", ".wasm", ".toml", ".webmanifest", ".svg", ".json", ".txt", ".xml"}

// rootFiles are served at the site's root by the server too, from the web
// directory, when present.
var rootFiles = []string{"embed.js", "robots.txt", "sitemap.xml", "ads.txt"}

// export writes the site to a fresh directory beside o.out, checks it, and
// puts it in o.out's place. It returns the number of files (copies aside).
func export(o options) (int, error) {
	src, err := quiz.ReadFile(o.quizFile)
	if err != nil {
		return 0, err
	}
	q, err := quiz.Parse(filepath.Clean(o.quizFile), src)
	if err != nil {
		return 0, err
	}
	if q == nil {
		return 0, fmt.Errorf("%s: no quiz", o.quizFile)
	}
	wasm, err := os.ReadFile(filepath.Join(o.webDir, "app.wasm"))
	if err != nil {
		return 0, fmt.Errorf("%w (build it with: make build)", err)
	}
	for _, name := range webapp.WebFiles {
		if _, err := os.Stat(filepath.Join(o.webDir, name)); err != nil {
			return 0, fmt.Errorf("%w: every page needs it, and the offline install fails without it", err)
		}
	}
	if err := checkOut(o.out); err != nil {
		return 0, err
	}
	version, err := webapp.Version(exportBuild(o.base), o.webDir, wasm, src)
	if err != nil {
		return 0, err
	}
	cfg := webapp.Config{Quiz: q, Base: o.base, Version: version, WasmSize: len(wasm)}

	parent := filepath.Dir(filepath.Clean(o.out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(o.out)+"-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp) // after a failure; renamed away on success

	widget.Routes()
	widget.SetServerQuiz(func() *quiz.Quiz { return q })
	if err := app.GenerateStaticWebsite(tmp, webapp.Handler(cfg)); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(tmp, strings.TrimPrefix(webapp.ManifestPath, "/")), webapp.Manifest(cfg), 0o644); err != nil {
		return 0, err
	}
	if err := copyWeb(o.webDir, filepath.Join(tmp, "web")); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(tmp, strings.TrimPrefix(widget.QuizPath, "/")), src, 0o644); err != nil {
		return 0, err
	}
	for _, name := range rootFiles {
		err := copyFile(filepath.Join(o.webDir, name), filepath.Join(tmp, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	if err := checkURLs(tmp, o.base); err != nil {
		return 0, err
	}
	files, err := precompress(tmp, o.webDir)
	if err != nil {
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

// exportBuild names this exporter and the base path in the app version, as
// the server's build does: a new go-app or page template is a new version.
func exportBuild(base string) string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return "static " + base + " " + hex.EncodeToString(h.Sum(nil))
}

// copyWeb copies the web directory's files (no dot files, no build
// leftovers, no compressed copies: precompress makes or takes those).
func copyWeb(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir() && rel != "." && strings.HasPrefix(name, "."):
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		case !d.Type().IsRegular(), strings.HasPrefix(name, "."), strings.HasSuffix(name, ".tmp"),
			strings.HasSuffix(name, ".br"), strings.HasSuffix(name, ".gz"):
			return nil
		}
		return copyFile(p, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// precompress writes name.gz and name.br next to each compressible file of
// dir. app.wasm's are taken from webDir when up to date.
func precompress(dir, webDir string) (files int, err error) {
	var names []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, p := range names {
		files++
		if !slices.Contains(compressible, filepath.Ext(p)) {
			continue
		}
		if filepath.Base(p) == "app.wasm" && reuseWasmCopies(webDir, filepath.Dir(p)) {
			continue
		}
		if err := gzipFile(p); err != nil {
			return 0, err
		}
		if err := brotliFile(p); err != nil {
			return 0, err
		}
	}
	return files, nil
}

// reuseWasmCopies copies web/app.wasm.br and .gz when both are at least as
// new as web/app.wasm, saving a long brotli run.
func reuseWasmCopies(webDir, to string) bool {
	wasm, err := os.Stat(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return false
	}
	for _, ext := range []string{".br", ".gz"} {
		c, err := os.Stat(filepath.Join(webDir, "app.wasm"+ext))
		if err != nil || c.ModTime().Before(wasm.ModTime()) {
			return false
		}
	}
	for _, ext := range []string{".br", ".gz"} {
		if copyFile(filepath.Join(webDir, "app.wasm"+ext), filepath.Join(to, "app.wasm"+ext)) != nil {
			return false
		}
	}
	return true
}

func gzipFile(p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(p+".gz", buf.Bytes(), 0o644)
}

func brotliFile(p string) error {
	out, err := exec.Command("brotli", "-q", "11", "-f", "-o", p+".br", p).CombinedOutput()
	if err != nil {
		return fmt.Errorf("brotli %s: %v\n%s(install Debian's brotli package, or run tools/deps.sh build)", p, err, out)
	}
	return nil
}

// Where the generated files name URLs.
var (
	attrURL     = regexp.MustCompile(`(?i)\s(?:src|href)\s*=\s*"([^"]*)"`)
	workerList  = regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`)
	appJSString = regexp.MustCompile(`(?:register\(\s*|fetchWithProgress\()"([^"]*)"`)
	appJSEnv    = regexp.MustCompile(`(?m)^const goappEnv = (\{.*\});$`)
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

	var list []string
	if m := workerList.FindStringSubmatch(read("app-worker.js")); m == nil || json.Unmarshal([]byte(m[1]), &list) != nil || len(list) == 0 {
		problems = append(problems, "app-worker.js: no resourcesToCache list")
	}
	for _, u := range list {
		file("app-worker.js", u)
	}

	js := read("app.js")
	strs := appJSString.FindAllStringSubmatch(js, -1)
	if len(strs) != 2 {
		problems = append(problems, fmt.Sprintf("app.js: found %d of the worker and wasm URLs; want 2", len(strs)))
	}
	for _, m := range strs {
		file("app.js", m[1])
	}
	var env map[string]string
	if m := appJSEnv.FindStringSubmatch(js); m == nil || json.Unmarshal([]byte(m[1]), &env) != nil {
		problems = append(problems, "app.js: no goappEnv")
	}
	for _, k := range []string{"GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL"} {
		if v := env[k]; !strings.HasPrefix(v+"/", base) {
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
