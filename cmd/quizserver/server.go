package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
	"pmoquiz/app/webapp"
	"pmoquiz/app/widget"
)

// run is the whole program: it parses args, loads the site and serves it
// until ctx is cancelled, then shuts down cleanly and returns nil.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, getenv, stderr)
	if err != nil {
		return err
	}
	s, err := loadSite(cfg, stderr)
	if err != nil {
		return err
	}
	if s.dev != nil {
		go s.dev.watch(ctx)
	}
	srv := &http.Server{
		Handler:           newServer(s),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute, // app.wasm uncompressed on a slow link
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(stderr, "quizserver: http: ", 0),
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
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
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

// site is everything the server serves, read once at start so that the
// version, the ETags and the bytes served always agree.
type site struct {
	quiz     *quiz.Quiz
	quizFile http.Handler   // the quiz source, served at widget.QuizPath
	dev      *devQuiz       // -dev: the watched quiz file (dev.go); nil otherwise
	wasm     *precompressed // web/app.wasm and its compressed copies
	webDir   string         // served at /web/
	version  string         // the go-app Version
	embedJS  http.Handler   // the loader other sites paste, at /embed.js
	// frameAncestors lists the sites allowed to embed the quiz.
	frameAncestors string
}

// loadSite reads and checks the quiz and the web directory. Problems that
// only hurt some visitors (a missing icon or compressed copy) are printed to
// warn; a bad quiz or a missing app.wasm is an error.
func loadSite(cfg config, warn io.Writer) (*site, error) {
	src, err := quiz.ReadFile(cfg.quizFile)
	if err != nil {
		return nil, err
	}
	q, err := quiz.Parse(filepath.Clean(cfg.quizFile), src)
	if cfg.dev {
		q, err = devStartQuiz(cfg.quizFile, q, err, warn), nil
	}
	if err != nil {
		return nil, err
	}
	if q == nil {
		return nil, fmt.Errorf("%s: no quiz", cfg.quizFile)
	}
	wasm, err := loadWasm(cfg.webDir, warn)
	if err != nil {
		return nil, err
	}
	for _, name := range webapp.WebFiles {
		if _, err := os.Stat(filepath.Join(cfg.webDir, name)); err != nil {
			fmt.Fprintf(warn, "warning: %v: the page will miss it and browsers will not install it for offline use\n", err)
		}
	}
	version, err := webapp.Version(serverBuild(), cfg.webDir, wasm.raw, src)
	if err != nil {
		return nil, err
	}
	embedJS, err := handleEmbedJS(cfg.webDir)
	if err != nil {
		return nil, err
	}
	s := &site{
		embedJS:        embedJS,
		frameAncestors: cfg.frameAncestors,
		quiz:           q,
		quizFile:       newStaticFile(src, "application/toml; charset=utf-8"),
		wasm:           wasm,
		webDir:         cfg.webDir,
		version:        version,
	}
	if cfg.dev {
		s.dev = newDevQuiz(cfg.quizFile, src, warn)
		s.quizFile = s.dev
	}
	return s, nil
}

// newServer returns the server's handler: go-app's page handler behind our
// own routes for the wasm, the quiz and health checks.
func newServer(s *site) http.Handler {
	widget.Routes()
	widget.SetServerQuiz(s.serverQuiz)
	mux := http.NewServeMux()
	addRoutes(mux, s, newAppHandler(s))
	return withSecurityHeaders(mux, s.frameAncestors)
}

// newAppHandler configures go-app's handler for the quiz: the configuration
// the static export shares (app/webapp: every URL on this site, the service
// worker, the storage guard), with the web directory served at /web/.
func newAppHandler(s *site) *app.Handler {
	h := webapp.Handler(s.webappConfig())
	if s.dev != nil {
		s.dev.configure(h)
	}
	return h
}

// webResources serves the -web directory at /web/ and resolves /web/ paths
// to URLs on this server. app.LocalDir(dir) cannot do both for any dir: it
// uses dir as the file directory and as the URL prefix.
type webResources struct {
	http.Handler
}

func newWebResources(dir string) webResources {
	files := http.FileServerFS(servedFS{os.DirFS(dir)})
	return webResources{http.StripPrefix("/web", files)}
}

// Resolve maps "/web/x" (or "web/x") to "/web/x" and leaves other paths and
// remote URLs unchanged.
func (webResources) Resolve(location string) string {
	return app.LocalDir("").Resolve(location)
}

// servedFS hides directories (no listings) and dot files.
type servedFS struct{ fsys fs.FS }

func (s servedFS) Open(name string) (fs.File, error) {
	for _, elem := range strings.Split(name, "/") {
		if strings.HasPrefix(elem, ".") && elem != "." {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || fi.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f, nil
}

// buildID names this build of the server in the app version. Set it with
// -ldflags "-X main.buildID=…"; when empty, a hash of the running executable
// is used, so a new server build (new go-app, new page template) reaches
// visitors too.
var buildID string

// serverBuild returns buildID or the executable's hash.
var serverBuild = sync.OnceValue(func() string {
	if buildID != "" {
		return buildID
	}
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

// precompressed is app.wasm as made at build time: raw, and when present
// and not older than app.wasm, its brotli (.br) and gzip (.gz) copies.
type precompressed struct {
	raw      []byte
	variants []variant // preferred first; the last is identity
}

// variant is one encoding of app.wasm.
type variant struct {
	encoding string // Content-Encoding: "br", "gzip", or "" for identity
	body     []byte
	etag     string // strong: content hash and encoding
}

// loadWasm reads dir/app.wasm and its compressed copies. A copy that is
// missing or older than app.wasm (left from an earlier build) is skipped
// with a warning: visitors then get a bigger download, never a stale one.
func loadWasm(dir string, warn io.Writer) (*precompressed, error) {
	name := filepath.Join(dir, "app.wasm")
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%w (build it with: make build)", err)
	}
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:8])
	p := &precompressed{raw: raw}
	for _, c := range []struct{ encoding, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		cname := name + c.ext
		ci, err := os.Stat(cname)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(warn, "warning: %s is missing: app.wasm goes out without %s (build it with: make build)\n", cname, c.encoding)
			continue
		case err != nil:
			return nil, err
		case ci.ModTime().Before(info.ModTime()):
			fmt.Fprintf(warn, "warning: %s is older than app.wasm, not served (rebuild it with: make build)\n", cname)
			continue
		}
		body, err := os.ReadFile(cname)
		if err != nil {
			return nil, err
		}
		p.variants = append(p.variants, variant{c.encoding, body, `"` + hash + "-" + c.encoding + `"`})
	}
	p.variants = append(p.variants, variant{"", raw, `"` + hash + `"`})
	return p, nil
}

// ServeHTTP serves the best encoding the request accepts.
func (p *precompressed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v := p.variants[len(p.variants)-1]
	accept := r.Header.Get("Accept-Encoding")
	for _, c := range p.variants {
		if c.encoding != "" && acceptsEncoding(accept, c.encoding) {
			v = c
			break
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	h.Set("ETag", v.etag)
	if v.encoding != "" {
		h.Set("Content-Encoding", v.encoding)
	}
	serveBytes(w, r, v.body, v.etag)
}

// acceptsEncoding reports whether an Accept-Encoding header value allows
// coding: named with a q-value above 0, or not named and allowed by "*".
func acceptsEncoding(header, coding string) bool {
	q, star := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		weight := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, val, ok := strings.Cut(param, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				weight = 0 // a malformed q-value refuses the coding
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil && f > 0 && f <= 1 {
					weight = f
				}
			}
		}
		switch {
		case name == coding, coding == "gzip" && name == "x-gzip":
			q = max(q, weight)
		case name == "*":
			star = weight
		}
	}
	if q < 0 {
		q = star
	}
	return q > 0
}

// staticFile is a file held in memory, served with a content-hash ETag.
type staticFile struct {
	body        []byte
	contentType string
	etag        string
}

func newStaticFile(body []byte, contentType string) *staticFile {
	sum := sha256.Sum256(body)
	return &staticFile{body, contentType, `"` + hex.EncodeToString(sum[:8]) + `"`}
}

func (f *staticFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	serveBytes(w, r, f.body, f.etag)
}

// serveBytes answers a GET or HEAD with body, or with 304 Not Modified when
// the request's If-None-Match names etag. The caller sets the other headers.
// Ranges are not supported (http.ServeContent would, but it omits
// Content-Length when Content-Encoding is set).
func serveBytes(w http.ResponseWriter, r *http.Request, body []byte, etag string) {
	w.Header().Set("ETag", etag)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		h := w.Header()
		for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Length"} {
			h.Del(k)
		}
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header value names etag, by
// the weak comparison RFC 9110 prescribes for it ("*" matches any).
func etagMatch(ifNoneMatch, etag string) bool {
	for tag := range strings.SplitSeq(ifNoneMatch, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// handleHealthz answers "ok" while the server runs.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, "ok")
	})
}

// handleWebFile serves dir/name, or 404 when there is none. go-app would
// fetch these files over HTTP from the request's Host header and cache
// whatever answered, for every later visitor.
func handleWebFile(dir, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, servedFS{os.DirFS(dir)}, name)
	})
}
