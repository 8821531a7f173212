package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestSchemaIsCurrent: the committed quiz.schema.json is what the format
// spec generates. After changing the spec (app/quiz/spec.go), run
// go generate ./cmd/quizcheck.
func TestSchemaIsCurrent(t *testing.T) {
	committed, err := os.ReadFile("../../quiz.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema"}, noEnv, &stdout, &stderr); code != exitOK {
		t.Fatalf("quizcheck schema: exit %d: %s", code, stderr.String())
	}
	if !bytes.Equal(stdout.Bytes(), committed) {
		t.Errorf("quiz.schema.json is out of date: run go generate ./cmd/quizcheck")
	}
	var v map[string]any
	if err := json.Unmarshal(committed, &v); err != nil {
		t.Fatalf("quiz.schema.json is not JSON: %v", err)
	}
	if v["$schema"] != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("$schema = %v; want draft-04, the draft Taplo supports", v["$schema"])
	}
}

// TestSchemaDirective: the quizzes the repository ships start with the
// directive that makes Taplo and Even Better TOML use the schema.
func TestSchemaDirective(t *testing.T) {
	for file, want := range map[string]string{
		"../../quiz.toml":                 "#:schema ./quiz.schema.json\n",
		"../../examples/qa-engineer.toml": "#:schema ../quiz.schema.json\n",
	} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(src), want) {
			t.Errorf("%s does not start with %q", file, want)
		}
	}
}

// TestSchemaWritesOnlyOnChange: schema -o leaves an up-to-date file alone
// (go generate must not touch it) and rewrites a stale one.
func TestSchemaWritesOnlyOnChange(t *testing.T) {
	out := t.TempDir() + "/quiz.schema.json"
	if err := os.WriteFile(out, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema", "-o", out}, noEnv, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, _ := os.ReadFile(out)
	committed, _ := os.ReadFile("../../quiz.schema.json")
	if !bytes.Equal(b, committed) {
		t.Errorf("schema -o wrote something other than the schema")
	}
	info, _ := os.Stat(out)
	if code := run([]string{"schema", "-o", out}, noEnv, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if again, _ := os.Stat(out); !again.ModTime().Equal(info.ModTime()) {
		t.Errorf("schema -o rewrote an up-to-date file")
	}
}
