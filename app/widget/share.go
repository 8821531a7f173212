package widget

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
	"pmoquiz/app/quiz"
)

// Share links: "Share my result" gives the address of the result's share
// page (SharePath: one per career path, fit band and language, made by the
// site loader with the tags that make a link preview name the result and
// show its image), under the quiz's own URL (a framed quiz's too), with the
// answers in its fragment, "#r=<quiz hash>.<answers>" (quiz.ShareCode). The
// path names the result, which the host sees; the fragment never leaves the
// browser, so the answers are sent nowhere. The share page links to the
// quiz's page with the same fragment ("see this result in full"), which
// the service worker keeps: that opens offline too. Opening one scores
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
	// A link that cannot be shown leaves the visitor on the intro, whose
	// Start (or offer to continue) is the way on: no second button for it.
	return app.Div().ID("share-notice").Class(class).Body(
		app.P().Text(msg),
		app.If(c.Kind == noticeShared, func() app.UI {
			return app.Button().ID("share-take").Type("button").Class("primary").Text(c.W.t("share_take")).
				OnClick(func(ctx app.Context, e app.Event) { c.OnTake() })
		}),
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

// SharePath is the path of a result's share page under the quiz's own:
// "/share/<outcome>.<band>.html" in the quiz's first language,
// "/share/<outcome>.<band>.<locale>.html" in the others, without
// ".<band>" when the quiz has no bands. Ids (lowercase letters, digits, -
// and _) and language tags (letters, digits and -) hold no dot and no
// slash, so a name stays in its folder, needs no escaping, and no two
// results share one.
func SharePath(q *quiz.Quiz, outcome, band, locale string) string {
	name := outcome
	if band != "" {
		name += "." + band
	}
	if locale != q.Locales[0] {
		name += "." + locale
	}
	return "/share/" + name + ".html"
}

// ShareTitle names a result in one line: the title of its share page and
// link preview, and of the share sheet. "PMO Career Quiz: IT specialist
// (Good fit)"; in Japanese and Chinese with full-width punctuation. band
// may be nil.
func ShareTitle(q *quiz.Quiz, locale string, top *quiz.Outcome, band *quiz.Band) string {
	w := words{q: q, locale: locale}
	colon, open, close := ": ", " (", ")"
	if strings.HasPrefix(locale, "ja") || strings.HasPrefix(locale, "zh") {
		colon, open, close = "：", "（", "）"
	}
	s := w.tx(q.Title) + colon + w.tx(top.Title)
	if band != nil {
		s += open + w.tx(band.Title) + close
	}
	return s
}

// shareURL is the link to the result on screen: its share page, beside
// the page on screen (the quiz's folder: its page is at the folder or at
// index[.<locale>].html in it, framed or not), with the answers in the
// fragment. A result without a career path (a quiz of none) has no share
// page: the link is the quiz's page itself, in the language on screen.
func (p *quizPage) shareURL() string {
	u := app.Window().URL()
	res := p.view().Result()
	if res.Top != nil {
		band := ""
		if res.Band != nil {
			band = res.Band.ID
		}
		u.Path = u.Path[:strings.LastIndex(u.Path, "/")] + SharePath(p.w.q, res.Top.ID, band, p.w.locale)
		u.RawPath, u.RawQuery = "", ""
	} else {
		qs := u.Query()
		qs.Del("embed")
		qs.Del("parent")
		qs.Set("lang", p.w.locale)
		u.RawQuery = qs.Encode()
	}
	u.Fragment = "r=" + p.w.q.ShareCode(p.view().Answers())
	return u.String()
}

// shareTitle names the result on screen for the share sheet.
func (p *quizPage) shareTitle() string {
	res := p.view().Result()
	if res.Top == nil {
		return p.w.tx(p.w.q.Title)
	}
	return ShareTitle(p.w.q, p.w.locale, res.Top, res.Band)
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
		title := p.shareTitle()
		p.then(nav.Call("share", map[string]any{"title": title, "text": title, "url": link}), nil)
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
