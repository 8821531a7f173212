package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"pmoquiz/app/quiz"
	"pmoquiz/app/quizset"
)

// defaultFile is the quiz checked when no file is named.
const defaultFile = "quiz.toml"

func runCheck(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	c := commonFlags(fs)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	lang, opt, ok := c.resolve(getenv, stderr)
	if !ok {
		fs.Usage()
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{defaultFile}
	}
	status := exitOK
	for _, file := range files {
		if quizset.IsDir(file) {
			if !checkFolder(file, lang, opt, stdout, stderr) {
				status = exitProblems
			}
			continue
		}
		q, err := load(file, opt)
		if err != nil {
			report(file, err, lang, stdout, stderr)
			status = exitProblems
			continue
		}
		fmt.Fprintln(stdout, say(lang, "ok", printable(file), summary(q, lang)))
	}
	return status
}

// checkFolder checks every quiz file of a folder (its *.toml files, as the
// server serves them), then the folder as a whole: two quizzes with one
// id, or an id that is one of the site's own addresses (package quizset).
// It reports whether all is well.
func checkFolder(dir, lang string, opt quiz.Options, stdout, stderr io.Writer) bool {
	files, err := quizset.Files(dir)
	if err != nil {
		var none *quizset.NoQuizError
		if errors.As(err, &none) {
			fmt.Fprintln(stderr, "quizcheck: "+none.Localized(lang))
		} else {
			fmt.Fprintln(stderr, say(lang, "cannot-read", printable(dir), printable(err.Error())))
		}
		return false
	}
	ok := true
	entries := quizset.Read(files, opt)
	folder := map[string]quizset.Problems{} // by file
	for _, p := range quizset.Check(entries) {
		folder[p.File] = append(folder[p.File], p)
	}
	for _, e := range entries {
		ps := folder[e.File]
		if e.Err != nil {
			report(e.File, e.Err, lang, stdout, stderr)
			ok = false
		}
		if len(ps) > 0 {
			for _, line := range ps.In(lang) {
				fmt.Fprintln(stdout, line)
			}
			fmt.Fprintln(stderr, say(lang, "problems", printable(e.File), countOf(lang, len(ps), "problem")))
			ok = false
		}
		if e.Err == nil && len(ps) == 0 {
			fmt.Fprintln(stdout, say(lang, "ok", printable(e.File), summary(e.Quiz, lang)))
		}
	}
	return ok
}

// load reads and parses a quiz file; file names it in positions, as typed.
// A file over the size limit is refused at the limit, never read whole.
func load(file string, opt quiz.Options) (*quiz.Quiz, error) {
	src, err := quiz.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return quiz.ParseWith(filepath.ToSlash(file), src, opt)
}

// report prints a quiz's problems in lang, one per line, to stdout and
// their count to stderr, or an error reading it to stderr. A problem's
// line is safe to print whatever the file holds (quiz.Error escapes it);
// so is the rest.
func report(file string, err error, lang string, stdout, stderr io.Writer) {
	var list quiz.ErrorList
	switch {
	case errors.As(err, &list):
		for _, line := range list.In(lang) {
			fmt.Fprintln(stdout, line)
		}
		fmt.Fprintln(stderr, say(lang, "problems", printable(list[0].File), countOf(lang, len(list), "problem")))
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintln(stderr, say(lang, "no-such-file", printable(file)))
	default:
		fmt.Fprintln(stderr, say(lang, "cannot-read", printable(file), printable(err.Error())))
	}
}

// printable is s, or s quoted with Go's escapes when it holds a control or
// other invisible character (a file name can).
func printable(s string) string {
	for _, c := range s {
		if !strconv.IsPrint(c) || c == utf8.RuneError {
			return strconv.Quote(s)
		}
	}
	return s
}

// summary says what a valid quiz holds.
func summary(q *quiz.Quiz, lang string) string {
	s := say(lang, "summary",
		countOf(lang, len(q.Questions), "question"), countOf(lang, len(q.Outcomes), "outcome"),
		countOf(lang, len(q.Dimensions), "dimension"), countOf(lang, len(q.Locales), "language"))
	switch n := len(q.Golden); n {
	case 0:
	case 1:
		s += say(lang, "golden-one")
	default:
		s += say(lang, "golden-all", n)
	}
	return s
}
