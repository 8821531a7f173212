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
	if !strings.Contains(worker, "function locale(url)") || strings.Contains(worker, "notificationclick") {
		t.Errorf("app-worker.js is go-app's default, not the quiz's:\n%s", worker)
	}
	// What it precaches: the page in each language, the files the page
	// needs, by the names the page gives them.
	var list []string
	for _, m := range regexp.MustCompile(`(?m)^const (?:resourcesToCache|immutable) = (\[.*\]);$`).FindAllStringSubmatch(worker, -1) {
		var l []string
		if json.Unmarshal([]byte(m[1]), &l) != nil {
			t.Fatalf("app-worker.js: a precache list is not JSON:\n%s", m[0])
		}
		list = append(list, l...)
	}
	var pages map[string]string
	if m := regexp.MustCompile(`(?m)^const pages = (\{.*\});`).FindStringSubmatch(worker); m == nil || json.Unmarshal([]byte(m[1]), &pages) != nil {
		t.Fatalf("app-worker.js has no pages:\n%s", worker)
	}
	if pages["ja"] != "/index.html" || pages["en"] != "/index.en.html" {
		t.Errorf("the worker's pages are %v; want ja /index.html, en /index.en.html", pages)
	}
	_, page := get(t, "GET", s.url+"/")
	for _, want := range []string{"/quiz.toml", "/manifest.webmanifest", "/web/icon.svg"} {
		if !slices.Contains(list, want) {
			t.Errorf("the worker does not precache %s (offline it would be missing): %v", want, list)
		}
	}
	for _, named := range regexp.MustCompile(`(?:src|href)="(/(?:app|wasm_exec|web/app)\.[0-9a-f]{16}\.(?:js|css|wasm))"`).FindAllStringSubmatch(page, -1) {
		if !slices.Contains(list, named[1]) {
			t.Errorf("the page names %s, which the worker does not precache: %v", named[1], list)
		}
	}
	for _, u := range append(list, pages["ja"], pages["en"]) {
		if res, _ := get(t, "GET", s.url+u); res.StatusCode != 200 {
			t.Errorf("the worker precaches %s, which answers %d: the offline install would fail", u, res.StatusCode)
		}
	}
}
