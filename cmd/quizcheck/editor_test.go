package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEditorAgrees: Taplo 0.9 (the TOML engine of VS Code's Even Better
// TOML, which the recruiters use; installed from npm by make test) and
// the checker give the same verdict on the same files, with the schema:
// what one refuses, the other does. The cases are where they used to
// differ (a byte-order mark, an inline table over several lines or with a
// comma before its }: TOML 1.1 allows them, TOML 1.0 and so Taplo do not,
// and the checker now refuses them too) and where they always agreed
// (a clean quiz, a typo in a key, a full-width space).
func TestEditorAgrees(t *testing.T) {
	taplo, err := filepath.Abs("../../node_modules/.bin/taplo")
	if err == nil {
		_, err = os.Stat(taplo)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Taplo is not installed (make deps-test installs it): %v", err)
		}
		t.Skipf("Taplo is not installed (make deps-test installs it): %v", err)
	}
	schema, _ := filepath.Abs("../../quiz.schema.json")
	src, err := os.ReadFile("testdata/quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	// The schema directive, made absolute: the files are written elsewhere.
	quiz := regexp.MustCompile(`^#:schema [^\n]*`).ReplaceAllString(string(src), "#:schema "+filepath.ToSlash(schema))
	edit := func(old, new string) string {
		if !strings.Contains(quiz, old) {
			t.Fatalf("testdata/quiz.toml has no %q", old)
		}
		return strings.Replace(quiz, old, new, 1)
	}
	cases := []struct {
		name   string
		src    string
		accept bool
	}{
		{"clean", quiz, true},
		{"bom", "\ufeff" + quiz, false},
		{"inline-newline", edit(`weights = { coordination = 3, technical = 1 }`, "weights = {\n  coordination = 3, technical = 1 }"), false},
		{"inline-comma", edit(`weights = { coordination = 3, technical = 1 }`, `weights = { coordination = 3, technical = 1, }`), false},
		{"multiline-array", edit(`locales = ["ja", "en"]`, "locales = [\n  \"ja\",\n  \"en\",\n]"), true},
		{"typo-key", edit(`minutes = 2`, `minuts = 2`), false},
		{"fullwidth-space", edit(`minutes = 2`, "minutes\u3000= 2"), false},
	}
	dir := t.TempDir()
	var files []string
	for _, c := range cases {
		f := filepath.Join(dir, c.name+".toml")
		if err := os.WriteFile(f, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// One run of Taplo for all (it takes seconds to start): it names
	// each file it refuses.
	cmd := exec.Command(taplo, append([]string{"lint", "--no-auto-config"}, files...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run() // exit 1 when any file is refused
	refused := map[string]bool{}
	for _, m := range regexp.MustCompile(`invalid file .*path="([^"]+)"`).FindAllStringSubmatch(out.String(), -1) {
		refused[filepath.Base(m[1])] = true
	}
	if len(refused) == 0 {
		t.Fatalf("Taplo refused nothing; its output:\n%s", out.String())
	}
	for i, c := range cases {
		var stdout, stderr bytes.Buffer
		checker := run([]string{"check", files[i]}, noEnv, &stdout, &stderr) == exitOK
		editor := !refused[c.name+".toml"]
		if checker != c.accept || editor != c.accept {
			t.Errorf("%s: the checker accepts it: %v, Taplo: %v; want both %v\nchecker:\n%s", c.name, checker, editor, c.accept, stdout.String())
		}
	}
	if t.Failed() {
		t.Logf("Taplo's output:\n%s", out.String())
	}
}
