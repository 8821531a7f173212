package main

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
	"pmoquiz/app/widget"
)

// TestPublicURLFlag: -public-url takes the site's address, and a bad one
// stops the server before it starts, with a message that says why (in
// Japanese under a Japanese locale) and exit status 2.
func TestPublicURLFlag(t *testing.T) {
	for _, tt := range []struct {
		value, want string // want: the parsed URL, or "" for a refusal
		problem, ja string // words of the message in English and Japanese
	}{
		{"https://example.com/careers/", "https://example.com/careers/", "", ""},
		{"https://Example.com", "https://example.com/", "", ""},
		{"http://localhost:8000/quiz", "http://localhost:8000/quiz/", "", ""},
		{"ftp://example.com/", "", "http:// or https://", "http:// か https://"},
		{"example.com", "", "http:// or https://", "http:// か https://"},
		{"https://", "", "no host", "ホスト名"},
		{"https://example.com/?utm=x", "", "query", "クエリ"},
		{"https://example.com/#top", "", "fragment", "フラグメント"},
		{"https://a:b@example.com/", "", "user name", "ユーザー名"},
		{"https://example.com/a b/", "", "path", "パス"},
	} {
		for _, lang := range []string{"", "ja_JP.UTF-8"} {
			getenv := func(k string) string {
				if k == "LANG" {
					return lang
				}
				return ""
			}
			var stderr bytes.Buffer
			c, err := parseFlags([]string{"-public-url", tt.value}, getenv, &stderr)
			switch {
			case tt.want != "" && (err != nil || c.publicURL != tt.want):
				t.Errorf("-public-url %q: %q, %v; want %q", tt.value, c.publicURL, err, tt.want)
			case tt.want == "":
				word := tt.problem
				if lang != "" {
					word = tt.ja
				}
				var usage usageError
				if !errors.As(err, &usage) || exitCode(err) != 2 || !strings.Contains(err.Error(), word) || !strings.Contains(stderr.String(), word) ||
					!strings.Contains(err.Error(), "-public-url") || strings.Count(stderr.String(), "\n") != 1 {
					t.Errorf("-public-url %q (LANG=%q): error %v, stderr %q; want a usage error (status 2), one line naming the flag and %q", tt.value, lang, err, stderr.String(), word)
				}
			}
		}
	}
	// Through run: nothing starts.
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-public-url", "https://example.com/?x", "-quiz", "testdata/quiz.toml", "-web", makeWeb(t, nil), "-addr", "127.0.0.1:0"}, noEnv, &stdout, &stderr)
	if exitCode(err) != 2 || stdout.Len() > 0 {
		t.Errorf("run with a bad -public-url: status %d, stdout %q; want 2 and nothing served", exitCode(err), stdout.String())
	}
}

var ogURLTag = regexp.MustCompile(`<meta property="og:(?:url|image)" content="([^"]*)">`)

// TestSharePagesServed: the server serves each result's share page and
// image under the quiz's path, revalidated, the image loadable by other
// sites (link previews); og:url and og:image are absolute with
// -public-url, from it alone, whatever Host or X-Forwarded-* a request
// names, and absent without it.
func TestSharePagesServed(t *testing.T) {
	src, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse("quiz.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	web := makeWeb(t, nil)
	s := startServer(t, "testdata/quiz.toml", web, "-public-url", "https://quiz.example.com/careers/")
	plain := startServer(t, "testdata/quiz.toml", web)
	fonts := !strings.Contains(s.stderr.String(), "no share images")

	const marker = "zz-foreign-zz"
	foreign := []string{"Host", marker + ".example", "X-Forwarded-Host", marker + ".example", "X-Forwarded-Proto", "gopher", "Forwarded", "host=" + marker + ".example"}
	pages := 0
	for _, l := range q.Locales {
		for _, o := range q.Outcomes {
			for _, b := range q.Bands {
				pages++
				p := widget.SharePath(q, o.ID, b.ID, l)
				res, body := get(t, "GET", s.url+p)
				if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("ETag") == "" {
					t.Errorf("GET %s: %d, %q, %q, ETag %q; want 200, an HTML page, revalidated", p, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
					continue
				}
				if !strings.Contains(body, `<html lang="`+l+`">`) || !strings.Contains(body, o.Title.Get(l, "ja")) || !strings.Contains(body, b.Title.Get(l, "ja")) {
					t.Errorf("GET %s: not the page of %s/%s in %s", p, o.ID, b.ID, l)
				}
				urls := ogURLTag.FindAllStringSubmatch(body, -1)
				wantURLs := 1
				if fonts {
					wantURLs = 2
				}
				if len(urls) != wantURLs || urls[0][1] != "https://quiz.example.com/careers"+p {
					t.Errorf("GET %s: og:url, og:image %q; want https://quiz.example.com/careers%s (and its image)", p, urls, p)
				}
				if fonts {
					img := strings.TrimPrefix(urls[1][1], "https://quiz.example.com/careers")
					res, body := get(t, "GET", s.url+img)
					if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(body, "\x89PNG") ||
						res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" || res.Header.Get("ETag") == "" {
						t.Errorf("GET %s: %d, %q, CORP %q, ETag %q; want a PNG other sites may show, with an ETag", img, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cross-Origin-Resource-Policy"), res.Header.Get("ETag"))
					}
				}
				// A request naming another host gets the same bytes.
				if _, other := get(t, "GET", s.url+p, foreign...); other != body || strings.Contains(other, marker) {
					t.Errorf("GET %s with a foreign Host and X-Forwarded-*: the page differs or names the request", p)
				}
				// Without -public-url: no og:url, no og:image.
				if _, body := get(t, "GET", plain.url+p); len(ogURLTag.FindAllString(body, -1)) > 0 || !strings.Contains(body, "og:title") {
					t.Errorf("GET %s without -public-url: %q; want no og:url or og:image, an og:title", p, ogURLTag.FindAllString(body, -1))
				}
			}
		}
	}
	if pages != 8 {
		t.Errorf("%d share pages; want 8", pages)
	}
	// The quiz's page: absolute with -public-url, whatever the request
	// names; absent without.
	for _, target := range []string{"/", "/?lang=en", "/index.en.html"} {
		_, body := get(t, "GET", s.url+target, foreign...)
		urls := ogURLTag.FindAllStringSubmatch(body, -1)
		if len(urls) == 0 || strings.Contains(body, marker) {
			t.Errorf("GET %s: og:url, og:image %q; want them, from -public-url only", target, urls)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u[1], "https://quiz.example.com/careers/") {
				t.Errorf("GET %s: %q is not under the public URL", target, u[1])
			}
		}
		if _, body := get(t, "GET", plain.url+target, foreign...); len(ogURLTag.FindAllString(body, -1)) > 0 || strings.Contains(body, `content="https://"`) || strings.Contains(body, marker) {
			t.Errorf("GET %s without -public-url: %q; want no og:url or og:image", target, ogURLTag.FindAllString(body, -1))
		}
	}
	for _, p := range []string{"/share/", "/share/nope.html", "/share/explore.html"} {
		if res, _ := get(t, "GET", s.url+p); res.StatusCode != 404 && res.StatusCode != 400 {
			t.Errorf("GET %s: %d; want 404", p, res.StatusCode)
		}
	}
}

// TestSharePagesFolder: in a folder's layout each quiz's share pages and
// images are under its path, with og:url under -public-url and the path;
// another quiz's path has none of them.
func TestSharePagesFolder(t *testing.T) {
	s := startServer(t, quizFolder(t, nil), makeWeb(t, nil), "-public-url", "https://quiz.example.com/")
	for _, tt := range []struct{ path, ogURL string }{
		{"/test-quiz/share/pm.strong.en.html", "https://quiz.example.com/test-quiz/share/pm.strong.en.html"},
		{"/test-quiz/share/pmo.explore.html", "https://quiz.example.com/test-quiz/share/pmo.explore.html"},
		{"/tea/share/tea.html", "https://quiz.example.com/tea/share/tea.html"},
		{"/tea/share/coffee.html", "https://quiz.example.com/tea/share/coffee.html"},
	} {
		res, body := get(t, "GET", s.url+tt.path)
		urls := ogURLTag.FindAllStringSubmatch(body, -1)
		if res.StatusCode != 200 || len(urls) == 0 || urls[0][1] != tt.ogURL {
			t.Errorf("GET %s: %d, og:url %q; want 200, %s", tt.path, res.StatusCode, urls, tt.ogURL)
			continue
		}
		if len(urls) > 1 {
			if res, _ := get(t, "GET", s.url+strings.TrimPrefix(urls[1][1], "https://quiz.example.com")); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
				t.Errorf("GET %s: %d, %q; want its image", urls[1][1], res.StatusCode, res.Header.Get("Content-Type"))
			}
		}
	}
	for _, p := range []string{"/share/tea.html", "/tea/share/pm.strong.html", "/test-quiz/share/tea.html"} {
		if res, _ := get(t, "GET", s.url+p); res.StatusCode != 404 {
			t.Errorf("GET %s: %d; want 404", p, res.StatusCode)
		}
	}
}
