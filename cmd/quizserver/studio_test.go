package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

// studioWeb is a web directory with the studio's wasm files too.
func studioWeb(t *testing.T) string {
	return makeWeb(t, map[string]string{"studio.wasm": "\x00asm engine", "preview.wasm": "\x00asm preview"})
}

// TestStudioServed: /studio/ is the studio's page, under its own policy
// (it frames its preview; only this site frames the preview; its <base>);
// /studio redirects there; the visitor's pages keep theirs. Without the
// studio's wasm files there is no studio.
func TestStudioServed(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", studioWeb(t), "-frame-ancestors", "https://careers.example.com")
	res, body := get(t, "GET", s.url+"/studio/")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="source"`) || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /studio/ = %d %q; want the studio's page", res.StatusCode, res.Header.Get("Content-Type"))
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"frame-src 'self'", "frame-ancestors 'self'", "base-uri 'self'", "script-src 'self' 'wasm-unsafe-eval'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("the studio's policy %q lacks %q", csp, want)
		}
	}
	for _, path := range []string{"/studio/preview.html", "/studio/studio.js", "/studio/sw.js", "/studio/engine-worker.js", "/studio/template.toml"} {
		res, _ := get(t, "GET", s.url+path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Security-Policy") != csp {
			t.Errorf("GET %s = %d with policy %q; want 200 with the studio's", path, res.StatusCode, res.Header.Get("Content-Security-Policy"))
		}
	}
	res, _ = get(t, "GET", s.url+"/")
	if page := res.Header.Get("Content-Security-Policy"); !strings.Contains(page, "frame-src 'none'") || !strings.Contains(page, "frame-ancestors https://careers.example.com") {
		t.Errorf("the quiz's page has the policy %q; want its own (frame-src 'none', the -frame-ancestors sites)", page)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := noRedirect.Get(s.url + "/studio")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode/100 != 3 || r.Header.Get("Location") != "/studio/" {
		t.Errorf("GET /studio = %d to %q; want a redirect to /studio/", r.StatusCode, r.Header.Get("Location"))
	}
	// Saving is -dev's only.
	if res, _ := get(t, "GET", s.url+"/studio/save"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /studio/save without -dev = %d; want 404", res.StatusCode)
	}

	bare := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	if res, _ := get(t, "GET", bare.url+"/studio/"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /studio/ without the studio's wasm = %d; want 404", res.StatusCode)
	}
	if !strings.Contains(bare.stderr.String(), "studio.wasm is missing") {
		t.Errorf("no warning about the missing studio; stderr:\n%s", bare.stderr)
	}
}

// save posts body to -dev's save endpoint with headers (name, value, …).
func save(t *testing.T, url, body string, header ...string) (*http.Response, map[string]string) {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/studio/save", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var out map[string]string
	json.Unmarshal(b, &out)
	return res, out
}

// TestStudioSave: with -dev the studio's page saves the quiz file, after a
// backup of the previous version beside it; any other request is refused
// and leaves the file alone.
func TestStudioSave(t *testing.T) {
	web := studioWeb(t)
	src, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "quiz.toml")
	write(t, file, string(src))
	s := startServer(t, file, web, "-dev")
	origin := strings.TrimSuffix(s.url, "/")
	host := strings.TrimPrefix(origin, "http://")
	_, port, _ := strings.Cut(host, ":")
	edited := strings.Replace(string(src), "\n", "\n# edited in the studio\n", 1)

	res, info := get(t, "GET", s.url+"/studio/save")
	var i map[string]string
	json.Unmarshal([]byte(info), &i)
	if res.StatusCode != http.StatusOK || i["file"] != "quiz.toml" || i["etag"] != etagOf(src) {
		t.Fatalf("GET /studio/save = %d %q; want the file's name and ETag", res.StatusCode, info)
	}

	for _, tc := range []struct {
		name   string
		body   string
		header []string
		status int
	}{
		{"no studio header", edited, []string{"Origin", origin}, http.StatusForbidden},
		{"no origin", edited, []string{"X-Pmoquiz-Studio", "save"}, http.StatusForbidden},
		{"another origin", edited, []string{"X-Pmoquiz-Studio", "save", "Origin", "https://evil.example"}, http.StatusForbidden},
		{"a rebound host name", edited, []string{"X-Pmoquiz-Studio", "save", "Origin", "http://evil.example:" + port, "Host", "evil.example:" + port}, http.StatusForbidden},
		{"cross-site fetch", edited, []string{"X-Pmoquiz-Studio", "save", "Origin", origin, "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"too large", strings.Repeat("#", quiz.MaxSize+1), []string{"X-Pmoquiz-Studio", "save", "Origin", origin}, http.StatusRequestEntityTooLarge},
		{"changed since opened", edited, []string{"X-Pmoquiz-Studio", "save", "Origin", origin, "X-Pmoquiz-Base", `"0000000000000000"`}, http.StatusConflict},
	} {
		res, out := save(t, s.url, tc.body, tc.header...)
		if res.StatusCode != tc.status || out["error"] == "" {
			t.Errorf("%s: POST /studio/save = %d %v; want %d with an error", tc.name, res.StatusCode, out, tc.status)
		}
		if b, _ := os.ReadFile(file); string(b) != string(src) {
			t.Fatalf("%s: the file changed", tc.name)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "*.bak")); len(m) > 0 {
			t.Fatalf("%s: a backup was written: %v", tc.name, m)
		}
	}

	res, out := save(t, s.url, edited, "X-Pmoquiz-Studio", "save", "Origin", origin, "Sec-Fetch-Site", "same-origin", "X-Pmoquiz-Base", etagOf(src), "Host", host)
	if res.StatusCode != http.StatusOK || out["file"] != "quiz.toml" || out["etag"] != etagOf([]byte(edited)) {
		t.Fatalf("saving = %d %v; want 200 with the new ETag", res.StatusCode, out)
	}
	if b, _ := os.ReadFile(file); string(b) != edited {
		t.Errorf("the file holds %q…; want the studio's draft", string(b)[:40])
	}
	backup := filepath.Join(dir, out["backup"])
	if b, err := os.ReadFile(backup); err != nil || string(b) != string(src) || !strings.HasPrefix(out["backup"], "quiz.toml.") || !strings.HasSuffix(out["backup"], ".bak") {
		t.Errorf("backup %q: %v; want the previous version as quiz.toml.<time>.bak", out["backup"], err)
	}
	waitStderr(t, s, `studio saved .*quiz\.toml`, "after saving")
	// The file as saved is what the page gets; its poll gets 304 while
	// it stays so.
	res, body := get(t, "GET", s.url+"/quiz.toml")
	if body != edited || res.Header.Get("ETag") != etagOf([]byte(edited)) {
		t.Errorf("/quiz.toml after saving: %q…, ETag %q; want the draft with its ETag", body[:40], res.Header.Get("ETag"))
	}
	if res, _ := get(t, "GET", s.url+"/quiz.toml", "If-None-Match", etagOf([]byte(edited))); res.StatusCode != http.StatusNotModified {
		t.Errorf("/quiz.toml with its ETag = %d; want 304", res.StatusCode)
	}
	// Saving again keeps a second backup.
	if res, out := save(t, s.url, string(src), "X-Pmoquiz-Studio", "save", "Origin", origin); res.StatusCode != http.StatusOK || out["backup"] == filepath.Base(backup) {
		t.Errorf("saving again = %d %v; want 200 and another backup", res.StatusCode, out)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "quiz.toml.*.bak")); len(m) != 2 {
		t.Errorf("backups %v; want two", m)
	}
}

// TestStudioInAFolder: each quiz of a folder has its studio at
// /<id>/studio/, and with -dev it saves that quiz's file only.
func TestStudioInAFolder(t *testing.T) {
	dir := quizFolder(t, nil)
	s := startServer(t, dir, studioWeb(t), "-dev")
	for _, id := range []string{"test-quiz", "tea"} {
		res, body := get(t, "GET", s.url+"/"+id+"/studio/")
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `"quiz":"/`+id+`/quiz.toml"`) {
			t.Errorf("GET /%s/studio/ = %d; want the studio of its quiz file", id, res.StatusCode)
		}
	}
	// /studio/ links to each quiz's studio; nothing else is under it.
	res, body := get(t, "GET", s.url+"/studio/")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `href="/test-quiz/studio/"`) || !strings.Contains(body, `href="/tea/studio/"`) {
		t.Errorf("GET /studio/ in a folder = %d; want a link to each quiz's studio", res.StatusCode)
	}
	for _, path := range []string{"/studio/index.html", "/studio/studio.js", "/studio/save"} {
		if res, _ := get(t, "GET", s.url+path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s in a folder = %d; want 404 (each quiz has its own studio)", path, res.StatusCode)
		}
	}
	origin := strings.TrimSuffix(s.url, "/")
	tea := filepath.Join(dir, "b-tea.toml")
	old, _ := os.ReadFile(tea)
	edited := strings.Replace(string(old), "Tea or coffee?", "Tea, coffee or water?", 1)
	res, out := save(t, s.url+"/tea", edited, "X-Pmoquiz-Studio", "save", "Origin", origin)
	if res.StatusCode != http.StatusOK || out["file"] != "b-tea.toml" {
		t.Fatalf("saving the tea quiz = %d %v; want 200 for b-tea.toml", res.StatusCode, out)
	}
	if b, _ := os.ReadFile(tea); string(b) != edited {
		t.Error("b-tea.toml does not hold the draft")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a-test.toml")); !strings.Contains(string(b), "[quiz]") || strings.Contains(string(b), "water") {
		t.Error("the other quiz's file changed")
	}
	// /studio/ names each quiz as saved now.
	if _, body := get(t, "GET", s.url+"/studio/"); !strings.Contains(body, "Tea, coffee or water?") || strings.Contains(body, ">Tea or coffee?<") {
		t.Errorf("after the save, /studio/ does not name the tea quiz by its new title:\n%s", body)
	}
}

// TestStudioSavesThroughALink: a quiz of a folder that is a link to a file
// elsewhere (quizzes/ links to quiz.toml) is saved to that file, with the
// backup beside it; the link stays a link.
func TestStudioSavesThroughALink(t *testing.T) {
	dir := quizFolder(t, nil)
	elsewhere := t.TempDir()
	real := filepath.Join(elsewhere, "tea.toml")
	link := filepath.Join(dir, "b-tea.toml")
	if err := os.Rename(link, real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	old, _ := os.ReadFile(real)
	s := startServer(t, dir, studioWeb(t), "-dev")
	edited := strings.Replace(string(old), "Tea or coffee?", "Tea, coffee or water?", 1)
	res, out := save(t, s.url+"/tea", edited, "X-Pmoquiz-Studio", "save", "Origin", strings.TrimSuffix(s.url, "/"))
	if res.StatusCode != http.StatusOK || out["file"] != "b-tea.toml" {
		t.Fatalf("saving through the link = %d %v; want 200 for b-tea.toml", res.StatusCode, out)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("b-tea.toml is no longer a link (%v)", err)
	}
	if b, _ := os.ReadFile(real); string(b) != edited {
		t.Error("the linked file does not hold the draft")
	}
	if b, err := os.ReadFile(filepath.Join(elsewhere, out["backup"])); err != nil || string(b) != string(old) {
		t.Errorf("backup %q beside the linked file: %v; want the previous version", out["backup"], err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.bak")); len(m) > 0 {
		t.Errorf("backups %v in the folder; want it beside the linked file", m)
	}
}
