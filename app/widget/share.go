package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// Share links: "Share my result" gives the quiz's own URL (a framed quiz's
// without the embedding options) with the answers in its fragment,
// "#r=<quiz hash>.<answers>" (quiz.ShareCode). The fragment never leaves
// the browser, so nothing is sent anywhere, and the page itself is the one
// the service worker keeps: a link opens offline too. Opening one scores
// the answers here and shows that result, in a journey of its own beside
// the visitor's (navState.shared), or, when the quiz has changed since (or
// the link is damaged), says so on the intro.

// shareState is the share button's outcome for the result on screen.
type shareState struct {
	Link   string // the link, shown selected when it could not be copied
	Status string // what happened, for the live region
}

// The kinds of share notice.
const (
	noticeShared  = "shared"  // heads a shared result
	noticeInvalid = "invalid" // on the intro: a damaged link
	noticeChanged = "changed" // on the intro: the quiz changed since
)

// shareNotice heads a result opened from a share link, or says on the
// intro why a link's result cannot be shown, with a button to take the
// quiz.
type shareNotice struct {
	app.Compo

	W      words
	Kind   string
	OnTake func()
}

func (c *shareNotice) Render() app.UI {
	msg, class := c.W.t("shared_notice"), "notice"
	switch c.Kind {
	case noticeInvalid:
		msg, class = c.W.t("share_invalid"), "notice warn"
	case noticeChanged:
		msg, class = c.W.t("share_changed"), "notice warn"
	}
	return app.Div().ID("share-notice").Class(class).Body(
		app.P().Text(msg),
		app.Button().ID("share-take").Type("button").Class("primary").Text(c.W.t("share_take")).
			OnClick(func(ctx app.Context, e app.Event) { c.OnTake() }),
	)
}

// shareBox is the "Share my result" button: the browser's share sheet
// where it has one, else a copy to the clipboard, else the link selected in
// a read-only field for the visitor to copy. The outcome is announced.
type shareBox struct {
	app.Compo

	W       words
	State   shareState
	OnShare func()
}

func (c *shareBox) Render() app.UI {
	var link app.UI
	if c.State.Link != "" {
		link = app.Label().Body(
			app.Span().Text(c.W.t("share_link")),
			app.Input().ID("share-link").Type("url").Attr("readonly", true).Value(c.State.Link),
		)
	}
	return app.Div().ID("share").Body(
		app.Button().ID("share-button").Type("button").Class("secondary").Text(c.W.t("share")).
			OnClick(func(ctx app.Context, e app.Event) { c.OnShare() }),
		app.P().Text(c.W.t("share_hint")),
		link,
		app.P().ID("share-status").Role("status").Text(c.State.Status),
	)
}

// shareURL is the link to the result on screen.
func (p *quizPage) shareURL() string {
	u := app.Window().URL()
	qs := u.Query()
	qs.Del("embed")
	qs.Del("parent")
	qs.Set("lang", p.w.locale)
	u.RawQuery = qs.Encode()
	u.Fragment = "r=" + p.w.q.ShareCode(p.view().Answers())
	return u.String()
}

// openShared shows the result a share link carries, or the intro with a
// notice saying why it cannot.
func (p *quizPage) openShared(code string) {
	a, st := p.w.q.ReadShareCode(code)
	switch st {
	case quiz.ShareOK:
	case quiz.ShareChanged:
		p.leaveShared(noticeChanged)
		return
	default:
		p.leaveShared(noticeInvalid)
		return
	}
	shared, ok := flow.Finished(p.w.q, a)
	if !ok {
		p.leaveShared(noticeInvalid)
		return
	}
	p.nav.shared, p.nav.badLink, p.nav.share = shared, "", shareState{}
	p.focusAfterRender("result-title")
}

// leaveShared goes back to the visitor's own journey, on the intro, with a
// notice (or none).
func (p *quizPage) leaveShared(notice string) {
	p.nav.shared, p.nav.badLink, p.nav.share = nil, notice, shareState{}
	p.flow.Home()
	p.focusAfterRender("quiz-title")
}

// takeQuiz leaves a shared result (or a link's notice) for the first
// question (Back then shows the intro), or, when the visitor has progress
// of their own, for the intro that offers it.
func (p *quizPage) takeQuiz() {
	p.leaveShared("")
	p.replaceFragment("")
	if len(p.flow.Answers()) == 0 {
		p.start()
	}
}

// share shares the link to the result on screen.
func (p *quizPage) share() {
	link := p.shareURL()
	nav := app.Window().Get("navigator")
	if nav.Get("share").Type() == app.TypeFunction {
		p.then(nav.Call("share", map[string]any{"title": p.w.tx(p.w.q.Title), "url": link}), nil)
		return
	}
	p.nav.share.Link = link
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
		p.nav.share.Status = p.w.t("share_copied")
		return
	}
	p.nav.share.Status = p.w.t("share_select")
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
