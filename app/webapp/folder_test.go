package webapp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// quizFolder writes a folder of quiz files: name → the file to copy, or
// its content when it starts with "[" or "#".
func quizFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		body := []byte(src)
		if !strings.HasPrefix(src, "[") && !strings.HasPrefix(src, "#") {
			var err error
			if body, err = os.ReadFile(src); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	baseQuiz = "../quiz/testdata/valid/base.toml"    // id "base", ja and en
	tinyQuiz = "../quiz/testdata/valid/minimal.toml" // id "tiny", en only
)

// The page's attribute name="…", or "".
func attr(page []byte, name string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\s`+regexp.QuoteMeta(name)+`="([^"]*)"`).FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// TestLoadFolder: each quiz of a folder at its id's path, with its own
// pages, quiz file, manifest and worker; one app.wasm, app.js and app.css
// for all of them at the base; the list of quizzes at the base.
func TestLoadFolder(t *testing.T) {
	web := writeWeb(t, webFiles(), nil)
	dir := quizFolder(t, map[string]string{"1-pmo.toml": baseQuiz, "2-tea.toml": tinyQuiz, "notes.txt": "# not a quiz", ".hidden.toml": "# skipped"})
	for _, base := range []string{"/", "/careers/"} {
		s, err := Load(Options{QuizFile: dir, WebDir: web, Base: base, Build: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Folder || len(s.Quizzes) != 2 || s.Quizzes[0].Path != "/base/" || s.Quizzes[1].Path != "/tiny/" {
			var paths []string
			for _, q := range s.Quizzes {
				paths = append(paths, q.Path)
			}
			t.Fatalf("base %s: folder %v, quizzes at %q; want /base/ and /tiny/ in the files' order", base, s.Folder, paths)
		}
		for _, p := range []string{"/base/quiz.toml", "/base/manifest.webmanifest", "/base/app-worker.js", "/tiny/quiz.toml", "/tiny/manifest.webmanifest", "/tiny/app-worker.js"} {
			if s.Files[p] == nil {
				t.Errorf("base %s: no file %s", base, p)
			}
		}
		for _, p := range []string{"/quiz.toml", "/manifest.webmanifest", "/app-worker.js"} {
			if s.Files[p] != nil {
				t.Errorf("base %s: a folder's site has %s at its root; each quiz has its own", base, p)
			}
		}
		if got := string(s.Files["/tiny/quiz.toml"].Data); !strings.Contains(got, `id = "tiny"`) {
			t.Errorf("base %s: /tiny/quiz.toml is not tiny's file", base)
		}

		// The build's files, once, at the base: both quizzes' pages name
		// the same; each names its own worker, manifest, version and path.
		shared := map[string][]string{}
		for _, q := range s.Quizzes {
			for locale, page := range q.Pages {
				at := base + strings.TrimPrefix(q.Path, "/")
				for _, name := range []string{"src", "href"} {
					for _, u := range attr(page.Data, name) {
						switch {
						case strings.HasSuffix(u, ".webmanifest"):
							if u != at+"manifest.webmanifest" {
								t.Errorf("base %s: %s's %s page names the manifest %s; want its own", base, q.Path, locale, u)
							}
						case hashed.MatchString(u):
							shared[u] = append(shared[u], q.Path)
							if !strings.HasPrefix(u, base+"app.") && !strings.HasPrefix(u, base+"wasm_exec.") && !strings.HasPrefix(u, base+"web/") {
								t.Errorf("base %s: %s's page names %s; want the shared files at the base", base, q.Path, u)
							}
						}
					}
				}
				if w, r, v := attr(page.Data, "data-worker"), attr(page.Data, "data-root"), attr(page.Data, "data-version"); !slices.Equal(w, []string{at + "app-worker.js"}) || !slices.Equal(r, []string{at}) || !slices.Equal(v, []string{q.Version}) {
					t.Errorf("base %s: %s's %s page gives app.js worker %q, root %q, version %q; want %sapp-worker.js, %s, %s", base, q.Path, locale, w, r, v, at, at, q.Version)
				}
			}
		}
		if len(shared) != 3 { // app.js, wasm_exec.js, app.css (app.js names app.wasm)
			t.Errorf("base %s: the pages name %d content-hashed files; want app.js, wasm_exec.js and app.css: %v", base, len(shared), shared)
		}
		wasm := s.URL("/web/app.wasm")
		for u, by := range shared {
			if n := len(by); n != 3 { // base's two pages and tiny's one
				t.Errorf("base %s: %s is named by %d pages (%v); want every page", base, u, n, by)
			}
		}
		// Each worker: its own pages and files in its scope, the shared
		// ones at the base.
		for _, q := range s.Quizzes {
			at := base + strings.TrimPrefix(q.Path, "/")
			w := string(s.Files[q.Path+"app-worker.js"].Data)
			for _, want := range []string{`"` + at + `index.html"`, `"` + at + `quiz.toml"`, `"` + at + `manifest.webmanifest"`, `"` + wasm + `"`, `"` + base + `web/icon-192.png"`, q.Version} {
				if !strings.Contains(w, want) {
					t.Errorf("base %s: %sapp-worker.js lacks %s", base, at, want)
				}
			}
			for _, other := range s.Quizzes {
				if other != q && strings.Contains(w, base+strings.TrimPrefix(other.Path, "/")) {
					t.Errorf("base %s: %sapp-worker.js names the other quiz's files", base, at)
				}
			}
			var m struct {
				ID, Scope string
				Start     string `json:"start_url"`
				Icons     []struct{ Src string }
			}
			if err := json.Unmarshal(s.Files[q.Path+"manifest.webmanifest"].Data, &m); err != nil {
				t.Fatal(err)
			}
			if m.ID != at || m.Scope != at || m.Start != at || len(m.Icons) == 0 || !strings.HasPrefix(m.Icons[0].Src, base+"web/") {
				t.Errorf("base %s: %s's manifest has id %q, scope %q, start_url %q, icons %v; want %s and the shared icons", base, q.Path, m.ID, m.Scope, m.Start, m.Icons, at)
			}
		}
		if s.Quizzes[0].Version == s.Quizzes[1].Version {
			t.Errorf("base %s: both quizzes have version %s; each has its own", base, s.Quizzes[0].Version)
		}

		// The list: in every language of the quizzes, each quiz's title
		// in it (or in the quiz's own), linking to its page.
		if !slices.Equal(s.IndexLocales, []string{"ja", "en"}) || s.IndexPath("ja") != "/index.html" || s.IndexPath("en") != "/index.en.html" {
			t.Errorf("base %s: the list's languages %q; want ja, en at /index.html, /index.en.html", base, s.IndexLocales)
		}
		for locale, want := range map[string][]string{
			"ja": {`<html lang="ja"`, `href="` + base + `base/?lang=ja">テスト</a>`, `<h2 lang="en"><a href="` + base + `tiny/">Tea or coffee?</a>`, `href="` + base + `index.en.html"`, `aria-current="page">日本語</a>`},
			"en": {`<html lang="en"`, `href="` + base + `base/?lang=en">Test</a>`, `href="` + base + `tiny/">Tea or coffee?</a>`, `aria-current="page">English</a>`},
		} {
			page := string(s.Index[locale].Data)
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Errorf("base %s: the %s list lacks %s:\n%s", base, locale, w, page)
				}
			}
			if strings.Contains(page, "<script") || strings.Contains(page, "style=") {
				t.Errorf("base %s: the %s list has a script or an inline style; the CSP forbids them", base, locale)
			}
			if s.Index[locale].Br == nil {
				t.Errorf("base %s: the %s list is not compressed", base, locale)
			}
		}
	}
}

// TestLoadFolderVersions: editing one quiz of a folder changes its version
// only: the other quiz's visitors get no update.
func TestLoadFolderVersions(t *testing.T) {
	web := writeWeb(t, webFiles(), nil)
	dir := quizFolder(t, map[string]string{"a.toml": baseQuiz, "b.toml": tinyQuiz})
	load := func() (string, string) {
		s, err := Load(Options{QuizFile: dir, WebDir: web, Base: "/", Build: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return s.Quizzes[0].Version, s.Quizzes[1].Version
	}
	a1, b1 := load()
	f, err := os.OpenFile(filepath.Join(dir, "b.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n# edited\n")
	f.Close()
	a2, b2 := load()
	if a1 != a2 || b1 == b2 {
		t.Errorf("after editing b.toml: a's version %s → %s, b's %s → %s; want a's the same, b's new", a1, a2, b1, b2)
	}
}

// TestLoadFolderProblems: a folder is refused, with every problem at its
// file and line, when a quiz has problems, two have one id, an id is one
// of the site's own paths, or it holds no quiz. With Dev a quiz with
// problems is served (its page shows them), the others as usual.
func TestLoadFolderProblems(t *testing.T) {
	web := writeWeb(t, webFiles(), nil)
	idAt := lineOf(t, mustRead(t, baseQuiz), `id = "base"`)
	broken := "[quiz]\nid = \"broken\"\nlocales = [\"en\"]\ntitle = \"Broken\"\nintro = \"x\"\n\n[[questions]]\nid = \"q\"\nkind = \"singel\"\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"one id twice", map[string]string{"a.toml": baseQuiz, "b.toml": baseQuiz},
			[]string{`/b.toml:` + idAt + `: quiz.id: the id "base" is used by `, `/a.toml:` + idAt + ` already`, "(the id is its address, /base/)"}},
		{"the site's own path", map[string]string{"a.toml": strings.Replace(mustRead(t, tinyQuiz), `id = "tiny"`, `id = "web"`, 1)},
			[]string{`/a.toml:`, `quiz.id: the id "web" is the site's own address /web/`}},
		{"a broken quiz", map[string]string{"a.toml": baseQuiz, "b.toml": broken},
			[]string{`/b.toml:9:1: questions[0].kind: unknown kind "singel"`}},
		{"no quiz", map[string]string{"notes.md": "# notes"},
			[]string{"no quiz file (*.toml) in this folder"}},
	} {
		dir := quizFolder(t, tt.files)
		_, err := Load(Options{QuizFile: dir, WebDir: web, Base: "/"})
		if err == nil {
			t.Errorf("%s: Load accepts the folder", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Load's error lacks %q:\n%v", tt.name, w, err)
			}
		}
	}

	// Dev: the broken quiz at the id it names, with its problems; the
	// other as usual; one id twice is refused still.
	dir := quizFolder(t, map[string]string{"a.toml": baseQuiz, "b.toml": broken, "My Quiz!.toml": "[quiz\n"})
	s, err := Load(Options{QuizFile: dir, WebDir: web, Base: "/", Dev: true})
	if err != nil {
		t.Fatalf("Dev: %v", err)
	}
	byPath := map[string]*QuizSite{}
	for _, q := range s.Quizzes {
		byPath[q.Path] = q
	}
	if q := byPath["/base/"]; q == nil || q.QuizErr != nil || len(q.Pages) != 2 {
		t.Errorf("Dev: the valid quiz is not served as usual: %+v", q)
	}
	if q := byPath["/broken/"]; q == nil || q.QuizErr == nil || !strings.Contains(q.QuizErr.Error(), "b.toml:9:1") {
		t.Errorf("Dev: the broken quiz is not at /broken/ with its problems: %+v", q)
	}
	if q := byPath["/my-quiz/"]; q == nil || q.QuizErr == nil {
		t.Errorf("Dev: a file whose id cannot be read is not at its name's path /my-quiz/: %v", byPath)
	}
	if page := string(s.Index["en"].Data); !strings.Contains(page, `href="/broken/"`) || !strings.Contains(page, "has problems") {
		t.Errorf("Dev: the list does not show the broken quiz as such:\n%s", page)
	}
	dir = quizFolder(t, map[string]string{"a.toml": baseQuiz, "b.toml": baseQuiz})
	if _, err := Load(Options{QuizFile: dir, WebDir: web, Base: "/", Dev: true}); err == nil {
		t.Errorf("Dev: Load accepts two quizzes with one id")
	}
}

// lineOf is "line:1" of the line of src that starts with prefix.
func lineOf(t *testing.T, src, prefix string) string {
	t.Helper()
	for i, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, prefix) {
			return strconv.Itoa(i+1) + ":1"
		}
	}
	t.Fatalf("no line starts with %s", prefix)
	return ""
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEmbedJS: the site writes its quizzes into embed.js, as data
// (titles from the quiz files cannot end the script), and a file
// without the marker is left as it is.
func TestEmbedJS(t *testing.T) {
	files := webFiles()
	files["embed.js"] = "var site = " + embedMarker + ";\n"
	web := writeWeb(t, files, nil)
	hostile := strings.Replace(mustRead(t, tinyQuiz), `title = "Tea or coffee?"`, `title = "</script><b>\u2028"`, 1)
	dir := quizFolder(t, map[string]string{"a.toml": baseQuiz, "b.toml": hostile})
	s, err := Load(Options{QuizFile: dir, WebDir: web, Base: "/careers/"})
	if err != nil {
		t.Fatal(err)
	}
	js := string(s.Files["/embed.js"].Data)
	if s.Files["/web/embed.js"] != s.Files["/embed.js"] {
		t.Errorf("/web/embed.js and /embed.js differ")
	}
	raw, ok := strings.CutPrefix(js, "var site = ")
	raw, ok2 := strings.CutSuffix(raw, ";\n")
	if !ok || !ok2 || strings.ContainsAny(raw, "<>\u2028") {
		t.Fatalf("embed.js = %q; want the marker replaced by escaped JSON", js)
	}
	var got embedQuizzes
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	if got.Default != "base" || got.Quizzes["base"].Path != "base/" || got.Quizzes["base"].Title["ja"] != "テスト" ||
		got.Quizzes["tiny"].Title["en"] != "</script><b>\u2028" || !slices.Equal(got.Quizzes["base"].Locales, []string{"ja", "en"}) {
		t.Errorf("embed.js's quizzes = %+v", got)
	}

	// One quiz: at the base.
	s, err = Load(Options{QuizFile: baseQuiz, WebDir: web, Base: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if js := string(s.Files["/embed.js"].Data); !strings.Contains(js, `{"default":"base","quizzes":{"base":{"path":"","locales":["ja","en"],"title":{"en":"Test","ja":"テスト"}}}}`) {
		t.Errorf("embed.js for one quiz = %s", js)
	}
	// No marker: as it is.
	s, err = Load(Options{QuizFile: baseQuiz, WebDir: writeWeb(t, webFiles(), nil), Base: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if js := string(s.Files["/embed.js"].Data); js != "// loader" {
		t.Errorf("embed.js without the marker = %q; want it as it is", js)
	}
}
