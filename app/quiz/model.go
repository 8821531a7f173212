// Package quiz parses, checks and scores a career quiz written in TOML.
//
// It imports only the standard library and github.com/BurntSushi/toml, so the
// same code runs on the host (checker, server, tests) and in the browser
// (compiled to WebAssembly inside the widget).
//
//	q, err := quiz.Parse("quiz.toml", src)   // err is an ErrorList
//	res := q.Score(answers)
//
// Every visible text is a Text: one string per locale. Ids cross-reference
// dimensions, outcomes, questions, options, bands and sources; Parse resolves
// every reference and reports all problems at once, each with its position
// (file:line:col) and key path (questions[3].options[2].adds.pm).
package quiz

// Text is a translatable string: locale → text.
type Text map[string]string

// Get returns the text in locale, falling back to fallback, then to any
// non-empty translation (in a stable order), so a visitor never sees a blank.
func (t Text) Get(locale, fallback string) string {
	if s := t[locale]; s != "" {
		return s
	}
	if s := t[fallback]; s != "" {
		return s
	}
	best := ""
	for k, s := range t {
		if s != "" && (best == "" || k < best) {
			best = k
		}
	}
	return t[best]
}

// Kind is the kind of a question.
type Kind string

// The kinds of question.
const (
	Single Kind = "single" // pick one option
	Multi  Kind = "multi"  // pick up to Max options
	Scale  Kind = "scale"  // 5-point agreement scale
)

// ScalePoints is the number of points on a Scale question (1 = strongly
// disagree … 5 = strongly agree).
const ScalePoints = 5

// Quiz is a checked quiz, ready to render and score.
type Quiz struct {
	ID      string
	Version string // the recruiter's label for this edition (printed)
	// Hash is a hex digest of what gives answers their meaning and result
	// (questions, options, points, conditions, outcomes, dimensions, fit
	// weights, bands, and Version; not texts or comments): saved progress
	// and shared links are tied to it. See contentHash.
	Hash string
	// Digest tells this file from any other (sourceDigest): the page drawn
	// from it checks that the quiz.toml it fetches is the same.
	Digest     string
	Locales    []string // Locales[0] is the default
	Title      Text
	Intro      Text
	Minutes    int
	Privacy    Text
	Disclaimer Text

	UI         map[string]Text // UI strings: defaults merged with [ui]
	Dimensions []*Dimension
	Fit        map[string]int // dimension id → weight in the fit score
	Bands      []*Band        // ascending by Min; Bands[0].Min == 0
	Match      Match          // how a path's match mixes its profile and wishes
	Levels     Levels         // where a score turns middle, then high
	Sections   []*Section
	Questions  []*Question
	Outcomes   []*Outcome // career paths, in declared (tie-break) order

	Benefits       []*Note
	Concerns       []*Note
	Certifications []*Certification
	CTA            CTA
	Sources        []*Source
	Golden         []*Golden
	Theme          *Theme // the brand's colours and logo; nil: the built-in look

	dimIndex map[string]int
	outIndex map[string]int
	qIndex   map[string]int
	match    *matcher // match.go
}

// The json tags of the model's types name what Hash covers: what gives
// an answer its meaning and its result. Texts are left out (contentHash).

// Dimension is a scored trait.
type Dimension struct {
	ID          string
	Name        Text `json:"-"`
	Description Text `json:"-"`
}

// Band is a range of the PMO-fit score, from Min (inclusive) up to the next
// band's Min.
type Band struct {
	ID    string
	Min   int
	Title Text `json:"-"`
	Text  Text `json:"-"`
}

// Match says how a career path's match is made ([match]): the visitor's
// traits, weighed by the path's profile, count Profile; the points answers
// give the path directly (what the visitor says they want: wishes) count
// Wishes. A lead of the top path under Close points is close: the top two
// fit about equally.
type Match struct {
	Profile int
	Wishes  int
	Close   int `json:"-"` // changes a text, not the result
}

// Levels are the thresholds ([levels]) at which a 0–100 score (a trait, a
// path's profile part) turns from low to middle and from middle to high:
// texts that claim a strength are chosen by them.
type Levels struct {
	Middle int
	High   int
}

// Level is where a score stands: low, middle or high.
type Level string

// The levels.
const (
	Low    Level = "low"
	Middle Level = "middle"
	High   Level = "high"
)

// Of is the level of score s.
func (l Levels) Of(s int) Level {
	switch {
	case s >= l.High:
		return High
	case s >= l.Middle:
		return Middle
	}
	return Low
}

// Section groups consecutive questions under a heading.
type Section struct {
	ID    string
	Title Text
}

// Question is one step of the quiz.
type Question struct {
	ID      string
	Section *Section `json:"-"` // nil when the question has no section
	Kind    Kind
	Text    Text      `json:"-"`
	Help    Text      `json:"-"`
	Max     int       // Multi: most options a visitor may pick (0 = all)
	Options []*Option // Single and Multi
	// Adds is what a Scale question adds at "strongly agree"; a scale
	// answer v (1..5) adds (v-1)/4 of it.
	Adds   map[string]int
	ShowIf []Condition // shown when any holds (empty: always)
	index  int
}

// Option is a choice of a Single or Multi question.
type Option struct {
	ID    string
	Label Text           `json:"-"`
	Adds  map[string]int // dimension or outcome id → points
	// Exclusive (multi questions only) makes the option an answer on its
	// own, such as "none of these": ticking it clears the others, and
	// ticking another clears it.
	Exclusive bool
}

// Outcome is a career path.
type Outcome struct {
	ID string
	// Profile weighs the traits the path calls for: dimension id → weight.
	// The path's profile part is the visitor's trait scores' mean with
	// these weights (only their proportions matter). Empty: the path is
	// matched on wishes alone.
	Profile map[string]int
	Title   Text `json:"-"`
	Summary Text `json:"-"`
	// Why says why the path suits the visitor, by the level of its profile
	// part: Why when high, WhyMiddle when middle, WhyLow when low (each
	// falls back to the one above it when not given).
	Why       Text    `json:"-"`
	WhyMiddle Text    `json:"-"`
	WhyLow    Text    `json:"-"`
	Skills    []Text  `json:"-"`
	NextSteps []Text  `json:"-"`
	Source    *Source `json:"-"`
}

// Note is a benefit of the role, or a common concern with its answer.
type Note struct {
	ID     string
	Title  Text
	Text   Text
	Source *Source
	ShowIf []Condition // shown when any holds (empty: always)
	OnlyIf []Condition // and, when given, one of these holds too
}

// Certification is a qualification the result may recommend.
type Certification struct {
	ID            string
	Name          Text
	Issuer        Text
	Prerequisites Text
	Text          Text
	URL           string
	RecommendIf   []Condition // recommended when any holds (empty: always)
	OnlyIf        []Condition // and, when given, one of these holds too
}

// CTA is the recruiter's call to action.
type CTA struct {
	Label Text
	Text  Text
	URL   string
}

// Source is where a figure or fact comes from.
type Source struct {
	ID        string
	Title     Text
	Publisher Text
	URL       string
	Date      string // when it was published or cited, as written ("2025-10-10")
}

// Condition is one test on the visitor's answers or result. Exactly one of
// Question, Dimension, Outcome or Band is set.
type Condition struct {
	Question  string   // holds when the question's answer includes any of Any
	Any       []string // option ids, or scale points "1".."5"
	Dimension string   // holds when the dimension score is ≥ Min
	Min       int
	Outcome   string // holds when the outcome is the top path or runner-up
	Band      string // holds when the fit band is this one
}

// Golden is an answer set with the result it must give.
type Golden struct {
	Name       string
	Answers    Answers
	ExpectPath string
	ExpectBand string
	Pos        Pos
}

// Answer is the visitor's answer to one question: the chosen option ids
// (Single, Multi) or the scale point 1..5 (Scale).
type Answer struct {
	Choices []string
	Scale   int
}

// Answers maps question id → answer.
type Answers map[string]Answer
