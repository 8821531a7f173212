// Command quizdemo serves a demo recruiting page that embeds two quizzes
// from another origin, the way a site owner would, and logs the events the
// quizzes send to their host page.
//
// Usage:
//
//	quizdemo [-addr localhost:8001] [-quiz http://localhost:8000]
//
// Start the quiz server first on the repository's folder of quizzes and let
// this origin frame it:
//
//	quizserver -quiz quizzes -frame-ancestors "'self' https: http://localhost:8001" &
//	quizdemo
//
// (make demo does both.) The page is plain HTML and script, as on any site:
// the PMO quiz (data-quiz="pmo-career") in Japanese with the light theme,
// the QA quiz (data-quiz="qa-engineer") in English with the dark theme, one
// copy of embed.js for both, and a log of quiz:ready, quiz:start,
// quiz:progress, quiz:complete and quiz:cta as they arrive, each naming its
// quiz.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"
)

//go:embed page
var pageFS embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "quizdemo:", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("quizdemo", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "localhost:8001", "`address` to serve the demo page on")
	quizURL := flags.String("quiz", "http://localhost:8000", "`URL` of the quiz server")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	u, err := url.Parse(*quizURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageError{fmt.Errorf("-quiz %q: want the quiz server's http(s) URL", *quizURL)}
	}
	h, err := newHandler(u)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo page on http://%s (embedding %s)\n", ln.Addr(), u)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// newHandler serves the demo page, with the quiz server's address filled
// in, and its script.
func newHandler(quiz *url.URL) (http.Handler, error) {
	tmpl, err := template.ParseFS(pageFS, "page/index.html")
	if err != nil {
		return nil, err
	}
	embedJS := quiz.JoinPath("embed.js").String()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := tmpl.Execute(w, map[string]string{"Quiz": quiz.String(), "EmbedJS": embedJS}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	static, err := fs.Sub(pageFS, "page")
	if err != nil {
		return nil, err
	}
	mux.Handle("GET /demo.js", http.FileServerFS(static))
	return mux, nil
}
