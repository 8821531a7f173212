package widget

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/flow"
)

// Saved progress: the visitor's journey is kept in localStorage as they
// answer (a flow.Snapshot), under a key per quiz id and with the quiz's
// hash, so that a changed quiz never resumes into answers given to other
// questions (flow.Resume refuses it). On a later visit the intro offers to
// continue where the visitor left off, or to see their last result.
// Without storage (private modes, a blocked third-party frame) the quiz
// runs the same, and offers to continue only within the page view (after
// Back to the intro). The reload that applies an update keeps the journey
// in sessionStorage, for that tab only (pwa.go).

const (
	resumeKey   = "pmoquiz-progress-"       // + quiz id, in localStorage
	offerKey    = "pmoquiz-offer-"          // + quiz id, in localStorage
	progressKey = "pmoquiz-update-progress" // in sessionStorage
)

// savedOffer is kept beside the saved journey (offerKey): the intro's
// offer for it (flow.Offer), so that the page's early script can draw the
// offer on the next visit before the engine runs (app/webapp/early.js),
// for the quiz of that hash only.
type savedOffer struct {
	Hash  string `json:"hash"`
	N     int    `json:"n"`
	Total int    `json:"total"`
}

// persist saves the visitor's journey once it changed. Every action that
// changes it calls this; Render never does.
func (p *quizPage) persist() {
	if p.flow == nil || app.IsServer {
		return
	}
	raw := ""
	if len(p.flow.Answers()) > 0 {
		b, _ := json.Marshal(p.flow.Snapshot())
		raw = string(b)
	}
	if raw == p.nav.last {
		return
	}
	p.nav.last = raw
	if raw == "" {
		webStorage("localStorage", "removeItem", resumeKey+p.w.q.ID)
		webStorage("localStorage", "removeItem", offerKey+p.w.q.ID)
		return
	}
	webStorage("localStorage", "setItem", resumeKey+p.w.q.ID, raw)
	n, total := p.flow.Offer()
	if b, err := json.Marshal(savedOffer{Hash: p.w.q.Hash, N: n, Total: total}); err == nil {
		webStorage("localStorage", "setItem", offerKey+p.w.q.ID, string(b))
	}
}

// loadSaved is the journey the visitor saved on an earlier visit, on the
// intro (which then offers to continue it), or nil. A snapshot of another
// version of the quiz is forgotten.
func (p *quizPage) loadSaved() *flow.Flow {
	raw, _ := webStorage("localStorage", "getItem", resumeKey+p.w.q.ID)
	if raw == "" {
		return nil
	}
	f, err := resumeJSON(raw, flow.Resume, p.w.q)
	if err != nil {
		webStorage("localStorage", "removeItem", resumeKey+p.w.q.ID)
		webStorage("localStorage", "removeItem", offerKey+p.w.q.ID)
		return nil
	}
	p.nav.last = raw
	f.Home()
	return f
}

// saveForReload keeps the visitor's place for the reload that applies an
// update, when there is one to keep.
func (p *quizPage) saveForReload() {
	if p.flow == nil || p.flow.Screen() == flow.Intro {
		return
	}
	if b, err := json.Marshal(p.flow.Snapshot()); err == nil {
		webStorage("sessionStorage", "setItem", progressKey, string(b))
	}
}

// loadForReload is the journey kept across an update's reload (and
// forgotten), checked against the quiz as it is now: nil when the visitor
// starts afresh.
func (p *quizPage) loadForReload() *flow.Flow {
	raw, _ := webStorage("sessionStorage", "getItem", progressKey)
	if raw == "" {
		return nil
	}
	webStorage("sessionStorage", "removeItem", progressKey)
	f, err := resumeJSON(raw, flow.ResumeChanged, p.w.q)
	if err != nil {
		return nil
	}
	return f
}

// webStorage calls one method of window.localStorage or sessionStorage.
// Any access may throw (storage blocked for a third-party frame, quota,
// private modes): then it reports false and the quiz goes on without it.
// Property reads go through Reflect.get, a call, because a getter that
// throws inside a plain read would abort the Go program instead of
// panicking.
func webStorage(name, method string, args ...any) (result string, ok bool) {
	if app.IsServer {
		return "", false
	}
	defer func() {
		if recover() != nil {
			result, ok = "", false
		}
	}()
	w := app.Window()
	store := w.Get("Reflect").Call("get", w, name)
	if !store.Truthy() {
		return "", false
	}
	v := store.Call(method, args...)
	if v.Type() == app.TypeString {
		return v.String(), true
	}
	return "", true
}
