package quiz

// The format's description in Japanese, for the recruiters who edit the
// quiz: what an editor shows on hover (quiz.schema.json puts it before
// the English) and what docs/FORMAT.ja.md says. Keys are "#table" for a
// table's description, "table.key" for a key's, and "table.key default"
// for what an absent key means. TestSpecJapanese holds it to FormatSpec:
// a key added there without its Japanese here fails.

// withJapanese fills the Japanese descriptions of the format's tables.
func withJapanese(tables []Table) []Table {
	ja := specJa()
	for i := range tables {
		t := &tables[i]
		t.DocJa = ja["#"+t.Name]
		for j := range t.Keys {
			k := &t.Keys[j]
			if t.Name == "ui" {
				def := uiDefaults[k.Name]["ja"]
				k.DocJa = "組み込みのテキスト「" + def + "」を置き換えます。"
				k.DefaultJa = "「" + def + "」（組み込み）"
				continue
			}
			k.DocJa = ja[t.Name+"."+k.Name]
			if k.Default != "" {
				k.DefaultJa = ja[t.Name+"."+k.Name+" default"]
			}
		}
	}
	return tables
}

func specJa() map[string]string {
	const (
		none       = "なし"
		sourceDoc  = "この文章の数字の出典となる [[sources]] の id。"
		alwaysShow = "常に表示"
	)
	return map[string]string{
		"#":                       "キャリア診断: 質問への回答が、評価軸（dimensions: 点数をつける特性）とキャリアパス（outcomes）に点数を加えます。",
		".quiz":                   "診断の名前、言語、最初の画面。",
		".ui":                     "ウィジェットに組み込まれたボタンやラベルのテキストを置き換えます。ja と en 以外の言語の診断では、すべてのキーを書く必要があります。",
		".ui default":             "組み込みのテキスト",
		".dimensions":             "回答で点数をつける特性（評価軸）。それぞれ 0～100 点です。",
		".dimensions default":     "なし（適性スコアなし）",
		".fit":                    "評価軸の点数から適性スコアを計算する方法。",
		".fit default":            "どの評価軸も重み 1",
		".match":                  "キャリアパスのマッチ度が、訪問者の特性（キャリアパスの profile）と、回答がキャリアパスに直接加える点数（志向: wishes）をどう混ぜるか。",
		".match default":          "profile = 2, wishes = 1, close = 6",
		".levels":                 "点数が低いから中くらい、中くらいから高いに変わる境目。強みを言う文章はこれで選びます。",
		".levels default":         "middle = 40, high = 65",
		".bands":                  "適性スコアの範囲（判定）。低い順に書き、それぞれに訪問者に見せる結果を書きます。",
		".bands default":          none,
		".sections":               "続く質問の上に出す見出し。",
		".sections default":       none,
		".questions":              "質問。ファイルに書いた順に出します。",
		".outcomes":               "キャリアパス。マッチ度がいちばん高いものが結果になり、同点のときは書いた順で決まります。",
		".benefits":               "この職種で得られること。条件を満たすときに結果に表示します。",
		".benefits default":       none,
		".concerns":               "この職種についてよくある不安とその答え。条件を満たすときに結果に表示します。",
		".concerns default":       none,
		".certifications":         "結果で勧める資格。",
		".certifications default": none,
		".cta":                    "結果の下に出す行動の呼びかけ（求人ページへのボタン）。",
		".cta default":            "呼びかけなし",
		".sources":                "文章で引用する数字の出典。",
		".sources default":        none,
		".theme":                  "ブランドのアクセントカラーとロゴ。",
		".theme default":          "組み込みの青緑、ロゴなし",
		".golden":                 "見本の回答と、それぞれが出すべき結果（見本ケース）。チェックのたびにすべて確かめます。",
		".golden default":         none,

		"#quiz":                   "診断の名前、言語、最初の画面。",
		"quiz.id":                 "診断の名前（例: \"pmo-career\"）。",
		"quiz.version":            "この版につける名前で、結果の下に表示します。途中までの回答や共有リンクは、質問・選択肢・点数・条件・キャリアパス・評価軸・fit の重み・判定とこの version に結びついています（テキストやコメントには結びついていません）。それらに表れない意味の変更をしたときは、この値を上げて古い回答を無効にしてください。",
		"quiz.version default":    "\"1\"",
		"quiz.locales":            "使う言語。既定の言語を先頭にします（例: [\"ja\", \"en\"]）。テキストはどれも言語ごとに 1 つずつ書きます。",
		"quiz.title":              "最初の画面の見出しと、ページのタイトル。",
		"quiz.intro":              "最初の画面の紹介文。空行で段落を分けます。",
		"quiz.minutes":            "最初の画面に出す所要時間（分）。",
		"quiz.minutes default":    "1 問あたり約 20 秒",
		"quiz.privacy":            "最初の画面に出すプライバシーの説明（回答がブラウザの外に出ないこと）。",
		"quiz.privacy default":    "組み込み",
		"quiz.disclaimer":         "この診断が選考ではないことの説明。最初の画面に出します。",
		"quiz.disclaimer default": "組み込み",

		"#ui": "ウィジェットに組み込まれたボタンやラベルのテキストを置き換えます。ja と en 以外の言語の診断では、すべてのキーを書く必要があります。",

		"#dimensions":            "回答で点数をつける特性（評価軸）。0～100 点です。",
		"dimensions.id":          "評価軸の id。adds、[fit] の weights、条件で使います。評価軸とキャリアパスの id は共通です（同じ id は使えません）。",
		"dimensions.name":        "結果のグラフに出す名前。",
		"dimensions.description": "特性を説明する 1 行。",

		"#fit":        "評価軸の点数から適性スコアを計算する方法。",
		"fit.weights": "評価軸の id → 重み 0～10。適性スコアは評価軸の点数の加重平均です。書かなかった評価軸の重みは 0 です。",

		"#match":                "キャリアパスのマッチ度（0～100）の出し方: プロフィールの部分と志向（wishes）の部分を、次の重みで平均します。",
		"match.profile":         "プロフィールの部分の重み。訪問者の評価軸の点数を、キャリアパスの profile の重みで平均したものです。",
		"match.profile default": "2",
		"match.wishes":          "志向の部分の重み。回答がキャリアパスに直接加える点数で、どのキャリアパスも同じ尺度で数えます（どのキャリアパスでも最高 100）。点数を多くもらうキャリアパスほど、1 位になる訪問者が増えます。",
		"match.wishes default":  "1",
		"match.close":           "1 位の差がこの点数未満なら僅差とし、結果では上位 2 つが同じくらい合うと伝えます（0: 同点だけを僅差とします）。",
		"match.close default":   "6",
		"#levels":               "0～100 の点数（評価軸、キャリアパスのプロフィールの部分）が、低いから中くらい、中くらいから高いに変わる境目。",
		"levels.middle":         "中くらいになる最低の点数。",
		"levels.middle default": "40",
		"levels.high":           "高いになる最低の点数（middle より上）。この水準の評価軸は訪問者の強みとして示します。",
		"levels.high default":   "65",
		"#bands":                "適性スコアの範囲（判定）。min から次の判定の min の手前までです。",
		"bands.id":              "判定の id。条件と見本ケースで使います。",
		"bands.min":             "この判定に入る最低の適性スコア。最初の判定は min = 0、次からは前より大きい min にします。",
		"bands.title":           "この判定の結果の見出し。",
		"bands.text":            "見出しの下に出す文章。",

		"#sections":      "続く質問の上に出す見出し。",
		"sections.id":    "セクションの id。質問の section で指定します。",
		"sections.title": "質問の上に出す見出し。",

		"#questions":                "1 つの質問。質問はファイルに書いた順に出します。",
		"questions.id":              "質問の id。show_if の条件と見本ケースの回答で使います。",
		"questions.section":         "この質問が入る [[sections]] の見出し。",
		"questions.kind":            "single: 選択肢を 1 つ選ぶ。multi: 1 つ以上選ぶ（max まで）。scale: 1～5 の 5 段階で答える。",
		"questions.text":            "質問文。",
		"questions.help":            "質問の下に出す補足。",
		"questions.max":             "multi のみ: 選べる選択肢の最大数。",
		"questions.max default":     "選択肢すべて",
		"questions.show_if":         "このどれかを満たすときだけ質問を出します。どれも前の質問の回答を確かめます。",
		"questions.show_if default": alwaysShow,
		"questions.adds":            "scale のみ（scale では必須）: 「とてもそう思う」のときの点数（評価軸またはキャリアパスの id → -10～10）。回答 v（1～5）で、その (v-1)/4 が加わります。",
		"questions.options":         "single と multi のみ（その場合は必須）: 選択肢。2 つ以上。",

		"#questions.options":                  "single または multi の質問の選択肢。",
		"questions.options.id":                "選択肢の id。同じ質問の中で重ならないようにします。show_if の条件と見本ケースの回答で使います。",
		"questions.options.label":             "訪問者が読む選択肢の文。",
		"questions.options.adds":              "この回答で加わる点数: 評価軸またはキャリアパスの id → -10～10。",
		"questions.options.adds default":      "点数なし",
		"questions.options.exclusive":         "multi のみ: true にすると、「特にない」のようにそれだけで答えになる選択肢になります。選ぶとほかの選択肢が外れ、ほかを選ぶとこれが外れます。",
		"questions.options.exclusive default": "false",

		"#outcomes":                   "キャリアパス。マッチ度がいちばん高いものが結果になり、同点のときは書いた順で決まります。",
		"outcomes.id":                 "キャリアパスの id。adds、条件、見本ケースで使います。評価軸とキャリアパスの id は共通です（同じ id は使えません）。",
		"outcomes.title":              "キャリアパスの名前。",
		"outcomes.summary":            "どんなキャリアパスかを 1～2 文で。",
		"outcomes.why":                "これが 1 位になった訪問者に、なぜ合うのか。プロフィールの部分が高いときに表示します（why_middle・why_low がなければほかの水準でも）。",
		"outcomes.profile":            "そのキャリアパスに求められる特性: 評価軸の id → 重み 0～10。プロフィールの部分は、訪問者の評価軸の点数をこの重みで平均したものです（重みの比だけが効きます）。profile はすべてのキャリアパスにつけるか、どれにもつけないでください。",
		"outcomes.profile default":    "なし（志向だけで比べます）",
		"outcomes.why_middle":         "同じく、プロフィールの部分が中くらいのときに表示する文章。点数が示していない強みを書かないでください。",
		"outcomes.why_middle default": "why",
		"outcomes.why_low":            "同じく、プロフィールの部分が低いとき（特性より志向で決まったとき）に表示する文章。",
		"outcomes.why_low default":    "why_middle",
		"outcomes.skills":             "このキャリアパスで伸ばすスキル。",
		"outcomes.skills default":     none,
		"outcomes.next_steps":         "そこへ向かう具体的な次の一歩。",
		"outcomes.next_steps default": none,
		"outcomes.source":             sourceDoc,

		"#benefits":                "この職種で得られること。どれかの条件を満たすときに結果に表示します。",
		"benefits.id":              "項目の id。",
		"benefits.title":           "メリットの見出し。",
		"benefits.text":            "メリットの説明（1 段落）。",
		"benefits.source":          sourceDoc,
		"benefits.show_if":         "このどれかを満たすときに表示します。",
		"benefits.show_if default": alwaysShow,
		"benefits.only_if":         "さらに、このどれかも満たすときだけ表示します。",
		"benefits.only_if default": "条件なし",

		"#concerns":                "この職種についてよくある不安と、その率直な答え。どれかの条件を満たすときに表示します。",
		"concerns.id":              "項目の id。",
		"concerns.title":           "訪問者が口にしそうな不安。",
		"concerns.text":            "その答え。",
		"concerns.source":          sourceDoc,
		"concerns.show_if":         "このどれかを満たすときに表示します。",
		"concerns.show_if default": alwaysShow,
		"concerns.only_if":         "さらに、このどれかも満たすときだけ表示します。",
		"concerns.only_if default": "条件なし",

		"#certifications":                     "結果で勧める資格。",
		"certifications.id":                   "資格の id。",
		"certifications.name":                 "資格の名前。",
		"certifications.issuer":               "認定する団体。",
		"certifications.prerequisites":        "受験資格と難易度（結果では「受験資格・難易度」の下に表示します）。",
		"certifications.text":                 "役に立つ理由。",
		"certifications.url":                  "公式ページ（https:// か mailto:）。結果にそのまま表示します。",
		"certifications.recommend_if":         "このどれかを満たすときに勧めます。",
		"certifications.recommend_if default": "常に勧める",
		"certifications.only_if":              "さらに、このどれかも満たすときだけおすすめします（例: その資格の受験に必要な経験）。",
		"certifications.only_if default":      "条件なし",

		"#cta":      "結果の下に出す行動の呼びかけ。",
		"cta.label": "ボタンの文字。",
		"cta.text":  "ボタンの上に出す 1 文。",
		"cta.url":   "ボタンのリンク先: 求人ページなど（https:// か mailto:）。",

		"#theme":                    "ブランドのアクセントカラーとロゴ。ウィジェットが色を使う場所で WCAG 2.2 AA のコントラスト（4.5:1）に届かない色は、チェックでエラーになります。",
		"theme.accent":              "ライトテーマのボタン・グラフ・リンクの色（\"#rrggbb\"）。白（ボタンの文字）、ページの背景 #f6f8f9、自身を 12 % に薄めた色に対して 4.5:1 以上が必要です。",
		"theme.accent default":      "#0f5e6e（青緑）",
		"theme.accent_dark":         "ダークテーマでの同じ色。ボタンの暗い文字 #0b1418、ダークテーマの背景 #11181c、カード #1a2329、自身を 20 % に薄めた色に対して 4.5:1 以上が必要です。",
		"theme.accent_dark default": "accent をダークテーマで通る明るさまで明るくした色",
		"theme.logo":                "ヘッダーに出すロゴ。web フォルダに置いたファイルを \"/web/logo.svg\" のように書きます（.svg・.png・.jpg・.webp・.gif）。診断のサイトのファイルだけが使えます（ほかのサイトの画像はページのセキュリティ設定で表示できません）。チェックでは、web フォルダにそのファイルがあるかも確かめます。",
		"theme.logo default":        "ロゴなし",
		"theme.logo_alt":            "画面の読み上げ用のロゴの説明（会社名など）。",
		"theme.logo_alt default":    "logo があれば必須",

		"#sources":             "数字や事実の出典。",
		"sources.id":           "出典の id。source キーで指定します。",
		"sources.title":        "出典の名前。",
		"sources.publisher":    "発行元。",
		"sources.url":          "読める場所（https:// か mailto:）。",
		"sources.date":         "発行された日、またはそれを引用したページの日付。表示したいとおりに書きます（例: \"2025-10-10\"）。",
		"sources.date default": "なし",

		"#golden":                    "見本の回答と、それが出すべき結果（見本ケース）。チェックのたびにすべて確かめます。",
		"golden.name":                "このケースが表す人（例: \"もっと技術を深めたい開発者\"）。",
		"golden.answers":             "質問の id → 回答: 選択肢の id（single）、選択肢の id のリスト（multi）、1～5 の数（scale）。表示される質問にはすべて答え、表示されない質問には答えません。",
		"golden.expect_path":         "1 位になるべきキャリアパス。",
		"golden.expect_band":         "適性スコアが入るべき判定。",
		"golden.expect_band default": "確かめない",

		"#condition":          "訪問者の回答や結果を確かめる条件: question（と any）、dimension（と min）、outcome、band のどれか 1 つだけを書きます。",
		"condition.question":  "この質問の回答に any のどれかが含まれるときに満たされます。",
		"condition.any":       "question と一緒に: 選択肢の id、または scale の点 \"1\"～\"5\"。",
		"condition.dimension": "この評価軸の点数が min 以上のときに満たされます。",
		"condition.min":       "dimension と一緒に: 最低の点数（0～100）。",
		"condition.outcome":   "このキャリアパスが 1 位か 2 位のときに満たされます。",
		"condition.band":      "適性スコアがこの判定に入るときに満たされます。",

		"#question condition":         "前の質問の回答を確かめる show_if の条件。",
		"question condition.question": "前にある質問。その回答に any のどれかが含まれるときに満たされます。",
		"question condition.any":      "選択肢の id、または scale の点 \"1\"～\"5\"。",
	}
}
