package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
	"pmoquiz/app/webapp"
)

// foreignHost is a listener on another host:port that answers every
// request with a script, as an attacker's would, and counts the
// connections it gets.
type foreignHost struct {
	*httptest.Server
	conns atomic.Int64
}

const foreignScript = "<script>alert('foreign')</script>"

func startForeignHost(t *testing.T) *foreignHost {
	t.Helper()
	f := &foreignHost{}
	f.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, foreignScript)
	}))
	f.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.Start()
	t.Cleanup(f.Close)
	return f
}

// viaProxy returns a client that sends every request to server in
// absolute form ("GET http://foreign/robots.txt", Host: foreign), the
// way a request for another host reaches a server.
func viaProxy(t *testing.T, server string) *http.Client {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(u), DisableCompression: true}}
}

// hostilePaths are every path on which go-app's Handler would fetch from
// the request's host (robots.txt, sitemap.xml, ads.txt, also under
// /<version>/), or derive anything else from the request: its aliases,
// the version prefix, the page.
func hostilePaths(version string) []string {
	paths := []string{"/", "/?lang=en", "/app.js", "/goapp.js", "/manifest.json", "/app.wasm", "/goapp.wasm",
		"/" + version + "/", "/" + version + "/web/app.wasm", "/" + version + "/app.js", "/web/robots.txt"}
	for _, name := range []string{"robots.txt", "sitemap.xml", "ads.txt"} {
		paths = append(paths, "/"+name, "/"+version+"/"+name, "/web/../"+name)
	}
	return paths
}

// hostileGet requests path of the foreign host through the proxy client,
// with every header a proxy may add naming the foreign host too.
func hostileGet(t *testing.T, c *http.Client, foreign, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", foreign+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(foreign, "http://")
	req.Header.Set("X-Forwarded-Host", host)
	req.Header.Set("X-Forwarded-Proto", "https")
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	req.Header.Set("Forwarded", "host="+host+";proto=http")
	req.Header.Set("If-None-Match", `"`+strings.Trim(path, "/")+`"`)
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s via the server: %v", foreign+path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// TestNoRequestOnAVisitorsBehalf: requests naming a foreign host (Host,
// absolute request line, X-Forwarded-*, Forwarded) on every path go-app
// would proxy or derive a URL from never make the server contact that
// host, and nothing they get, nor what later visitors get, comes from it.
func TestNoRequestOnAVisitorsBehalf(t *testing.T) {
	const robots = "User-agent: *\nAllow: /\n"
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, map[string]string{"robots.txt": robots}))
	v := version(t, s.url)
	_, pageBefore := get(t, "GET", s.url+"/")
	_, pageEnBefore := get(t, "GET", s.url+"/?lang=en")

	foreign := startForeignHost(t)
	c := viaProxy(t, s.url)
	for _, path := range hostilePaths(v) {
		res, body := hostileGet(t, c, foreign.URL, path)
		if strings.Contains(body, "foreign") || strings.Contains(body, strings.TrimPrefix(foreign.URL, "http://")) {
			t.Errorf("GET %s with a foreign Host = %d %q; want nothing from or about the foreign host", path, res.StatusCode, body)
		}
		if res.StatusCode >= 500 {
			t.Errorf("GET %s with a foreign Host = %d; want no server error", path, res.StatusCode)
		}
	}
	if n := foreign.conns.Load(); n != 0 {
		t.Fatalf("the server opened %d connections to the foreign host; want none", n)
	}

	// Later visitors get our files, and 404 where we have none.
	for path, want := range map[string]string{"/robots.txt": robots, "/": pageBefore, "/?lang=en": pageEnBefore} {
		if res, body := get(t, "GET", s.url+path); res.StatusCode != 200 || body != want {
			t.Errorf("after the foreign requests, GET %s = %d %q; want 200 and the same as before (%d bytes)", path, res.StatusCode, body, len(want))
		}
	}
	for _, path := range []string{"/sitemap.xml", "/ads.txt", "/" + v + "/robots.txt", "/" + v + "/sitemap.xml", "/goapp.js", "/app.wasm", "/manifest.json"} {
		if res, body := get(t, "GET", s.url+path); res.StatusCode != 404 {
			t.Errorf("after the foreign requests, GET %s = %d %q; want 404", path, res.StatusCode, body)
		}
	}

	// The same requests make go-app's Handler, with its default resources,
	// fetch from the foreign host and serve its answer: the check above
	// would see it.
	t.Run("control: go-app's Handler alone", func(t *testing.T) {
		src, err := os.ReadFile("testdata/quiz.toml")
		if err != nil {
			t.Fatal(err)
		}
		q, err := quiz.Parse("quiz.toml", src)
		if err != nil {
			t.Fatal(err)
		}
		h := webapp.Handler(webapp.Config{Quiz: q, Base: "/", Version: "v1"})
		h.Resources = app.LocalDir("") // go-app's default
		goapp := httptest.NewServer(h)
		defer goapp.Close()
		foreign := startForeignHost(t)
		res, body := hostileGet(t, viaProxy(t, goapp.URL), foreign.URL, "/v1/robots.txt")
		if foreign.conns.Load() == 0 || body != foreignScript {
			t.Errorf("go-app's Handler: GET /v1/robots.txt with a foreign Host = %d %q, %d connections to the foreign host; want its script fetched from it",
				res.StatusCode, body, foreign.conns.Load())
		}
	})
}

// TestPageIgnoresTheRequest: the page served is one of those rendered at
// start, chosen by ?lang=, else Accept-Language: the same bytes whatever
// else the request says.
func TestPageIgnoresTheRequest(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	_, ja := get(t, "GET", s.url+"/")
	_, en := get(t, "GET", s.url+"/?lang=en")
	if ja == en || !strings.Contains(ja, `<html lang="ja"`) || !strings.Contains(en, `<html lang="en"`) {
		t.Fatalf("GET / and /?lang=en: want the Japanese and the English page")
	}
	const marker = "zz-marker-zz"
	for _, tt := range []struct {
		target string
		header []string
		want   string
	}{
		{"/?lang=ja", nil, ja},
		{"/?lang=xx", nil, ja},
		{"/?lang=EN-us", nil, en},
		{"/?lang=en&campaign=" + marker + "&embed=f1&parent=https://" + marker + ".example&cta=https://" + marker + ".example&theme=dark", nil, en},
		{"/?" + marker + "=<b>", []string{"Accept-Language", "en", "Host", marker + ".example", "X-Forwarded-Host", marker + ".example"}, en},
		{"/?" + marker + "=<b>", []string{"Accept-Language", "fr, ja;q=0.8, en;q=0.5", "Host", marker + ".example"}, ja},
		{"/index.html", []string{"Accept-Language", "en"}, ja},
		{"/index.en.html?lang=ja", nil, en},
		{"/?lang=en", []string{"Referer", "https://" + marker + ".example/", "User-Agent", marker}, en},
	} {
		_, body := get(t, "GET", s.url+tt.target, tt.header...)
		if body != tt.want || strings.Contains(body, marker) {
			t.Errorf("GET %s %q: the page differs from the one rendered at start (or names the request)", tt.target, tt.header)
		}
	}
}

// TestMalformedPaths: paths no file can have get a 4xx, never a 5xx, and
// the log has no server error.
func TestMalformedPaths(t *testing.T) {
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, nil))
	long := strings.Repeat("a", 300)
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/web/%00", 400},
		{"/web/app.wasm%00", 400},
		{"/web/%ff%fe", 400},
		{"/%1b%5b2J", 400},
		{"/web/" + long, 404},
		{"/web/" + long + ".wasm", 404},
		{"/" + long, 404},
		{"/web/" + strings.Repeat(long+"/", 10), 414},
		{"/web/%2e%2e/%2e%2e/etc/passwd", 404},
		{"/web/..%2f..%2fgo.mod", 404},
		{"/web/.hidden", 404},
		{"/web/app.wasm/", 404},
	} {
		res, _ := get(t, "GET", s.url+tt.path)
		if res.StatusCode != tt.want && !(res.StatusCode == 301 && tt.want == 404) {
			t.Errorf("GET %s = %d; want %d", tt.path, res.StatusCode, tt.want)
		}
		if cc := res.Header.Get("Cache-Control"); res.StatusCode >= 400 && cc != "no-store" {
			t.Errorf("GET %s = %d with Cache-Control %q; want no-store on an error", tt.path, res.StatusCode, cc)
		}
	}
	if strings.Contains(s.stderr.String(), " 500 ") {
		t.Errorf("stderr has a server error:\n%s", s.stderr)
	}
}

// TestRanges: one byte range is served (206); several get the whole file,
// never a multipart answer bigger than it.
func TestRanges(t *testing.T) {
	css := strings.Repeat("p { margin: 0 }\n", 200)
	s := startServer(t, "testdata/quiz.toml", makeWeb(t, map[string]string{"app.css": css}))
	url := s.url + "/web/app.css"
	many := make([]string, 2000)
	for i := range many {
		many[i] = fmt.Sprintf("%d-%d", i, i)
	}
	res, full := get(t, "GET", url)
	etag := res.Header.Get("ETag")
	for _, tt := range []struct {
		rng, ifRange string
		want         int
		body         string
	}{
		{"bytes=" + strings.Join(many, ","), "", 200, css},
		{"bytes=0-0,0-0,0-0", "", 200, css},
		{"bytes=0-9", "", 206, css[:10]},
		{"bytes=10-", "", 206, css[10:]},
		{"bytes=-5", "", 206, css[len(css)-5:]},
		{"bytes=100-99999", "", 206, css[100:]},
		{"bytes=99999-", "", 416, ""},
		{"bytes=0-9", etag, 206, css[:10]},
		{"bytes=0-9", `"old"`, 200, css},
		{"items=0-9", "", 200, css},
	} {
		res, body := get(t, "GET", url, "Range", tt.rng, "If-Range", tt.ifRange)
		if res.StatusCode != tt.want || tt.want != 416 && body != tt.body {
			t.Errorf("GET app.css, Range %.40q If-Range %q = %d, %d bytes; want %d, %d bytes", tt.rng, tt.ifRange, res.StatusCode, len(body), tt.want, len(tt.body))
		}
	}
	if full != css {
		t.Errorf("GET app.css without Range = %d bytes; want the file", len(full))
	}
}
