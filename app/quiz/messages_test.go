package quiz

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sampleArgs are arguments for a format's placeholders, of the type each
// verb takes.
func sampleArgs(format string) []any {
	var args []any
	for _, v := range verbs(format) {
		i, _ := strconv.Atoi(v[:strings.IndexByte(v, ':')])
		for len(args) < i {
			args = append(args, nil)
		}
		switch v[len(v)-1] {
		case 'd':
			args[i-1] = 7
		case 'f':
			args[i-1] = 12.5
		default:
			args[i-1] = "x\x1by" // a control character, to see it escaped
		}
	}
	return args
}

// TestCatalogue: every message reads in English and Japanese, with the same
// arguments, each filled, control characters escaped.
func TestCatalogue(t *testing.T) {
	if len(catalogue) < 100 {
		t.Fatalf("%d messages; the checker has more", len(catalogue))
	}
	for _, err := range catalogue.Check() {
		t.Error(err)
	}
	for key, e := range catalogue {
		if !strings.HasPrefix(key, "noun.") && !strings.HasPrefix(key, "type.") && key != "syntax.eof" && key != "syntax.newline" &&
			!strings.ContainsFunc(e[1], func(r rune) bool { return r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("%s: the Japanese has no kana or kanji: %q", key, e[1])
		}
		args := sampleArgs(e[0])
		for _, lang := range messageLangs {
			got := (&Error{Key: key, msg: msgOf(key, args...)}).Message(lang)
			if strings.Contains(got, "%!") || strings.ContainsRune(got, 0x1b) {
				t.Errorf("%s in %s: %q", key, lang, got)
			}
			if slices.Contains(args, any("x\x1by")) && !strings.Contains(got, `x\u001by`) {
				t.Errorf("%s in %s: %q does not show its argument", key, lang, got)
			}
		}
	}
}

// TestMessageLanguage: locale names and language tags pick the catalogue's
// language.
func TestMessageLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"ja": "ja", "ja-JP": "ja", "ja_JP.UTF-8": "ja", "JA": "ja", "ja.UTF-8": "ja",
		"en": "en", "en_US.UTF-8": "en", "C": "en", "": "en", "jam": "en", "fr": "en",
	} {
		if got := MessageLanguage(in); got != want {
			t.Errorf("MessageLanguage(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestCatalogueKeysInCode: every key the code names is in the catalogue,
// and every entry of the catalogue is used. A message added as English
// text in place of a key fails here: add it to messages.go in both
// languages.
func TestCatalogueKeysInCode(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	used := map[string]bool{}
	// Calls whose argument at this index is a message key.
	keyArg := map[string]int{"errorf": 1, "newError": 3, "msgOf": 0, "fail": 1, "redefined": 2, "flag": 2, "missing": -1}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					s, _ := strconv.Unquote(n.Value)
					used[s] = true
				}
			case *ast.CallExpr:
				var name string
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				i, ok := keyArg[name]
				if name == "noun" && len(n.Args) == 1 {
					if lit, isLit := n.Args[0].(*ast.BasicLit); isLit {
						s, _ := strconv.Unquote(lit.Value)
						used["noun."+s] = true
						if _, ok := catalogue["noun."+s]; !ok {
							t.Errorf("%s: noun %q is not in the catalogue", fset.Position(n.Pos()), s)
						}
					}
				}
				if !ok || i < 0 || i >= len(n.Args) {
					return true
				}
				if lit, isLit := n.Args[i].(*ast.BasicLit); isLit && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if _, ok := catalogue[s]; !ok {
						t.Errorf("%s: %s(…, %q): no such message in messages.go", fset.Position(n.Pos()), name, s)
					}
				}
			}
			return true
		})
	}
	for key := range catalogue {
		if strings.HasPrefix(key, "noun.") {
			// Nouns named by a variable: a reference's kind, a question's.
			continue
		}
		if !used[key] {
			t.Errorf("message %q is never used: remove it from messages.go", key)
		}
	}
}

// TestLocalizedError: an Error renders in both languages, with its
// position and path as data.
func TestLocalizedError(t *testing.T) {
	_, err := Parse("q.toml", []byte(strings.Replace(string(mustRead(t, "testdata/valid/minimal.toml")), "kind = \"single\"", "kind = \"single\"\nlable = 1", 1)))
	list, ok := err.(ErrorList)
	if !ok || len(list) != 1 {
		t.Fatalf("Parse = %v; want one problem", err)
	}
	e := list[0]
	if e.Key != "key.unknown" || e.Path != "questions[0].lable" || e.Pos != (Pos{11, 1}) {
		t.Errorf("Key %q, Path %q, Pos %v; want key.unknown, questions[0].lable, 11:1", e.Key, e.Path, e.Pos)
	}
	for lang, want := range map[string]string{
		"en":          `q.toml:11:1: questions[0].lable: unknown key "lable" (known keys: id, section, kind, text, help, show_if, adds, options, max)`,
		"ja":          `q.toml:11:1: questions[0].lable: キー "lable" は使えません（使えるキー: id, section, kind, text, help, show_if, adds, options, max）`,
		"ja_JP.UTF-8": `q.toml:11:1: questions[0].lable: キー "lable" は使えません（使えるキー: id, section, kind, text, help, show_if, adds, options, max）`,
	} {
		if got := e.Localized(lang); got != want {
			t.Errorf("Localized(%q) = %s; want %s", lang, got, want)
		}
	}
	if got := list.In("ja"); len(got) != 1 || got[0] != e.Localized("ja") {
		t.Errorf("In(ja) = %q", got)
	}
	if e.Error() != e.Localized("en") {
		t.Errorf("Error() = %s; want the English line", e.Error())
	}
}

func mustRead(t testing.TB, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
