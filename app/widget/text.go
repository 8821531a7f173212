package widget

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// words are a quiz's texts in the visitor's language: its [ui] strings (t)
// and its own texts (tx), each falling back on the quiz's first language.
// Every component gets one; it is comparable, so a component re-renders
// when the language changes.
type words struct {
	q      *quiz.Quiz
	locale string
}

// t returns a UI string.
func (w words) t(key string) string {
	ui, fallback := quiz.DefaultUI(), "ja"
	if w.q != nil {
		ui, fallback = w.q.UI, w.q.Locales[0]
	}
	return ui[key].Get(w.locale, fallback)
}

// tx returns a quiz text. It stays out of line: it is called from many
// places, and each inlined copy adds to app.wasm.
//
//go:noinline
func (w words) tx(t quiz.Text) string {
	fallback := "ja"
	if w.q != nil {
		fallback = w.q.Locales[0]
	}
	return t.Get(w.locale, fallback)
}

// fill replaces {name} placeholders in a UI string, all in one pass: a
// value that itself contains "{other}" is left as it is.
func fill(s string, kv ...string) string {
	pairs := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// paragraphs renders a text as paragraphs, one per blank-line-separated
// block. Text is always text: go-app escapes it, nothing is parsed as HTML.
func paragraphs(class, s string) app.UI {
	blocks := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	return app.Div().Class(class).Body(
		app.Range(blocks).Slice(func(i int) app.UI {
			return app.P().Text(strings.TrimSpace(blocks[i]))
		}),
	)
}

// attr is a text for an HTML attribute. In the browser it is set as is.
// On the server, go-app writes attribute values with Go's quoting (a quote
// becomes \", a non-ASCII space \u3000), which no HTML parser undoes: the
// characters that quoting would change are written as character
// references instead, which it leaves alone and browsers decode.
func attr(s string) string {
	if !app.IsServer {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&', r == '"', r == '\\', r == '<', r == '>', r < 0x20, r == 0x7f, r > 0x7e && !strconv.IsPrint(r):
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
