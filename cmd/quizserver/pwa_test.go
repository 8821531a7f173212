package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The server serves the quiz's own manifest and service worker (app/webapp),
// not go-app's.
func TestPWAFiles(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))

	res, body := get(t, "GET", s.url+"/manifest.webmanifest")
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "application/manifest+json" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /manifest.webmanifest = %d, %s, Cache-Control %q; want 200, application/manifest+json, no-cache", res.StatusCode, ct, res.Header.Get("Cache-Control"))
	}
	var mf struct {
		ID       string `json:"id"`
		Scope    string `json:"scope"`
		StartURL string `json:"start_url"`
	}
	if err := json.Unmarshal([]byte(body), &mf); err != nil || mf.ID != "/" || mf.Scope != "/" || mf.StartURL != "/" {
		t.Errorf("manifest id %q, scope %q, start_url %q (%v); want / for each", mf.ID, mf.Scope, mf.StartURL, err)
	}

	_, worker := get(t, "GET", s.url+"/app-worker.js")
	if !strings.Contains(worker, "ignoreSearch: true") || strings.Contains(worker, "notificationclick") {
		t.Errorf("app-worker.js is go-app's default, not the quiz's:\n%s", worker)
	}
	m := regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`).FindStringSubmatch(worker)
	var list []string
	if m == nil || json.Unmarshal([]byte(m[1]), &list) != nil {
		t.Fatalf("app-worker.js has no precache list:\n%s", worker)
	}
	for _, want := range []string{"/", "/app.js", "/web/app.wasm", "/quiz.toml", "/manifest.webmanifest", "/web/icon.svg", "/web/storage-guard.js"} {
		if !slices.Contains(list, want) {
			t.Errorf("the worker does not precache %s (offline it would be missing): %v", want, list)
		}
	}
	for _, u := range list {
		if res, _ := get(t, "GET", s.url+u); res.StatusCode != 200 {
			t.Errorf("the worker precaches %s, which answers %d: the offline install would fail", u, res.StatusCode)
		}
	}
}
