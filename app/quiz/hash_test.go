package quiz

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestHashFollowsWhatScores: saved progress and share links survive an edit
// of a comment, a text or a translation, and end with an edit that changes
// what an answer means or gives (base.toml without its golden cases,
// edited one line at a time).
func TestHashFollowsWhatScores(t *testing.T) {
	file, err := os.ReadFile("testdata/valid/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	src, _, _ := strings.Cut(string(file), "[[golden]]")
	base := parseString(t, src).Hash
	if again := parseString(t, src).Hash; again != base {
		t.Fatalf("the same file hashes %s, then %s", base, again)
	}
	for _, tc := range []struct {
		name, old, new string
		same           bool
	}{
		{"a comment", "[[questions]]\nid = \"role\"", "# Ask the role first.\n[[questions]]\nid = \"role\"", true},
		{"layout", "adds = { tech = 2, spec = 2 }", "adds = {tech=2,   spec=2}", true},
		{"a question's wording", `en = "Your role?"`, `en = "What is your role?"`, true},
		{"a translation", `ja = "開発"`, `ja = "開発者"`, true},
		{"an outcome's texts", `why = { ja = "人が好き", en = "You like people" }`, `why = { ja = "人と働くのが好き", en = "You enjoy people" }`, true},
		{"a certification", `recommend_if = [{ outcome = "pm" }]`, `recommend_if = [{ outcome = "spec" }]`, true},
		{"a golden case", "url = \"https://example.com/jobs\"\n", "url = \"https://example.com/jobs\"\n\n[[golden]]\nname = \"lead\"\nanswers = { role = \"lead\", likes = [\"talk\"] }\nexpect_path = \"pm\"\n", true},
		{"a point", "adds = { tech = 2, spec = 2 }", "adds = { tech = 2, spec = 3 }", false},
		{"a point's key", "adds = { pm = 1 }", "adds = { spec = 1 }", false},
		{"an option id", `id = "plan"`, `id = "plans"`, false},
		{"a question id", `id = "likes"`, `id = "enjoys"`, false},
		{"a kind", "kind = \"multi\"\nmax = 2", "kind = \"multi\"\nmax = 3", false},
		{"a condition", `any = ["dev"]`, `any = ["lead"]`, false},
		{"a fit weight", "weights = { people = 3, tech = 1 }", "weights = { people = 2, tech = 1 }", false},
		{"a band's min", "min = 50", "min = 40", false},
		{"the version", `version = "2"`, `version = "3"`, false},
		{"an exclusive option", "id = \"plan\"\nlabel = { ja = \"計画\", en = \"Planning\" }", "id = \"plan\"\nexclusive = true\nlabel = { ja = \"計画\", en = \"Planning\" }", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(src, tc.old) {
				t.Fatalf("base.toml no longer contains %q: update this test", tc.old)
			}
			edited := strings.Replace(src, tc.old, tc.new, 1)
			if tc.name == "a question id" { // a concern's show_if names it too
				edited = strings.ReplaceAll(edited, `question = "likes"`, `question = "enjoys"`)
			}
			got := parseString(t, edited).Hash
			if same := got == base; same != tc.same {
				t.Errorf("after editing %s the hash is %s (was %s); want it %s", tc.name, got, base, map[bool]string{true: "kept", false: "changed"}[tc.same])
			}
		})
	}
}

// TestHashIgnoresEveryText: rewriting every text of the maximal quiz (each
// Text reachable from it, whatever its field) keeps the hash, so a text
// field added to the model without its json:"-" tag fails here.
func TestHashIgnoresEveryText(t *testing.T) {
	q := mustParse(t, "testdata/valid/maximal.toml")
	before := q.contentHash()
	texts := 0
	seen := map[uintptr]bool{}
	var rewrite func(v reflect.Value)
	rewrite = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			rewrite(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					rewrite(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				rewrite(v.Index(i))
			}
		case reflect.Map:
			if text, ok := v.Interface().(Text); ok {
				for k := range text {
					text[k] += " (reworded)"
				}
				texts++
				return
			}
			for _, k := range v.MapKeys() {
				rewrite(v.MapIndex(k))
			}
		}
	}
	rewrite(reflect.ValueOf(q))
	if texts < 50 {
		t.Fatalf("rewrote %d texts; the maximal quiz has more", texts)
	}
	if after := q.contentHash(); after != before {
		t.Errorf("rewording every text changes the hash from %s to %s: tag the new text field json:\"-\"", before, after)
	}
}
