// Package e2e holds the end-to-end browser tests of the quiz widget: the real
// server binary serves the real quiz.toml and the real web/app.wasm, and a
// headless Chromium, driven over the DevTools protocol by chromedp, plays the
// visitor. Every test checks what the screen shows against what the quiz
// engine (pmoquiz/app/quiz) computes for the same answers.
//
// # Running
//
// From the repository root:
//
//	make build   # web/app.wasm, studio.wasm, preview.wasm (+ .br, .gz) and bin/quizserver
//	make e2e     # go test -count=1 -timeout 15m ./e2e/...
//
// or by hand:
//
//	QUIZ_WEB=$PWD/web QUIZ_BIN=$PWD/bin/quizserver CHROMIUM=/usr/bin/chromium \
//		go test -count=1 -timeout 15m -v ./e2e/...
//
// The environment:
//
//	QUIZ_WEB       absolute path of the web directory holding app.wasm;
//	               default ../web (relative to this package)
//	QUIZ_BIN       the server binary; when empty the tests build
//	               ./cmd/quizserver into a temporary directory
//	CHROMIUM       the browser; when empty, chromium or chromium-browser on
//	               $PATH, then /usr/bin/chromium
//	CI             when "true", a missing browser fails the tests instead of
//	               skipping them
//	E2E_ARTIFACTS  where screenshots of the result screen go (default
//	               e2e/artifacts)
//
// The browser is Debian's chromium package (apt-get install chromium
// fonts-noto-cjk; the fonts draw the Japanese text in screenshots). Each test
// starts its own headless browser with a fresh profile; one server, started in
// TestMain on 127.0.0.1 with a free port, serves the whole package.
//
// # What is covered
//
//   - TestMouseJapanese, TestMouseEnglish: a visitor clicks through a golden
//     case in each language; the result screen (path, band, chart, notes,
//     certifications, call to action) must match the engine. Screenshots of
//     the result at 320x640, 390x844 and 1280x900 land in E2E_ARTIFACTS.
//   - TestKeyboardOnly: the same with key events only (Tab, Space, arrows,
//     Enter), focus management included, Back once and Restart.
//   - TestFastInput: choosing and submitting within one frame must not leave
//     a stale tick on the next question.
//   - TestLanguageFromBrowser: no ?lang=, the browser's language decides.
//   - TestGoldenCases: every [[golden]] case of quiz.toml, driven quickly.
//   - TestBrokenQuiz: a static host serving a broken quiz.toml (simulated with
//     the DevTools Fetch domain) must get the error panel with positioned
//     problems, not a blank page.
//   - TestStaysOnOrigin: during a full run, no request leaves the server's
//     origin and the service worker installs.
//   - TestOffline: after one visit the test's own server stops; the quiz
//     reloads from the service worker and completes in Japanese and, through
//     a ?lang=en URL never fetched online, in English (offline_test.go).
//   - TestUpdate: new versions of the quiz are deployed on the same origin
//     while a visitor is mid-quiz; the "new version" notice, its reload, the
//     kept (or, when the question is gone, dropped) progress (offline_test.go).
//   - TestStaticNginx: make static's export for a sub-path, served by
//     Debian's nginx with tools/static/nginx.conf: loads, completes, installs,
//     goes offline, and no request leaves the sub-path (static_test.go; needs
//     nginx, which CI=true requires).
//   - TestFolderServer, TestEmbedTwoQuizzes, TestStaticNginxFolder: the
//     repository's folder quizzes/ (multi_test.go): the list at /, each
//     quiz at /<id>/ in its languages, online and offline; app.wasm over
//     the network once for both (the server's access log, the page's
//     network log), the bytes of each visit logged; two quizzes embedded
//     on one page, each with its title, height and events; the folder's
//     static export under /careers/ served by nginx.
//   - TestLivePreview: a server started with -dev on a copy of quiz.toml;
//     a saved edit shows on reload (with the service worker in control), an
//     invalid save shows the error panel at its line, a fix brings the quiz
//     back (preview_test.go).
//   - TestAxe: axe-core (node_modules/axe-core, from npm ci; missing, the test
//     skips, or fails when CI=true) finds no WCAG 2.0/2.1/2.2 A or AA
//     violation on the intro, each kind of question (with the "please
//     answer" hint, at a multi question's maximum), the result (chart table
//     open) and the error panel, in Japanese and English, light and dark
//     (a11y_test.go). Other tests call p.expectNoAxeViolations(what).
//   - TestNumberKeys: the quiz answered with the number keys 1–9 and Enter;
//     focus on each question's text, then the result heading; the live
//     region #quiz-status announces progress and the result.
//   - TestReflow: no sideways scrolling at 320 px, nor with 200 % text.
//   - TestPrint, TestPrintEveryResult: print media emulated: no controls,
//     links written out, a footer with version and date; every golden
//     result prints on one or two A4 pages (PDFs in E2E_ARTIFACTS).
//   - TestTheme: a quiz with a [theme] accent and logo (theme_test.go).
//   - TestStudio*: the studio at /studio/ (studio_test.go): live problems
//     with their line, the cursor put on one, the preview on its step and
//     marked out of date, the download byte for byte (line endings kept), a
//     Shift_JIS file, the golden cases' one-click fix, offline, -dev's save
//     with a backup, axe-core, the static export under nginx, and the
//     visitors' app.wasm free of the studio; TestStudioTimings logs how
//     long problems and preview take after the last keystroke.
//   - TestDevFollowsTheFile: the page of quizserver -dev shows each save by
//     itself, with no reload, on the visitor's question (studio_test.go).
//
// Every test also fails on console errors, uncaught exceptions, browser log
// errors and Go panics printed by the wasm runtime.
package e2e
