package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// quizServer is bin/quizserver, run on a free loopback port.
type quizServer struct {
	cmd    *exec.Cmd
	url    string
	stderr *tailBuffer
	exited chan struct{}
}

// startQuizServer starts bin with the quiz and web directory, reads the one
// line it prints ("listening on http://HOST:PORT") and waits for /healthz.
func startQuizServer(ctx context.Context, bin, quizFile, web string) (*quizServer, error) {
	s := &quizServer{stderr: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "-addr", "127.0.0.1:0", "-quiz", quizFile, "-web", web)
	s.cmd.Stderr = s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %v (make build makes it)", bin, err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				line <- strings.TrimSpace(u)
			}
		}
	}()
	select {
	case u := <-line:
		s.url = strings.TrimSuffix(u, "/") + "/"
	case <-s.exited:
		return nil, fmt.Errorf("%s exited at start:\n%s", bin, s.stderr)
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, fmt.Errorf("%s printed no address within 30 s:\n%s", bin, s.stderr)
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(s.url + "healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("%s/healthz did not answer within 30 s (%v):\n%s", s.url, err, s.stderr)
		}
	}
}

// stop ends the server (SIGTERM, then kill after ten seconds).
func (s *quizServer) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}
