package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/quiz"
)

// Share links: "Share my result" gives the quiz's own URL (a framed quiz's
// without the embedding options) with the answers in its fragment,
// "#r=<quiz hash>.<answers>" (quiz.ShareCode). The fragment never leaves
// the browser, so nothing is sent anywhere, and the page itself is the one
// the service worker keeps: a link opens offline too. Opening one scores
// the answers here and shows that result, or, when the quiz has changed
// since (or the link is damaged), says so on the intro.

// shareURL is the link to the result on screen.
func (p *quizPage) shareURL() string {
	u := app.Window().URL()
	qs := u.Query()
	qs.Del("embed")
	qs.Del("parent")
	qs.Set("lang", p.locale)
	u.RawQuery = qs.Encode()
	u.Fragment = "r=" + p.quiz.ShareCode(p.answers)
	return u.String()
}

// openShared shows the result a share link carries, or the intro with a
// notice saying why it cannot.
func (p *quizPage) openShared(code string) {
	a, st := p.quiz.ReadShareCode(code)
	if p.nav.badLink = st; st != quiz.ShareOK {
		p.leaveShared()
		p.focusAfterRender("quiz-title")
		return
	}
	p.nav.shared = true
	p.answers = a
	p.showResult(p.quiz.Visible(a))
}

// leaveShared puts the visitor's own answers back, on the intro.
//
//go:noinline
func (p *quizPage) leaveShared() {
	p.nav.shared = false
	p.answers = p.nav.saved.answers
	if p.answers == nil {
		p.answers = quiz.Answers{}
	}
	p.res = nil
	p.screen = intro
}

// takeQuiz leaves a shared result (or a link's notice) for the first
// question (Back then shows the intro), or, when the visitor has progress
// of their own, for the intro that offers it.
func (p *quizPage) takeQuiz() {
	p.leaveShared()
	p.nav.badLink = quiz.ShareOK
	p.replaceFragment("")
	if len(p.answers) > 0 {
		p.focusAfterRender("quiz-title")
		return
	}
	p.start()
}

// renderShareNotice heads a result opened from a share link, or says on
// the intro why a link's result cannot be shown; nil otherwise.
func (p *quizPage) renderShareNotice() app.UI {
	msg, class := p.t("shared_notice"), "notice"
	switch {
	case p.nav.shared:
	case p.nav.badLink != quiz.ShareOK && p.screen == intro:
		msg, class = p.t("share_invalid"), "notice warn"
		if p.nav.badLink == quiz.ShareChanged {
			msg = p.t("share_changed")
		}
	default:
		return nil
	}
	return app.Div().ID("share-notice").Class(class).Body(
		app.P().Text(msg),
		app.Button().ID("share-take").Type("button").Class("primary").Text(p.t("share_take")).
			OnClick(func(ctx app.Context, e app.Event) { p.takeQuiz() }),
	)
}

// renderShare is the "Share my result" button: the browser's share sheet
// where it has one, else a copy to the clipboard, else the link selected in
// a read-only field for the visitor to copy. The outcome is announced.
func (p *quizPage) renderShare() app.UI {
	var link app.UI
	status := ""
	if p.nav.linkRes == p.res { // the link is this result's
		status = p.nav.copied
		if p.nav.link != "" {
			link = app.Label().Body(
				app.Span().Text(p.t("share_link")),
				app.Input().ID("share-link").Type("url").Attr("readonly", true).Value(p.nav.link),
			)
		}
	}
	return app.Div().ID("share").Body(
		app.Button().ID("share-button").Type("button").Class("secondary").Text(p.t("share")).
			OnClick(func(ctx app.Context, e app.Event) { p.share() }),
		app.P().Text(p.t("share_hint")),
		link,
		app.P().ID("share-status").Role("status").Text(status),
	)
}

func (p *quizPage) share() {
	link := p.shareURL()
	nav := app.Window().Get("navigator")
	if nav.Get("share").Type() == app.TypeFunction {
		p.then(nav.Call("share", map[string]any{"title": p.say(p.quiz.Title), "url": link}), nil)
		return
	}
	p.nav.link, p.nav.linkRes = link, p.res
	if clip := nav.Get("clipboard"); clip.Truthy() && clip.Get("writeText").Type() == app.TypeFunction {
		p.then(clip.Call("writeText", link), p.copied)
		return
	}
	p.copied(false)
}

// copied reports a copy to the clipboard; when it failed, the link is
// selected in its field.
func (p *quizPage) copied(ok bool) {
	if ok {
		p.nav.copied = p.t("share_copied")
		return
	}
	p.nav.copied = p.t("share_select")
	p.afterRender(func() {
		if in := app.Window().GetElementByID("share-link"); in.Truthy() {
			in.Call("focus")
			in.Call("select")
		}
	})
}

// then calls done (in the UI's goroutine) once a JavaScript promise
// settles, with whether it was fulfilled.
func (p *quizPage) then(pr app.Value, done func(ok bool)) {
	var f [2]app.Func
	for i := range f {
		f[i] = app.FuncOf(func(app.Value, []app.Value) any {
			f[0].Release()
			f[1].Release()
			if done != nil {
				p.ctx.Dispatch(func(app.Context) { done(i == 0) })
			}
			return nil
		})
	}
	pr.Call("then", f[0], f[1])
}
