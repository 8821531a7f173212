//go:build unix

package main

import (
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigWasm is an app.wasm larger than every socket buffer between the
// server and a client that reads slowly, so the server waits on its
// writes: 16 MB.
var bigWasm = "\x00asm\x01\x00\x00\x00" + strings.Repeat("0123456789abcdef", 1<<20)

// slowClient reads through a small receive buffer (16 KB, no autotuning),
// so that what it has not read holds the server's writes back.
func slowClient() *http.Client {
	d := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		c.Control(func(fd uintptr) {
			err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 16<<10)
		})
		return err
	}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

// download starts GET app.wasm uncompressed.
func download(t *testing.T, url string) *http.Response {
	t.Helper()
	res, err := slowClient().Get(url + "/web/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if res.StatusCode != 200 || res.ContentLength != int64(len(bigWasm)) {
		t.Fatalf("GET app.wasm = %d, %d bytes; want 200, %d", res.StatusCode, res.ContentLength, len(bigWasm))
	}
	return res
}

// readSlowly reads body in pieces of n bytes with a pause after each.
func readSlowly(body io.Reader, n int, pause time.Duration) (int, error) {
	buf := make([]byte, n)
	total := 0
	for {
		m, err := io.ReadFull(body, buf)
		total += m
		if err == io.EOF || err == io.ErrUnexpectedEOF && m > 0 {
			return total, nil
		}
		if err != nil {
			return total, err
		}
		time.Sleep(pause) // the reader's pace, not a wait for the server
	}
}

// TestShutdownDrains: a download in flight when the server is told to stop
// completes, then the server exits cleanly and refuses new connections.
func TestShutdownDrains(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, map[string]string{"app.wasm": bigWasm}))
	res := download(t, s.url)
	buf := make([]byte, 64<<10)
	if _, err := io.ReadFull(res.Body, buf); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- s.stop() }()
	pollUntil(t, "the server stops accepting connections", func() bool {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(s.url, "http://"), time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, func() string { return "it still accepts" })
	select {
	case err := <-stopped:
		t.Fatalf("run returned (%v) with a download in flight; want it to wait", err)
	default:
	}
	n, err := readSlowly(res.Body, 256<<10, 5*time.Millisecond)
	if n+len(buf) != len(bigWasm) || err != nil {
		t.Errorf("the download in flight at shutdown got %d bytes (%v); want all %d", n+len(buf), err, len(bigWasm))
	}
	if err := <-stopped; err != nil {
		t.Errorf("run after draining = %v; want nil", err)
	}
}

// TestWriteTimeout: a download goes on as long as the client reads, over
// many times the write timeout; a client that stops reading is cut once a
// write has waited the timeout, and shutting down does not wait for it.
func TestWriteTimeout(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, map[string]string{"app.wasm": bigWasm}), "-write-timeout", "1s", "-access-log")

	start := time.Now()
	res := download(t, s.url)
	n, err := readSlowly(res.Body, 32<<10, 8*time.Millisecond) // ≈ 4 MB/s: over 3 s
	if n != len(bigWasm) || err != nil {
		t.Errorf("a live reader over %v got %d bytes (%v); want all %d", time.Since(start).Round(time.Millisecond), n, err, len(bigWasm))
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Logf("the slow reader took only %v: the test read faster than planned", took)
	}

	res = download(t, s.url)
	if _, err := io.ReadFull(res.Body, make([]byte, 64<<10)); err != nil {
		t.Fatal(err)
	}
	// The reader stops. The server's write times out and the access log
	// records the response cut short.
	cut := regexp.MustCompile(`(?m)^\S+ GET "/web/app\.wasm" 200 (\d+) `)
	pollUntil(t, "the server gives up on the stalled download", func() bool {
		m := cut.FindAllStringSubmatch(s.stdout.String(), -1)
		return len(m) == 2 && m[1][1] != strconv.Itoa(len(bigWasm))
	}, func() string { return "access log:\n" + s.stdout.String() })
	if _, err := io.ReadAll(res.Body); err == nil {
		t.Errorf("the stalled download read to its end; want it cut")
	}
	if err := s.stop(); err != nil { // within startServer's limit
		t.Errorf("stopping the server after the cut = %v; want nil", err)
	}
}
