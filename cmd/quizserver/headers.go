package main

import (
	"fmt"
	"net/http"
	"slices"
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
// frame-ancestors, which is what browsers follow. Cross-Origin-Resource-
// Policy is same-origin but for embed.js, which other sites load
// (routes.go). Strict-Transport-Security belongs on the TLS proxy in front
// (README, Deploying). The values are made once and shared by every
// response.
func withSecurityHeaders(h http.Handler, frameAncestors string) http.Handler {
	headers := newHeaderSet(securityHeaders(frameAncestors)...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		headers.addTo(w.Header())
		h.ServeHTTP(w, r)
	})
}

// securityHeaders are the headers withSecurityHeaders adds: name, value, ….
func securityHeaders(frameAncestors string) []string {
	return []string{
		"Content-Security-Policy", contentSecurityPolicy(frameAncestors),
		"Referrer-Policy", "strict-origin-when-cross-origin",
		"X-Content-Type-Options", "nosniff",
		"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
		"Cross-Origin-Opener-Policy", "same-origin",
		"Cross-Origin-Resource-Policy", "same-origin",
		"X-Permitted-Cross-Domain-Policies", "none",
	}
}

// headerSet is a set of response headers made once, with canonical names
// and values every response shares (net/http never modifies them).
type headerSet []headerField

type headerField struct {
	name  string
	value []string
}

// newHeaderSet makes a set of names and values: name, value, ….
func newHeaderSet(pairs ...string) headerSet {
	var hs headerSet
	for i := 0; i+1 < len(pairs); i += 2 {
		hs = hs.with(pairs[i], pairs[i+1])
	}
	return hs
}

// with is hs with name set to value.
func (hs headerSet) with(name, value string) headerSet {
	name = http.CanonicalHeaderKey(name)
	hs = slices.DeleteFunc(slices.Clone(hs), func(f headerField) bool { return f.name == name })
	return append(hs, headerField{name, []string{value}})
}

// addTo sets the headers in h.
func (hs headerSet) addTo(h http.Header) {
	for _, f := range hs {
		h[f.name] = f.value
	}
}
