package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files from the current output")

// A golden file holds what one command line gives:
//
//	$ quizcheck check testdata/mistakes/typo-key.toml
//	exit 1
//	-- stdout --
//	…
//	-- stderr --
//	…
func transcript(args []string) string {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return fmt.Sprintf("%s\nexit %d\n-- stdout --\n%s-- stderr --\n%s",
		strings.Join(append([]string{"$ quizcheck"}, args...), " "), code, stdout.String(), stderr.String())
}

func checkGolden(t *testing.T, golden string, args []string) {
	t.Helper()
	got := transcript(args)
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
		t.Errorf("quizcheck %s:\n%s\nwant (%s):\n%s", strings.Join(args, " "), got, golden, want)
	}
}

// TestMistakes: each file under testdata/mistakes is testdata/quiz.toml
// broken in one way a recruiter might break it. quizcheck check must name
// the line and say how to fix it, and exit 1; the expected transcript is
// the .golden file beside it. Run with -update after changing a message,
// then read the diff.
func TestMistakes(t *testing.T) {
	files, _ := filepath.Glob("testdata/mistakes/*.toml")
	if len(files) < 12 {
		t.Fatalf("%d mistakes under testdata/mistakes; want a dozen at least", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			args := []string{"check", filepath.ToSlash(file)}
			checkGolden(t, strings.TrimSuffix(file, ".toml")+".golden", args)
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != exitProblems {
				t.Errorf("exit %d; want %d", code, exitProblems)
			}
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				// file:line:col: …, with a line number.
				rest, ok := strings.CutPrefix(line, filepath.ToSlash(file)+":")
				if !ok || rest == "" || rest[0] < '1' || rest[0] > '9' {
					t.Errorf("problem without a line number: %s", line)
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
	}{
		{"no-arguments", nil, exitUsage},
		{"unknown-command", []string{"lint", "quiz.toml"}, exitUsage},
		{"bad-flag", []string{"check", "-x", "quiz.toml"}, exitUsage},
		{"analyze-two-files", []string{"analyze", "testdata/quiz.toml", "testdata/quiz.toml"}, exitUsage},
		{"analyze-bad-samples", []string{"analyze", "-samples", "0", "testdata/quiz.toml"}, exitUsage},
		{"missing-file", []string{"check", "testdata/no-such-quiz.toml"}, exitProblems},
		{"endless-file", []string{"check", "/dev/zero"}, exitProblems},
		{"clean", []string{"check", "testdata/quiz.toml", "../../examples/qa-engineer.toml"}, exitOK},
		{"clean-and-broken", []string{"check", "testdata/quiz.toml", "testdata/mistakes/typo-key.toml"}, exitProblems},
		{"analyze", []string{"analyze", "testdata/quiz.toml"}, exitOK},
		{"analyze-json", []string{"analyze", "-json", "testdata/quiz.toml"}, exitOK},
		{"analyze-sample", []string{"analyze", "-limit", "100", "-samples", "5000", "-seed", "7", "testdata/quiz.toml"}, exitOK},
		{"analyze-flags", []string{"analyze", "testdata/lopsided.toml"}, exitProblems},
		{"analyze-flags-json", []string{"analyze", "--json", "testdata/lopsided.toml"}, exitProblems},
		{"analyze-broken", []string{"analyze", "testdata/mistakes/unknown-outcome.toml"}, exitProblems},
		{"analyze-broken-json", []string{"analyze", "-json", "testdata/mistakes/unknown-outcome.toml"}, exitProblems},
		{"analyze-missing-json", []string{"analyze", "-json", "testdata/no-such-quiz.toml"}, exitProblems},
		{"analyze-golden-fails", []string{"analyze", "testdata/mistakes/golden-fails.toml"}, exitProblems},
		{"analyze-golden-fails-json", []string{"analyze", "-json", "testdata/mistakes/golden-fails.toml"}, exitProblems},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tc.args, &stdout, &stderr); code != tc.code {
				t.Errorf("quizcheck %s: exit %d; want %d\nstderr:\n%s", strings.Join(tc.args, " "), code, tc.code, stderr.String())
			}
			if tc.code == exitUsage && !strings.Contains(stderr.String(), "usage: quizcheck") {
				t.Errorf("exit 2 without the usage on stderr:\n%s", stderr.String())
			}
			checkGolden(t, filepath.Join("testdata", "commands", tc.name+".golden"), tc.args)
		})
	}
}

// TestAnalyzeJSON: the JSON output decodes, and has every documented field.
func TestAnalyzeJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"analyze", "-json", "-limit", "10", "-samples", "100", "testdata/quiz.toml"}, &stdout, &stderr); code != exitOK {
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
		if code := run([]string{"analyze", "-json", tc.file}, &stdout, &stderr); code != exitProblems {
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
	if code := run(append([]string{"check", "../../quiz.toml"}, files...), &stdout, &stderr); code != exitOK {
		t.Errorf("check: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, f := range files {
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"analyze", f}, &stdout, &stderr); code != exitOK {
			t.Errorf("analyze %s: exit %d\n%s%s", f, code, stdout.String(), stderr.String())
		}
	}
}
