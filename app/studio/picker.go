package studio

import (
	"bytes"
	"html/template"
)

// A folder of quizzes has a studio per quiz, at /<id>/studio/. Its root
// /studio/ (an id no quiz may take) is the picker: a plain page, in
// Japanese and English at once (it has no script to switch), that links to
// each quiz's studio, so the address a recruiter is given works for a
// folder too.

// PickerPage is the picker's path on a folder's site.
const PickerPage = "/" + Dir + PageName

// PickerQuiz is one quiz the picker links to.
type PickerQuiz struct {
	ID    string
	Lang  string // the language of Title
	Title string // "" when the quiz file has problems (-dev)
	File  string // the quiz file's name
	Href  string // its studio's URL
}

// pickerTemplate is the page; it takes the site's style sheet, whose
// list of quizzes it looks like.
var pickerTemplate = template.Must(template.New("picker").Parse(`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>スタジオ：編集する診断 / Studio: the quiz to edit</title>
<link rel="icon" href="{{.Icon}}" type="image/svg+xml">
<link rel="stylesheet" href="{{.Style}}">
</head>
<body>
<main class="quiz quiz-index studio-picker" data-theme="auto">
<h1>編集する診断を選んでください <span lang="en">/ Choose the quiz to edit</span></h1>
<ul class="quiz-list">{{range .Quizzes}}
<li class="card" data-quiz="{{.ID}}"><h2><a href="{{.Href}}"{{if .Title}} lang="{{.Lang}}">{{.Title}}{{else}} lang="en">{{.File}}{{end}}</a></h2><p class="meta"><span lang="en">{{.File}}</span></p></li>{{end}}
</ul>
</main>
</body>
</html>
`))

// Picker renders the picker for quizzes; style and icon are the site's
// style sheet and icon URLs.
func Picker(quizzes []PickerQuiz, style, icon string) []byte {
	var b bytes.Buffer
	if err := pickerTemplate.Execute(&b, struct {
		Quizzes     []PickerQuiz
		Style, Icon string
	}{quizzes, style, icon}); err != nil {
		panic("studio: rendering the picker: " + err.Error()) // strings only: cannot fail
	}
	return b.Bytes()
}
