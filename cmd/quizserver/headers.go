package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// defaultFrameAncestors lets any https site embed the quiz, as an embed
// must; -frame-ancestors narrows it to the sites listed.
const defaultFrameAncestors = "'self' https:"

// contentSecurityPolicy is what the widget needs and no more: its own
// scripts plus WebAssembly compilation, its own styles (no inline style
// attributes), its own fetches, worker and manifest.
func contentSecurityPolicy(frameAncestors string) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"frame-src 'none'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors " + frameAncestors,
	}, "; ")
}

// parseFrameAncestors checks the -frame-ancestors flag: a space-separated
// list of CSP sources such as https://careers.example.com, https://*.example.jp,
// 'self', https: or 'none'. It returns the list as the header will say it.
func parseFrameAncestors(v string) (string, error) {
	fields := strings.Fields(v)
	if len(fields) == 0 {
		return "", fmt.Errorf("-frame-ancestors: empty; give sites such as https://careers.example.com, or 'none'")
	}
	for _, f := range fields {
		if !validSource(f) {
			return "", fmt.Errorf("-frame-ancestors: %q is not a site (want e.g. https://careers.example.com, https://*.example.jp, http://localhost:8080, 'self', https: or 'none')", f)
		}
	}
	if len(fields) > 1 && strings.Contains(v, "'none'") {
		return "", fmt.Errorf("-frame-ancestors: 'none' cannot be combined with other sources")
	}
	return strings.Join(fields, " "), nil
}

// validSource accepts the CSP host-source forms a site owner would write.
func validSource(s string) bool {
	switch s {
	case "'self'", "'none'", "https:", "http:":
		return true
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme != "https" && scheme != "http" || rest == "" {
		return false
	}
	host, port, hasPort := strings.Cut(strings.TrimSuffix(rest, "/"), ":")
	if hasPort && port != "*" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return false
		}
	}
	host = strings.TrimPrefix(host, "*.")
	if host == "" {
		return false
	}
	for _, c := range host {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// withSecurityHeaders adds the headers every response carries. There is no
// X-Frame-Options: it cannot list several sites and would contradict
// frame-ancestors, which is what browsers follow.
func withSecurityHeaders(h http.Handler, frameAncestors string) http.Handler {
	csp := contentSecurityPolicy(frameAncestors)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		h.ServeHTTP(w, r)
	})
}

// embedMaxAge is how long browsers and CDNs may keep embed.js: its URL is
// pasted into other sites and never changes, so a fix must reach them soon.
const embedMaxAge = 300

// handleEmbedJS serves the loader site owners paste into their pages. It is
// read once at start, like the rest of the site.
func handleEmbedJS(webDir string) (http.Handler, error) {
	body, err := os.ReadFile(filepath.Join(webDir, "embed.js"))
	if err != nil {
		return nil, err
	}
	f := newStaticFile(body, "text/javascript; charset=utf-8")
	cache := fmt.Sprintf("public, max-age=%d", embedMaxAge)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", f.contentType)
		w.Header().Set("Cache-Control", cache)
		serveBytes(w, r, f.body, f.etag)
	}), nil
}
