// Package quizset reads a folder of quizzes: every *.toml file in it is a
// quiz, served at /<its [quiz] id>/. It checks each file as the server does
// (package pmoquiz/app/quiz) and the folder as a whole: two files with one
// id, or an id that is one of the site's own paths (/web/, …), would give
// two things one address. The server (cmd/quizserver), the static export
// (tools/static) and the checker (quizcheck check quizzes/) share it, so they
// agree on which files are quizzes and on every problem.
package quizset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"pmoquiz/app/quiz"
)

// Reserved are the ids a quiz of a folder cannot have: the site's own
// paths at its root (its web directory, the studio, the health check).
var Reserved = []string{"web", "studio", "healthz"}

// Entry is one quiz file of a folder.
type Entry struct {
	File string     // its path, as the folder was named plus its name
	Src  []byte     // its content (nil when it could not be read)
	Quiz *quiz.Quiz // nil when Err is set
	// Err is the file's own problems (a quiz.ErrorList) or why it could
	// not be read.
	Err error
	// ID is the quiz's id: Quiz.ID, or for a file with problems the id it
	// names when its TOML can be read, else its name without .toml made
	// into an id (its address in the live preview while it is broken).
	ID string
	// IDPos is where the id is written, when known.
	IDPos quiz.Pos
}

// IsDir reports whether name is a folder (of quizzes), following links.
func IsDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// Files lists the quiz files of dir: its *.toml files (links to files
// included), sorted by name, without dot files and subfolders. A folder
// without any is an error.
func Files(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".toml") {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			continue // a subfolder, or a link to nothing
		}
		files = append(files, p)
	}
	if len(files) == 0 {
		return nil, &NoQuizError{Dir: dir}
	}
	slices.Sort(files)
	return files, nil
}

// NoQuizError is a folder without any quiz file.
type NoQuizError struct{ Dir string }

func (e *NoQuizError) Error() string { return e.Localized("en") }

// Localized says it in lang.
func (e *NoQuizError) Localized(lang string) string {
	return words.Sprintf(lang, "no-quiz", filepath.ToSlash(e.Dir))
}

// Read reads and checks each file with opt, in order.
func Read(files []string, opt quiz.Options) []*Entry {
	out := make([]*Entry, len(files))
	for i, file := range files {
		out[i] = ReadFile(file, opt)
	}
	return out
}

// ReadFile reads and checks one quiz file; a file with problems gets the
// id it would have (see Entry.ID).
func ReadFile(file string, opt quiz.Options) *Entry {
	e := &Entry{File: filepath.ToSlash(file)}
	e.Src, e.Err = quiz.ReadFile(file)
	if e.Err == nil {
		e.Quiz, e.Err = quiz.ParseWith(e.File, e.Src, opt)
		if e.Err == nil && e.Quiz == nil {
			e.Err = fmt.Errorf("%s: no quiz", e.File)
		}
	}
	if e.Quiz != nil {
		e.ID, e.IDPos = e.Quiz.ID, quiz.KeyPos(e.Src, "quiz.id")
		return e
	}
	var head struct {
		Quiz struct {
			ID string `toml:"id"`
		} `toml:"quiz"`
	}
	if _, err := toml.Decode(string(e.Src), &head); err == nil && ValidID(head.Quiz.ID) {
		e.ID, e.IDPos = head.Quiz.ID, quiz.KeyPos(e.Src, "quiz.id")
		return e
	}
	e.ID = idFromName(file)
	return e
}

// idFromName makes a file's name an id: lowercase, every run of other
// characters one "-", starting with a letter.
func idFromName(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), ".toml")
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	id := b.String()
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		id = "quiz-" + id
	}
	return strings.TrimSuffix(id[:min(len(id), 64)], "-")
}

// ValidID reports whether s is a valid quiz id (package quiz's rule:
// lowercase letters, digits, - and _, starting with a letter, at most 64).
func ValidID(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Problem is a problem of the folder as a whole, at the id of the file
// it names.
type Problem struct {
	File string
	Pos  quiz.Pos
	key  string
	args []any
}

// Localized formats the problem as file:line:col: quiz.id: message, in
// lang, safe to print.
func (p *Problem) Localized(lang string) string {
	e := quiz.Error{File: p.File, Pos: p.Pos, Path: "quiz.id", Msg: words.Sprintf(lang, p.key, p.args...)}
	return e.Error() // Msg in lang, escaped
}

func (p *Problem) Error() string { return p.Localized("en") }

// Problems are every problem of a folder, in the order of its files.
type Problems []*Problem

// In returns every problem in lang, one a line.
func (ps Problems) In(lang string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Localized(lang)
	}
	return out
}

func (ps Problems) Error() string { return strings.Join(ps.In("en"), "\n") }

// Check finds the folder's own problems: an id that a file before it uses
// already, and an id that is one of the site's own paths (Reserved). Each
// file's own problems are in its Entry.
func Check(entries []*Entry) Problems {
	var ps Problems
	first := map[string]*Entry{}
	for _, e := range entries {
		if slices.Contains(Reserved, e.ID) {
			ps = append(ps, &Problem{File: e.File, Pos: e.IDPos, key: "id-reserved", args: []any{e.ID, "/" + e.ID + "/"}})
			continue
		}
		if f, ok := first[e.ID]; ok {
			ps = append(ps, &Problem{File: e.File, Pos: e.IDPos, key: "id-twice", args: []any{e.ID, where(f), "/" + e.ID + "/"}})
			continue
		}
		first[e.ID] = e
	}
	return ps
}

// where is file:line:col of an entry's id, or its file.
func where(e *Entry) string {
	if e.IDPos.IsValid() {
		return fmt.Sprintf("%s:%d:%d", e.File, e.IDPos.Line, e.IDPos.Col)
	}
	return e.File
}

// Err is every problem of a folder read into entries, one a line in
// English, or nil: each file's own problems, then the folder's.
func Err(entries []*Entry) error {
	var lines []string
	for _, e := range entries {
		if e.Err != nil {
			lines = append(lines, e.Err.Error())
		}
	}
	for _, p := range Check(entries) {
		lines = append(lines, p.Error())
	}
	if len(lines) == 0 {
		return nil
	}
	return errors.New(strings.Join(lines, "\n"))
}

// IsNoQuiz reports whether err says a folder has no quiz file.
func IsNoQuiz(err error) bool {
	var e *NoQuizError
	return errors.As(err, &e)
}

// words are the folder's messages, in English and Japanese.
var words = quiz.Messages{
	"no-quiz": {
		"%s: no quiz file (*.toml) in this folder",
		"%s: このフォルダに診断の設定ファイル（*.toml）がありません"},
	"id-twice": {
		"the id %q is used by %s already: give each quiz of the folder an id of its own (the id is its address, %s)",
		"ID %q は %s でも使われています。フォルダの診断には、それぞれ別の ID を付けてください（ID がその診断のアドレス %s になります）"},
	"id-reserved": {
		"the id %q is the site's own address %s: choose another id",
		"ID %q はサイト自身が使うアドレス %s と同じです。別の ID にしてください"},
}
