package widget

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// applyTheme gives the page the quiz's brand colours. They go to custom
// properties on the root element through the CSSOM (the page's policy
// forbids style attributes, not this); web/app.css uses them in place of
// its own accent, in the light and the dark theme. A quiz without a
// [theme] removes them.
func applyTheme(th *quiz.Theme) {
	if app.IsServer {
		return
	}
	var t quiz.Theme
	if th != nil {
		t = *th
	}
	style := app.Window().Get("document").Get("documentElement").Get("style")
	for _, v := range [...][2]string{
		{"--theme-accent", t.Accent},
		{"--theme-accent-soft", t.AccentSoft},
		{"--theme-accent-dark", t.AccentDark},
		{"--theme-accent-soft-dark", t.AccentSoftDark},
	} {
		if v[1] == "" {
			style.Call("removeProperty", v[0])
		} else {
			style.Call("setProperty", v[0], v[1])
		}
	}
}

// renderLogo is the brand's logo at the start of the header. Its path is
// under the site's /web/ (the checker makes sure), written relative so the
// quiz works under a sub-path too.
func (p *quizPage) renderLogo() app.UI {
	if p.w.q.Theme == nil || p.w.q.Theme.Logo == "" {
		return nil
	}
	th := p.w.q.Theme
	return app.Img().Class("logo").Src(strings.TrimPrefix(th.Logo, "/")).Alt(attr(p.w.tx(th.LogoAlt)))
}
