package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkHandler is the server's work for one request, the network
// aside: go test ./cmd/quizserver -run '^$' -bench Handler -benchmem
func BenchmarkHandler(b *testing.B) {
	s, err := loadSite(config{quizFile: "testdata/quiz.toml", webDir: makeWeb(b, nil), frameAncestors: defaultFrameAncestors}, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	h := newServer(s, requestLog{writeTimeout: time.Minute})
	for _, path := range []string{"/", "/web/app.wasm"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
			b.ReportAllocs()
			for b.Loop() {
				w := &discardWriter{h: http.Header{}}
				h.ServeHTTP(w, req)
				if w.code != 200 {
					b.Fatalf("GET %s = %d", path, w.code)
				}
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing but the status.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(200)
	return len(p), nil
}
