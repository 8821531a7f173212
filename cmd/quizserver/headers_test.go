package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	for _, path := range []string{"/", "/web/app.wasm", "/web/app.css", "/quiz.toml", "/embed.js", "/app.js", "/healthz", "/nope"} {
		res, _ := get(t, "GET", s.url+path)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{
			"script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'",
			"default-src 'self'", "frame-ancestors 'self' https:",
		} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
		for _, bad := range []string{"unsafe-eval'", "unsafe-inline", "*"} {
			if strings.Contains(strings.ReplaceAll(csp, "'wasm-unsafe-eval'", ""), bad) {
				t.Errorf("GET %s: Content-Security-Policy allows %s: %q", path, bad, csp)
			}
		}
		if v := h.Get("Strict-Transport-Security"); v != "" {
			t.Errorf("GET %s: Strict-Transport-Security = %q; want none (it belongs on the TLS proxy)", path, v)
		}
		if v := h.Get("X-Frame-Options"); v != "" {
			t.Errorf("GET %s: X-Frame-Options = %q; want none (it would contradict frame-ancestors)", path, v)
		}
		corp := "same-origin"
		if path == "/embed.js" {
			corp = "cross-origin" // other sites load it
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options":            "nosniff",
			"Referrer-Policy":                   "strict-origin-when-cross-origin",
			"Cross-Origin-Opener-Policy":        "same-origin",
			"Cross-Origin-Resource-Policy":      corp,
			"X-Permitted-Cross-Domain-Policies": "none",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("GET %s: %s = %q; want %q", path, k, got, want)
			}
		}
		if !strings.Contains(h.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("GET %s: Permissions-Policy = %q; want camera and the like turned off", path, h.Get("Permissions-Policy"))
		}
	}
}

func TestEmbedJS(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	res, body := get(t, "GET", s.url+"/embed.js")
	if res.StatusCode != http.StatusOK || body != fakeWeb["embed.js"] {
		t.Fatalf("GET /embed.js = %d %q; want 200 with web/embed.js", res.StatusCode, body)
	}
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=300" {
		t.Errorf("embed.js Cache-Control = %q; want a short lifetime, public, max-age=300", got)
	}
	if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
		t.Errorf("embed.js Content-Type = %q; want text/javascript", got)
	}
	res, _ = get(t, "GET", s.url+"/embed.js", "If-None-Match", res.Header.Get("ETag"))
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("embed.js with its ETag = %d; want 304", res.StatusCode)
	}
}

func TestFrameAncestorsFlag(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"https://careers.example.com", "https://careers.example.com", true},
		{" https://a.example.com  https://*.example.jp ", "https://a.example.com https://*.example.jp", true},
		{"'self' http://localhost:8001", "'self' http://localhost:8001", true},
		{"http://127.0.0.1:*", "http://127.0.0.1:*", true},
		{"'none'", "'none'", true},
		{"", "", false},
		{"careers.example.com", "", false},
		{"https://", "", false},
		{"javascript:alert(1)", "", false},
		{"https://a.example.com;script-src *", "", false},
		{"'none' https://a.example.com", "", false},
		{"https://a.example.com:99999", "", false},
	} {
		got, err := parseFrameAncestors(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseFrameAncestors(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	var stderr bytes.Buffer
	_, err := parseFlags([]string{"-frame-ancestors", "evil.example.com"}, noEnv, &stderr)
	if exitCode(err) != 2 || !strings.Contains(stderr.String(), "evil.example.com") {
		t.Errorf("a bad -frame-ancestors: exit %d, stderr %q; want 2 and a message naming the value", exitCode(err), stderr.String())
	}
}
