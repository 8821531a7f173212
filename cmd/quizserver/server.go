package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pmoquiz/app/quiz"
	"pmoquiz/app/webapp"
	"pmoquiz/app/widget"
)

// run is the whole program: it parses args, loads the site and serves it
// until ctx is cancelled, then shuts down cleanly and returns nil.
//
// Shutting down drains: the server stops accepting, closes idle
// connections and waits for every response in flight, however long a
// download takes. A client that stops reading is cut when a write has
// waited -write-timeout (never by a fixed total), so the wait ends.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, getenv, stderr)
	if err != nil {
		return err
	}
	s, err := loadSite(cfg, stderr)
	if err != nil {
		return err
	}
	s.watch(ctx)
	errorLog := log.New(stderr, "quizserver: ", 0)
	var access *log.Logger
	if cfg.accessLog {
		access = log.New(stdout, "", 0)
	}
	srv := &http.Server{
		Handler:           newServer(s, requestLog{errors: errorLog, access: access, writeTimeout: cfg.writeTimeout}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// No WriteTimeout: a fixed total would cut a slow but live
		// download. Each request starts with a write deadline, and each
		// chunk of its body moves it on (middleware.go).
		ConnState:      writeDeadlineAtEachRequest(cfg.writeTimeout),
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       log.New(stderr, "quizserver: http: ", 0),
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("-addr %s: %w", cfg.addr, err)
	}
	fmt.Fprintln(stdout, "listening on", listenURL(cfg.addr, ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// listenURL is the URL of a listener asked for addr that got actual: the
// requested host (localhost when it was empty or a wildcard) and the actual
// port (which differs from the requested one when that was 0).
func listenURL(addr string, actual net.Addr) string {
	host, _, err1 := net.SplitHostPort(addr)
	_, port, err2 := net.SplitHostPort(actual.String())
	if err1 != nil || err2 != nil {
		return "http://" + actual.String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// buildID names this build of the server in the app version. Set it with
// -ldflags "-X main.buildID=…"; when empty, a hash of the running executable
// is used (webapp.BuildID), so a new server build (new go-app, new page
// template) reaches visitors too.
var buildID string

// site is everything the server serves, loaded once at start
// (webapp.Load) so that the version, the ETags and the bytes served always
// agree, and served from memory.
type site struct {
	*webapp.Site
	files   map[string]*asset // by URL path: webapp.Site.Files
	quizzes []*quizSite       // webapp.Site.Quizzes
	index   map[string]*asset // a folder's list of quizzes, by locale
	// frameAncestors lists the sites allowed to embed the quiz.
	frameAncestors string
}

// quizSite is one quiz of the site: its pages, and with -dev its file.
type quizSite struct {
	*webapp.QuizSite
	pages atomic.Pointer[pageSet]
	dev   *devQuiz // -dev: the watched quiz file (dev.go); nil otherwise
}

// loadSite loads the site. Problems that only hurt some visitors (a
// missing icon or compressed copy) are printed to warn; a bad quiz (without
// -dev), two quizzes of a folder with one id, or a missing app.wasm is an
// error.
func loadSite(cfg config, warn io.Writer) (*site, error) {
	build := buildID
	if build == "" {
		build = webapp.BuildID()
	}
	ws, err := webapp.Load(webapp.Options{QuizFile: cfg.quizFile, WebDir: cfg.webDir, Base: "/", Build: build, Dev: cfg.dev, PublicURL: cfg.publicURL})
	if err != nil {
		return nil, err
	}
	for _, w := range ws.Warnings {
		fmt.Fprintln(warn, "warning:", w)
	}
	s := &site{Site: ws, files: make(map[string]*asset, len(ws.Files)), frameAncestors: cfg.frameAncestors}
	for path, f := range ws.Files {
		cache := "no-cache"
		if ws.Immutable(path) {
			cache = "public, max-age=31536000, immutable" // named by its content
		}
		s.files[path] = newAsset(f, cache)
		if isShareImage(path) {
			// Shown by other sites (link previews), as embed.js is loaded.
			s.files[path] = newAsset(f, cache, "Cross-Origin-Resource-Policy", "cross-origin")
		}
	}
	s.studioAssets() // studio.go
	if f := ws.Files["/embed.js"]; f != nil {
		// Pasted into other sites' pages, under a URL that never changes:
		// cached a short while, and loadable from any origin.
		s.files["/embed.js"] = newAsset(f, fmt.Sprintf("public, max-age=%d", embedMaxAge), "Cross-Origin-Resource-Policy", "cross-origin")
	}
	if ws.Folder {
		s.index = make(map[string]*asset)
		for l, f := range ws.Index {
			s.index[l] = newPageAsset(f)
		}
	}
	for _, wq := range ws.Quizzes {
		qs := &quizSite{QuizSite: wq}
		q := wq.Quiz
		if wq.QuizErr != nil {
			q = nil // the placeholder page; the widget shows the problems
		}
		qs.pages.Store(newPageSet(wq, q, wq.Pages))
		if cfg.dev {
			id := ""
			if ws.Folder {
				id = strings.Trim(wq.Path, "/")
			}
			qs.dev = newDevQuiz(wq.File, cfg.webDir, wq.QuizSrc, q, warn, id)
			if wq.QuizErr != nil {
				fmt.Fprintf(warn, "%v\n%s has problems: its page shows them until you fix the file and save it (-dev: the server keeps running)\n", wq.QuizErr, wq.File)
			}
		}
		s.quizzes = append(s.quizzes, qs)
	}
	if ws.Folder {
		for _, qs := range s.quizzes {
			fmt.Fprintf(warn, "%s: at %s\n", qs.File, qs.Path)
		}
	}
	return s, nil
}

// isShareImage reports whether the file at path is a share page's image
// (or a quiz's card), in a quiz's share/ folder.
func isShareImage(path string) bool {
	return strings.Contains(path, "/share/") && strings.HasSuffix(path, ".png")
}

// watch polls every quiz file (-dev) until ctx is done.
func (s *site) watch(ctx context.Context) {
	for _, qs := range s.quizzes {
		if qs.dev != nil {
			go qs.dev.watch(ctx)
		}
	}
}

// embedMaxAge is how long browsers and CDNs may keep embed.js: its URL is
// pasted into other sites and never changes, so a fix must reach them soon.
const embedMaxAge = 300

// newServer returns the server's handler: the routes (routes.go) behind the
// check of the path, the security headers (headers.go), the write
// deadlines and the logs (middleware.go).
func newServer(s *site, rl requestLog) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, s)
	return rl.wrap(withSecurityHeaders(withPathCheck(mux), s.frameAncestors))
}

// pageSet is the page prerendered for one quiz, one per language,
// rendered at start (or, in -dev, for the quiz as saved, as visitors ask
// for each language).
type pageSet struct {
	site   *webapp.QuizSite
	quiz   *quiz.Quiz // nil: the placeholder page of a quiz file with problems
	pages  sync.Map   // locale → *asset
	shares sync.Map   // -dev, a quiz changed since start: share page path → *asset
}

func newPageSet(site *webapp.QuizSite, q *quiz.Quiz, pages map[string]*webapp.File) *pageSet {
	ps := &pageSet{site: site, quiz: q}
	for locale, f := range pages {
		ps.pages.Store(locale, newPageAsset(f))
	}
	return ps
}

// newPageAsset serves a page, which is revalidated, and whose language at
// "/" may depend on the visitor's.
func newPageAsset(f *webapp.File) *asset {
	return newAsset(f, "no-cache", "Vary", "Accept-Encoding, Accept-Language")
}

// page returns the page in locale, or, when locale is "", in the language
// the request asks for: ?lang=, else Accept-Language, else the quiz's
// first.
func (ps *pageSet) page(r *http.Request, locale string) *asset {
	if ps.quiz == nil {
		locale = "-"
	} else if locale == "" {
		locale = widget.PageLocale(ps.quiz, r.URL, acceptLanguages(r.Header.Get("Accept-Language")))
	}
	if a, ok := ps.pages.Load(locale); ok {
		return a.(*asset)
	}
	a, _ := ps.pages.LoadOrStore(locale, newPageAsset(ps.site.RenderPage(ps.quiz, locale)))
	return a.(*asset)
}

// share returns the share page at p under the quiz's path, rendered for
// the set's quiz, or nil when it has none.
func (ps *pageSet) share(p string) *asset {
	if a, ok := ps.shares.Load(p); ok {
		return a.(*asset)
	}
	f := ps.site.RenderShare(ps.quiz, p)
	if f == nil {
		return nil
	}
	a, _ := ps.shares.LoadOrStore(p, newAsset(f, "no-cache"))
	return a.(*asset)
}

// acceptLanguages are the language tags of an Accept-Language header, in
// the order given (browsers list them by preference), without those
// refused (q=0).
func acceptLanguages(header string) []string {
	var out []string
	for part := range strings.SplitSeq(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok && strings.Trim(q, "0.") == "" {
			continue
		}
		if tag = strings.TrimSpace(tag); tag != "" && tag != "*" {
			out = append(out, tag)
		}
	}
	return out
}

// servePage serves the quiz's prerendered page in the language the
// request asks for (at its path), or, at a page's own path
// (widget.PagePath), in its language; any other path under the quiz's is
// 404. Nothing in a page comes from the request but the choice of
// language among the quiz's own.
func (qs *quizSite) servePage(w http.ResponseWriter, r *http.Request) {
	ps := qs.pageSet()
	if r.URL.Path == qs.Path {
		ps.page(r, "").ServeHTTP(w, r)
		return
	}
	if ps.quiz != nil {
		for _, l := range ps.quiz.Locales {
			if r.URL.Path == qs.Path+strings.TrimPrefix(widget.PagePath(ps.quiz, l), "/") {
				ps.page(r, l).ServeHTTP(w, r)
				return
			}
		}
	}
	http.NotFound(w, r)
}

// pageSet is the quiz's pages: with -dev, for the quiz as saved now.
func (qs *quizSite) pageSet() *pageSet {
	ps := qs.pages.Load()
	if qs.dev != nil {
		ps = qs.dev.pages(ps)
		qs.pages.Store(ps)
	}
	return ps
}

// serveShare serves the quiz's share pages and their images, made at
// start; with -dev, once the quiz file was saved with changes, its pages
// for the quiz as saved (with no image: those show the texts of then).
func (qs *quizSite) serveShare(files http.Handler) http.Handler {
	if qs.dev == nil {
		return files
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps := qs.pageSet()
		if ps.quiz == qs.Quiz || !strings.HasSuffix(r.URL.Path, ".html") {
			files.ServeHTTP(w, r)
			return
		}
		a := ps.share("/" + strings.TrimPrefix(r.URL.Path, qs.Path))
		if a == nil {
			http.NotFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
}

// serveIndex serves a folder's list of quizzes at "/" in the language the
// request asks for (?lang=, else Accept-Language, else the quizzes' first),
// and at each language's own path (/index.html, /index.<lang>.html).
// With -dev it is rendered for the quizzes as saved now.
func (s *site) serveIndex(w http.ResponseWriter, r *http.Request) {
	locale := ""
	if r.URL.Path == "/" {
		locale = pickLocale(s.IndexLocales, r)
	} else {
		for _, l := range s.IndexLocales {
			if r.URL.Path == s.IndexPath(l) {
				locale = l
			}
		}
	}
	if locale == "" {
		http.NotFound(w, r)
		return
	}
	if s.quizzes[0].dev != nil {
		newPageAsset(s.RenderIndex(locale, s.current)).ServeHTTP(w, r)
		return
	}
	s.index[locale].ServeHTTP(w, r)
}

// current is, with -dev, a quiz of the site as saved now (nil while its
// file has problems).
func (s *site) current(wq *webapp.QuizSite) *quiz.Quiz {
	for _, qs := range s.quizzes {
		if qs.QuizSite == wq {
			return qs.dev.current()
		}
	}
	return nil
}

// pickLocale is the language among locales a request asks for: ?lang=,
// else the first of Accept-Language's, else the first.
func pickLocale(locales []string, r *http.Request) string {
	want := append([]string{r.URL.Query().Get("lang")}, acceptLanguages(r.Header.Get("Accept-Language"))...)
	for _, w := range want {
		for _, l := range locales {
			if w != "" && (strings.EqualFold(w, l) || strings.EqualFold(strings.SplitN(w, "-", 2)[0], l)) {
				return l
			}
		}
	}
	return locales[0]
}

// handleHealthz answers "ok" while the server runs.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, "ok")
	})
}
