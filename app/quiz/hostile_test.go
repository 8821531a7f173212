package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// fill repeats unit(i) for i = 0, 1, … until the result holds n bytes.
func fill(n int, unit func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(unit(i))
	}
	return b.String()
}

// minimalWith is testdata/valid/minimal.toml (one language) with extra
// lines in its [quiz] table.
func minimalWith(t testing.TB, lines string) string {
	src, err := os.ReadFile("testdata/valid/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(src), "[quiz]\n", "[quiz]\n"+lines+"\n", 1)
}

// baseWith is testdata/valid/base.toml (two languages) with its title
// replaced.
func baseWith(t testing.TB, title string) string {
	src, err := os.ReadFile("testdata/valid/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(src), `title = { ja = "テスト", en = "Test" }`, "title = "+title, 1)
}

func utf16le(s string) string {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(s)) {
		b.Write([]byte{byte(u), byte(u >> 8)})
	}
	return b.String()
}

// hostile are inputs an attacker, a broken editor or a wrong file name
// could hand the parser; want is the start of the one problem each gets
// (after "file:"), or, with "…", a part of it.
func hostile(t testing.TB) []struct{ name, src, want string } {
	huge := strings.Repeat("x", 900_000)
	return []struct{ name, src, want string }{
		{"dotted key of 8000 parts", strings.Repeat("a.", 7999) + "a = 1",
			`1:1: the key "a.a.a.a.a.a.a.a.a.a.a" has more than 10 parts separated by dots; a quiz's keys have 1 to 3, like ui.start.ja`},
		{"key of 11 parts in a table", "[quiz]\nid = \"x\"\n  a.b.c.d.e.f.g.h.i.j.k = 1", `3:3: the key "a.b.c.d.e.f.g.h.i.j.k" has more than 10 parts`},
		{"key of 11 quoted parts in an inline table", `x = { "a"."b".'c'.d.e.f.g.h.i.j.k = 1 }`, `1:7: the key "\"a\".\"b\".'c'.d.e.f.g.h.i.j.k" has more than 10 parts`},
		{"header of 100000 parts", "[" + strings.Repeat("a.", 99_999) + "a]\n", `1:1: the table name "[a.a.a.a.`},
		{"array header of 11 parts", "[[a.b.c.d.e.f.g.h.i.j.k]]", `1:1: the table name "[[a.b.c.d.e.f.g.h.i.j.k" has more than 10 parts`},
		{"key of 200 bytes", `"` + strings.Repeat("k", 198) + `" = 1`, `1:1: the key "\"kkkk`},
		{"header of 200 bytes", "[" + strings.Repeat("k", 199) + "]", `1:1: the table name "[kkkk`},
		{"1 MiB and a byte", strings.Repeat("# padding\n", MaxSize/10) + "1234567", "104858:7: the file is larger than 1 MiB"},
		{"arrays nested 100000 deep", "a = " + strings.Repeat("[", 100_000), "1:21: values are nested more than 16 levels deep"},
		{"inline tables nested 17 deep", "a = " + strings.Repeat("{b=", 17) + "1" + strings.Repeat("}", 17), "1:53: values are nested more than 16 levels deep"},
		{"1 MiB of short keys", fill(MaxSize-20, func(i int) string { return fmt.Sprintf("k%d=1\n", i) }), "…: the file has more than 30000 keys, values and comments"},
		{"1 MiB of comments", strings.Repeat("#\n", MaxSize/2), "30001:1: the file has more than 30000 keys, values and comments"},
		{"1 MiB of tables", fill(MaxSize-20, func(i int) string { return fmt.Sprintf("[t%d]\n", i) }), "…: the file has more than 30000 keys"},
		{"1 MiB of inline tables", "a = [" + fill(MaxSize-20, func(int) string { return "{b=1}," }) + "]", "…: the file has more than 30000 keys"},
		{"1 MiB of empty strings", "a = [" + fill(MaxSize-20, func(int) string { return "''," }) + "]", "…: the file has more than 30000 keys"},
		{"900 KB one-language text", minimalWith(t, `disclaimer = "`+huge+`"`), `3:1: quiz.disclaimer: text is 900000 bytes long; the limit is 4000`},
		{"900 KB text where a translation is wanted", baseWith(t, `"`+huge+`"`), `5:1: quiz.title: want a translated text like { ja = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…", … }, got a plain string`},
		{"900 KB kind", minimalWith(t, "") + "\n[[questions]]\nid = \"q2\"\nkind = \"" + huge + "\"\ntext = \"?\"\n", `…questions[1].kind: text is 900000 bytes long`},
		{"900 KB key path in a golden case", minimalWith(t, "") + "\n[[golden]]\nname = \"" + huge + "\"\nexpect_path = \"tea\"\nanswers = { drink = \"tea\" }\n", `…golden[0].name: text is 900000 bytes long`},
		{"900 KB bare value", "a = " + huge, `1:5: a value without quotes ("xxxxxxxxxxxxxxxxxxxxxxxx`},
		{"900 KB datetime", "a = 1979-05-27T07:32:00" + strings.Repeat("Z", 900_000), `1:5: a value without quotes ("1979-05-27T07:32:00ZZZZ`},
		{"a link without quotes", minimalWith(t, "privacy_url = https://careers.example.com/privacy/policies/2026/the-quiz-and-your-data"), `3:15: a value without quotes ("https://careers.example.com/privacy/policies/2026/the-quiz-and-your-data") longer than 64 characters: write a text in double quotes, "like this"`},
		{"invalid UTF-8", "[quiz]\nid = \"\xff\"", "2:7: the file is not saved as UTF-8"},
		{"Latin-1", "[quiz]\ntitle = \"caf\xe9\"", "2:13: the file is not saved as UTF-8"},
		{"UTF-16 with a byte-order mark", utf16le("[quiz]\nid = \"x\"\n"), "1:1: the file is saved as UTF-16: save it as UTF-8"},
		{"UTF-16 without one", utf16le("[quiz]\nid = \"x\"\n")[2:], "1:1: the file is saved as UTF-16"},
		{"NUL in a value", "[quiz]\nid = \"a\x00b\"", `2:7: syntax error: an invisible control character`},
		{"NUL at the start", "\x00\x00\x00\x00", "1:1: the file is saved as UTF-16"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00", "1:1: syntax error"},
		{"terminal escape in a key", minimalWith(t, `"\u001b[2J\u001b[H" = 1`), `3:1: quiz."\u001b[2J\u001b[H": unknown key "\u001b[2J\u001b[H" (known keys:`},
		{"newline in a key", minimalWith(t, `"a\nb" = 1`), `3:1: quiz."a\nb": unknown key "a\nb" (known keys:`},
		{"bidi override in a value", minimalWith(t, "") + "\n[[questions]]\nid = \"q2\"\nkind = \"\u202esingle\"\ntext = \"?\"\n", `…questions[1].kind: unknown kind "\u202esingle" (did you mean "single"? want single, multi, scale)`},
		{"escape in a dotted table", minimalWith(t, "") + "\n[theme.colors.\"\\u001b]0;pwned\\u0007\"]\n", `30:1: theme.colors: unknown key "colors" (known keys: accent, accent_dark, logo, logo_alt)`},
		{"a backslash ending the file", "\"\\", "1:2: syntax error: a text is not closed"}, // found by FuzzParse
		{"a byte-order mark", "\ufeff[quiz]\nidd = 1\n" + strings.Repeat("a.", 11) + "a = 1", "3:1: the key \"a.a.a.a.a.a.a.a.a.a.a\" has more than 10 parts"},
		{"a byte-order mark and an unknown key", "\ufeff" + minimalWith(t, "idd = 1"), `…3:1: quiz.idd: unknown key "idd" (did you mean "id"?)`}, // and the BOM (typing.go)
		{"a.b.c = 1 then a.b = 2", "a.b.c = 1\na.b = 2\n", "2:1: a.b: already a table (line 1)"},
		{"a full-width space on every line", strings.Repeat("\u3000\n", 29_000), "1:1: a full-width space (U+3000)"},
		{"a syntax error on every line", strings.Repeat("a = = 1\n", 7_000), "1:5: syntax error: expected a value"},
	}
}

// TestHostileInputs: each hostile input gets one problem, at the place that
// causes it, that says what is wrong, and that prints safely: one line,
// no control character, no 900 KB echo.
func TestHostileInputs(t *testing.T) {
	for _, tc := range hostile(t) {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse("q.toml", []byte(tc.src))
			var list ErrorList
			if q != nil || !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse = %v, %v; want problems", q, err)
			}
			got := list[0].Error()
			if want, ok := strings.CutPrefix(tc.want, "…"); ok {
				if !slices.ContainsFunc(list, func(e *Error) bool { return strings.Contains(e.Error(), want) && e.Pos.IsValid() }) {
					t.Errorf("problems:\n%v\nwant a positioned one containing:\n%s", err, want)
				}
			} else if !strings.HasPrefix(got, "q.toml:"+tc.want) {
				t.Errorf("problem:\n%s\nwant:\nq.toml:%s…", got, tc.want)
			}
			for _, e := range list {
				line := e.Error()
				if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f || r == 0x202e }) {
					t.Errorf("unsafe to print: %q", line)
				}
				if len(line) > 1000 {
					t.Errorf("problem of %d bytes: %.200s…", len(line), line)
				}
			}
		})
	}
}

// TestQuote: what messages do with a value from the file.
func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 100)
	for _, tc := range []struct{ got, want string }{
		{quote("a\x1b[2J\n\"\\\t\x00\u202e"), `"a\u001b[2J\n\"\\\t\u0000\u202e"`},
		{quote("日本語 ok"), `"日本語 ok"`},
		{quote(long), `"` + long[:80*len("é")] + `…"`},
		{quote("\xff"), `"\ufffd"`},
		{escape("line\nbreak \U0001F600 \U000E0001"), `line\nbreak 😀 \U000e0001`},
		{clip("abc", 2), "ab…"},
		{clip("abc", 3), "abc"},
		{join("quiz", "title"), "quiz.title"},
		{join("quiz", "a.b"), `quiz."a.b"`},
		{join("", "\x1b"), `"\u001b"`},
		{parentPath(`a."b.c[0]".d`), `a."b.c[0]"`},
		{parentPath(`a."b\"c".d[2]`), `a."b\"c".d`},
		{lastKey(`a."b.c"`), `"b.c"`},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s; want %s", tc.got, tc.want)
		}
	}
}

// TestReadLimited: the reader stops at MaxSize, whatever the stream's
// length, and says where it stopped.
func TestReadLimited(t *testing.T) {
	src, err := ReadLimited("ok.toml", strings.NewReader("[quiz]\n"))
	if err != nil || string(src) != "[quiz]\n" {
		t.Errorf("ReadLimited(7 bytes) = %q, %v", src, err)
	}
	src, err = ReadLimited("max.toml", strings.NewReader(strings.Repeat("\n", MaxSize)))
	if err != nil || len(src) != MaxSize {
		t.Errorf("ReadLimited(MaxSize bytes) = %d bytes, %v; want all of them", len(src), err)
	}
	// An endless stream (like /dev/zero) is read up to the limit only.
	endless := &counter{}
	_, err = ReadLimited("zero", endless)
	if want := "zero:1:1048577: the file is larger than 1 MiB"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("ReadLimited(endless) = %v; want %s…", err, want)
	}
	if endless.n > MaxSize+1<<16 {
		t.Errorf("ReadLimited read %d bytes of an endless stream; want MaxSize and a little", endless.n)
	}
	if _, err := ReadFile("testdata/no-such.toml"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v; want not exist", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, err := ReadFile("/dev/zero")
		if want := "/dev/zero:1:1048577: the file is larger than 1 MiB"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ReadFile(/dev/zero) = %v; want %s…", err, want)
		}
	}
}

// counter is an endless stream of zero bytes that counts what was read.
type counter struct{ n int }

func (c *counter) Read(p []byte) (int, error) {
	clear(p)
	c.n += len(p)
	return len(p), nil
}

var _ io.Reader = (*counter)(nil)

// BenchmarkHostile measures Parse on each hostile input: time and bytes
// allocated per input (the goal: well under a second and 100 MB), and the
// time as a ratio to parsing the default quiz in the same run (x-quiz).
// The inputs just under the limits are the costliest that reach the
// decoder.
//
//	go test ./app/quiz -run '^$' -bench Hostile -benchmem
func BenchmarkHostile(b *testing.B) {
	quiz, err := os.ReadFile("../../quiz.toml")
	if err != nil {
		b.Fatal(err)
	}
	// under is the most units, wrapped, that checkSource lets through.
	under := func(prefix, suffix string, unit func(i int) string) string {
		var units []string
		for n := 0; n < MaxSize; {
			units = append(units, unit(len(units)))
			n += len(units[len(units)-1])
		}
		ok := func(n int) bool {
			return checkSource("", []byte(prefix+strings.Join(units[:n], "")+suffix)) == nil
		}
		lo, hi := 0, len(units) // ok(lo), !ok(hi)
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; ok(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return prefix + strings.Join(units[:lo], "") + suffix
	}
	cases := append([]struct{ name, src, want string }{{"the default quiz (reference)", string(quiz), ""}}, hostile(b)...)
	cases = append(cases, []struct{ name, src, want string }{
		{"just under the limits: short keys", under("", "", func(i int) string { return fmt.Sprintf("k%d=1\n", i) }), ""},
		{"just under the limits: inline tables", under("a = [", "]", func(int) string { return "{b=1}," }), ""},
		{"just under the limits: tables", under("", "", func(i int) string { return fmt.Sprintf("[t%d]\n", i) }), ""},
		{"just under the limits: comments", under("", "", func(int) string { return "#\n" }), ""},
		{"just under the limits: keys of 10 parts", under("", "", func(i int) string { return fmt.Sprintf("a.a.a.a.a.a.a.a.a.k%d=1\n", i) }), ""},
		{"just under the limits: 1 MiB string", "s = \"" + strings.Repeat("x", MaxSize-10) + "\"", ""},
	}...)
	var ref float64 // ns per parse of the default quiz
	for _, tc := range cases {
		src := []byte(tc.src)
		b.Run(strings.ReplaceAll(tc.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Parse("q.toml", src)
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if ref == 0 || tc.src == string(quiz) {
				ref = ns
			}
			b.ReportMetric(ns/ref, "x-quiz")
		})
	}
}
