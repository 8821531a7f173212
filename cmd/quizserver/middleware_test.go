package main

import (
	"bytes"
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAccessLog: with -access-log, one line per request on stdout, the
// path quoted so that nothing a client sends reaches a terminal raw; none
// without the flag.
func TestAccessLog(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil), "-access-log")
	get(t, "GET", s.url+"/web/app.wasm", "Accept-Encoding", "br")
	get(t, "HEAD", s.url+"/?lang=en&campaign=secret")
	get(t, "GET", s.url+"/%1b[2J%0a")
	get(t, "POST", s.url+"/quiz.toml")
	stamp := `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`
	want := []string{
		`(?m)^` + stamp + ` GET "/web/app\.wasm" 200 ` + strconv.Itoa(len(fakeWeb["app.wasm.br"])) + ` \d+(\.\d+)?(µs|ms|s)$`,
		`(?m)^` + stamp + ` HEAD "/" 200 0 \S+$`,
		`(?m)^` + stamp + ` GET "/\\x1b\[2J\\n" 400 \d+ \S+$`,
		`(?m)^` + stamp + ` POST "/quiz\.toml" 405 \d+ \S+$`,
	}
	pollUntil(t, "the access log has a line for each request", func() bool {
		for _, re := range want {
			if !regexp.MustCompile(re).MatchString(s.stdout.String()) {
				return false
			}
		}
		return true
	}, func() string { return "stdout:\n" + s.stdout.String() })
	if out := s.stdout.String(); strings.Contains(out, "\x1b") || strings.Contains(out, "secret") || strings.Contains(out, "127.0.0.1 ") {
		t.Errorf("the access log has a raw escape, the query or the client's address:\n%q", out)
	}

	quiet := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	get(t, "GET", quiet.url+"/")
	if out := quiet.stdout.String(); strings.Count(out, "\n") != 1 {
		t.Errorf("without -access-log, stdout = %q; want the listening line only", out)
	}
}

// TestServerErrorsAreLogged: a 5xx, from a handler's error or a panic, is
// logged with its request, and is not cached.
func TestServerErrorsAreLogged(t *testing.T) {
	var errs bytes.Buffer
	rl := requestLog{errors: log.New(&errs, "", 0), writeTimeout: time.Minute}
	mux := http.NewServeMux()
	mux.HandleFunc("/fails", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		serverError(w, r, errors.New("the page cannot be rendered"))
	})
	mux.HandleFunc("/panics", func(w http.ResponseWriter, r *http.Request) { panic("a bug") })
	h := rl.wrap(mux)
	for _, tt := range []struct{ target, want string }{
		{"/fails?lang=en", `500 GET "/fails?lang=en": the page cannot be rendered`},
		{"/panics", `500 GET "/panics": panic: a bug`},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
		if rec.Code != 500 || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s = %d, Cache-Control %q; want 500, no-store", tt.target, rec.Code, rec.Header().Get("Cache-Control"))
		}
		if !strings.Contains(errs.String(), tt.want) {
			t.Errorf("after GET %s, the error log is:\n%s\nwant a line with %q", tt.target, errs.String(), tt.want)
		}
	}
}

// pollUntil waits for cond, up to a generous limit for a busy machine.
func pollUntil(t *testing.T, what string, cond func() bool, state func() string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 30s for: %s; %s", what, state())
}
