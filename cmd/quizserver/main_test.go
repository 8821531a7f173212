package main

import (
	"bytes"
	"context"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRunBadUsage(t *testing.T) {
	web := makeWeb(t, nil)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // in stderr or in the returned error
	}{
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{"flag without value", []string{"-addr"}, 2, "flag needs an argument: -addr"},
		{"extra argument", []string{"serve"}, 2, `unexpected argument "serve"`},
		{"help", []string{"-h"}, 0, "usage: quizserver"},
		{"missing quiz", []string{"-quiz", "testdata/nope.toml", "-web", web, "-addr", "127.0.0.1:0"}, 1, "nope.toml"},
		{"missing app.wasm", []string{"-quiz", "testdata/quiz.toml", "-web", t.TempDir(), "-addr", "127.0.0.1:0"}, 1, "app.wasm"},
		{"bad write timeout", []string{"-write-timeout", "0s"}, 2, "-write-timeout 0s: want a positive duration"},
		{"bad address", []string{"-quiz", "testdata/quiz.toml", "-web", web, "-addr", "127.0.0.1:no"}, 1, "127.0.0.1:no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, tt.args, noEnv, &stdout, &stderr)
			if got := exitCode(err); got != tt.wantCode {
				t.Errorf("exitCode(run(%q)) = %d (err %v); want %d", tt.args, got, err, tt.wantCode)
			}
			out := stderr.String()
			if err != nil {
				out += err.Error()
			}
			if !strings.Contains(out, tt.wantStderr) {
				t.Errorf("run(%q) stderr+error = %q; want it to contain %q", tt.args, out, tt.wantStderr)
			}
			if stdout.Len() > 0 {
				t.Errorf("run(%q) stdout = %q; want nothing (it must not start)", tt.args, stdout.String())
			}
		})
	}
}

func TestRunRefusesInvalidQuiz(t *testing.T) {
	web := makeWeb(t, nil)
	tests := []struct {
		file string
		want string // regexp the error must match: file:line:col: key: message
	}{
		{"testdata/invalid-syntax.toml", `(?m)^testdata/invalid-syntax\.toml:3:\d+: `},
		{"testdata/invalid-missing.toml", `(?m)^testdata/invalid-missing\.toml:2:\d+: quiz\.id: `},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"-addr", "127.0.0.1:0", "-quiz", tt.file, "-web", web}, noEnv, &stdout, &stderr)
			if got := exitCode(err); got != 1 {
				t.Fatalf("exitCode(run(-quiz %s)) = %d (err %v); want 1", tt.file, got, err)
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("run(-quiz %s) error =\n%v\nwant a line matching %s", tt.file, err, tt.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("run(-quiz %s) stdout = %q; want nothing (it must not start)", tt.file, stdout.String())
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		port string // $PORT
		want config
	}{
		{nil, "", config{addr: "localhost:8000", quizFile: "./quiz.toml", webDir: "./web", frameAncestors: defaultFrameAncestors, writeTimeout: time.Minute}},
		{[]string{"-addr", ":9000", "-quiz", "q.toml", "-web", "/srv/web"}, "", config{addr: ":9000", quizFile: "q.toml", webDir: "/srv/web", frameAncestors: defaultFrameAncestors, writeTimeout: time.Minute}},
		{nil, "8080", config{addr: ":8080", quizFile: "./quiz.toml", webDir: "./web", frameAncestors: defaultFrameAncestors, writeTimeout: time.Minute}},
		{[]string{"-addr", "127.0.0.1:0"}, "8080", config{addr: "127.0.0.1:0", quizFile: "./quiz.toml", webDir: "./web", frameAncestors: defaultFrameAncestors, writeTimeout: time.Minute}},
		{[]string{"-access-log", "-write-timeout", "5s"}, "", config{addr: "localhost:8000", quizFile: "./quiz.toml", webDir: "./web", frameAncestors: defaultFrameAncestors, accessLog: true, writeTimeout: 5 * time.Second}},
		{[]string{"-frame-ancestors", " https://careers.example.com   https://*.example.jp "}, "", config{addr: "localhost:8000", quizFile: "./quiz.toml", webDir: "./web", frameAncestors: "https://careers.example.com https://*.example.jp", writeTimeout: time.Minute}},
	}
	for _, tt := range tests {
		getenv := func(k string) string {
			if k == "PORT" {
				return tt.port
			}
			return ""
		}
		got, err := parseFlags(tt.args, getenv, new(bytes.Buffer))
		if err != nil || got != tt.want {
			t.Errorf("parseFlags(%q) with PORT=%q = %+v, %v; want %+v", tt.args, tt.port, got, err, tt.want)
		}
	}
}

func TestListenURL(t *testing.T) {
	tests := []struct {
		addr   string
		actual string
		want   string
	}{
		{"localhost:8000", "127.0.0.1:8000", "http://localhost:8000"},
		{"127.0.0.1:0", "127.0.0.1:41234", "http://127.0.0.1:41234"},
		{":8000", "[::]:8000", "http://localhost:8000"},
		{"0.0.0.0:0", "0.0.0.0:5555", "http://localhost:5555"},
		{"[::1]:0", "[::1]:5555", "http://[::1]:5555"},
	}
	for _, tt := range tests {
		actual, err := net.ResolveTCPAddr("tcp", tt.actual)
		if err != nil {
			t.Fatal(err)
		}
		if got := listenURL(tt.addr, actual); got != tt.want {
			t.Errorf("listenURL(%q, %s) = %q; want %q", tt.addr, tt.actual, got, tt.want)
		}
	}
}

func TestAcceptsEncoding(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"br", "br", true},
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate", "br", false},
		{"", "gzip", false},
		{"BR;Q=0.5", "br", true},
		{"br;q=0", "br", false},
		{"br;q=0, gzip", "gzip", true},
		{"*", "br", true},
		{"*;q=0, gzip", "br", false},
		{"br;q=0, *", "br", false},
		{"x-gzip", "gzip", true},
		{"br;q=abc", "br", false},
		{"identity", "gzip", false},
	}
	for _, tt := range tests {
		if got := acceptsEncoding(tt.header, tt.coding); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v; want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

func TestETagMatch(t *testing.T) {
	tests := []struct {
		ifNoneMatch, etag string
		want              bool
	}{
		{`"a"`, `"a"`, true},
		{`W/"a"`, `"a"`, true},
		{`"b", "a"`, `"a"`, true},
		{`*`, `"a"`, true},
		{`"b"`, `"a"`, false},
		{``, `"a"`, false},
		{`a`, `"a"`, false},
	}
	for _, tt := range tests {
		if got := etagMatch(tt.ifNoneMatch, tt.etag); got != tt.want {
			t.Errorf("etagMatch(%q, %q) = %v; want %v", tt.ifNoneMatch, tt.etag, got, tt.want)
		}
	}
}

func noEnv(string) string { return "" }
