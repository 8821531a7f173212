package widget

import (
	"encoding/json"
	"strings"

	"pmoquiz/app/quiz"
)

// What the page's early script (app/webapp/early.js) needs to run the
// questions before the engine does, written into the prerendered page: the
// questions' rules as data (earlyData) and their screens as templates
// (questionTemplates), rendered by the same component the engine uses.
// The script keeps to the engine's rules (quiz.Question.Choose, Blocked,
// Answered; quiz.Quiz.Visible), which the tests hold it to; it never
// scores: the result waits for the engine.

// earlyQuiz is the early script's data.
type earlyQuiz struct {
	Quiz      string            `json:"quiz"`
	Hash      string            `json:"hash"`
	Digest    string            `json:"digest"` // of the quiz file the page was drawn from
	Locale    string            `json:"locale"`
	Pages     map[string]string `json:"pages"` // locale → its page, relative
	Questions []earlyQuestion   `json:"questions"`
	UI        map[string]string `json:"ui"`
}

type earlyQuestion struct {
	ID        string           `json:"id"`
	Kind      quiz.Kind        `json:"kind"`
	Max       int              `json:"max,omitempty"`
	Options   []string         `json:"options,omitempty"`
	Exclusive []string         `json:"exclusive,omitempty"` // options that exclude the others
	ShowIf    []earlyCondition `json:"showIf,omitempty"`
}

// earlyCondition holds when question Q's answer includes any of Any.
type earlyCondition struct {
	Q   string   `json:"q"`
	Any []string `json:"any"`
}

// earlyUIKeys are the UI strings the early script writes.
var earlyUIKeys = []string{"progress", "start", "next", "see_result", "required_hint", "engine_wait", "engine_failed", "retry", "install", "resume_note", "resume_restart", "resume_continue", "resume_result"}

// earlyData is the early script's data as a JSON script element (data, not
// code: the page's Content-Security-Policy allows no inline script).
func earlyData(q *quiz.Quiz, locale string) string {
	d := earlyQuiz{Quiz: q.ID, Hash: q.Hash, Digest: q.Digest, Locale: locale, Pages: map[string]string{}, UI: map[string]string{}}
	for _, l := range q.Locales {
		d.Pages[l] = strings.TrimPrefix(PagePath(q, l), "/")
	}
	w := words{q: q, locale: locale}
	for _, k := range earlyUIKeys {
		d.UI[k] = w.t(k)
	}
	for _, qu := range q.Questions {
		eq := earlyQuestion{ID: qu.ID, Kind: qu.Kind, Max: qu.Max}
		for _, o := range qu.Options {
			eq.Options = append(eq.Options, o.ID)
			if o.Exclusive {
				eq.Exclusive = append(eq.Exclusive, o.ID)
			}
		}
		for _, c := range qu.ShowIf {
			eq.ShowIf = append(eq.ShowIf, earlyCondition{Q: c.Question, Any: c.Any})
		}
		d.Questions = append(d.Questions, eq)
	}
	b, err := json.Marshal(d) // escapes <, > and &: nothing can close the element
	if err != nil {
		panic("widget: encoding the early script's data: " + err.Error()) // strings and numbers only
	}
	return `<script type="application/json" id="quiz-early">` + string(b) + `</script>`
}

// questionTemplates are every question's screen as the engine draws it
// with no answer, each in a <template> named after its question; the early
// script fills in the progress and the Next button's label.
func questionTemplates(q *quiz.Quiz, locale string) string {
	w := words{q: q, locale: locale}
	var b strings.Builder
	for _, qu := range q.Questions {
		b.WriteString(`<template id="q-tpl-` + qu.ID + `">`)
		b.WriteString(encode(&questionScreen{W: w, Q: qu, N: 1, Total: 2}))
		b.WriteString("</template>")
	}
	return b.String()
}
