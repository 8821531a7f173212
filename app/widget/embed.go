package widget

import (
	"math"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Messages to the page that embeds the quiz (web/embed.js) carry this
// namespace and version; the loader ignores anything else.
const (
	embedNS      = "pmo-quiz"
	embedVersion = 1
)

// embedding is how the page that frames the quiz asked for it, read from
// the frame's URL (set by embed.js). The zero value means "not embedded".
type embedding struct {
	id     string // the frame's id, echoed in every message
	parent string // the embedding page's origin: messages go there only
	theme  string // light, dark or auto
	// campaign is added to the call-to-action link as utm_campaign.
	campaign string
	// cta replaces the quiz's call-to-action URL (https only).
	cta string

	observer app.Value // ResizeObserver on the page's content
	height   int       // last height reported
}

func readEmbedding(u *url.URL) embedding {
	q := u.Query()
	e := embedding{theme: q.Get("theme"), campaign: clipRunes(q.Get("campaign"), 64)}
	switch e.theme {
	case "light", "dark", "auto":
	default:
		e.theme = "auto"
	}
	if c := q.Get("cta"); isHTTPS(c) {
		e.cta = c
	}
	if id, parent := q.Get("embed"), q.Get("parent"); validFrameID(id) && isOrigin(parent) {
		e.id, e.parent = id, parent
	}
	return e
}

func (e *embedding) active() bool { return e.id != "" }

// post sends an event to the embedding page, addressed to its origin only
// (never "*"), with nothing personal in it.
func (e *embedding) post(typ string, detail map[string]any) {
	if !e.active() || app.IsServer {
		return
	}
	if detail == nil {
		detail = map[string]any{}
	}
	app.Window().Get("parent").Call("postMessage", map[string]any{
		"ns": embedNS, "v": embedVersion, "id": e.id, "type": typ, "detail": detail,
	}, e.parent)
}

// watchHeight reports the content's height to the embedding page whenever
// it changes, so the frame never shows a scrollbar of its own. It measures
// the content (the body's box), not the document: inside a frame the
// document's scroll height never shrinks below the frame.
func (e *embedding) watchHeight() {
	if !e.active() || app.IsServer {
		return
	}
	body := app.Window().Get("document").Get("body")
	report := app.FuncOf(func(app.Value, []app.Value) any {
		h := int(math.Ceil(body.Call("getBoundingClientRect").Get("height").Float()))
		if h > 0 && h != e.height {
			e.height = h
			e.post("resize", map[string]any{"height": h})
		}
		return nil
	})
	e.observer = app.Window().Get("ResizeObserver").New(report)
	e.observer.Call("observe", body)
}

// ctaURL is the call-to-action link: the embedding page's override if any,
// with its campaign tag.
func (e *embedding) ctaURL(quizURL string) string {
	link := quizURL
	if e.cta != "" {
		link = e.cta
	}
	if e.campaign == "" || link == "" || strings.HasPrefix(link, "mailto:") {
		return link
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	q.Set("utm_campaign", e.campaign)
	u.RawQuery = q.Encode()
	return u.String()
}

func isHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// isOrigin accepts scheme://host[:port] and nothing more.
func isOrigin(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" &&
		u.Path == "" && u.RawQuery == "" && u.Fragment == "" && u.User == nil && s == u.Scheme+"://"+u.Host
}

func validFrameID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
