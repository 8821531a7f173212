// Command quizserver serves the career quiz: the prerendered page, the
// WebAssembly client and the quiz file it loads.
//
// Usage:
//
//	quizserver [-addr host:port] [-quiz file] [-web dir] [-frame-ancestors sites]
//	           [-public-url url] [-access-log] [-write-timeout duration] [-dev]
//
// The flags are:
//
//	-addr  address to listen on (default localhost:8000; with port 0 the
//	       system picks a free port). If -addr is not given and $PORT is
//	       set, it listens on :$PORT.
//	-quiz  the quiz file (default ./quiz.toml), served at /, or a folder
//	       of quiz files: each *.toml file in it is served at /<its [quiz]
//	       id>/ (its page, quiz file, manifest and service worker), and /
//	       lists them in the visitor's language. The quizzes share the
//	       build's files and the web directory, at the root: a visitor
//	       downloads app.wasm once for all of them
//	-frame-ancestors
//	       the sites allowed to show the quiz in a frame, space-separated
//	       CSP sources (default "'self' https:": any https site), e.g.
//	       "https://careers.example.com https://*.example.jp"
//	-web   the directory served at /web/: app.wasm (with app.wasm.br and
//	       app.wasm.gz made at build time), app.css and the icons
//	       (default ./web)
//	-public-url
//	       the address visitors reach the server's / at, e.g.
//	       https://example.com/careers/ (http or https, with a host, no
//	       query or fragment). Link previews (LINE, Slack, X, Facebook)
//	       need absolute URLs: og:url and og:image are made from it, never
//	       from a request's Host or X-Forwarded-* headers, and are left out
//	       without it. A bad URL is refused at start (in Japanese when the
//	       locale is: LC_ALL, LC_MESSAGES or LANG starting with ja)
//	-access-log
//	       print one line per request to standard output: the time it came
//	       in, the method, the path (quoted), the status, the bytes of body
//	       sent and how long it took. No address and no query: nothing
//	       about the visitor. Off by default. Every 5xx answer is printed
//	       to standard error with its request, whatever this flag says.
//	-write-timeout
//	       how long a response may wait for the client to read (default
//	       60s): a download goes on as long as the client keeps reading,
//	       and is cut when it stops for this long
//	-dev   live preview while editing the quiz: the server watches the quiz
//	       file (each file of a folder) and the next page load shows the
//	       file as saved, or its problems (also printed to standard error);
//	       an invalid file does not stop the server, and a folder's other
//	       quizzes are served as usual. Not for production: see dev.go.
//
// At start it reads and checks the quiz (every quiz of a folder, and the
// folder as a whole: two files with one id, or an id that is one of the
// site's own paths, web, studio or healthz); if there are problems it
// prints them, one per line as file:line:col: key: message, and exits with
// status 1 without serving anything. With a folder it prints where each
// quiz is served to standard error. The quiz, app.wasm and the rest of the web
// directory are read once and served from memory: edit them, then restart
// the server. The page is prerendered once per language of the quiz, and
// every text file is compressed at start (brotli and gzip; app.wasm's
// copies are made by the build), each encoding with an ETag of its own.
// The app version (the name of the browser's offline cache) is a hash of
// the web directory, the quiz and the server build, so an edited quiz
// reaches visitors while an unchanged one stays cached.
//
// The server never makes a request of its own: nothing it serves depends on
// a request's headers (Host, X-Forwarded-*), only the page's language on
// its ?lang=.
//
// Each result (career path, fit band, language) has a share page, which
// "Share my result" links to, at /share/<outcome>.<band>[.<lang>].html
// under the quiz's path, and its image for link previews beside it, drawn
// at start in Noto Sans CJK (Debian's fonts-noto-cjk): without the fonts
// the server prints one warning and the pages go without an image.
//
// Once listening it prints one line, "listening on http://HOST:PORT", to
// standard output (followed by the access log, with -access-log). SIGINT
// or SIGTERM shut it down cleanly: it stops accepting connections and
// waits for the responses in flight (a download included) to finish; a
// second signal stops it at once.
//
// Exit status: 0 after a clean shutdown, 1 on error, 2 on bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"pmoquiz/app/webapp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second SIGINT or SIGTERM ends the process at once
	}()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(exitCode(err))
}

// usageError is a bad command line; the usage has already been printed.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps run's error to the process exit status.
func exitCode(err error) int {
	var usage usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		return 2
	default:
		return 1
	}
}

// config is the parsed command line.
type config struct {
	addr     string // listen address
	quizFile string // path of the quiz file
	webDir   string // directory served at /web/
	// frameAncestors lists the sites allowed to embed the quiz (CSP).
	frameAncestors string
	// publicURL is the site's public address (webapp.ParsePublicURL), or "".
	publicURL    string
	accessLog    bool          // -access-log: one line per request on stdout
	writeTimeout time.Duration // how long one write may wait for the client
	dev          bool          // -dev: watch the quiz file (dev.go)
}

// parseFlags parses the command line; getenv supplies $PORT.
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("quizserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "localhost:8000", "`address` to listen on (port 0: any free port)")
	fs.StringVar(&c.quizFile, "quiz", "./quiz.toml", "quiz `file`")
	fs.StringVar(&c.webDir, "web", "./web", "`directory` with app.wasm(.br,.gz), app.css and icons, served at /web/")
	fs.StringVar(&c.frameAncestors, "frame-ancestors", defaultFrameAncestors, "`sites` allowed to embed the quiz in a frame, space-separated (CSP frame-ancestors)")
	fs.StringVar(&c.publicURL, "public-url", "", "the `URL` visitors reach / at, e.g. https://example.com/careers/: link previews' absolute URLs (default: none, left out)")
	fs.BoolVar(&c.accessLog, "access-log", false, "print one line per request to standard output")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 60*time.Second, "cut a response when the client has read nothing for this `long`")
	fs.BoolVar(&c.dev, "dev", false, "live preview: watch the quiz file, serve it as saved, report its problems")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: quizserver [-addr host:port] [-quiz file] [-web dir] [-frame-ancestors sites] [-public-url url] [-access-log] [-write-timeout duration] [-dev]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, usageError{err}
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return c, usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	fa, err := parseFrameAncestors(c.frameAncestors)
	if err != nil {
		fmt.Fprintln(fs.Output(), err)
		return c, usageError{err}
	}
	c.frameAncestors = fa
	if c.publicURL, err = webapp.ParsePublicURL(c.publicURL); err != nil {
		var pe *webapp.PublicURLError
		if errors.As(err, &pe) {
			err = errors.New(pe.Message(messageLang(getenv)))
		}
		fmt.Fprintln(fs.Output(), err)
		return c, usageError{err}
	}
	if c.writeTimeout <= 0 {
		err := fmt.Errorf("-write-timeout %v: want a positive duration, e.g. 60s", c.writeTimeout)
		fmt.Fprintln(fs.Output(), err)
		return c, usageError{err}
	}
	addrSet := false
	fs.Visit(func(f *flag.Flag) { addrSet = addrSet || f.Name == "addr" })
	if port := getenv("PORT"); port != "" && !addrSet {
		c.addr = ":" + port
	}
	return c, nil
}

// messageLang is the language of a message about the command line: "ja"
// when the locale is Japanese (LC_ALL, else LC_MESSAGES, else LANG, as
// POSIX orders them), else "en".
func messageLang(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := getenv(v); l != "" {
			if strings.HasPrefix(l, "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}
