package widget

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The widget's part in the installed web app: an install button where the
// browser offers one, a "new version" notice once the service worker has
// installed a new version (new app.wasm or quiz.toml), and the visitor's
// progress carried across the reload that applies it (storage.go).

// pwa is the page's state for it.
type pwa struct {
	installable bool // the browser offers to install the app
	updated     bool // a new version is installed: a reload shows it
}

// mountPWA reads what happened before the app started, and asks for an
// update check whenever the page becomes visible again (the browser itself
// checks on each start).
func (p *quizPage) mountPWA(ctx app.Context) {
	p.pwa.installable = installable(ctx)
	p.pwa.updated = ctx.AppUpdateAvailable()
	watchVisibility()
}

// OnAppUpdate is called by go-app once a new version is installed and
// active: the page shows the old one until reloaded.
func (p *quizPage) OnAppUpdate(ctx app.Context) {
	p.pwa.updated = ctx.AppUpdateAvailable()
}

// OnAppInstallChange is called by go-app when the browser starts or stops
// offering to install the app.
func (p *quizPage) OnAppInstallChange(ctx app.Context) {
	p.pwa.installable = installable(ctx)
}

// installable reports whether the browser has an install prompt to show.
// Apple's browsers count as installable for go-app but have no prompt (the
// visitor uses Share, then Add to Home Screen): no button there.
func installable(ctx app.Context) bool {
	return ctx.IsAppInstallable() && !ctx.IsAppleBrowser()
}

var visibilityWatched bool

// watchVisibility looks for a new version each time the page becomes
// visible again: an app left open in a background tab, or an installed app
// brought back, learns of a deployment.
func watchVisibility() {
	if visibilityWatched || app.IsServer {
		return
	}
	visibilityWatched = true
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "visibilitychange", app.FuncOf(func(app.Value, []app.Value) any {
		if doc.Get("visibilityState").String() == "visible" {
			checkForUpdate()
		}
		return nil
	}))
}

var updateFuncs struct{ check, ignore app.Func }

// checkForUpdate does what app.TryUpdate does (go-app then calls
// OnAppUpdate if the worker installs a new version), but handles the
// failure: offline, the check fails, and go-app's would leave an uncaught
// error in the console each time the page comes back.
func checkForUpdate() {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() {
		return
	}
	if updateFuncs.check == nil {
		updateFuncs.ignore = app.FuncOf(func(app.Value, []app.Value) any { return nil })
		updateFuncs.check = app.FuncOf(func(_ app.Value, args []app.Value) any {
			if len(args) > 0 && args[0].Truthy() {
				args[0].Call("update").Call("catch", updateFuncs.ignore)
			}
			return nil
		})
	}
	sw.Call("getRegistration").Call("then", updateFuncs.check, updateFuncs.ignore)
}

// renderInstall is the header's install button, when the browser offers one.
func (p *quizPage) renderInstall() app.UI {
	return app.If(p.pwa.installable, func() app.UI {
		return app.Button().ID("install").Type("button").Class("secondary install").Text(p.w.t("install")).
			OnClick(func(ctx app.Context, e app.Event) {
				p.pwa.installable = false // the browser's prompt is used once
				ctx.ShowAppInstallPrompt()
			})
	})
}

// renderUpdateNotice is the non-blocking "new version" notice. Its status
// line is always on the page, so that screen readers announce the text when
// it appears.
func (p *quizPage) renderUpdateNotice() app.UI {
	class, text := "update-notice", ""
	if p.pwa.updated {
		class, text = "update-notice ready", p.w.t("update_available")
	}
	return app.Div().ID("update-notice").Class(class).Body(
		app.P().ID("update-status").Role("status").Text(text),
		app.If(p.pwa.updated, func() app.UI {
			return app.Button().ID("update-reload").Type("button").Class("primary").Text(p.w.t("update_reload")).
				OnClick(func(ctx app.Context, e app.Event) {
					p.saveForReload()
					ctx.Reload()
				})
		}),
	)
}
