// Package widget is the quiz's user interface: go-app components that load
// quiz.toml in the browser, walk the visitor through it and show the result.
package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// QuizPath is where the widget fetches the quiz file from, relative to the
// app's root.
const QuizPath = "/quiz.toml"

// Routes registers the widget's routes. The server and the wasm client both
// call it, so prerendering and the browser agree on every path.
func Routes() {
	app.Route("/", func() app.Composer { return &quizPage{} })
}

// serverQuiz returns the quiz the server prerenders the intro from; nil in
// the browser.
var serverQuiz func() *quiz.Quiz

// SetServerQuiz sets the function the server uses to give the prerenderer the
// current quiz, so the first HTML already shows the quiz's title and intro.
func SetServerQuiz(f func() *quiz.Quiz) { serverQuiz = f }
