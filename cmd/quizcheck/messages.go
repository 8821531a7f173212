package main

import (
	"strings"

	"pmoquiz/app/quiz"
)

// The checker's own words (the quiz's problems and the analysis's flags
// come from package quiz's catalogue), in English and Japanese, with the
// same arguments (TestMessages).
var words = quiz.Messages{
	// check
	"ok":                {"%s: ok: %s", "%s: 問題はありません（%s）"},
	"summary":           {"%s, %s, %s in %s", "質問 %s、キャリアパス %s、評価軸 %s、%s"},
	"golden-one":        {"; its golden case passes", "。見本ケースも合格です"},
	"golden-all":        {"; all %d golden cases pass", "。見本ケース %d 件はすべて合格です"},
	"problems":          {"%s: %s", "%s: 問題が %sあります"},
	"outcome-name":      {"%s (%s)", "%s（%s）"},
	"cannot-read":       {"quizcheck: cannot read %s: %s", "quizcheck: %s を読めません（%s）"},
	"no-such-file":      {"quizcheck: %s: no such file", "quizcheck: ファイル %s が見つかりません"},
	"n.question.one":    {"1 question", "1 問"},
	"n.question":        {"%d questions", "%d 問"},
	"n.outcome.one":     {"1 outcome", "1 個"},
	"n.outcome":         {"%d outcomes", "%d 個"},
	"n.dimension.one":   {"1 dimension", "1 個"},
	"n.dimension":       {"%d dimensions", "%d 個"},
	"n.language.one":    {"1 language", "1 言語"},
	"n.language":        {"%d languages", "%d 言語"},
	"n.problem.one":     {"1 problem", "1 件"},
	"n.problem":         {"%d problems", "%d 件"},
	"web-missing":       {"quizcheck: -web %s: no such directory", "quizcheck: -web %s: フォルダが見つかりません"},
	"lang-invalid":      {"quizcheck: -lang %s: want ja or en", "quizcheck: -lang %s: ja か en を指定してください"},
	"analyze-not-run":   {"quizcheck: %s: %s", "quizcheck: %s: 分析できません（%s）"},
	"analyze.space-all": {"%s: %s possible answer sets, all scored", "%s: 回答のパターンは全部で %s 通りです。すべて採点しました"},
	"analyze.space-sample": {
		"%s: %s possible answer sets; scored a random sample of %s (seed %d)",
		"%s: 回答のパターンは全部で %s 通りです。そのうち無作為に選んだ %s 通りを採点しました（シード %d）"},
	"analyze.more-than":  {"more than %s", "%s 以上"},
	"col.outcome":        {"outcome", "キャリアパス"},
	"col.top":            {"top path", "1 位"},
	"col.runner-up":      {"runner-up", "2 位"},
	"col.max-match":      {"max match", "最高マッチ度"},
	"col.wish-led":       {"led by wishes", "志向で決まった"},
	"col.band":           {"fit band", "判定"},
	"col.min":            {"min", "min"},
	"col.share":          {"share", "割合"},
	"col.dimension":      {"dimension", "評価軸"},
	"col.lowest":         {"lowest", "最低点"},
	"col.highest":        {"highest", "最高点"},
	"analyze.fit":        {"fit score: lowest %d, median %d, highest %d, mean %.1f", "適性スコア: 最低 %d、中央値 %d、最高 %d、平均 %.1f"},
	"analyze.ties":       {"ties: %s answer sets (%s) end with the top two paths level; the declared order decides", "同点: %s 通り（%s）で上位 2 つのキャリアパスが同点になり、書かれている順で決まります"},
	"analyze.close":      {"close: %s answer sets (%s) end with the top path less than %d points ahead ([match] close; ties included): the result says the top two fit about equally", "僅差: %s 通り（%s）で 1 位と 2 位の差が %d 点未満です（[match] close。同点を含む）。結果では上位 2 つが同じくらい合うと伝えます"},
	"analyze.most":       {"most common result: of all the ways a visitor could answer, %s end on %s", "いちばん多い結果: 回答のパターンのうち %s が %s になります"},
	"analyze.flags-none": {"flags: none", "指摘: なし"},
	"analyze.flags":      {"flags: %d", "指摘: %d 件"},
	"percent":            {"%.1f %%", "%.1f％"},
}

// say renders a message of words in lang.
func say(lang, key string, args ...any) string { return words.Sprintf(lang, key, args...) }

// count is n things in lang: "1 question", "3 questions", "3 問".
func countOf(lang string, n int, what string) string {
	if n == 1 {
		return say(lang, "n."+what+".one")
	}
	return say(lang, "n."+what, n)
}

// language is the language of the checker's messages: -lang when given,
// else the locale (LC_ALL, LC_MESSAGES, then LANG, as POSIX orders them):
// "ja" for a Japanese one, else "en".
func language(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			return quiz.MessageLanguage(strings.TrimSpace(s))
		}
	}
	return "en"
}
