package quizset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A valid quiz, id "tiny" at line 3.
var tiny = read(&testing.T{}, "../quiz/testdata/valid/minimal.toml")

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"b.toml": "", "a.toml": "", ".a.toml": "", "notes.md": "", "sub/c.toml": "", "sub.toml/x": ""})
	if err := os.Symlink(filepath.Join(dir, "a.toml"), filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "dangling.toml")); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if err != nil || !slices.Equal(names, []string{"a.toml", "b.toml", "link.toml"}) {
		t.Errorf("Files = %q, %v; want a.toml, b.toml, link.toml (sorted; no dot file, other file, folder or dangling link)", names, err)
	}
	empty := t.TempDir()
	if _, err := Files(empty); !IsNoQuiz(err) || !strings.Contains(err.Error(), "no quiz file") {
		t.Errorf("Files of an empty folder = %v; want a NoQuizError", err)
	}
	if e := (&NoQuizError{Dir: "q"}).Localized("ja"); !strings.Contains(e, "診断の設定ファイル") {
		t.Errorf("in Japanese: %q", e)
	}
	if !IsDir(dir) || IsDir(filepath.Join(dir, "a.toml")) || IsDir(filepath.Join(dir, "none")) {
		t.Errorf("IsDir is wrong")
	}
}

// A file with problems still gets an address: the id it names when its
// TOML reads, else its name made an id.
func TestReadFileID(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"ok.toml":                         tiny,
		"named.toml":                      "[quiz]\nid = \"named-one\"\n",
		"bad id.toml":                     "[quiz]\nid = \"Bad Id\"\n",
		"Not TOML!.toml":                  "[quiz\n",
		"2024 Spring.toml":                "[",
		"-- .toml":                        "[",
		"日本語.toml":                        "[",
		strings.Repeat("x", 70) + ".toml": "[",
	})
	for name, want := range map[string]string{
		"ok.toml": "tiny", "named.toml": "named-one", "bad id.toml": "bad-id", "Not TOML!.toml": "not-toml",
		"2024 Spring.toml": "quiz-2024-spring", "-- .toml": "quiz", "日本語.toml": "quiz",
		strings.Repeat("x", 70) + ".toml": strings.Repeat("x", 64),
	} {
		e := ReadFile(filepath.Join(dir, name), quiz.Options{})
		if e.ID != want || !ValidID(e.ID) {
			t.Errorf("%s: id %q; want %q", name, e.ID, want)
		}
		if (e.Err == nil) != (name == "ok.toml") || (e.Quiz != nil) != (name == "ok.toml") {
			t.Errorf("%s: quiz %v, err %v", name, e.Quiz != nil, e.Err)
		}
	}
	if e := ReadFile(filepath.Join(dir, "ok.toml"), quiz.Options{}); e.IDPos != (quiz.Pos{Line: 3, Col: 1}) {
		t.Errorf("the id of minimal.toml is at %v; want 3:1", e.IDPos)
	}
	if e := ReadFile(filepath.Join(dir, "none.toml"), quiz.Options{}); e.Err == nil || e.Src != nil {
		t.Errorf("a missing file: %v, %q", e.Err, e.Src)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.toml": tiny, "b.toml": tiny, "c.toml": strings.Replace(tiny, `id = "tiny"`, `id = "web"`, 1),
		"d.toml": "[quiz]\nid = \"tiny\"\n", // broken, but its id is taken too
		"e.toml": strings.Replace(tiny, `id = "tiny"`, `id = "other"`, 1),
	})
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	entries := Read(files, quiz.Options{})
	ps := Check(entries)
	a, b, c, d := filepath.ToSlash(files[0]), filepath.ToSlash(files[1]), filepath.ToSlash(files[2]), filepath.ToSlash(files[3])
	want := []string{
		b + `:3:1: quiz.id: the id "tiny" is used by ` + a + `:3:1 already: give each quiz of the folder an id of its own (the id is its address, /tiny/)`,
		c + `:3:1: quiz.id: the id "web" is the site's own address /web/: choose another id`,
		d + `:2:1: quiz.id: the id "tiny" is used by ` + a + `:3:1 already: give each quiz of the folder an id of its own (the id is its address, /tiny/)`,
	}
	if got := ps.In("en"); !slices.Equal(got, want) {
		t.Errorf("Check:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ja := ps.In("ja"); !strings.Contains(ja[0], `ID "tiny" は `+a+`:3:1 でも使われています`) || !strings.Contains(ja[1], "サイト自身が使うアドレス /web/") {
		t.Errorf("in Japanese:\n%s", strings.Join(ja, "\n"))
	}
	if err := Err(entries); err == nil || !strings.Contains(err.Error(), d+":1:1: quiz.title: missing") || !strings.Contains(err.Error(), want[0]) {
		t.Errorf("Err = %v; want d.toml's own problems and the folder's", err)
	}
	if err := Err(entries[4:]); err != nil {
		t.Errorf("Err of a valid folder = %v", err)
	}
}
