package quiz

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Every message the checker gives is written here, once per language:
// English for whoever reads the code, Japanese for the recruiters who edit
// the quiz (polite, in their words: 診断の設定ファイル, not "the TOML").
// A message is a fmt format; a Japanese one may take its arguments in
// another order with explicit indexes (%[2]q). TestCatalogue holds every
// key to both languages with the same arguments, and every key the code
// names to an entry here.

// Messages is a catalogue: key → {English, Japanese} format.
type Messages map[string][2]string

// Languages a catalogue speaks; the first is the fallback.
var messageLangs = [...]string{"en", "ja"}

// MessageLanguage is the catalogue language for a language tag or locale
// name: "ja" for ja, ja-JP, ja_JP.UTF-8 (any case), "en" for anything else.
func MessageLanguage(tag string) string {
	t := strings.ToLower(tag)
	if t == "ja" || strings.HasPrefix(t, "ja-") || strings.HasPrefix(t, "ja_") || strings.HasPrefix(t, "ja.") {
		return "ja"
	}
	return "en"
}

// Sprintf renders message key in lang (see MessageLanguage) with args.
// String arguments are shown safely: %q quotes and clips them, %s escapes
// control characters. A key the catalogue lacks is used as the format
// itself (a message not yet translated still reads in English).
func (c Messages) Sprintf(lang, key string, args ...any) string {
	return c.render(lang, key, args)
}

func (c Messages) render(lang, key string, args []any) string {
	format := key
	if e, ok := c[key]; ok {
		format = e[0]
		if MessageLanguage(lang) == "ja" {
			format = e[1]
		}
	}
	shownArgs := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case string:
			shownArgs[i] = shown(a)
		case msg:
			shownArgs[i] = rendered(a.in(lang))
		case msgList:
			shownArgs[i] = rendered(a.in(lang))
		default:
			shownArgs[i] = a
		}
	}
	return fmt.Sprintf(format, shownArgs...)
}

// Check reports every entry that lacks a language or whose languages take
// different arguments (TestCatalogue, and the checker's own catalogue).
func (c Messages) Check() []error {
	var errs []error
	for key, e := range c {
		switch en, ja := verbs(e[0]), verbs(e[1]); {
		case strings.TrimSpace(e[0]) == "" || strings.TrimSpace(e[1]) == "":
			errs = append(errs, fmt.Errorf("message %s: a language is missing: %q", key, e))
		case !slices.Equal(en, ja):
			errs = append(errs, fmt.Errorf("message %s: English takes %v, Japanese %v", key, en, ja))
		}
	}
	return errs
}

// verbs lists a format's placeholders as "argument:verb" (%[2]q is "2:q",
// the first %.1f "1:.1f"), sorted; %% is none.
func verbs(format string) []string {
	var out []string
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		n := next
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return append(out, "bad index")
			}
			n, _ = strconv.Atoi(format[i+1 : i+end])
			i += end + 1
		}
		start := i // flags, width and precision, then the verb
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i == len(format) || format[i] == '%' {
			continue
		}
		out = append(out, strconv.Itoa(n)+":"+format[start:i+1])
		next = n + 1
	}
	slices.Sort(out)
	return out
}

// msg is a message of the package's catalogue with its arguments, rendered
// in a language when asked: an argument may itself be a msg (a fragment
// such as a type's name), rendered in the same language.
type msg struct {
	key  string
	args []any
}

// msgOf makes a msg.
func msgOf(key string, args ...any) msg { return msg{key, args} }

// in renders the message in lang; the zero msg is "".
func (x msg) in(lang string) string {
	if x.key == "" {
		return ""
	}
	return catalogue.render(lang, x.key, x.args)
}

// msgList is a list of fragments, joined as the language joins a list.
type msgList []msg

func (l msgList) in(lang string) string {
	sep := ", "
	if MessageLanguage(lang) == "ja" {
		sep = "、"
	}
	parts := make([]string, len(l))
	for i, x := range l {
		parts[i] = x.in(lang)
	}
	return strings.Join(parts, sep)
}

// rendered is a fragment already rendered (and so already safe): printed
// as it is.
type rendered string

func (r rendered) Format(f fmt.State, verb rune) { io.WriteString(f, string(r)) }

// noun names a kind of thing of the format (noun.outcome …) in a message.
func noun(what string) msg { return msgOf("noun." + what) }

// catalogue holds the checker's messages.
var catalogue = Messages{
	// The file as a whole (input.go).
	"file.too-large": {
		"the file is larger than 1 MiB, the limit for a quiz file (the default quiz is about 40 KB): is it the right file?",
		"ファイルが 1 MiB を超えています（診断の設定ファイルの上限です。標準の設定ファイルは約 40 KB です）。開いたファイルが正しいか確かめてください"},
	"file.utf16": {
		"the file is saved as UTF-16: save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8)",
		"ファイルが UTF-16 で保存されています。文字コードをUTF-8にして保存してください（多くのエディタでは「名前を付けて保存」で文字コード「UTF-8」を選びます）"},
	"file.not-utf8": {
		"the file is not saved as UTF-8 (Shift_JIS or EUC-JP?) or holds garbled characters: save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8) and retype any garbled text",
		"文字コードがUTF-8ではありません（Shift_JIS や EUC-JP など）。文字コードをUTF-8にして保存してください（多くのエディタでは「名前を付けて保存」で文字コード「UTF-8」を選びます）。文字化けした部分があれば打ち直してください"},
	"file.bom": {
		"the file starts with a byte-order mark (BOM), which editors such as VS Code (Even Better TOML) refuse: save it as UTF-8 without BOM (in Notepad: Save As, Encoding: \"UTF-8\", not \"UTF-8 with BOM\")",
		"ファイルの先頭に BOM（目に見えない印）があります。VS Code（Even Better TOML）などのエディタではエラーになるため、BOM なしの UTF-8 で保存してください（メモ帳では「名前を付けて保存」で文字コード「UTF-8 (BOM 付き)」ではなく「UTF-8」を選びます）"},
	"source.too-many-tokens": {
		"the file has more than %d keys, values and comments, the limit for a quiz file (the default quiz has about 4,000): is it the right file?",
		"キー・値・コメントが %d 個を超えています（診断の設定ファイルの上限です。標準の設定ファイルは約 4,000 個です）。開いたファイルが正しいか確かめてください"},
	"source.key-parts": {
		"the key %q has more than %d parts separated by dots; a quiz's keys have 1 to 3, like ui.start.ja",
		"キー %q はドットで区切られた部分が %d 個を超えています。キーの部分は 1～3 個です（例: ui.start.ja）"},
	"source.header-parts": {
		"the table name %q has more than %d parts separated by dots; a quiz's table names have 1 or 2, like [[questions.options]]",
		"テーブル名 %q はドットで区切られた部分が %d 個を超えています。テーブル名の部分は 1～2 個です（例: [[questions.options]]）"},
	"source.key-long": {
		"the key %q is longer than %d bytes; a quiz's keys have 1 to 3, like ui.start.ja",
		"キー %q が %d バイトを超えています。キーの部分は 1～3 個です（例: ui.start.ja）"},
	"source.header-long": {
		"the table name %q is longer than %d bytes; a quiz's table names have 1 or 2, like [[questions.options]]",
		"テーブル名 %q が %d バイトを超えています。テーブル名の部分は 1～2 個です（例: [[questions.options]]）"},
	"source.nesting": {
		"values are nested more than %d levels deep",
		"[ ] や { } の入れ子が %d 段を超えています"},
	"source.bare-long": {
		"a value without quotes (%q) longer than %d characters: write a text in double quotes, \"like this\"",
		"引用符のない値（%q）が %d 文字を超えています。テキストは半角のダブルクォートで囲んでください（\"このように\"）"},

	// Japanese typists' mistakes and TOML 1.1-only syntax (typing.go).
	"typing.fullwidth-space": {
		"a full-width space (U+3000) outside quotes: TOML needs an ordinary space here (switch the input mode to half-width)",
		"全角スペースがあります。半角スペースにしてください（引用符の外では全角スペースは使えません）"},
	"typing.fullwidth-space-count": {
		"%d full-width spaces (U+3000) outside quotes, the first here: TOML needs ordinary spaces (switch the input mode to half-width)",
		"全角スペースが %d 個あります（最初の 1 つがこの位置です）。半角スペースにしてください（引用符の外では全角スペースは使えません）"},
	"typing.fullwidth": {
		"full-width characters %q outside quotes: keys, numbers and signs such as = are written in half-width, %q",
		"全角の文字 %q があります。キー・数字・= などの記号は半角で書いてください（%q）"},
	"typing.curly-quotes": {
		"the text starts with %s, which TOML does not read as a quote: put texts in straight double quotes, \"like this\"",
		"テキストが %s で囲まれています。TOML の引用符は半角のダブルクォートです。\"このように\" 囲んでください"},
	"typing.inline-newline": {
		"this { … } goes on past the end of the line: TOML 1.0 and editors such as VS Code (Even Better TOML) want an inline table on one line: join its lines, or write it as a [table] with one key a line",
		"この { … } が行をまたいでいます。VS Code（Even Better TOML）などのエディタでは { … } は 1 行に書く決まりです。1 行にまとめるか、[テーブル] の形で 1 行に 1 つずつキーを書いてください"},
	"typing.inline-trailing-comma": {
		"a comma before the closing } of an inline table: TOML 1.0 and editors such as VS Code (Even Better TOML) refuse it: remove the comma",
		"{ … } の最後の } の直前に , があります。VS Code（Even Better TOML）などのエディタではエラーになるため、この , を消してください"},

	// Syntax errors, as the TOML decoder finds them (parse.go: syntaxError).
	"syntax.expected-equals": {
		"syntax error: expected = after the key, but got %s (write key = value, one a line; a text in double quotes)%s",
		"キーの後に = がありません（%s があります）。「キー = 値」の形で 1 行に 1 つ書いてください（テキストは半角のダブルクォートで囲みます）%s"},
	"syntax.expected-value": {
		"syntax error: expected a value, but found %s (write a text in double quotes, \"like this\")%s",
		"= の後に値がありません（%s があります）。テキストは半角のダブルクォートで囲んでください（\"このように\"）%s"},
	"syntax.eof-value": {
		"syntax error: the file ends where a value should be%s",
		"値が書かれないままファイルが終わっています%s"},
	"syntax.string-open": {
		"syntax error: a text is not closed before the end of its line: add the closing \" (a text of several lines goes in \"\"\" … \"\"\")%s",
		"テキストが行の終わりまでに閉じられていません。閉じる \" を加えてください（複数行のテキストは \"\"\" で囲みます）%s"},
	"syntax.array-comma": {
		"syntax error: expected a comma or the closing ] of the list, but got %s%s",
		"リスト [ … ] の区切りの , か、閉じる ] がありません（%s があります）%s"},
	"syntax.table-comma": {
		"syntax error: expected a comma or the closing } of the inline table, but got %s%s",
		"{ … } の区切りの , か、閉じる } がありません（%s があります）%s"},
	"syntax.line-end": {
		"syntax error: expected the end of the line after the value, but got %s (one key = value a line)%s",
		"値の後に余分な %s があります。1 行に書けるのは「キー = 値」1 つです%s"},
	"syntax.key-twice": {
		"syntax error: the key %q is defined twice: write each key once%s",
		"キー %q が 2 回書かれています。キーは 1 回だけ書いてください%s"},
	"syntax.escape": {
		"syntax error: invalid escape %s in a text: write a backslash as \\\\%s",
		"テキストの中の %s は使えません。\\ そのものを書くときは \\\\ と 2 つ重ねてください%s"},
	"syntax.no-key": {
		"syntax error: no key before =%s",
		"= の前にキーがありません%s"},
	"syntax.control": {
		"syntax error: an invisible control character: delete it%s",
		"目に見えない制御文字があります。消してください%s"},
	"syntax.other": {
		"syntax error: %s%s",
		"TOML の書き方に誤りがあります（%s）%s"},
	"syntax.hint-quotes": {
		" (line %d has an odd number of \" marks: one is probably missing)",
		"（%d 行目の \" の数が奇数です。どこかで 1 つ抜けているようです）"},
	"syntax.eof":     {"the end of the file", "ファイルの終わり"},
	"syntax.newline": {"the end of the line", "行の終わり"},

	// Not a quiz (parse.go).
	"quiz.empty-file": {
		"not a quiz: the file has no keys; a quiz needs a [quiz] table (id, locales, title, intro), at least two [[outcomes]] and one [[questions]] (see docs/FORMAT.md)",
		"診断の設定ファイルではありません: キーが 1 つもありません。[quiz] テーブル（id・locales・title・intro）と、2 つ以上の [[outcomes]]、1 つ以上の [[questions]] が必要です（docs/FORMAT.ja.md を参照）"},
	"quiz.not-a-quiz": {
		"not a quiz: the file has none of a quiz's tables; a quiz needs a [quiz] table (id, locales, title, intro), at least two [[outcomes]] and one [[questions]] (see docs/FORMAT.md)",
		"診断の設定ファイルではありません: 診断のテーブルが 1 つもありません。[quiz] テーブル（id・locales・title・intro）と、2 つ以上の [[outcomes]]、1 つ以上の [[questions]] が必要です（docs/FORMAT.ja.md を参照）"},
	"quiz.missing": {
		"missing [quiz] table (id, locales, title, intro)",
		"[quiz] テーブルがありません（id・locales・title・intro を書きます）"},
	"more-problems": {
		"%d more problems not listed (only the first %d are): fix these, then check again",
		"ほかに %d 件の問題があります（表示は最初の %d 件までです）。これらを直してから、もう一度チェックしてください"},
	"more-problems-one": {
		"1 more problem not listed (only the first %d are): fix these, then check again",
		"ほかに 1 件の問題があります（表示は最初の %d 件までです）。これらを直してから、もう一度チェックしてください"},

	// Keys and values (read.go).
	"type.want-table": {
		"want a table, got %s",
		"ここにはテーブル（[…] の見出しか { … }）を書きます。%s が書かれています"},
	"key.unknown": {
		"unknown key %q (known keys: %s)",
		"キー %q は使えません（使えるキー: %s）"},
	"key.unknown-required": {
		"unknown key %q (did you mean %q? %s is required)",
		"キー %q は使えません。%q のことですか？（%s は省略できません）"},
	"key.unknown-suggest": {
		"unknown key %q (did you mean %q?)",
		"キー %q は使えません。%q のことですか？"},
	"key.missing": {
		"missing (required): add %s",
		"必須のキーがありません。%s を加えてください"},
	"how.kind": {
		"kind = %q (single, multi or scale)",
		"kind = %q（single・multi・scale のどれか）"},
	"how.id": {
		"%s = \"…\" (an id: lowercase letters, digits, - and _)",
		"%s = \"…\"（ID は半角の英小文字・数字・- と _ で書きます）"},
	"how.integer": {
		"%s = %d (a whole number from %d to %d)",
		"%s = %d（%d～%d の整数）"},
	"how.scale-adds": {
		"%s = { %s = 2 } (a scale question's points at \"strongly agree\")",
		"%s = { %s = 2 }（スケール質問で「とてもそう思う」のときの点数）"},
	"how.golden-answers": {
		"answers = { %s = …, … } (every question the case is shown)",
		"answers = { %s = …, … }（このケースに表示される質問すべての回答）"},
	"how.logo-alt": {
		"logo_alt = %s (the logo's text for screen readers, e.g. your company's name)",
		"logo_alt = %s（画面の読み上げ用のロゴの説明。会社名など）"},
	"type.want-string": {
		"want a string, got %s",
		"ここには文字列（\"…\"）を書きます。%s が書かれています"},
	"text.too-long": {
		"text is %d bytes long; the limit is %d",
		"テキストが長すぎます（%d バイト。上限は %d バイトです）"},
	"id.empty": {"empty id", "ID が空です"},
	"id.invalid": {
		"invalid id %q: use lowercase letters, digits, - and _, starting with a letter (e.g. %q)",
		"ID %q は使えません。半角の英小文字・数字・- と _ で、英字から始めてください（例: %q）"},
	"int.quoted": {
		"want a whole number, got the string %q: remove the quotes (%s = %d)",
		"ここには整数を書きます。文字列 %q になっているので、引用符を外してください（%s = %d）"},
	"int.want": {
		"want a whole number, got %s",
		"ここには整数を書きます。%s が書かれています"},
	"int.range": {
		"%d is out of range (want %d to %d)",
		"%d は範囲外です（%d～%d にしてください）"},
	"url.invalid": {
		"invalid link %q: want an https:// or mailto: address",
		"リンク %q は使えません。https:// か mailto: で始まるアドレスにしてください"},
	"text.empty": {"empty text", "テキストが空です"},
	"text.plain": {
		"want a translated text like { %s = %q, … }, got a plain string",
		"言語ごとのテキストを { %s = %q, … } の形で書いてください（言語の指定のない文字列になっています）"},
	"text.want": {
		"want a translated text like { %s = \"…\" }, got %s",
		"ここには言語ごとのテキストを { %s = \"…\" } の形で書きます。%s が書かれています"},
	"lang.unknown-suggest": {
		"unknown language %q (did you mean %q?)",
		"言語 %q は使えません。%q のことですか？"},
	"lang.unknown": {
		"unknown language %q (the quiz declares %s in quiz.locales)",
		"言語 %q は quiz.locales にありません（書かれている言語: %s）"},
	"text.missing-translation": {
		"missing translation %q: add %s = \"…\" inside the { }",
		"%q の翻訳がありません。{ } の中に %s = \"…\" を加えてください"},
	"list.want-texts": {
		"want a list of texts [ %s, … ], got %s",
		"ここにはテキストのリスト [ %s, … ] を書きます。%s が書かれています"},
	"list.too-many": {
		"%d items; the limit is %d",
		"項目が %d 個あります。上限は %d 個です"},
	"list.empty": {
		"empty list: give at least one",
		"リストが空です。1 つ以上書いてください"},
	"list.want-strings-got-string": {
		"want a list of strings, got the string %q: write it in brackets, %s = [%q]",
		"ここには文字列のリストを書きます。文字列 %q になっているので、[ ] で囲んでください（%s = [%q]）"},
	"list.want-strings": {
		"want a list of strings, got %s",
		"ここには文字列のリストを書きます。%s が書かれています"},
	"list.want-tables": {
		"want a list of tables ([[%s]]), got %s",
		"ここには [[%s]] のテーブルを書きます。%s が書かれています"},
	"list.too-many-entries": {
		"%d entries; the limit is %d",
		"%d 個あります。上限は %d 個です"},

	// The names of types, in "got …".
	"type.string":  {"the string %s", "文字列 %s"},
	"type.number":  {"the number %s", "数値 %s"},
	"type.bool":    {"%s", "%s（true か false）"},
	"type.table":   {"a table", "テーブル"},
	"type.list":    {"a list", "リスト"},
	"type.nothing": {"nothing", "空の値"},
	"type.date":    {"a date or time", "日付や時刻"},

	// The kinds of things ids name.
	"noun.dimension":            {"dimension", "評価軸"},
	"noun.outcome":              {"outcome", "キャリアパス"},
	"noun.dimension or outcome": {"dimension or outcome", "評価軸・キャリアパス"},
	"noun.question":             {"question", "質問"},
	"noun.source":               {"source", "出典"},
	"noun.section":              {"section", "セクション"},
	"noun.band":                 {"band", "判定"},
	"noun.certification":        {"certification", "資格"},
	"noun.benefit":              {"benefit", "メリット"},
	"noun.concern":              {"concern", "よくある不安"},
	"noun.single":               {"single", "単一選択（single）"},
	"noun.multi":                {"multi", "複数選択（multi）"},
	"noun.scale":                {"scale", "スケール（scale）"},

	// Ids and references (parse.go).
	"id.duplicate": {
		"duplicate %s id %q%s: give each %s its own id",
		"%sの ID %q が重複しています%s。%s ごとに別の ID にしてください"},
	"id.outcome-is-dimension": {
		"%s id %q is already a dimension id%s (dimensions and outcomes share one set of ids): rename one of them",
		"%sの ID %q は評価軸の ID と同じです%s（評価軸とキャリアパスの ID は共通です）。どちらかの ID を変えてください"},
	"used-at": {
		" (line %d already uses it)",
		"（%d 行目ですでに使われています）"},
	"ref.unknown-suggest": {
		"unknown %s %q (did you mean %q?)",
		"%s %q はありません。%q のことですか？"},
	"ref.unknown-known": {
		"unknown %s %q (known: %s)",
		"%s %q はありません（あるもの: %s）"},
	"ref.unknown": {
		"unknown %s %q",
		"%s %q はありません"},
	"outcomes.too-few": {
		"a quiz needs at least 2 outcomes ([[outcomes]]), found %d",
		"キャリアパス（[[outcomes]]）は 2 つ以上必要です（いまは %d 個）"},
	"questions.none": {
		"a quiz needs at least one question ([[questions]])",
		"質問（[[questions]]）が 1 つもありません。1 つ以上書いてください"},
	"locales.missing": {
		"missing: list the languages, default first, e.g. locales = [\"ja\", \"en\"]",
		"言語の指定がありません。使う言語を、既定の言語を先頭にして書いてください（例: locales = [\"ja\", \"en\"]）"},
	"locales.empty": {
		"empty list: give at least one language, e.g. [\"ja\"]",
		"リストが空です。言語を 1 つ以上書いてください（例: [\"ja\"]）"},
	"locales.invalid": {
		"invalid language code %q (want e.g. \"ja\", \"en\", \"pt-BR\")",
		"言語コード %q は使えません（例: \"ja\"、\"en\"、\"pt-BR\"）"},
	"locales.twice": {
		"language %q listed twice",
		"言語 %q が 2 回書かれています"},
	"ui.no-defaults": {
		"the quiz has no built-in screen texts in %q (buttons, notices): add a [ui] table giving each of its %d keys a %s text (see docs/FORMAT.md)",
		"%q の画面の組み込みテキスト（ボタンやお知らせ）はありません。[ui] テーブルを加えて、%d 個のキーすべてに %s のテキストを書いてください（docs/FORMAT.ja.md の「言語を加える」を参照）"},
	"ui.missing-translation": {
		"missing translation %q (no built-in text for that language)",
		"%q の翻訳がありません（この言語の組み込みテキストはありません）"},
	"fit.zero": {
		"give at least one dimension a positive weight",
		"少なくとも 1 つの評価軸に 1 以上の重みをつけてください"},
	"bands.first-min": {
		"the first band must start at min = 0 (it is %d), so every score has a band",
		"最初の判定は min = 0 から始めてください（いまは %d）。どの点数もいずれかの判定に入るようにするためです"},
	"bands.order": {
		"thresholds out of order: min = %d must be greater than the previous band's %d (list bands from lowest to highest)",
		"判定の順番が正しくありません。min = %d は前の判定の %d より大きくしてください（判定は低い順に並べます）"},
	"bands.no-dimensions": {
		"bands need [[dimensions]]: the fit score is made from dimension scores",
		"判定（[[bands]]）には評価軸（[[dimensions]]）が必要です。適性スコアは評価軸の点数から計算します"},

	// Questions, options, points and conditions (parse.go).
	"question.duplicate": {
		"duplicate question id %q%s: give each question its own id",
		"質問の ID %q が重複しています%s。質問ごとに別の ID にしてください"},
	"kind.unknown-suggest": {
		"unknown kind %q (did you mean %q? want single, multi, scale)",
		"kind %q は使えません。%q のことですか？（single・multi・scale のどれかです）"},
	"kind.unknown": {
		"unknown kind %q (want single, multi, scale)",
		"kind %q は使えません（single・multi・scale のどれかです）"},
	"scale.no-key": {
		"a scale question has no %s (its answers are the points 1 to 5)",
		"スケール質問（kind = \"scale\"）には %s を書きません（回答は 1～5 の点です）"},
	"adds.only-scale": {
		"only scale questions have adds; put adds on each option",
		"質問に直接 adds を書けるのはスケール質問だけです。選択肢ごとに adds を書いてください"},
	"options.too-few": {
		"a %s question needs at least 2 options ([[questions.options]]), found %d",
		"%sの質問には選択肢（[[questions.options]]）が 2 つ以上必要です（いまは %d 個）"},
	"option.duplicate": {
		"duplicate option id %q in question %q%s: give each option of a question its own id",
		"質問 %[2]q の選択肢の ID %[1]q が重複しています%[3]s。1 つの質問の中では、選択肢ごとに別の ID にしてください"},
	"exclusive.not-multi": {
		"only a multi question's option can be exclusive: a %s question's answer is one option already (remove exclusive)",
		"exclusive を書けるのは複数選択の質問の選択肢だけです。%sの質問の回答は、もともと選択肢 1 つです（exclusive を消してください）"},
	"exclusive.want-bool": {
		"want true or false (without quotes), got %s",
		"ここには true か false を引用符なしで書きます。%s が書かれています"},
	"max.too-big": {
		"max = %d but the question has only %d options",
		"max = %d ですが、この質問の選択肢は %d 個しかありません"},
	"max.only-multi": {
		"only multi questions have max",
		"max を書けるのは複数選択の質問（kind = \"multi\"）だけです"},
	"adds.want-table": {
		"want points like { %s = 2 }, got %s",
		"ここには点数を { %s = 2 } の形で書きます。%s が書かれています"},
	"cond.want-list": {
		"want a list of conditions like [ { question = \"…\", any = [\"…\"] } ], got %s",
		"ここには条件のリストを [ { question = \"…\", any = [\"…\"] } ] の形で書きます。%s が書かれています"},
	"cond.too-many": {
		"%d conditions; the limit is %d",
		"条件が %d 個あります。上限は %d 個です"},
	"cond.forms": {
		"a condition has exactly one of question, dimension, outcome or band (found %d)",
		"1 つの条件には question・dimension・outcome・band のどれか 1 つだけを書きます（いまは %d 個）"},
	"cond.show-if-question": {
		"show_if can only test answers to earlier questions: { question = \"…\", any = [\"…\"] }",
		"show_if で確かめられるのは、前の質問への回答だけです: { question = \"…\", any = [\"…\"] }"},
	"cond.any-missing": {
		"missing: list the answers that make the condition hold, e.g. any = [\"yes\"]",
		"any がありません。条件を満たす回答を並べてください（例: any = [\"yes\"]）"},
	"cond.any-empty": {
		"empty list: the condition could never hold",
		"リストが空です。これでは条件が満たされることはありません"},
	"cond.self": {
		"condition on question %q itself, which can never hold before it is answered: show_if can only test earlier questions",
		"質問 %q 自身を条件にしています。回答する前に満たされることはないため、show_if では前の質問だけを確かめられます"},
	"cond.later": {
		"condition on question %q, which comes later: show_if can only test earlier questions",
		"質問 %q はこの質問より後にあります。show_if で確かめられるのは前の質問だけです"},
	"cond.no-answer": {
		"question %q has no answer %q (%s)",
		"質問 %q には回答 %q がありません（%s）"},
	"cond.unmeasured": {
		"no question measures dimension %q, so this condition can never hold: add %s to some answer's adds, or test something else",
		"評価軸 %q に点数をつける質問がないため、この条件は満たされません。どこかの回答の adds に %s を加えるか、別の条件にしてください"},
	"answers.scale": {
		"a scale question's answers are \"1\" to \"5\"",
		"スケール質問の回答は \"1\"～\"5\" です"},
	"answers.options": {
		"its options: %s",
		"選択肢: %s"},

	// Golden cases (parse.go, check.go).
	"golden.single-want-string": {
		"question %q is single choice: want one option id as a string, got %s",
		"質問 %q は単一選択です。選択肢の ID を 1 つ、文字列で書いてください（%s が書かれています）"},
	"golden.no-option": {
		"question %q has no option %q (%s)",
		"質問 %q には選択肢 %q がありません（%s）"},
	"golden.multi-want-list": {
		"question %q is multiple choice: want a list of option ids, got %s",
		"質問 %q は複数選択です。選択肢の ID をリストで書いてください（%s が書かれています）"},
	"golden.want-option-string": {
		"want an option id as a string, got %s",
		"選択肢の ID を文字列で書いてください（%s が書かれています）"},
	"golden.chosen-twice": {
		"option %q chosen twice",
		"選択肢 %q を 2 回選んでいます"},
	"golden.too-many-choices": {
		"question %q allows at most %d choices, got %d",
		"質問 %q で選べるのは %d 個までです（いまは %d 個）"},
	"golden.exclusive": {
		"question %q: option %q is exclusive (ticking it clears the others), so it cannot be chosen with other options",
		"質問 %q: 選択肢 %q はそれだけを選ぶ選択肢（exclusive）なので、ほかの選択肢と一緒には選べません"},
	"golden.unanswered-one": {
		"golden case %q does not answer question %q, which its answers show (a question added since?): add its answer to the case, e.g. %s",
		"見本ケース %q に、表示される質問 %q の回答がありません（あとから加えた質問ですか？）。このケースの answers に回答を加えてください（例: %s）"},
	"golden.unanswered-many": {
		"golden case %q does not answer %d questions its answers show (%s; questions added since?): add their answers to the case, e.g. %s",
		"見本ケース %q に、表示される %d 個の質問（%s）の回答がありません（あとから加えた質問ですか？）。このケースの answers に回答を加えてください（例: %s）"},
	"golden.hidden-answer": {
		"golden case %q answers question %q, which its earlier answers hide (show_if): remove that answer",
		"見本ケース %q は質問 %q に回答していますが、それより前の回答でこの質問は表示されません（show_if）。この回答を消してください"},
	"golden.wrong-path": {
		"golden case %q gives path %q (%s), want %q: change the points, or set expect_path = %q if that result is right",
		"見本ケース %q の結果は %q です（%s）が、期待されているのは %q です。点数を見直すか、この結果が正しければ expect_path = %q にしてください"},
	"golden.no-band": {
		"golden case %q gives no band (fit %d), want %q: change the points, the [fit] weights or the bands' min",
		"見本ケース %q はどの判定にも入りません（適性スコア %d）が、期待されているのは %q です。点数、[fit] の重み、判定の min を見直してください"},
	"golden.wrong-band": {
		"golden case %q gives band %q (fit %d), want %q: change the points, the [fit] weights or the bands' min, or set expect_band = %q if that result is right",
		"見本ケース %q の判定は %q です（適性スコア %d）が、期待されているのは %q です。点数、[fit] の重み、判定の min を見直すか、この結果が正しければ expect_band = %q にしてください"},
	"outcome.never-points": {
		"outcome %q can never be the result: no answer adds points to it (add it to some option's adds)",
		"キャリアパス %q はどの回答からも点数が入らないため、結果になることがありません（どこかの選択肢の adds に加えてください）"},
	"outcome.never-points-profile": {
		"outcome %q can never be the result: no answer adds points to it, and its profile weighs no trait an answer adds to (add it to some option's adds, or fix its profile)",
		"キャリアパス %q はどの回答からも点数が入らず、プロフィール（profile）もどの回答にも関わらない観点だけを重視しているため、結果になることがありません（どこかの選択肢の adds に加えるか、profile を見直してください）"},
	"outcome.never-wins": {
		"outcome %q was never the result in %d answer sets tried: at best it scores %d against %q's %d; give it more points or other outcomes fewer",
		"キャリアパス %q は、試した %d 通りの回答で一度も結果になりませんでした（最高で %d 点、そのとき %q は %d 点）。点数を増やすか、ほかのキャリアパスの点数を減らしてください"},
	"outcome.never-wins-profile": {
		"outcome %q was never the result in %d answer sets tried: at best it scores %d against %q's %d; give it more points in answers' adds or other outcomes fewer, or make its profile weigh traits the other profiles weigh less",
		"キャリアパス %q は、試した %d 通りの回答で一度も結果になりませんでした（最高で %d 点、そのとき %q は %d 点）。選択肢の adds でこのキャリアパスの点数を増やすか、ほかのキャリアパスの点数を減らすか、ほかのキャリアパスがあまり重視しない観点を profile で重視してください"},

	// Profiles, the match and the levels (match.go).
	"profile.zero": {
		"give at least one dimension a positive weight, e.g. profile = { %s = 2 }",
		"少なくとも 1 つの観点に正の重みをつけてください（例：profile = { %s = 2 }）"},
	"profile.missing": {
		"outcome %q has no profile while other outcomes have one: add profile = { … } (the traits the path calls for), so that every path is matched the same way",
		"ほかのキャリアパスには profile があるのに、キャリアパス %q にはありません。profile = { … }（そのキャリアパスに求められる観点）を加えて、どのキャリアパスも同じやり方で比べられるようにしてください"},
	"match.both-zero": {
		"profile and wishes are both 0, so no path could ever match: give one of them a positive weight",
		"profile と wishes がどちらも 0 のため、どのキャリアパスも合うことがありません。どちらかに正の重みをつけてください"},
	"match.wishes-zero": {
		"wishes = 0, and no outcome has a profile: every path would score 0; raise wishes, or give the outcomes profiles",
		"wishes = 0 で、どのキャリアパスにも profile がないため、すべてのキャリアパスが 0 点になります。wishes を上げるか、キャリアパスに profile を加えてください"},
	"levels.order": {
		"high = %d must be greater than middle = %d (a score turns middle first, then high)",
		"high = %d は middle = %d より大きくしてください（スコアはまず middle、次に high になります）"},

	// The brand (theme.go).
	"theme.logo-invalid": {
		"invalid logo %q: want a file in the site's web directory, e.g. \"/web/logo.svg\" (.svg, .png, .jpg, .jpeg, .webp or .gif; letters, digits, -, _ and . only; images from other sites are blocked by the page's security policy)",
		"ロゴ %q は使えません。サイトの web フォルダに置いたファイルを \"/web/logo.svg\" のように書いてください（.svg・.png・.jpg・.jpeg・.webp・.gif。使える文字は半角の英数字と - _ . だけです。ほかのサイトの画像はページのセキュリティ設定で表示できません）"},
	"theme.logo-missing": {
		"the logo %q is not in the web directory %s: put the file there, or correct the path",
		"ロゴのファイル %q が web フォルダ（%s）にありません。ファイルを置くか、パスを直してください"},
	"theme.logo-alt-alone": {
		"logo_alt without a logo: add logo = \"/web/logo.svg\" or remove logo_alt",
		"logo がないのに logo_alt があります。logo = \"/web/logo.svg\" を加えるか、logo_alt を消してください"},
	"theme.color-invalid": {
		"invalid colour %q: want # and 6 hex digits, e.g. \"#0f5e6e\"",
		"色 %q は使えません。# と 16 進数 6 桁で書いてください（例: \"#0f5e6e\"）"},
	"theme.contrast-darker": {
		"%s has too little contrast: %s; the minimum is 4.5:1 (WCAG 2.2 AA): choose a darker colour",
		"%s ではコントラストが足りません（%s）。4.5:1 以上が必要です（WCAG 2.2 AA）。もっと濃い色にしてください"},
	"theme.contrast-lighter": {
		"%s has too little contrast: %s; the minimum is 4.5:1 (WCAG 2.2 AA): choose a lighter colour",
		"%s ではコントラストが足りません（%s）。4.5:1 以上が必要です（WCAG 2.2 AA）。もっと明るい色にしてください"},
	"theme.against": {"%s against %s", "%[2]s に対して %[1]s"},
	"surface.button-text": {
		"the white text of buttons", "ボタンの白い文字"},
	"surface.page": {
		"the page background #f6f8f9 (links)", "ページの背景 #f6f8f9（リンク）"},
	"surface.dark-button-text": {
		"the dark text of buttons #0b1418", "ボタンの暗い文字 #0b1418"},
	"surface.dark-page": {
		"the dark page background #11181c", "ダークテーマのページ背景 #11181c"},
	"surface.dark-cards": {
		"the dark cards #1a2329", "ダークテーマのカード #1a2329"},
	"surface.tint": {
		"its tint %s (badges)", "その淡い色 %s（バッジ）"},

	// Keys defined twice (positions.go).
	"redef.dotted-table": {
		"line %d already made this table with dotted keys (%s.… = …): write its keys in one place",
		"%d 行目で、このテーブルはドット付きのキー（%s.… = …）ですでに作られています。キーは 1 か所にまとめて書いてください"},
	"redef.table": {
		"already defined on line %d: write each table once",
		"%d 行目ですでに書かれています。テーブルは 1 回だけ書いてください"},
	"redef.aot": {
		"%s is a list of tables ([[%s]] on line %d): add keys under its [[%s]] header instead",
		"%[1]s はテーブルのリストです（%[3]d 行目の [[%[2]s]]）。キーは [[%[4]s]] の見出しの下に書いてください"},
	"redef.whole": {
		"%s is written whole on line %d (%s = …): add to it there, inside its { } or [ ]",
		"%s は %d 行目でまとめて書かれています（%s = …）。そこの { } や [ ] の中に加えてください"},
	"redef.has-header": {
		"%s has its own [%s] section (line %d): write this key under that header",
		"%s には [%s] の見出しがあります（%d 行目）。このキーはその見出しの下に書いてください"},
	"redef.value-table": {
		"already a table (line %d): a key holds a value or a table, not both",
		"%d 行目ですでにテーブルになっています。1 つのキーには値かテーブルのどちらかしか書けません"},
	"redef.key": {
		"already defined on line %d: write each key once",
		"%d 行目ですでに書かれています。キーは 1 回だけ書いてください"},

	// The analysis's flags (analyze_report.go).
	"flag.unmeasured-dimension": {
		"dimension %q: no question measures it: add it to some answer's adds, or remove it",
		"評価軸 %q に点数をつける質問がありません。どこかの回答の adds に加えるか、この評価軸を消してください"},
	"flag.never-scored-dimension": {
		"dimension %q scores 0 in %s: give it positive points somewhere",
		"評価軸 %q は%sのどれでも 0 点です。どこかでプラスの点数をつけてください"},
	"flag.unmeasured-outcome": {
		"outcome %q: no answer adds points to it",
		"キャリアパス %q に点数をつける回答がありません"},
	"flag.never-scored-outcome": {
		"outcome %q scores 0 in %s: give it positive points somewhere",
		"キャリアパス %q は%sのどれでも 0 点です。どこかでプラスの点数をつけてください"},
	"flag.unreachable": {
		"outcome %q is never the top path in %s: give it more points, or other outcomes fewer",
		"キャリアパス %q は%sのどれでも 1 位になりません。点数を増やすか、ほかのキャリアパスの点数を減らしてください"},
	"flag.unreachable-profile": {
		"outcome %q is never the top path in %s: give it more points in answers' adds (or other outcomes fewer), or make its profile weigh traits the other profiles weigh less",
		"キャリアパス %q は%sのどれでも 1 位になりません。選択肢の adds でこのキャリアパスの点数を増やす（またはほかを減らす）か、ほかのキャリアパスがあまり重視しない観点を profile で重視してください"},
	"flag.dominant": {
		"outcome %q is the top path in %.1f %% of answer sets (more than half): give it fewer points, or other outcomes more (every path's points count on one scale)",
		"キャリアパス %q が回答のパターンの %.1f％ で 1 位になります（半分を超えています）。このキャリアパスの点数を減らすか、ほかのキャリアパスの点数を増やしてください（どのキャリアパスの点数も同じ尺度で数えます）"},
	"flag.dominant-profile": {
		"outcome %q is the top path in %.1f %% of answer sets (more than half): give it fewer points in answers' adds (or other outcomes more), or make its profile less like the others' (raising all its weights together changes nothing)",
		"キャリアパス %q が回答のパターンの %.1f％ で 1 位になります（半分を超えています）。選択肢の adds でこのキャリアパスの点数を減らす（またはほかを増やす）か、profile をほかのキャリアパスと違う形にしてください（profile の重みを全部そろえて上げても結果は変わりません）"},
	"flag.band-unreached": {
		"band %q is reached in none of %s: lower its min, or raise the points of the dimensions in [fit]",
		"判定 %q には%sのどれも入りません。min を下げるか、[fit] の評価軸の点数を上げてください"},
	"in.any-all": {"any of the %d answer sets", "全 %d 通りの回答"},
	"in.all":     {"the %d answer sets", "全 %d 通りの回答"},
	"in.sampled": {"%d sampled answer sets", "無作為に選んだ %d 通りの回答"},
}
