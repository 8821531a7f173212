package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// requestLog is what every request goes through first: a write deadline
// that moves on as the response is read, and the logs.
type requestLog struct {
	// errors gets one line for every 5xx answer, with the request.
	errors *log.Logger
	// access, when not nil, gets one line per request (-access-log).
	access *log.Logger
	// writeTimeout is how long one write may wait for the client to read.
	writeTimeout time.Duration
}

// maxPath is the longest request path served; longer ones get 414.
const maxPath = 2048

// writeChunk is how much of a body is written under one deadline: a
// client must read this much within the write timeout to keep going.
const writeChunk = 64 << 10

// wrap returns next behind the checks and logs.
func (rl requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		lw := &logWriter{ResponseWriter: w, timeout: rl.writeTimeout}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				lw.err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
				if lw.status == 0 {
					http.Error(lw, "internal server error", http.StatusInternalServerError)
				}
			}
			rl.done(lw, r, start)
		}()
		next.ServeHTTP(lw, r)
	})
}

// done logs a request that started at start and is finished.
func (rl requestLog) done(lw *logWriter, r *http.Request, start time.Time) {
	status := lw.status
	if status == 0 {
		status = http.StatusOK // the handler wrote nothing
	}
	if status >= 500 {
		msg := http.StatusText(status)
		if lw.err != nil {
			msg = lw.err.Error()
		}
		rl.errors.Printf("%d %s %s: %s", status, r.Method, strconv.Quote(r.URL.RequestURI()), msg)
	}
	if rl.access != nil {
		// The path quoted: nothing a client sends reaches a terminal raw.
		// No address, no query: nothing about the visitor is kept.
		rl.access.Printf("%s %s %s %d %d %s", start.UTC().Format("2006-01-02T15:04:05.000Z"), r.Method,
			strconv.Quote(r.URL.Path), status, lw.bytes, time.Since(start).Round(time.Microsecond))
	}
}

// withPathCheck answers the requests checkPath refuses.
func withPathCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if code := checkPath(r.URL.Path); code != 0 {
			http.Error(w, http.StatusText(code), code)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkPath answers 400 for a path no file can have (a control
// character, invalid UTF-8) and 414 for one too long; 0 for the others,
// which the routes answer, 404 when there is nothing there.
func checkPath(p string) int {
	if len(p) > maxPath {
		return http.StatusRequestURITooLong
	}
	if !utf8.ValidString(p) || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return http.StatusBadRequest
	}
	return 0
}

// serverError answers 500 and has the log say why.
func serverError(w http.ResponseWriter, r *http.Request, err error) {
	if lw, ok := w.(*logWriter); ok {
		lw.err = err
	}
	http.Error(w, "internal server error", http.StatusInternalServerError)
}

// logWriter records a response's status and size, writes its body in
// chunks each under a fresh write deadline, and keeps error responses out
// of caches.
type logWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController // made for the first long body
	timeout time.Duration
	status  int
	bytes   int64
	err     error // why a 5xx was sent
}

func (lw *logWriter) WriteHeader(code int) {
	if lw.status == 0 && code >= 200 {
		lw.status = code
		if code >= 400 {
			h := lw.Header()
			h.Set("Cache-Control", "no-store")
			h.Del("ETag")
			h.Del("Vary")
			h.Del("Accept-Ranges")
		}
	}
	lw.ResponseWriter.WriteHeader(code)
}

func (lw *logWriter) Write(p []byte) (int, error) {
	if lw.status == 0 {
		lw.WriteHeader(http.StatusOK)
	}
	n := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), writeChunk)]
		if len(p) > writeChunk || n > 0 {
			if lw.rc == nil {
				lw.rc = http.NewResponseController(lw.ResponseWriter)
			}
			lw.rc.SetWriteDeadline(time.Now().Add(lw.timeout))
		}
		m, err := lw.ResponseWriter.Write(chunk)
		n += m
		lw.bytes += int64(m)
		if err != nil {
			return n, err
		}
		p = p[len(chunk):]
	}
	return n, nil
}

// Unwrap gives http.ResponseController the connection's writer.
func (lw *logWriter) Unwrap() http.ResponseWriter { return lw.ResponseWriter }

// writeDeadlineAtEachRequest gives each request's response timeout to be
// written from the moment the request is read (http.Server.ConnState
// hook): responses the server writes on its own (a malformed request's
// 400) are bounded too, and a keep-alive connection never carries an
// earlier request's deadline into the next.
func writeDeadlineAtEachRequest(timeout time.Duration) func(net.Conn, http.ConnState) {
	return func(c net.Conn, state http.ConnState) {
		if state == http.StateActive {
			c.SetWriteDeadline(time.Now().Add(timeout))
		}
	}
}
