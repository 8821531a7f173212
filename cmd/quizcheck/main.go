// Quizcheck checks and analyses a career quiz file (quiz.toml) before a
// visitor sees it.
//
// Usage:
//
//	quizcheck check [-lang ja|en] [-web dir] [file|folder ...]
//	quizcheck analyze [-lang ja|en] [-web dir] [-json] [-seed n] [-samples n] [-limit n] [file]
//	quizcheck schema [-o file]
//
// Install it with go install ./cmd/quizcheck, or run it from the repository
// with go run ./cmd/quizcheck. A file defaults to quiz.toml.
//
// Messages are in Japanese when the locale is (LC_ALL, LC_MESSAGES or
// LANG, in that order, starting with ja: LANG=ja_JP.UTF-8), else in
// English; -lang ja or -lang en chooses. The lines keep their form
// (file:line:col: key.path: message) in both.
//
// -web names the site's web directory (default ./web when there is one):
// a [theme] logo must be a file in it.
//
// # check
//
// Check reads each file and reports every problem at once, one per line on
// standard output, as
//
//	file:line:col: key.path: message
//
// with a hint where one helps:
//
//	quiz.toml:32:1: questions[0].txet: unknown key "txet" (did you mean "text"? text is required)
//	quiz.toml:42:22: questions[0].options[1].adds.pn: unknown dimension or outcome "pn" (did you mean "pm"?)
//
// It then runs every [[golden]] case of a file without other problems and
// reports each that fails with the result it got (a case that does not
// answer a question added since is one problem naming every such
// question). A clean file gets one line, "file: ok", with what the file
// holds. Past 200 problems, a last line says how many more there are. The checks are the ones the server
// runs at start and the widget runs in the browser (package pmoquiz/app/quiz).
//
// A folder is checked as the server serves it (quizserver -quiz folder):
// each of its *.toml files, then the folder as a whole, where two quizzes
// with one [quiz] id (each is served at /<id>/) or an id that is one of
// the site's own addresses (web, studio, healthz) is a problem at that
// file's id, naming the file that has it first:
//
//	quizzes/b.toml:3:1: quiz.id: the id "qa" is used by quizzes/a.toml:3:1 already: give each quiz of the folder an id of its own (the id is its address, /qa/)
//
// # analyze
//
// Analyze scores every possible answer set of a valid quiz when there are at
// most -limit of them (default 1,000,000), or else a random sample of
// -samples answer sets (default 1,000,000) drawn uniformly with -seed
// (default 1; the same seed gives the same numbers on any machine). A
// question hidden by its show_if adds no branching: the space is the tree of
// questions a visitor can actually be shown.
//
// It prints, for each outcome, the share of answer sets where it is the top
// path (and, when the paths have profiles, where it came first mostly on
// the points answers gave it directly: "led by wishes") and where it is the
// runner-up, and its highest match, then the most common result in words;
// for each fit band, the share of answer sets that land in it; the range of
// each dimension's score; how many answer sets end in a tie (top two paths
// level, decided by the declared order) and how many in a close lead (less
// than [match] close, the result then saying the top two fit about
// equally). Then it flags what deserves a look:
// an outcome that is never the top path (unreachable), one that is the top
// path for more than half of the answer sets (dominant), a dimension no
// question measures (unmeasured), a dimension or outcome that never scores
// above 0 (never-scored) and a band no answer set reaches (band-unreached).
//
// A quiz whose only problems are results, a golden case that gives another
// path or band or an outcome that never wins, is analysed all the same: its
// problems are printed first, then the analysis, and the exit status is 1.
// A quiz with other problems is not analysed: its problems are printed, as
// check prints them.
//
// With -json it prints one JSON object instead, whatever happens (a broken
// file gives an object with file and problems only), with these fields
// (field names are stable; shares are fractions from 0 to 1):
//
//	file             the file analysed
//	space            the number of possible answer sets
//	space_saturated  true when space is larger than the 64-bit maximum printed
//	exhaustive       true when every answer set was scored
//	sets             the number of answer sets scored
//	seed             the sample's seed, or null when exhaustive
//	outcomes         [{id, top, top_share, wish_led, runner_up, runner_up_share, max_score}]
//	bands            [{id, min, count, share}]
//	dimensions       [{id, measured, min_score, max_score}]
//	ties, tie_share  answer sets whose top two paths score the same
//	close, close_share  answer sets whose top path leads by less than [match] close
//	fit              {min, median, max, mean}, or null without a fit score
//	flags            [{kind, id, key, message}]
//	problems         [{line, col, path, key, message}]: the file's problems
//	                 about results (empty when it has none)
//
// A file whose only problems are about results (a golden case giving
// another result, an outcome that never wins) is analysed all the same,
// its problems printed first. On a file with other problems it prints,
// with -json, one JSON object too:
//
//	file             the file
//	problems         [{line, col, path, key, message}]
//
// (key names the message whatever the language; message is in the
// language chosen.)
//
// # schema
//
// Schema prints the JSON Schema of the format (draft-04, the draft Taplo and
// the "Even Better TOML" editor extension support), generated from the
// format's description in package pmoquiz/app/quiz; with -o it writes the
// file instead, only when its content changes. The repository's
// quiz.schema.json is its output (go generate ./cmd/quizcheck), and a quiz
// file that starts with
//
//	#:schema ./quiz.schema.json
//
// gets completion, hover help and inline errors in those editors.
//
// # Exit status
//
// 0 when every file is clean (check) or nothing is flagged (analyze), 1 when a
// file has problems, cannot be read, or the analysis raises a flag, 2 on bad
// usage (the usage is printed to standard error).
package main

//go:generate go run . schema -o ../../quiz.schema.json

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pmoquiz/app/quiz"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

const usage = `usage: quizcheck check [-lang ja|en] [-web dir] [file|folder ...]
       quizcheck analyze [-lang ja|en] [-web dir] [-json] [-seed n] [-samples n] [-limit n] [file]
       quizcheck schema [-o file]
A file defaults to quiz.toml. Manual: go doc ./cmd/quizcheck`

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// run is the whole program: it returns the exit status. getenv reads the
// environment (the locale).
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "check":
		return runCheck(args, getenv, stdout, stderr)
	case "analyze", "analyse":
		return runAnalyze(args, getenv, stdout, stderr)
	case "schema":
		return runSchema(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "quizcheck: unknown command %q\n%s\n", cmd, usage)
	return exitUsage
}

// newFlags returns a flag set for a subcommand that prints its usage to
// stderr on a bad flag.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("quizcheck "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		if hasFlags(fs) {
			fmt.Fprintf(stderr, "flags of %s:\n", name)
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// common are the flags check and analyze share.
type common struct {
	lang, web string
}

func commonFlags(fs *flag.FlagSet) *common {
	c := &common{}
	fs.StringVar(&c.lang, "lang", "", "the messages' language, ja or en (default: the locale, LC_ALL, LC_MESSAGES or LANG)")
	fs.StringVar(&c.web, "web", "", "the site's web `directory`, where a [theme] logo must be (default: ./web when there is one)")
	return c
}

// resolve returns the messages' language and the parse options, or false
// after printing why not (an unknown language, a missing directory).
func (c *common) resolve(getenv func(string) string, stderr io.Writer) (string, quiz.Options, bool) {
	lang := language("", getenv)
	switch c.lang {
	case "", "ja", "en":
		lang = language(c.lang, getenv)
	default:
		fmt.Fprintln(stderr, say(lang, "lang-invalid", c.lang))
		return lang, quiz.Options{}, false
	}
	dir := c.web
	if dir == "" {
		if st, err := os.Stat("web"); err != nil || !st.IsDir() {
			return lang, quiz.Options{}, true
		}
		dir = "web"
	} else if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintln(stderr, say(lang, "web-missing", dir))
		return lang, quiz.Options{}, false
	}
	return lang, quiz.Options{Web: os.DirFS(dir), WebName: filepath.ToSlash(dir)}, true
}

// parseFlags parses a subcommand's flags; it returns the exit status to
// stop with (help: 0, a bad flag: 2) or -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string) int {
	switch err := fs.Parse(args); {
	case err == flag.ErrHelp:
		return exitOK
	case err != nil:
		return exitUsage
	}
	return -1
}
