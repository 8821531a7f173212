package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"pmoquiz/app/quiz"
)

// defaultFile is the quiz checked when no file is named.
const defaultFile = "quiz.toml"

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{defaultFile}
	}
	status := exitOK
	for _, file := range files {
		q, err := load(file)
		if err != nil {
			report(err, stdout, stderr)
			status = exitProblems
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: %s\n", printable(file), summary(q))
	}
	return status
}

// load reads and parses a quiz file; file names it in positions, as typed.
// A file over the size limit is refused at the limit, never read whole.
func load(file string) (*quiz.Quiz, error) {
	src, err := quiz.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return quiz.Parse(filepath.ToSlash(file), src)
}

// report prints a quiz's problems, one per line, to stdout and their count
// to stderr, or an error reading it to stderr. A problem's line is safe to
// print whatever the file holds (quiz.Error escapes it); so is the rest.
func report(err error, stdout, stderr io.Writer) {
	var list quiz.ErrorList
	if !errors.As(err, &list) {
		fmt.Fprintf(stderr, "quizcheck: %s\n", printable(err.Error()))
		return
	}
	for _, e := range list {
		fmt.Fprintln(stdout, e.Error())
	}
	fmt.Fprintf(stderr, "%s: %s\n", printable(list[0].File), plural(len(list), "problem"))
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
func summary(q *quiz.Quiz) string {
	s := fmt.Sprintf("%s, %s, %s in %s",
		plural(len(q.Questions), "question"), plural(len(q.Outcomes), "outcome"),
		plural(len(q.Dimensions), "dimension"), plural(len(q.Locales), "language"))
	switch n := len(q.Golden); n {
	case 0:
	case 1:
		s += "; its golden case passes"
	default:
		s += fmt.Sprintf("; all %d golden cases pass", n)
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
