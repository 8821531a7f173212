package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pmoquiz/app/quiz"
)

// The server that every test of the package talks to, started by TestMain.
var (
	// baseURL is the server's origin, e.g. http://127.0.0.1:41234.
	baseURL string
	// theQuiz is ../quiz.toml as the engine reads it: the source of truth
	// for what the screen must show.
	theQuiz *quiz.Quiz
	// quizSource is the raw text of ../quiz.toml, to derive broken copies.
	quizSource []byte
	// serverBin, quizFile and webDir are what TestMain started the server
	// with, for tests that start a server of their own (startServer).
	serverBin, quizFile, webDir string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

// runMain starts the server, runs the tests and stops the server, so that
// deferred clean-ups run before os.Exit.
func runMain(m *testing.M) int {
	quizPath, err := filepath.Abs(filepath.Join("..", "quiz.toml"))
	if err != nil {
		return setupFailed(err)
	}
	quizSource, err = os.ReadFile(quizPath)
	if err != nil {
		return setupFailed(err)
	}
	theQuiz, err = quiz.Parse("quiz.toml", quizSource)
	if err != nil {
		return setupFailed(fmt.Errorf("the repository's quiz.toml has problems:\n%v", err))
	}

	bin := os.Getenv("QUIZ_BIN")
	if bin == "" {
		dir, err := os.MkdirTemp("", "quiz-e2e-bin")
		if err != nil {
			return setupFailed(err)
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "quizserver")
		build := exec.Command("go", "build", "-o", bin, "./cmd/quizserver")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			return setupFailed(fmt.Errorf("QUIZ_BIN is not set and building ./cmd/quizserver failed: %v\n%s", err, out))
		}
	}
	web := os.Getenv("QUIZ_WEB")
	if web == "" {
		web = filepath.Join("..", "web")
	}
	if web, err = filepath.Abs(web); err != nil {
		return setupFailed(err)
	}
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		return setupFailed(fmt.Errorf("%v (run make build first, or set QUIZ_WEB)", err))
	}

	serverBin, quizFile, webDir = bin, quizPath, web
	srv, err := startServer(bin, quizPath, web)
	if err != nil {
		return setupFailed(err)
	}
	baseURL = srv.url
	code := m.Run()
	if err := srv.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: stopping the server:", err)
	}
	if code != 0 && srv.stderr.Len() > 0 {
		fmt.Fprintf(os.Stderr, "e2e: the server's stderr:\n%s\n", srv.stderr.String())
	}
	return code
}

func setupFailed(err error) int {
	fmt.Fprintln(os.Stderr, "e2e: setup:", err)
	return 1
}

// server is the quizserver subprocess.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	stdout *lockedBuffer // after the listening line (-access-log)
	done   chan error
}

// startServer runs bin on 127.0.0.1 with a free port (and any extra flags),
// reads the one line it prints ("listening on http://HOST:PORT") and waits
// for /healthz.
func startServer(bin, quizPath, web string, extra ...string) (*server, error) {
	s := &server{stderr: &lockedBuffer{}, stdout: &lockedBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-quiz", quizPath, "-web", web}, extra...)...)
	s.cmd.Stderr = s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	go func() { s.done <- s.cmd.Wait() }()

	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		io.Copy(s.stdout, r) // keep the pipe drained
	}()
	var line string
	select {
	case line = <-lines:
	case err := <-s.done:
		return nil, fmt.Errorf("%s exited before listening (%v); stderr:\n%s", bin, err, s.stderr.String())
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		return nil, fmt.Errorf("%s printed no listening line within 20s; stderr:\n%s", bin, s.stderr.String())
	}
	const prefix = "listening on "
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, prefix+"http://") {
		s.cmd.Process.Kill()
		return nil, fmt.Errorf("%s printed %q, want %q; stderr:\n%s", bin, line, prefix+"http://HOST:PORT", s.stderr.String())
	}
	s.url = strings.TrimPrefix(line, prefix)

	var lastErr error
	healthy := func(context.Context) (bool, error) {
		resp, err := http.Get(s.url + "/healthz")
		if err != nil {
			lastErr = err
			return false, nil
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK && strings.TrimSpace(string(body)) == "ok" {
			return true, nil
		}
		lastErr = fmt.Errorf("status %d, body %q", resp.StatusCode, body)
		return false, nil
	}
	if err := pollUntil(context.Background(), waitTimeout, healthy); err != nil {
		s.cmd.Process.Kill()
		return nil, fmt.Errorf("%s/healthz not ok after %v: %v", s.url, waitTimeout, lastErr)
	}
	return s, nil
}

// stop asks the server to shut down (SIGINT), then kills it after 10s.
func (s *server) stop() error {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-s.done:
		return err
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("no clean shutdown within 10s after SIGINT; killed")
	}
}

// lockedBuffer is a bytes.Buffer safe for concurrent writes and reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// withTimeout is a context for one wait: 20s, the budget for anything the
// widget does (wasm loads in 1–3s here).
func withTimeout(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, waitTimeout)
}

const waitTimeout = 20 * time.Second
