package quiz

// The quiz format described once, as data: every table, every key, its type,
// whether it is required, its range and what it means. The JSON Schema for
// editors (quizcheck schema → quiz.schema.json) is generated from it, and
// tests hold it equal to what the reader accepts and to docs/FORMAT.md.
//
// FormatSpec is a function, not a variable, so that a program that never
// calls it (the browser widget) does not carry it.

// Value types of keys, as the format reference names them.
const (
	TypeID         = "id"         // lowercase letters, digits, - and _, starting with a letter
	TypeString     = "string"     // a plain string
	TypeText       = "text"       // a translated text: { ja = "…", en = "…" } (or a string with one language)
	TypeTexts      = "texts"      // a list of translated texts
	TypeInteger    = "integer"    // a whole number in [Min, Max]
	TypeBool       = "boolean"    // true or false
	TypeLink       = "link"       // an https:// or mailto: address
	TypeLocales    = "locales"    // a list of language codes
	TypeKind       = "kind"       // one of Enum
	TypeWeights    = "weights"    // { id = points }, points in [Min, Max]
	TypeConditions = "conditions" // a list of Table conditions (or one, without [ ])
	TypeStrings    = "strings"    // a list of strings
	TypeAnswers    = "answers"    // { question id = answer }
	TypeTable      = "table"      // a table described by Table
	TypeTables     = "tables"     // a list of tables ([[name]]) described by Table
	TypeColor      = "color"      // a colour: "#rrggbb" (or "#rgb")
	TypeImage      = "image"      // an image file under /web/: "/web/logo.svg"
)

// Table is one kind of table of the format.
type Table struct {
	Name   string // spec name, e.g. "questions.options"
	Header string // how it is written in a quiz: "[quiz]", "[[questions]]", "{ … }"
	Doc    string
	DocJa  string // Doc in Japanese (spec_ja.go)
	Keys   []Key
	// Forms, for a condition: each form's keys, the first of which names
	// the form. Exactly one form may be used.
	Forms [][]string
}

// Key is one key of a table.
type Key struct {
	Name     string
	Type     string // one of the Type constants
	Required bool
	Default  string // what an absent optional key means, in words
	Doc      string
	// DocJa and DefaultJa are Doc and Default in Japanese (spec_ja.go).
	DocJa, DefaultJa string
	Ref              string   // TypeID: what the id names ("" when it defines one)
	Enum             []string // TypeKind: the allowed values
	Min, Max         int      // TypeInteger, TypeWeights (points)
	// MinItems, MaxItems bound lists (0: no bound).
	MinItems, MaxItems int
	Table              string // TypeTable, TypeTables, TypeConditions: the entries' Table
}

// FormatSpec returns the format's tables, the document itself first.
func FormatSpec() []Table {
	ui := Table{Name: "ui", Header: "[ui]",
		Doc: "Overrides of the widget's built-in button and label texts. A quiz in a language other than ja or en must give every one of them."}
	for _, k := range uiKeys {
		ui.Keys = append(ui.Keys, Key{Name: k, Type: TypeText, Default: "built in: " + uiDefaults[k]["en"],
			Doc: "Overrides the built-in text \"" + uiDefaults[k]["en"] + "\"."})
	}
	id := func(doc string) Key { return Key{Name: "id", Type: TypeID, Required: true, Doc: doc} }
	source := Key{Name: "source", Type: TypeID, Ref: "source", Doc: "The [[sources]] entry this text's figures come from."}
	return withJapanese([]Table{{
		Name: "", Header: "quiz.toml",
		Doc: "A career quiz: questions whose answers add points to dimensions (scored traits) and outcomes (career paths); each path's match mixes the traits its profile calls for with the points it gets directly.",
		Keys: []Key{
			{Name: "quiz", Type: TypeTable, Table: "quiz", Required: true, Doc: "The quiz's name, languages and first screen."},
			{Name: "ui", Type: TypeTable, Table: "ui", Default: "the built-in texts", Doc: ui.Doc},
			{Name: "dimensions", Type: TypeTables, Table: "dimensions", MaxItems: maxDims, Default: "none (no fit score)", Doc: "The traits the answers are scored on, 0 to 100 each."},
			{Name: "fit", Type: TypeTable, Table: "fit", Default: "every dimension weighs 1", Doc: "How the dimension scores combine into the fit score."},
			{Name: "match", Type: TypeTable, Table: "match", Default: "profile = 2, wishes = 1, close = 6", Doc: "How a career path's match mixes the visitor's traits (the path's profile) and the points answers give the path directly (wishes)."},
			{Name: "levels", Type: TypeTable, Table: "levels", Default: "middle = 40, high = 65", Doc: "Where a score turns from low to middle and from middle to high; texts that claim a strength are chosen by them."},
			{Name: "bands", Type: TypeTables, Table: "bands", MaxItems: maxEntries, Default: "none", Doc: "Ranges of the fit score, lowest first, each with the result shown to the visitor."},
			{Name: "sections", Type: TypeTables, Table: "sections", MaxItems: maxEntries, Default: "none", Doc: "Headings over runs of questions."},
			{Name: "questions", Type: TypeTables, Table: "questions", Required: true, MinItems: 1, MaxItems: maxQuestions, Doc: "The questions, asked in file order."},
			{Name: "outcomes", Type: TypeTables, Table: "outcomes", Required: true, MinItems: 2, MaxItems: maxOutcomes, Doc: "The career paths; the highest-scoring one is the result, and the declared order breaks ties."},
			{Name: "benefits", Type: TypeTables, Table: "benefits", MaxItems: maxEntries, Default: "none", Doc: "What the role offers, shown on the result when a condition holds."},
			{Name: "concerns", Type: TypeTables, Table: "concerns", MaxItems: maxEntries, Default: "none", Doc: "Common doubts about the role and their answers, shown on the result when a condition holds."},
			{Name: "certifications", Type: TypeTables, Table: "certifications", MaxItems: maxEntries, Default: "none", Doc: "Certifications the result may recommend."},
			{Name: "cta", Type: TypeTable, Table: "cta", Default: "no call to action", Doc: "The call to action under the result (your job posting)."},
			{Name: "sources", Type: TypeTables, Table: "sources", MaxItems: maxEntries, Default: "none", Doc: "Where figures quoted in texts come from."},
			{Name: "theme", Type: TypeTable, Table: "theme", Default: "the built-in teal, no logo", Doc: "Your brand's accent colour and logo."},
			{Name: "golden", Type: TypeTables, Table: "golden", MaxItems: maxGolden, Default: "none", Doc: "Sample answer sets with the result each must give; the checker runs them all."},
		},
	}, {
		Name: "quiz", Header: "[quiz]", Doc: "The quiz's name, languages and first screen.",
		Keys: []Key{
			id("The quiz's name, e.g. \"pmo-career\"."),
			{Name: "version", Type: TypeString, Default: `"1"`, Doc: "Your label for this edition, printed under a result. Saved progress and shared links are tied to the questions, options, points, conditions, outcomes, dimensions, fit weights, bands and this version, not to texts or comments: raise it to end them after a change of meaning those do not show."},
			{Name: "locales", Type: TypeLocales, Required: true, MinItems: 1, Doc: "The languages, default first, e.g. [\"ja\", \"en\"]. Every text gives one string per language."},
			{Name: "title", Type: TypeText, Required: true, Doc: "The heading of the first screen and the page title."},
			{Name: "intro", Type: TypeText, Required: true, Doc: "The introduction on the first screen. A blank line starts a new paragraph."},
			{Name: "minutes", Type: TypeInteger, Min: 1, Max: 60, Default: "about 20 seconds a question", Doc: "The estimated time shown on the first screen, in minutes."},
			{Name: "privacy", Type: TypeText, Default: "built in", Doc: "The privacy note on the first screen (answers never leave the browser)."},
			{Name: "disclaimer", Type: TypeText, Default: "built in", Doc: "What the quiz is not (a screening test), on the first screen."},
		},
	}, ui, {
		Name: "dimensions", Header: "[[dimensions]]", Doc: "A trait the answers are scored on, 0 to 100.",
		Keys: []Key{
			id("The dimension's id, used in adds, [fit] weights and conditions. Dimensions and outcomes share one set of ids."),
			{Name: "name", Type: TypeText, Required: true, Doc: "The name shown on the result's chart."},
			{Name: "description", Type: TypeText, Doc: "One line explaining the trait."},
		},
	}, {
		Name: "fit", Header: "[fit]", Doc: "How the dimension scores combine into the fit score.",
		Keys: []Key{
			{Name: "weights", Type: TypeWeights, Required: true, Min: 0, Max: maxWeight, Ref: "dimension",
				Doc: "Dimension id → weight 0 to 10. The fit score is the weighted mean of the dimension scores; a dimension left out weighs 0."},
		},
	}, {
		Name: "match", Header: "[match]", Doc: "How a career path's match (0-100) is made: the mean of its profile part and its wishes part, with these weights.",
		Keys: []Key{
			{Name: "profile", Type: TypeInteger, Min: 0, Max: maxWeight, Default: "2",
				Doc: "How much the profile part counts: the visitor's dimension scores averaged with the weights of the path's profile."},
			{Name: "wishes", Type: TypeInteger, Min: 0, Max: maxWeight, Default: "1",
				Doc: "How much the wishes part counts: the points answers give the path directly, on one scale for every path (the most any path could get is 100), so a path given more points comes first for more visitors."},
			{Name: "close", Type: TypeInteger, Min: 0, Max: maxClose, Default: "6",
				Doc: "A lead of the top path under this many points is close: the result says the top two fit about equally (0: only a tie is)."},
		},
	}, {
		Name: "levels", Header: "[levels]", Doc: "Where a 0-100 score (a dimension, a path's profile part) turns from low to middle and from middle to high.",
		Keys: []Key{
			{Name: "middle", Type: TypeInteger, Min: 1, Max: 99, Default: "40", Doc: "The lowest middle score."},
			{Name: "high", Type: TypeInteger, Min: 2, Max: 100, Default: "65", Doc: "The lowest high score, above middle. A dimension at this level is one of the visitor's strengths."},
		},
	}, {
		Name: "bands", Header: "[[bands]]", Doc: "A range of the fit score, from its min up to the next band's.",
		Keys: []Key{
			id("The band's id, used in conditions and golden cases."),
			{Name: "min", Type: TypeInteger, Required: true, Min: 0, Max: 100, Doc: "The lowest fit score in the band. The first band has min = 0; each next one a higher min."},
			{Name: "title", Type: TypeText, Required: true, Doc: "The result's verdict for this band."},
			{Name: "text", Type: TypeText, Doc: "A paragraph under the verdict."},
		},
	}, {
		Name: "sections", Header: "[[sections]]", Doc: "A heading over a run of questions.",
		Keys: []Key{
			id("The section's id, named by questions' section."),
			{Name: "title", Type: TypeText, Required: true, Doc: "The heading shown above its questions."},
		},
	}, {
		Name: "questions", Header: "[[questions]]", Doc: "One question; questions are asked in file order.",
		Keys: []Key{
			id("The question's id, used in show_if conditions and golden answers."),
			{Name: "section", Type: TypeID, Ref: "section", Doc: "The [[sections]] heading this question sits under."},
			{Name: "kind", Type: TypeKind, Required: true, Enum: []string{string(Single), string(Multi), string(Scale)},
				Doc: "single: pick one option; multi: pick one or more (up to max); scale: a 1-5 agreement scale."},
			{Name: "text", Type: TypeText, Required: true, Doc: "The question."},
			{Name: "help", Type: TypeText, Doc: "A hint shown under the question."},
			{Name: "max", Type: TypeInteger, Min: 1, Max: maxOptions, Default: "all options", Doc: "multi only: the most options a visitor may pick."},
			{Name: "show_if", Type: TypeConditions, Table: "question condition", MaxItems: maxItems, Default: "always shown",
				Doc: "Ask the question only when one of these holds; each tests the answer to an earlier question."},
			{Name: "adds", Type: TypeWeights, Min: -maxWeight, Max: maxWeight, Ref: "dimension or outcome",
				Doc: "scale only, and required there: points at \"strongly agree\" (dimension or outcome id → -10 to 10); answer v (1-5) adds (v-1)/4 of them."},
			{Name: "options", Type: TypeTables, Table: "questions.options", MinItems: 2, MaxItems: maxOptions,
				Doc: "single and multi only, and required there: the choices, at least 2."},
		},
	}, {
		Name: "questions.options", Header: "[[questions.options]]", Doc: "A choice of a single or multi question.",
		Keys: []Key{
			id("The option's id, unique within its question; used in show_if conditions and golden answers."),
			{Name: "label", Type: TypeText, Required: true, Doc: "The choice as the visitor reads it."},
			{Name: "adds", Type: TypeWeights, Min: -maxWeight, Max: maxWeight, Ref: "dimension or outcome", Default: "no points",
				Doc: "Points this answer gives: dimension or outcome id → -10 to 10."},
			{Name: "exclusive", Type: TypeBool, Default: "false",
				Doc: "multi only: true makes the option an answer on its own, such as \"nothing in particular\": ticking it clears the other options, and ticking another clears it."},
		},
	}, {
		Name: "outcomes", Header: "[[outcomes]]", Doc: "A career path. The highest-scoring one is the result; the declared order breaks ties.",
		Keys: []Key{
			id("The outcome's id, used in adds, conditions and golden cases. Dimensions and outcomes share one set of ids."),
			{Name: "profile", Type: TypeWeights, Min: 0, Max: maxWeight, Ref: "dimension", Default: "none: matched on wishes alone",
				Doc: "The traits the path calls for: dimension id → weight 0 to 10. Its profile part is the visitor's dimension scores averaged with these weights (only their proportions matter). Give every outcome a profile, or none."},
			{Name: "title", Type: TypeText, Required: true, Doc: "The path's name."},
			{Name: "summary", Type: TypeText, Required: true, Doc: "What the path is, in a sentence or two."},
			{Name: "why", Type: TypeText, Required: true, Doc: "Why the path suits the visitor, shown when its profile part is high (and at the other levels unless why_middle or why_low is given)."},
			{Name: "why_middle", Type: TypeText, Default: "why", Doc: "The same, shown when the profile part is middle: claim no strength the scores do not show."},
			{Name: "why_low", Type: TypeText, Default: "why_middle", Doc: "The same, shown when the profile part is low (the path came from wishes more than traits)."},
			{Name: "skills", Type: TypeTexts, MaxItems: maxItems, Default: "none", Doc: "Skills to build on this path."},
			{Name: "next_steps", Type: TypeTexts, MaxItems: maxItems, Default: "none", Doc: "Concrete next steps toward it."},
			source,
		},
	}, noteTable("benefits", "Something the role offers, shown on the result when one of its conditions holds.", "The benefit's heading.", "The benefit, in a paragraph.", source),
		noteTable("concerns", "A common doubt about the role with its honest answer, shown when one of its conditions holds.", "The doubt, as a visitor would put it.", "The answer.", source), {
			Name: "certifications", Header: "[[certifications]]", Doc: "A certification the result may recommend.",
			Keys: []Key{
				id("The certification's id."),
				{Name: "name", Type: TypeText, Required: true, Doc: "The certification's name."},
				{Name: "issuer", Type: TypeText, Doc: "Who awards it."},
				{Name: "prerequisites", Type: TypeText, Doc: "Who may sit it and how hard it is (shown under \"eligibility and difficulty\")."},
				{Name: "text", Type: TypeText, Doc: "Why it helps."},
				{Name: "url", Type: TypeLink, Doc: "Its official page (https:// or mailto:), written out on the result."},
				{Name: "recommend_if", Type: TypeConditions, Table: "condition", MaxItems: maxItems, Default: "always recommended",
					Doc: "Recommend it when one of these holds."},
				{Name: "only_if", Type: TypeConditions, Table: "condition", MaxItems: maxItems, Default: "no further condition",
					Doc: "And only when one of these holds too, e.g. the experience the certification requires."},
			},
		}, {
			Name: "cta", Header: "[cta]", Doc: "The call to action under the result.",
			Keys: []Key{
				{Name: "label", Type: TypeText, Required: true, Doc: "The button's text."},
				{Name: "text", Type: TypeText, Doc: "A sentence above the button."},
				{Name: "url", Type: TypeLink, Required: true, Doc: "Where the button leads: your job posting (https:// or mailto:)."},
			},
		}, {
			Name: "theme", Header: "[theme]", Doc: "Your brand's accent colour and logo. The checker rejects a colour that fails WCAG 2.2 AA contrast (4.5:1) where the widget draws it.",
			Keys: []Key{
				{Name: "accent", Type: TypeColor, Default: "#0f5e6e (teal)",
					Doc: "The colour of buttons, bars and links in the light theme, \"#rrggbb\". It must reach 4.5:1 against white (the buttons' text), the page background #f6f8f9 and its own 12 % tint."},
				{Name: "accent_dark", Type: TypeColor, Default: "accent, lightened until it passes on the dark theme",
					Doc: "The same in the dark theme. It must reach 4.5:1 against the buttons' dark text #0b1418, the dark background #11181c, the dark cards #1a2329 and its own 20 % tint."},
				{Name: "logo", Type: TypeImage, Default: "no logo",
					Doc: "Your logo, shown in the header: a file you put in the web directory, written \"/web/logo.svg\" (.svg, .png, .jpg, .webp or .gif). Only files of the quiz's own site: the page's security policy blocks images from other sites."},
				{Name: "logo_alt", Type: TypeText, Default: "required with logo",
					Doc: "The logo's text for screen readers, e.g. your company's name."},
			},
		}, {
			Name: "sources", Header: "[[sources]]", Doc: "Where a figure or fact comes from.",
			Keys: []Key{
				id("The source's id, named by source keys."),
				{Name: "title", Type: TypeText, Required: true, Doc: "What the source is."},
				{Name: "publisher", Type: TypeText, Doc: "Who published it."},
				{Name: "url", Type: TypeLink, Doc: "Where to read it (https:// or mailto:)."},
				{Name: "date", Type: TypeString, Default: "none", Doc: "When it was published, or the date of the page that cites it, as you want it shown, e.g. \"2025-10-10\"."},
			},
		}, {
			Name: "golden", Header: "[[golden]]", Doc: "An answer set with the result it must give; the checker runs every one.",
			Keys: []Key{
				{Name: "name", Type: TypeString, Required: true, Doc: "What the case stands for, e.g. \"developer who wants to go deeper\"."},
				{Name: "answers", Type: TypeAnswers, Required: true,
					Doc: "question id → answer: an option id (single), a list of option ids (multi), a number 1-5 (scale). Answer every question shown, and none that is hidden."},
				{Name: "expect_path", Type: TypeID, Required: true, Ref: "outcome", Doc: "The outcome that must be the top path."},
				{Name: "expect_band", Type: TypeID, Ref: "band", Default: "not checked", Doc: "The band the fit score must land in."},
			},
		}, {
			Name: "condition", Header: "{ condition }", Doc: "A test on the visitor's answers or result: exactly one of question (with any), dimension (with min), outcome or band.",
			Forms: [][]string{{"question", "any"}, {"dimension", "min"}, {"outcome"}, {"band"}},
			Keys: []Key{
				{Name: "question", Type: TypeID, Ref: "question", Doc: "Holds when the answer to this question includes one of any."},
				{Name: "any", Type: TypeStrings, MinItems: 1, Doc: "With question: option ids, or scale points \"1\" to \"5\"."},
				{Name: "dimension", Type: TypeID, Ref: "dimension", Doc: "Holds when this dimension scores at least min."},
				{Name: "min", Type: TypeInteger, Min: 0, Max: 100, Doc: "With dimension: the lowest score, 0 to 100."},
				{Name: "outcome", Type: TypeID, Ref: "outcome", Doc: "Holds when this outcome is the top path or the runner-up."},
				{Name: "band", Type: TypeID, Ref: "band", Doc: "Holds when the fit score lands in this band."},
			},
		}, {
			Name: "question condition", Header: "{ question condition }", Doc: "A show_if test on the answer to an earlier question.",
			Forms: [][]string{{"question", "any"}},
			Keys: []Key{
				{Name: "question", Type: TypeID, Ref: "question", Required: true, Doc: "An earlier question; holds when its answer includes one of any."},
				{Name: "any", Type: TypeStrings, Required: true, MinItems: 1, Doc: "Option ids, or scale points \"1\" to \"5\"."},
			},
		}})
}

func noteTable(name, doc, title, text string, source Key) Table {
	return Table{
		Name: name, Header: "[[" + name + "]]", Doc: doc,
		Keys: []Key{
			{Name: "id", Type: TypeID, Required: true, Doc: "The entry's id."},
			{Name: "title", Type: TypeText, Required: true, Doc: title},
			{Name: "text", Type: TypeText, Required: true, Doc: text},
			source,
			{Name: "show_if", Type: TypeConditions, Table: "condition", MaxItems: maxItems, Default: "always shown", Doc: "Show it when one of these holds."},
			{Name: "only_if", Type: TypeConditions, Table: "condition", MaxItems: maxItems, Default: "no further condition", Doc: "And only when one of these holds too."},
		},
	}
}
