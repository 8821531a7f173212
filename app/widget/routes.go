// Package widget is the quiz's user interface: go-app components that load
// quiz.toml in the browser, walk the visitor through it and show the result.
package widget

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// QuizPath is where the widget fetches the quiz file from, relative to the
// app's root.
const QuizPath = "/quiz.toml"

// Routes registers the widget's routes. The server and the wasm client both
// call it, so prerendering and the browser agree on every path. serverQuiz
// gives the quiz the server prerenders the intro from, so the first HTML
// already shows its title and intro; the browser passes nil (it fetches
// the quiz file).
func Routes(serverQuiz func() *quiz.Quiz) {
	app.Route("/", func() app.Composer { return &quizPage{serverQuiz: serverQuiz} })
}

// PageLocale is the language the page at u is prerendered in with q:
// ?lang= when q has that language, else q's first. The server keeps one
// prerendered page per language and picks it with this.
func PageLocale(q *quiz.Quiz, u *url.URL) string {
	p := quizPage{quiz: q}
	return p.pickLocale(u, nil)
}
