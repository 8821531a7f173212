package ogcard

import "pmoquiz/app/quiz"

// ForQuiz returns a quiz's cards, one per language, career path and fit
// band, in that order (each path's bands in the quiz's order), all set in
// fonts. The texts are the ones the result shows: the quiz's title, the
// [ui] texts top_path and fit_title, the path's and the band's titles,
// and the quiz's disclaimer ([ui] disclaimer when it has none), each
// falling back on the quiz's first language; the background is the
// [theme] accent.
func ForQuiz(q *quiz.Quiz, fonts *Fonts) []Card {
	first := q.Locales[0]
	accent := ""
	if q.Theme != nil {
		accent = q.Theme.Accent
	}
	var cards []Card
	for _, lang := range q.Locales {
		ui := func(key string) string { return q.UI[key].Get(lang, first) }
		disclaimer := ui("disclaimer")
		if q.Disclaimer != nil {
			disclaimer = q.Disclaimer.Get(lang, first)
		}
		for _, o := range q.Outcomes {
			for _, b := range q.Bands {
				cards = append(cards, Card{
					Lang:       lang,
					Quiz:       q.Title.Get(lang, first),
					Kicker:     ui("top_path"),
					Title:      o.Title.Get(lang, first),
					BandLabel:  ui("fit_title"),
					Band:       b.Title.Get(lang, first),
					Disclaimer: disclaimer,
					Accent:     accent,
					Fonts:      fonts,
					OutcomeID:  o.ID,
					BandID:     b.ID,
				})
			}
		}
	}
	return cards
}
