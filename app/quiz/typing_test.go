package quiz

import (
	"fmt"
	"strings"
	"testing"
)

// TestEncodingInBrowser: a file saved as Shift_JIS, EUC-JP or UTF-16 gets
// the same problem, at the same place, whether the checker or the server
// reads its bytes or the widget reads it as a browser hands it over (text
// decoded as UTF-8, each byte that is not UTF-8 replaced by U+FFFD).
func TestEncodingInBrowser(t *testing.T) {
	for _, file := range []string{"shift-jis", "euc-jp", "utf-16"} {
		t.Run(file, func(t *testing.T) {
			raw := mustRead(t, "testdata/errors/"+file+".toml")
			asText := []byte(string([]rune(string(raw)))) // what fetch's text() gives
			if string(asText) == string(raw) {
				t.Fatal("the file is valid UTF-8: it tests nothing")
			}
			_, fromBytes := Parse("quiz.toml", raw)
			_, fromText := Parse("quiz.toml", asText)
			for _, lang := range messageLangs {
				b, tx := fromBytes.(ErrorList).In(lang), fromText.(ErrorList).In(lang)
				if strings.Join(b, "\n") != strings.Join(tx, "\n") {
					t.Errorf("%s: from the bytes:\n%s\nas a browser reads it:\n%s", lang, strings.Join(b, "\n"), strings.Join(tx, "\n"))
				}
			}
			if k := fromBytes.(ErrorList)[0].Key; k != "file.not-utf8" && k != "file.utf16" {
				t.Errorf("first problem %q; want the encoding's", k)
			}
		})
	}
}

// TestTypingMistakesAndTheRest: with typing mistakes repaired, the rest of
// the file is checked too: every problem comes at once.
func TestTypingMistakesAndTheRest(t *testing.T) {
	src := string(mustRead(t, "testdata/valid/base.toml"))
	src = strings.Replace(src, `id = "people"`, "\u3000id = \"people\"", 1)
	src = strings.Replace(src, `min = 50`, `min ＝ 50`, 1)
	src = strings.Replace(src, `text = { ja = "役割は?", en = "Your role?" }`, `txet = { ja = 「役割は?」, en = "Your role?" }`, 1)
	_, err := Parse("q.toml", []byte(src))
	list, _ := err.(ErrorList)
	var keys []string
	for _, e := range list {
		keys = append(keys, fmt.Sprintf("%d:%d %s", e.Pos.Line, e.Pos.Col, e.Key))
	}
	want := []string{"9:1 typing.fullwidth-space", "26:5 typing.fullwidth", "32:1 key.unknown-required", "32:15 typing.curly-quotes"}
	if strings.Join(keys, ", ") != strings.Join(want, ", ") {
		t.Errorf("problems %v; want %v\n%v", keys, want, err)
	}
}

// TestTypingInsideTexts: what is a mistake outside quotes is text inside
// them, and in comments: a valid quiz full of them is valid.
func TestTypingInsideTexts(t *testing.T) {
	src := string(mustRead(t, "testdata/valid/base.toml"))
	src = "# コメント：　全角スペース、“引用符”、「かぎかっこ」、ｗｅｉｇｈｔｓ ＝ ４０ ＃\n" + src
	src = strings.Replace(src, `title = { ja = "テスト", en = "Test" }`, `title = { ja = "「テスト」　“診断”　ｗ＝４０", en = '''“Test”''' }`, 1)
	if _, err := Parse("q.toml", []byte(src)); err != nil {
		t.Fatalf("Parse: %v", err)
	}
}

// TestTooManyProblems: past the cap, the last problem says how many more
// there are, in both languages, where the first of them is (here "not a
// quiz", found after the 249 full-width spaces).
func TestTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("\u3000\n")
	for i := range maxErrors + 49 {
		fmt.Fprintf(&b, "\u3000a%d = 1\n", i)
	}
	_, err := Parse("q.toml", []byte(b.String()))
	list, _ := err.(ErrorList)
	if len(list) != maxErrors+1 {
		t.Fatalf("%d problems; want %d and one saying how many more", len(list), maxErrors+1)
	}
	last := list[len(list)-1]
	for lang, want := range map[string]string{
		"en": "q.toml:2:2: 51 more problems not listed (only the first 200 are): fix these, then check again",
		"ja": "q.toml:2:2: ほかに 51 件の問題があります（表示は最初の 200 件までです）。これらを直してから、もう一度チェックしてください",
	} {
		if got := last.Localized(lang); got != want {
			t.Errorf("last problem in %s:\n%s\nwant:\n%s", lang, got, want)
		}
	}
}

// TestOneSyntaxErrorALine: syntax errors on lines of their own are all
// reported; one inside a list spanning lines ends the search (what
// follows it would be guesswork).
func TestOneSyntaxErrorALine(t *testing.T) {
	src := string(mustRead(t, "testdata/valid/base.toml"))
	src = strings.Replace(src, `version = "2"`, `version = = "2"`, 1)
	src = strings.Replace(src, `intro = { ja = "はじめに", en = "Intro" }`, "intro = [\n  \"はじめに\" \"Intro\"\n]", 1)
	src = strings.Replace(src, `min = 50`, `min = = 50`, 1)
	_, err := Parse("q.toml", []byte(src))
	list, _ := err.(ErrorList)
	if len(list) != 2 || list[0].Pos.Line != 3 || list[1].Pos.Line != 7 {
		t.Errorf("problems:\n%v\nwant two, on lines 3 and 7", err)
	}
}
