package main

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"pmoquiz/app/quiz"
)

// The reference page is a SurveyJS form of the same shape as the quiz: an
// intro page with a Start button (the same title, text, length, disclaimer
// and privacy note), then one page per question with Back and Next, in the
// quiz's default language. surveyFromQuiz writes its JSON definition
// (https://surveyjs.io/form-library/documentation/design-survey/create-a-simple-survey).

// survey is the subset of a SurveyJS survey definition the reference uses.
type survey struct {
	Title                string       `json:"title"`
	Locale               string       `json:"locale,omitempty"`
	FirstPageIsStartPage bool         `json:"firstPageIsStartPage"`
	StartSurveyText      string       `json:"startSurveyText"`
	PagePrevText         string       `json:"pagePrevText"`
	PageNextText         string       `json:"pageNextText"`
	CompleteText         string       `json:"completeText"`
	ShowProgressBar      bool         `json:"showProgressBar"`
	ProgressBarType      string       `json:"progressBarType"`
	ShowQuestionNumbers  string       `json:"showQuestionNumbers"`
	CheckErrorsMode      string       `json:"checkErrorsMode"`
	RequiredText         string       `json:"requiredText"`
	CompletedHTML        string       `json:"completedHtml"`
	Pages                []surveyPage `json:"pages"`
}

type surveyPage struct {
	Name     string          `json:"name"`
	Title    string          `json:"title,omitempty"`
	Elements []surveyElement `json:"elements"`
}

// surveyElement is one question (or the intro's html block).
type surveyElement struct {
	Type               string         `json:"type"`
	Name               string         `json:"name"`
	Title              string         `json:"title,omitempty"`
	Description        string         `json:"description,omitempty"`
	HTML               string         `json:"html,omitempty"`
	IsRequired         bool           `json:"isRequired,omitempty"`
	RequiredErrorText  string         `json:"requiredErrorText,omitempty"`
	Choices            []surveyChoice `json:"choices,omitempty"`
	MaxSelectedChoices int            `json:"maxSelectedChoices,omitempty"`
	VisibleIf          string         `json:"visibleIf,omitempty"`
}

// surveyChoice is an option; Value is the option id, or the scale point.
type surveyChoice struct {
	Value any    `json:"value"`
	Text  string `json:"text"`
}

// introName is the name of the intro page's html element.
const introName = "intro"

// surveyFromQuiz writes the SurveyJS definition of q in locale.
//
// Kinds map to SurveyJS question types: single → radiogroup, multi →
// checkbox (with maxSelectedChoices = max), scale → radiogroup with the five
// points 1..5 labelled with the [ui] scale texts (the quiz draws a scale as
// five labelled radios, not as a row of rating buttons). Every question is
// required, as in the quiz (Next with no answer shows a hint). A show_if
// becomes visibleIf: {question} anyof [values], joined with "or". Texts are
// plain text in SurveyJS titles and choices; the intro's html block is
// escaped, so markup in the quiz never runs in the reference either.
func surveyFromQuiz(q *quiz.Quiz, locale string) (*survey, error) {
	if len(q.Locales) == 0 {
		return nil, fmt.Errorf("the quiz has no locales")
	}
	if locale == "" {
		locale = q.Locales[0]
	}
	def := q.Locales[0]
	tx := func(t quiz.Text) string { return t.Get(locale, def) }
	ui := func(key string) string { return q.UI[key].Get(locale, def) }

	s := &survey{
		Title:                tx(q.Title),
		FirstPageIsStartPage: true,
		StartSurveyText:      ui("start"),
		PagePrevText:         ui("back"),
		PageNextText:         ui("next"),
		CompleteText:         ui("see_result"),
		ShowProgressBar:      true,
		ProgressBarType:      "pages",
		ShowQuestionNumbers:  "off",
		CheckErrorsMode:      "onNextPage",
		RequiredText:         "",
		CompletedHTML:        "<p>" + html.EscapeString(ui("see_result")) + "</p>",
	}
	if locale != "en" {
		// SurveyJS has its own strings in English; the texts that show
		// come from the quiz. The locale only tags the form.
		s.Locale = locale
	}
	s.Pages = append(s.Pages, surveyPage{Name: "start", Elements: []surveyElement{{
		Type: "html",
		Name: introName,
		HTML: introHTML(q, locale),
	}}})

	byID := map[string]*quiz.Question{}
	for _, qu := range q.Questions {
		byID[qu.ID] = qu
	}
	for _, qu := range q.Questions {
		el := surveyElement{
			Name:              qu.ID,
			Title:             tx(qu.Text),
			IsRequired:        true,
			RequiredErrorText: ui("required_hint"),
		}
		if qu.Help != nil {
			el.Description = tx(qu.Help)
		}
		switch qu.Kind {
		case quiz.Single, quiz.Multi:
			el.Type = "radiogroup"
			if qu.Kind == quiz.Multi {
				el.Type = "checkbox"
				if qu.Max > 0 && qu.Max < len(qu.Options) {
					el.MaxSelectedChoices = qu.Max
				}
			}
			for _, o := range qu.Options {
				el.Choices = append(el.Choices, surveyChoice{Value: o.ID, Text: tx(o.Label)})
			}
		case quiz.Scale:
			el.Type = "radiogroup"
			for v := 1; v <= quiz.ScalePoints; v++ {
				el.Choices = append(el.Choices, surveyChoice{Value: v, Text: ui("scale_" + strconv.Itoa(v))})
			}
		default:
			return nil, fmt.Errorf("question %q: kind %q has no SurveyJS counterpart", qu.ID, qu.Kind)
		}
		var conds []string
		for _, c := range qu.ShowIf {
			ref := byID[c.Question]
			if c.Question == "" || ref == nil {
				return nil, fmt.Errorf("question %q: show_if tests something other than an earlier question's answer", qu.ID)
			}
			vals := make([]string, len(c.Any))
			for i, v := range c.Any {
				if ref.Kind == quiz.Scale {
					if _, err := strconv.Atoi(v); err != nil {
						return nil, fmt.Errorf("question %q: show_if on scale question %q: %q is not a point", qu.ID, c.Question, v)
					}
					vals[i] = v
				} else {
					vals[i] = "'" + v + "'" // ids are [a-z0-9_-]: nothing to escape
				}
			}
			conds = append(conds, "{"+c.Question+"} anyof ["+strings.Join(vals, ", ")+"]")
		}
		el.VisibleIf = strings.Join(conds, " or ")
		s.Pages = append(s.Pages, surveyPage{Name: "p-" + qu.ID, Elements: []surveyElement{el}})
	}
	return s, nil
}

// introHTML is the intro's text, length, disclaimer and privacy note, as
// the quiz's intro shows them, escaped.
func introHTML(q *quiz.Quiz, locale string) string {
	def := q.Locales[0]
	tx := func(t quiz.Text) string { return t.Get(locale, def) }
	ui := func(key string) string { return q.UI[key].Get(locale, def) }
	total := 0
	for _, v := range q.Visible(quiz.Answers{}) {
		if v {
			total++
		}
	}
	minutes := q.Minutes
	if minutes == 0 {
		minutes = (len(q.Questions)*20 + 59) / 60
	}
	privacy, disclaimer := ui("privacy"), ui("disclaimer")
	if q.Privacy != nil {
		privacy = tx(q.Privacy)
	}
	if q.Disclaimer != nil {
		disclaimer = tx(q.Disclaimer)
	}
	var b strings.Builder
	paras := func(s string) {
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			b.WriteString("<p>" + html.EscapeString(strings.TrimSpace(p)) + "</p>")
		}
	}
	paras(tx(q.Intro))
	meta := strings.ReplaceAll(ui("minutes"), "{minutes}", strconv.Itoa(minutes)) + " · " +
		strings.ReplaceAll(ui("questions_count"), "{total}", strconv.Itoa(total))
	b.WriteString("<p>" + html.EscapeString(meta) + "</p>")
	b.WriteString("<h2>" + html.EscapeString(ui("disclaimer_title")) + "</h2>")
	paras(disclaimer)
	b.WriteString("<h2>" + html.EscapeString(ui("privacy_title")) + "</h2>")
	paras(privacy)
	return b.String()
}
