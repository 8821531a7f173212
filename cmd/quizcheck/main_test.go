package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files from the current output")

// noEnv is an environment with no locale: the messages are in English
// whatever the machine running the tests says.
func noEnv(string) string { return "" }

// env is an environment of a few variables ("LANG=ja_JP.UTF-8").
func env(vars ...string) func(string) string {
	return func(name string) string {
		for _, v := range vars {
			if k, val, _ := strings.Cut(v, "="); k == name {
				return val
			}
		}
		return ""
	}
}

// ja is a Japanese recruiter's locale.
var ja = []string{"LANG=ja_JP.UTF-8"}

// A golden file holds what one command line gives, with the environment
// it ran in:
//
//	$ LANG=ja_JP.UTF-8 quizcheck check testdata/mistakes/typo-key.toml
//	exit 1
//	-- stdout --
//	…
//	-- stderr --
//	…
func transcript(vars []string, args []string) string {
	var stdout, stderr bytes.Buffer
	code := run(args, env(vars...), &stdout, &stderr)
	cmd := append(append(append([]string{"$"}, vars...), "quizcheck"), args...)
	return fmt.Sprintf("%s\nexit %d\n-- stdout --\n%s-- stderr --\n%s",
		strings.Join(cmd, " "), code, stdout.String(), stderr.String())
}

func checkGolden(t *testing.T, golden string, vars, args []string) {
	t.Helper()
	got := transcript(vars, args)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/quizcheck -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s quizcheck %s:\n%s\nwant (%s):\n%s", strings.Join(vars, " "), strings.Join(args, " "), got, golden, want)
	}
}

// TestMistakes: each file under testdata/mistakes is testdata/quiz.toml
// broken in one way a recruiter might break it. quizcheck check must name
// the line and say how to fix it, and exit 1; the expected transcript is
// the .golden file beside it, and with a Japanese locale the .ja.golden
// one. Run with -update after changing a message, then read the diff.
func TestMistakes(t *testing.T) {
	files, _ := filepath.Glob("testdata/mistakes/*.toml")
	if len(files) < 12 {
		t.Fatalf("%d mistakes under testdata/mistakes; want a dozen at least", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			args := []string{"check", filepath.ToSlash(file)}
			checkGolden(t, strings.TrimSuffix(file, ".toml")+".golden", nil, args)
			checkGolden(t, strings.TrimSuffix(file, ".toml")+".ja.golden", ja, args)
			for _, vars := range [][]string{nil, ja} {
				var stdout, stderr bytes.Buffer
				if code := run(args, env(vars...), &stdout, &stderr); code != exitProblems {
					t.Errorf("exit %d; want %d", code, exitProblems)
				}
				for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
					// file:line:col: …, with a line number.
					rest, ok := strings.CutPrefix(line, filepath.ToSlash(file)+":")
					if !ok || rest == "" || rest[0] < '1' || rest[0] > '9' {
						t.Errorf("problem without a line number: %s", line)
					}
				}
			}
		})
	}
}

// TestCommands covers the command lines other than check on a mistake:
// usage errors, clean files, the analysis in both forms.
func TestCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		env  []string
	}{
		{"no-arguments", nil, exitUsage, nil},
		{"unknown-command", []string{"lint", "quiz.toml"}, exitUsage, nil},
		{"bad-flag", []string{"check", "-x", "quiz.toml"}, exitUsage, nil},
		{"analyze-two-files", []string{"analyze", "testdata/quiz.toml", "testdata/quiz.toml"}, exitUsage, nil},
		{"analyze-bad-samples", []string{"analyze", "-samples", "0", "testdata/quiz.toml"}, exitUsage, nil},
		{"missing-file", []string{"check", "testdata/no-such-quiz.toml"}, exitProblems, nil},
		{"endless-file", []string{"check", "/dev/zero"}, exitProblems, nil},
		{"clean", []string{"check", "testdata/quiz.toml", "../../examples/qa-engineer.toml"}, exitOK, nil},
		{"clean-and-broken", []string{"check", "testdata/quiz.toml", "testdata/mistakes/typo-key.toml"}, exitProblems, nil},
		{"analyze", []string{"analyze", "testdata/quiz.toml"}, exitOK, nil},
		{"analyze-json", []string{"analyze", "-json", "testdata/quiz.toml"}, exitOK, nil},
		{"analyze-sample", []string{"analyze", "-limit", "100", "-samples", "5000", "-seed", "7", "testdata/quiz.toml"}, exitOK, nil},
		{"analyze-flags", []string{"analyze", "testdata/lopsided.toml"}, exitProblems, nil},
		{"analyze-flags-json", []string{"analyze", "--json", "testdata/lopsided.toml"}, exitProblems, nil},
		{"analyze-broken", []string{"analyze", "testdata/mistakes/unknown-outcome.toml"}, exitProblems, nil},
		// -json stays JSON on a file with problems.
		{"analyze-json-broken", []string{"analyze", "-json", "testdata/mistakes/unknown-outcome.toml"}, exitProblems, nil},
		{"analyze-json-broken-ja", []string{"analyze", "-json", "testdata/mistakes/golden-fails.toml"}, exitProblems, ja},
		// The locale, and -lang over it.
		{"clean-ja", []string{"check", "testdata/quiz.toml", "../../examples/qa-engineer.toml"}, exitOK, ja},
		{"analyze-ja", []string{"analyze", "testdata/quiz.toml"}, exitOK, ja},
		{"analyze-sample-ja", []string{"analyze", "-limit", "100", "-samples", "5000", "-seed", "7", "testdata/quiz.toml"}, exitOK, ja},
		{"analyze-flags-ja", []string{"analyze", "testdata/lopsided.toml"}, exitProblems, ja},
		{"analyze-flags-json-ja", []string{"analyze", "-json", "testdata/lopsided.toml"}, exitProblems, ja},
		{"lang-flag-ja", []string{"check", "-lang", "ja", "testdata/mistakes/typo-key.toml"}, exitProblems, []string{"LANG=en_US.UTF-8"}},
		{"lang-flag-en", []string{"check", "-lang", "en", "testdata/mistakes/typo-key.toml"}, exitProblems, ja},
		{"lc-all-over-lang", []string{"check", "testdata/mistakes/typo-key.toml"}, exitProblems, []string{"LC_ALL=ja_JP.UTF-8", "LANG=en_US.UTF-8"}},
		{"lc-messages-c", []string{"check", "testdata/mistakes/typo-key.toml"}, exitProblems, []string{"LC_MESSAGES=C", "LANG=ja_JP.UTF-8"}},
		{"bad-lang", []string{"check", "-lang", "fr", "testdata/quiz.toml"}, exitUsage, nil},
		{"missing-file-ja", []string{"check", "testdata/no-such-quiz.toml"}, exitProblems, ja},
		// A logo that is not in the web directory.
		{"logo-missing", []string{"check", "-web", "testdata/web", "testdata/logo.toml"}, exitProblems, nil},
		{"logo-missing-ja", []string{"check", "-web", "testdata/web", "testdata/logo.toml"}, exitProblems, ja},
		{"logo-present", []string{"check", "-web", "testdata/web", "testdata/logo-present.toml"}, exitOK, nil},
		{"web-missing", []string{"check", "-web", "testdata/no-such-dir", "testdata/quiz.toml"}, exitUsage, nil},
		{"analyze-missing-json", []string{"analyze", "-json", "testdata/no-such-quiz.toml"}, exitProblems, nil},
		// Problems about results only: analysed all the same.
		{"analyze-golden-fails", []string{"analyze", "testdata/mistakes/golden-fails.toml"}, exitProblems, nil},
		{"analyze-golden-fails-json", []string{"analyze", "-json", "testdata/mistakes/golden-fails.toml"}, exitProblems, nil},
		// Folders: every file, then the folder as a whole.
		{"folder", []string{"check", "testdata/folder"}, exitOK, nil},
		{"folder-problems", []string{"check", "testdata/folder-problems"}, exitProblems, nil},
		{"folder-problems-ja", []string{"check", "testdata/folder-problems"}, exitProblems, ja},
		{"folder-empty", []string{"check", "testdata/folder", "testdata/web"}, exitProblems, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tc.args, env(tc.env...), &stdout, &stderr); code != tc.code {
				t.Errorf("quizcheck %s: exit %d; want %d\nstderr:\n%s", strings.Join(tc.args, " "), code, tc.code, stderr.String())
			}
			if tc.code == exitUsage && !strings.Contains(stderr.String(), "usage: quizcheck") {
				t.Errorf("exit 2 without the usage on stderr:\n%s", stderr.String())
			}
			checkGolden(t, filepath.Join("testdata", "commands", tc.name+".golden"), tc.env, tc.args)
			if slices.Contains(tc.args, "-json") {
				var v map[string]any
				if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
					t.Errorf("-json printed something other than JSON: %v\n%s", err, stdout.String())
				}
			}
		})
	}
}

// TestAnalyzeJSON: the JSON output decodes, and has every documented field.
func TestAnalyzeJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"analyze", "-json", "-limit", "10", "-samples", "100", "testdata/quiz.toml"}, noEnv, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	for _, k := range []string{"file", "space", "space_saturated", "exhaustive", "sets", "seed", "outcomes", "bands", "dimensions", "ties", "tie_share", "close", "close_share", "fit", "flags", "problems"} {
		if _, ok := out[k]; !ok {
			t.Errorf("no field %q in %s", k, stdout.String())
		}
	}
	if out["seed"] != 1.0 || out["exhaustive"] != false || out["sets"] != 100.0 || out["space"] != 150.0 {
		t.Errorf("seed %v, exhaustive %v, sets %v, space %v; want 1, false, 100, 150", out["seed"], out["exhaustive"], out["sets"], out["space"])
	}
}

// TestAnalyzeJSONBroken: -json prints JSON whatever the file: its
// problems, positioned, when it cannot be analysed; the analysis and the
// failing golden cases when those are its only problems.
func TestAnalyzeJSONBroken(t *testing.T) {
	for _, tc := range []struct {
		file     string
		analysed bool
		problems int
	}{
		{"testdata/mistakes/unknown-outcome.toml", false, 1},
		{"testdata/no-such-quiz.toml", false, 1},
		{"/dev/zero", false, 1},
		{"testdata/mistakes/golden-fails.toml", true, 2},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"analyze", "-json", tc.file}, noEnv, &stdout, &stderr); code != exitProblems {
			t.Errorf("%s: exit %d; want %d", tc.file, code, exitProblems)
		}
		var out struct {
			File     string
			Sets     int64
			Problems []struct {
				Line    int
				Message string
			}
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Errorf("%s: output is not JSON: %v\n%s", tc.file, err, stdout.String())
			continue
		}
		if out.File != tc.file || len(out.Problems) != tc.problems || out.Problems[0].Message == "" {
			t.Errorf("%s: file %q, problems %+v; want the file and %d problems", tc.file, out.File, out.Problems, tc.problems)
		}
		if got := out.Sets > 0; got != tc.analysed {
			t.Errorf("%s: analysed %v (sets %d); want %v", tc.file, got, out.Sets, tc.analysed)
		}
	}
}

// TestExamples: every quiz the repository ships (the default quiz and the
// examples) is clean, and the examples raise no flag in the analysis.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.toml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"check", "-web", "../../web", "../../quiz.toml"}, files...), noEnv, &stdout, &stderr); code != exitOK {
		t.Errorf("check: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, f := range files {
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"analyze", f}, noEnv, &stdout, &stderr); code != exitOK {
			t.Errorf("analyze %s: exit %d\n%s%s", f, code, stdout.String(), stderr.String())
		}
	}
}

// TestMessages: every message of the checker's own reads in both
// languages with the same arguments.
func TestMessages(t *testing.T) {
	for _, err := range words.Check() {
		t.Error(err)
	}
}
