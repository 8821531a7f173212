package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/encoding/japanese"

	"pmoquiz/app/quizset"
	"pmoquiz/app/studio/engine"
)

// The studio (/studio/, app/studio): a recruiter edits the quiz in the
// browser. Every test drives the real page, its engine workers
// (web/studio.wasm) and its preview frame (web/preview.wasm) in Chromium
// against the real server.

// Reading the studio.
const (
	// studioReadyJS holds once the engine has checked the text in the
	// editor (the count says so for this very text).
	studioCheckedJS = `(() => { const c = document.getElementById('problem-count').textContent;
		return c !== '' && c !== '確認しています…' && c !== 'Checking…'; })()`
	frameDocJS = `document.getElementById('preview').contentDocument`
)

// openStudio opens the studio at u and waits for the engine's first
// check and the preview of the quiz.
func (p *page) openStudio(u string) {
	p.t.Helper()
	p.do("opening the studio", chromedp.Navigate(u))
	p.waitFor("the studio should check the quiz it opened", studioCheckedJS)
	p.waitPreviewFresh("after opening the studio")
}

func (p *page) waitPreviewFresh(after string) {
	p.t.Helper()
	p.waitFor(after+", the preview should show the draft",
		`document.getElementById('preview-status').textContent === (document.documentElement.lang === 'ja' ? 'プレビューは最新です。' : 'The preview is up to date.')`)
}

// editorText is the text in the studio's editor.
func (p *page) editorText() string {
	p.t.Helper()
	return eval[string](p, `document.getElementById('source').value`)
}

// replaceInEditor selects the first old in the editor and types new over
// it with the keyboard, as a recruiter would.
func (p *page) replaceInEditor(old, new string) {
	p.t.Helper()
	ok := eval[bool](p, fmt.Sprintf(`(() => { const ta = document.getElementById('source');
		const i = ta.value.indexOf(%s); if (i < 0) return false;
		ta.focus(); ta.setSelectionRange(i, i + %d); return true; })()`, jsString(old), len([]rune(old))))
	if !ok {
		p.t.Fatalf("the editor does not contain %q", old)
	}
	p.do("typing "+new, chromedp.KeyEvent(new))
}

// studioProblem is one problem as the studio lists it.
type studioProblem struct {
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Pos  string `json:"pos"`
	Msg  string `json:"msg"`
}

func (p *page) studioProblems() []studioProblem {
	p.t.Helper()
	return eval[[]studioProblem](p, `Array.from(document.querySelectorAll('#problems button.problem')).map(b => ({
		line: Number(b.dataset.line), col: Number(b.dataset.col),
		pos: b.querySelector('.pos').textContent, msg: b.querySelector('.msg').textContent}))`)
}

// timings are the studio's own measures, in ms from the last keystroke:
// to the problems on screen, and to the preview showing the draft.
func (p *page) timings() (check, preview string) {
	p.t.Helper()
	return eval[string](p, `document.documentElement.dataset.checkMs || ''`), eval[string](p, `document.documentElement.dataset.previewMs || ''`)
}

// lineOfText is the 1-based line of the first s in src.
func lineOfText(t *testing.T, src, s string) int {
	t.Helper()
	i := strings.Index(src, s)
	if i < 0 {
		t.Fatalf("quiz.toml no longer contains %q: update this test", s)
	}
	return strings.Count(src[:i], "\n") + 1
}

// TestStudioEditing: a recruiter opens the studio on the published quiz
// and mistypes a key: the checker's problem, with its line, is listed
// (within a second of the pause here; the time is logged, not asserted:
// the machine is shared) and the line is marked in the gutter; a click on
// it puts the cursor there. The preview, left on the first question,
// stays there marked out of date; fixing the key and giving the quiz a new
// title shows the new title in the preview, still on that question. The
// download is the editor's text byte for byte.
func TestStudioEditing(t *testing.T) {
	p := newPage(t, withLang("ja"))
	p.openStudio(baseURL + "/studio/")
	src := p.editorText()
	if src != string(quizSource) {
		t.Fatalf("the studio opened %d bytes; want the published quiz.toml (%d bytes)", len(src), len(quizSource))
	}
	if got := eval[string](p, `document.querySelector('label[for=source]').textContent`); !strings.Contains(got, "quiz.toml") {
		t.Errorf("the editor's label reads %q; want it to name quiz.toml", got)
	}

	// The preview, on the first question.
	eval[bool](p, frameDocJS+`.getElementById('start').click() || true`)
	first := theQuiz.Questions[0].ID
	p.waitFor("the preview should show the first question after Start",
		fmt.Sprintf(frameDocJS+`.querySelector('#question-form fieldset')?.dataset.question === %q`, first))

	// A misspelt key.
	line := lineOfText(t, src, "\nminutes = ") + 1
	p.replaceInEditor("minutes", "minuets")
	var problems []studioProblem
	p.until("the misspelt key should be listed with its line", func() bool {
		problems = p.studioProblems()
		return len(problems) == 1 && problems[0].Line == line && strings.Contains(problems[0].Msg, "quiz.minuets:")
	})
	check, _ := p.timings()
	t.Logf("problems on screen %s ms after the last keystroke (250 ms of it the pause the studio waits for)", check)
	pr := problems[0]
	if want := fmt.Sprintf("%d行 1文字目", line); pr.Pos != want || !strings.Contains(pr.Msg, "quiz.minuets") || !strings.Contains(pr.Msg, `"minutes"`) {
		t.Errorf("the problem reads %q %q; want %q and the checker's suggestion of \"minutes\" in Japanese", pr.Pos, pr.Msg, want)
	}
	if err := p.poll(waitTimeout, fmt.Sprintf(`document.querySelectorAll('#gutter .ln')[%d].classList.contains('bad') && document.querySelectorAll('#gutter .ln.bad').length === 1`, line-1)); err != nil {
		t.Errorf("the gutter does not mark line %d (alone): %v", line, err)
	}
	p.waitFor("a broken draft should leave the last good preview, marked out of date",
		`document.getElementById('frame-box').classList.contains('stale') && document.getElementById('preview-status').textContent.includes('古い表示')`)

	// A click on the problem puts the cursor on the spot.
	eval[bool](p, `document.getElementById('download').focus() || true`)
	p.click("#problems button.problem")
	want := len([]rune(strings.Join(strings.SplitAfter(src, "\n")[:line-1], "")))
	p.until("the cursor should move to the problem", func() bool {
		return eval[bool](p, fmt.Sprintf(`document.activeElement.id === 'source' && document.getElementById('source').selectionStart === %d && document.getElementById('source').selectionEnd === %d`, want, want))
	})

	// Fixed, with a new title: the preview shows it on the same question.
	p.replaceInEditor("minuets", "minutes")
	p.replaceInEditor(`"PMOキャリア診断"`, `"PMOキャリア診断 改訂版"`) // the title (a comment names the quiz first)
	p.waitFor("the preview should show the new title",
		frameDocJS+`.querySelector('.quiz-name')?.textContent === 'PMOキャリア診断 改訂版'`)
	_, prev := p.timings()
	t.Logf("the preview showed the new title %s ms after the last keystroke", prev)
	if q := eval[string](p, frameDocJS+`.querySelector('#question-form fieldset')?.dataset.question || ''`); q != first {
		t.Errorf("after the edit the preview shows question %q; want it still on %q", q, first)
	}
	p.waitFor("the fixed draft should have no problem", `document.getElementById('problem-count').textContent === '問題はありません。'`)
	if eval[bool](p, `document.getElementById('frame-box').classList.contains('stale')`) {
		t.Error("the preview is still marked out of date")
	}

	// The preview in English, at a laptop's width (scaled to fit).
	p.click(`#preview-langs button[data-lang="en"]`)
	p.waitFor("the preview should switch to English on the same question",
		fmt.Sprintf(frameDocJS+`.querySelector('.quiz-name')?.textContent === %q && `+frameDocJS+`.querySelector('#question-form fieldset')?.dataset.question === %q`, text(theQuiz.Title, "en"), first))
	p.click(`button.width[data-width="laptop"]`)
	p.waitFor("the preview should be a laptop's width, scaled to its box",
		`(() => { const f = document.getElementById('preview'); const box = document.getElementById('frame-box');
			return f.contentWindow.innerWidth === 1280 && f.getBoundingClientRect().width <= box.clientWidth + 1; })()`)

	// The draft survives a reload.
	edited := p.editorText()
	p.openStudio(baseURL + "/studio/")
	if got := p.editorText(); got != edited {
		t.Errorf("after a reload the editor holds %d bytes; want the draft (%d bytes)", len(got), len(edited))
	}

	// Download: the editor's text, byte for byte.
	dir := t.TempDir()
	p.do("allowing downloads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	}))
	p.click("#download")
	var got []byte
	p.until("the download should arrive", func() bool {
		b, err := os.ReadFile(filepath.Join(dir, "quiz.toml"))
		got = b
		return err == nil && len(b) > 0
	})
	if !bytes.Equal(got, []byte(edited)) {
		t.Errorf("the download (%d bytes) differs from the editor's text (%d bytes)", len(got), len(edited))
	}
	if !bytes.Contains(got, []byte("PMOキャリア診断 改訂版")) {
		t.Error("the download lacks the new title")
	}
}

// TestStudioShiftJIS: a quiz file saved as Shift_JIS, opened with the
// file picker: the engine's own message asks, in Japanese, for UTF-8, at
// the first byte that is not UTF-8; once converted, the quiz checks.
func TestStudioShiftJIS(t *testing.T) {
	src := "[quiz]\nid = \"sjis\"\nlocales = [\"ja\"]\ntitle = \"文字コードの確認\"\nintro = \"Shift_JIS で保存したファイルです。\"\n\n" +
		"[[questions]]\nid = \"q\"\nkind = \"single\"\ntext = \"どちら？\"\noptions = [\n  { id = \"a\", label = \"あ\", adds = { a = 1 } },\n  { id = \"b\", label = \"い\", adds = { b = 1 } },\n]\n\n" +
		"[[outcomes]]\nid = \"a\"\ntitle = \"エー\"\nsummary = \"s\"\nwhy = \"w\"\n\n[[outcomes]]\nid = \"b\"\ntitle = \"ビー\"\nsummary = \"s\"\nwhy = \"w\"\n"
	sjis, err := japanese.ShiftJIS.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sjis.toml")
	if err := os.WriteFile(file, []byte(sjis), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPage(t, withLang("ja"))
	p.openStudio(baseURL + "/studio/")
	p.do("choosing the Shift_JIS file", chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{file}))
	var problems []studioProblem
	p.until("the encoding problem should be listed", func() bool {
		problems = p.studioProblems()
		return len(problems) == 1 && strings.Contains(problems[0].Msg, "文字コードをUTF-8にして保存してください")
	})
	if problems[0].Line != 4 {
		t.Errorf("the encoding problem is at line %d; want 4 (the title, the first text that is not ASCII)", problems[0].Line)
	}
	if eval[bool](p, `document.getElementById('encoding-notice').hidden`) {
		t.Error("no notice offers to convert the file")
	}
	if got := p.editorText(); got != src {
		t.Errorf("the editor shows %q; want the file read as Shift_JIS", got)
	}
	p.click("#convert-encoding")
	p.waitFor("once converted, the quiz should check", `document.getElementById('problem-count').textContent === '問題はありません。'`)
	if name := eval[string](p, `document.getElementById('file-name').textContent`); name != "sjis.toml" {
		t.Errorf("the editor names %q; want sjis.toml", name)
	}
}

// TestStudioGoldenFix: a new question breaks every golden case; the
// studio lists each as failing, offers to add the missing answer, and one
// click per case fixes them all. The analysis runs meanwhile, without the
// cases, in words.
func TestStudioGoldenFix(t *testing.T) {
	p := newPage(t, withLang("en"))
	p.openStudio(baseURL + "/studio/?lang=en")
	p.waitFor("the analysis should describe the quiz", `document.querySelector('#analysis .sentences li') !== null`)
	sentence := eval[string](p, `document.querySelector('#analysis .sentences li').textContent`)
	if !strings.HasPrefix(sentence, "Of all the ways a visitor could answer, about ") {
		t.Errorf("the analysis reads %q; want it in words", sentence)
	}
	const question = `
[[questions]]
id = "remote"
kind = "single"
text = { ja = "リモート勤務を希望しますか？", en = "Do you want to work remotely?" }
options = [
  { id = "yes", label = { ja = "はい", en = "Yes" }, adds = { pmo = 1 } },
  { id = "no", label = { ja = "いいえ", en = "No" }, adds = { pm = 1 } },
]
`
	// Pasted before the outcomes, as a recruiter would.
	ok := eval[bool](p, `(() => { const ta = document.getElementById('source'); const i = ta.value.indexOf('\n[[outcomes]]');
		if (i < 0) return false; ta.focus(); ta.setSelectionRange(i, i); return true; })()`)
	if !ok {
		t.Fatal("quiz.toml has no [[outcomes]]: update this test")
	}
	p.do("pasting a question", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.execCommand('insertText', false, `+jsString(question)+`)`))
		return err
	}))
	n := len(theQuiz.Golden)
	p.waitFor("every golden case should fail, each with a fix",
		fmt.Sprintf(`document.querySelectorAll('#golden li.golden-case.fail').length === %d && document.querySelectorAll('#golden button.fix').length === %d`, n, n))
	p.waitFor("the analysis should run without the golden cases", `document.querySelector('#analysis .note')?.textContent.includes('golden cases')`)
	for i := 0; i < n; i++ {
		p.waitFor("a fix should be offered", `document.querySelector('#golden button.fix') !== null`)
		label := eval[string](p, `document.querySelector('#golden button.fix').textContent`)
		if !strings.Contains(label, `remote = "yes"`) {
			t.Fatalf("the fix reads %q; want it to add remote = \"yes\"", label)
		}
		p.click("#golden button.fix")
		p.waitFor("after the fix, one case fewer should fail",
			fmt.Sprintf(`document.querySelectorAll('#golden li.golden-case.fail').length === %d && document.querySelectorAll('#golden li.golden-case.unchecked').length === 0`, n-i-1))
	}
	p.waitFor("with every case fixed, no problem is left", `document.getElementById('problem-count').textContent === 'No problems.'`)
}

// TestStudioOffline: after one visit the studio works with the server
// stopped: the page, its engine and its preview come from its service
// worker's cache, and a new mistake is found offline.
func TestStudioOffline(t *testing.T) {
	srv := ownServer(t, quizFile, "127.0.0.1:0")
	p := newPage(t, withLang("ja"))
	p.openStudio(srv.url + "/studio/")
	p.waitFor("the studio's service worker should install and take control",
		`navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated' && navigator.serviceWorker.controller.scriptURL.endsWith('/studio/sw.js')`)
	if err := srv.stop(); err != nil {
		t.Fatalf("stopping the server: %v", err)
	}
	p.openStudio(srv.url + "/studio/")
	p.replaceInEditor("minutes", "minuets")
	p.until("offline, the misspelt key should be listed", func() bool {
		ps := p.studioProblems()
		return len(ps) == 1 && strings.Contains(ps[0].Msg, "quiz.minuets:")
	})
	p.replaceInEditor(`"PMOキャリア診断"`, `"オフライン版"`)
	p.replaceInEditor("minuets", "minutes")
	p.waitFor("offline, the preview should show the new title",
		frameDocJS+`.getElementById('quiz-title')?.textContent === 'オフライン版'`)
}

// TestStudioSavesWithDev: with quizserver -dev the studio saves to the
// served file, after a confirmation, keeping the previous version as a
// backup beside it.
func TestStudioSavesWithDev(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "quiz.toml")
	if err := os.WriteFile(file, quizSource, 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := startServer(serverBin, file, webDir, "-dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.stop(); err != nil {
			t.Errorf("stopping the -dev server: %v", err)
		}
	})
	p := newPage(t, withLang("ja"))
	p.openStudio(srv.url + "/studio/")
	p.waitFor("with -dev the studio offers to save to the server", `!document.getElementById('save-server').hidden`)
	p.replaceInEditor(`"PMOキャリア診断"`, `"保存のテスト"`)
	p.waitPreviewFresh("after the edit")
	p.click("#save-server")
	p.waitFor("a confirmation should ask first", `document.getElementById('confirm').open`)
	if b, _ := os.ReadFile(file); !bytes.Equal(b, quizSource) {
		t.Fatal("the file changed before the confirmation")
	}
	p.click("#confirm-ok")
	p.waitFor("the studio should say it saved", `document.getElementById('doc-status').textContent.startsWith('quiz.toml に保存しました')`)
	want := p.editorText()
	if b, _ := os.ReadFile(file); string(b) != want {
		t.Errorf("the file holds %d bytes; want the editor's %d", len(b), len(want))
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "quiz.toml.*.bak"))
	if len(backups) != 1 {
		t.Fatalf("backups %v; want one", backups)
	}
	if b, _ := os.ReadFile(backups[0]); !bytes.Equal(b, quizSource) {
		t.Errorf("the backup %s is not the file as it was", backups[0])
	}
	if status := eval[string](p, `document.getElementById('doc-status').textContent`); !strings.Contains(status, filepath.Base(backups[0])) {
		t.Errorf("the status reads %q; want it to name the backup %s", status, filepath.Base(backups[0]))
	}

	// A draft edited further, then the file changed on disk by someone
	// else: the studio brings the draft back and says the published file
	// has changed since.
	p.replaceInEditor("保存のテスト", "下書きのまま")
	p.waitFor("the edit should be checked", `document.getElementById('problem-count').textContent === '問題はありません。'`)
	draft := p.editorText()
	if err := os.WriteFile(file, []byte(strings.Replace(want, "保存のテスト", "ほかの人の変更", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	p.openStudio(srv.url + "/studio/")
	p.waitFor("the studio should say the published file changed since the draft",
		`document.getElementById('doc-status').textContent.includes('公開中のファイルはその後に変わっています')`)
	if got := p.editorText(); got != draft {
		t.Errorf("after a reload the editor holds %d bytes; want the draft (%d)", len(got), len(draft))
	}
}

// TestDevFollowsTheFile: the page of quizserver -dev shows each save by
// itself, with no reload (a mark left on the page stays) and on the
// question the visitor is on; a broken save shows its problems, and the
// fix brings the question back.
func TestDevFollowsTheFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "quiz.toml")
	save := func(s string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := string(quizSource)
	save(src)
	srv, err := startServer(serverBin, file, webDir, "-dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.stop() })
	p := newPage(t, withLang("en"))
	p.openURL(srv.url+"/?lang=en", "intro")
	p.click("#start")
	first := theQuiz.Questions[0].ID
	p.waitQuestion(first, "after Start")
	eval[bool](p, `window.__notReloaded = true`)

	const oldTitle = `en = "PMO Career Quiz"`
	if !strings.Contains(src, oldTitle) {
		t.Fatalf("quiz.toml no longer contains %q: update this test", oldTitle)
	}
	edited := strings.Replace(src, oldTitle, `en = "PMO Career Quiz, saved"`, 1)
	save(edited)
	p.waitFor("the page should show the saved title by itself, without a reload, on the same question",
		fmt.Sprintf(`window.__notReloaded === true && document.querySelector('.quiz-name')?.textContent === 'PMO Career Quiz, saved' && document.querySelector('#question-form fieldset')?.dataset.question === %q`, first))

	save(strings.Replace(edited, "\nminutes = ", "\nminuets = ", 1))
	p.waitFor("a broken save should show its problems in place",
		`window.__notReloaded === true && document.querySelector('main#quiz')?.dataset.screen === 'error' && document.getElementById('error-panel').textContent.includes('minuets')`)
	save(edited)
	p.waitFor("the fix should bring the question back",
		fmt.Sprintf(`window.__notReloaded === true && document.querySelector('#question-form fieldset')?.dataset.question === %q`, first))
}

// TestStudioAccessible: axe-core finds no WCAG 2.2 A/AA violation on the
// studio, in Japanese and English, light and dark, with problems listed
// and the confirmation open.
func TestStudioAccessible(t *testing.T) {
	p := newPage(t, withLang("ja"))
	for _, tc := range []struct{ lang, scheme string }{{"ja", "light"}, {"en", "dark"}} {
		p.emulateMedia("", tc.scheme)
		p.openStudio(baseURL + "/studio/?lang=" + tc.lang)
		p.waitFor("the analysis should be on screen", `document.querySelector('#analysis table') !== null`)
		p.studioAxe(tc.lang + ", " + tc.scheme + ", no problems")
		p.replaceInEditor("minutes", "minuets")
		p.until("the problem should be listed", func() bool {
			ps := p.studioProblems()
			return len(ps) == 1 && strings.Contains(ps[0].Msg, "quiz.minuets:")
		})
		p.studioAxe(tc.lang + ", " + tc.scheme + ", a problem listed")
		p.replaceInEditor("minuets", "minutes")
		p.replaceInEditor("PMO", "PMO ")
		p.click("#open-template")
		p.waitFor("replacing an edited draft should ask first", `document.getElementById('confirm').open`)
		p.studioAxe(tc.lang + ", " + tc.scheme + ", the confirmation open")
		p.click("#confirm-cancel")
		eval[bool](p, `localStorage.clear() || true`) // the next round opens the published file
	}
	p.screenshots("studio")
}

// studioAxe runs axe-core on the studio's page; the preview frame is the
// widget, which the other tests check on every screen.
func (p *page) studioAxe(what string) {
	p.t.Helper()
	src := needAxe(p.t)
	if !eval[bool](p, `typeof window.axe === 'object'`) {
		eval[bool](p, src+"\n;typeof window.axe === 'object'")
	}
	vs := eval[[]axeViolation](p, fmt.Sprintf(`axe.run({exclude: [['#preview']]}, {iframes: false, runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || '', html: n.html.slice(0, 160)}))})))`,
		jsArray(axeTags)))
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s (%s): %s — %s", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      %s  %s\n        %s", strings.Join(n.Target, " "), n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n        "))
		}
	}
	p.t.Errorf("the studio (%s): axe-core reports %d violation(s):%s", what, len(vs), b.String())
}

// TestStudioLeavesAppWasmAlone: the visitor's app.wasm carries none of the
// studio: the file the server sends has neither the preview's messages nor
// the engine's studio functions, which the studio's own wasm files have.
func TestStudioLeavesAppWasmAlone(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(webDir, name))
		if err != nil {
			t.Fatalf("%v (make build writes it)", err)
		}
		return b
	}
	app, preview, engine := read("app.wasm"), read("preview.wasm"), read("studio.wasm")
	for _, c := range []struct {
		name   string
		b      []byte
		marker string
		want   bool
	}{
		{"app.wasm", app, "pmoquiz-studio", false},
		{"app.wasm", app, "PMOQUIZ_LIVE", false},
		{"app.wasm", app, "pmoquizStudio", false},
		{"preview.wasm", preview, "pmoquiz-studio", true},
		{"studio.wasm", engine, "pmoquizStudio", true},
	} {
		if got := bytes.Contains(c.b, []byte(c.marker)); got != c.want {
			t.Errorf("%s contains %q: %v; want %v", c.name, c.marker, got, c.want)
		}
	}
	// The server sends that app.wasm to visitors: the one the page's
	// loader names (its compiler worker downloads it).
	p := newPage(t)
	p.open("/", "intro")
	url := eval[string](p, `(async () => {
		const s = [...document.scripts].find(s => /\/app\.[0-9a-f]{16}\.js$/.test(s.src));
		const m = s && /"wasm":"([^"]+)"/.exec(await (await fetch(s.src)).text());
		return m && /\/web\/app\.[0-9a-f]{16}\.wasm$/.test(m[1]) ? m[1] : '';
	})()`)
	if url == "" {
		t.Fatal("the page's loader names no content-hashed app.wasm")
	}
	got := eval[int](p, fmt.Sprintf(`fetch(%s).then(r => r.arrayBuffer()).then(b => b.byteLength)`, jsString(url)))
	if got != len(app) {
		t.Errorf("the page's app.wasm is %d bytes; want web/app.wasm's %d", got, len(app))
	}
}

// TestStudioStatic: the static export for a sub-path, served by nginx with
// the documented server block, has the studio: it opens the published
// quiz, finds a mistake and shows its preview under the studio's policy
// (which lets it frame the preview), and no request leaves the sub-path.
func TestStudioStatic(t *testing.T) {
	dist := exportStatic(t, staticBase)
	ngx := startNginx(t, dist)
	studioURL := "http://" + ngx.addr + staticBase + "studio/"
	p := newPage(t, withLang("ja"))
	p.openStudio(studioURL)
	if got := p.editorText(); got != string(quizSource) {
		t.Errorf("the studio opened %d bytes; want the exported quiz.toml (%d)", len(got), len(quizSource))
	}
	if eval[bool](p, `!document.getElementById('save-server').hidden`) {
		t.Error("a static host offers to save to the server")
	}
	p.replaceInEditor("minutes", "minuets")
	p.until("the misspelt key should be listed", func() bool {
		ps := p.studioProblems()
		return len(ps) == 1 && strings.Contains(ps[0].Msg, "quiz.minuets:")
	})
	p.replaceInEditor("minuets", "minutes")
	p.replaceInEditor(`"PMOキャリア診断"`, `"静的サイト版"`)
	p.waitFor("the preview should show the new title", frameDocJS+`.getElementById('quiz-title')?.textContent === '静的サイト版'`)
	for _, path := range ngx.requests(t) {
		if !strings.HasPrefix(path, staticBase) {
			t.Errorf("nginx: GET %s, outside %s", path, staticBase)
		}
	}
}

// TestStudioDropKeepsLineEndings: a file dropped on the editor opens with
// its name; it has Windows line endings, and the download keeps them, byte
// for byte, with the edit in it.
func TestStudioDropKeepsLineEndings(t *testing.T) {
	crlf := strings.ReplaceAll(string(quizSource), "\n", "\r\n")
	p := newPage(t, withLang("en"))
	p.openStudio(baseURL + "/studio/?lang=en")
	eval[bool](p, fmt.Sprintf(`(() => { const dt = new DataTransfer(); dt.items.add(new File([%s], 'crlf.toml'));
		document.getElementById('editor').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true; })()`, jsString(crlf)))
	p.waitFor("the dropped file should open", `document.getElementById('file-name').textContent === 'crlf.toml'`)
	p.waitFor("it should check", `document.getElementById('problem-count').textContent === 'No problems.'`)
	p.replaceInEditor("PMO Career Quiz", "PMO Career Quiz (CRLF)")
	dir := t.TempDir()
	p.do("allowing downloads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	}))
	p.click("#download")
	var got []byte
	p.until("the download should arrive", func() bool {
		b, err := os.ReadFile(filepath.Join(dir, "crlf.toml"))
		got = b
		return err == nil && len(b) > 0
	})
	want := strings.Replace(crlf, "PMO Career Quiz", "PMO Career Quiz (CRLF)", 1)
	if string(got) != want {
		t.Errorf("the download (%d bytes, %d CRLF) differs from the file as dropped and edited (%d bytes, %d CRLF)",
			len(got), bytes.Count(got, []byte("\r\n")), len(want), strings.Count(want, "\r\n"))
	}
}

// TestStudioTimings measures, over several edits, the time from the last
// keystroke to the problems on screen and to the preview showing the edit
// (the studio's own measures, README's figures). It logs them: speed is
// not asserted in a test (the machine is shared).
func TestStudioTimings(t *testing.T) {
	p := newPage(t, withLang("ja"))
	p.openStudio(baseURL + "/studio/")
	var checks, engines, previews []string
	prev := "PMOキャリア診断"
	for i := 1; i <= 7; i++ {
		title := fmt.Sprintf("PMOキャリア診断 %d", i)
		p.replaceInEditor(strconv.Quote(prev), strconv.Quote(title)) // the title, not the comment that names the quiz
		prev = title
		p.waitFor("the preview should show the edit", fmt.Sprintf(frameDocJS+`.getElementById('quiz-title')?.textContent === %q`, title))
		c, pv := p.timings()
		checks, previews = append(checks, c), append(previews, pv)
		engines = append(engines, eval[string](p, `document.documentElement.dataset.engineMs || ''`))
	}
	t.Logf("ms from the last keystroke (after a pause of 250 ms) to the problems on screen: %s (the engine's check: %s); to the preview showing the edit: %s",
		strings.Join(checks, " "), strings.Join(engines, " "), strings.Join(previews, " "))
	p.waitFor("the analysis should finish", `document.getElementById('analysis-status').textContent === '' && !!document.documentElement.dataset.analysisMs`)
	t.Logf("the analysis (a sample of 100,000 answer sets) took %s ms in its worker", eval[string](p, `document.documentElement.dataset.analysisMs`))
}

// TestStudioFolder: quizserver -dev -quiz with a folder (a copy of
// quizzes/). /studio/ links to each quiz's studio, at /<id>/studio/, which
// opens that quiz's file and previews it; a draft in one studio stays out of the
// other's; saving writes that quiz's file only, with its backup.
func TestStudioFolder(t *testing.T) {
	f := repoFolder(t)
	pmo, qa := f.quizzes[0], f.quizzes[1]
	dir := t.TempDir()
	files, err := quizset.Files(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string][]byte{} // by quiz id
	for i, file := range files {
		b, err := os.ReadFile(file) // through the repository's links: the copy is a plain file
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(file)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		srcs[f.quizzes[i].ID] = b
	}
	srv, err := startServer(serverBin, dir, webDir, "-dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.stop(); err != nil {
			t.Errorf("stopping the -dev server: %v", err)
		}
	})
	p := newPage(t, withLang("en"))

	// /studio/ links to each quiz's studio; the second quiz's studio,
	// from its link: its file, its preview.
	p.do("opening /studio/", chromedp.Navigate(srv.url+"/studio/"))
	p.waitFor("/studio/ should link to each quiz's studio",
		fmt.Sprintf(`document.querySelectorAll('.quiz-list li[data-quiz] a').length === %d`, len(files)))
	p.expectNoAxeViolations("the folder's /studio/")
	p.click(fmt.Sprintf(`li[data-quiz=%q] a`, qa.ID))
	p.waitFor("the link should open the quiz's studio", studioCheckedJS)
	p.waitPreviewFresh("after opening the studio from /studio/")
	if path := eval[string](p, `location.pathname`); path != "/"+qa.ID+"/studio/" {
		t.Errorf("the link led to %s; want /%s/studio/", path, qa.ID)
	}
	if got := p.editorText(); got != string(srcs[qa.ID]) {
		t.Fatalf("/%s/studio/ opened %d bytes; want %s's file (%d bytes)", qa.ID, len(got), qa.ID, len(srcs[qa.ID]))
	}
	p.waitFor("the preview should show the quiz of this studio",
		fmt.Sprintf(frameDocJS+`.getElementById('quiz-title')?.textContent === %q`, textIn(qa, qa.Title, "en")))
	title := textIn(qa, qa.Title, "en")
	p.replaceInEditor(strconv.Quote(title), strconv.Quote(title+" (edited)"))
	p.waitFor("the preview should show the edit",
		fmt.Sprintf(frameDocJS+`.getElementById('quiz-title')?.textContent === %q`, title+" (edited)"))

	// The first quiz's studio, on the same origin: its own file, not the
	// other studio's draft.
	p.openStudio(srv.url + "/" + pmo.ID + "/studio/?lang=en")
	if got := p.editorText(); got != string(srcs[pmo.ID]) {
		t.Errorf("/%s/studio/ opened %d bytes; want %s's file (%d bytes), not the other studio's draft", pmo.ID, len(got), pmo.ID, len(srcs[pmo.ID]))
	}

	// Back in the second quiz's studio, the draft is there, and saving
	// writes its file only.
	p.openStudio(srv.url + "/" + qa.ID + "/studio/?lang=en")
	draft := p.editorText()
	if !strings.Contains(draft, title+" (edited)") {
		t.Fatalf("the draft of /%s/studio/ was not kept", qa.ID)
	}
	p.waitFor("with -dev the studio offers to save to the server", `!document.getElementById('save-server').hidden`)
	p.click("#save-server")
	p.waitFor("a confirmation should ask first", `document.getElementById('confirm').open`)
	p.click("#confirm-ok")
	name := filepath.Base(files[1])
	p.waitFor("the studio should say it saved to "+name,
		fmt.Sprintf(`document.getElementById('doc-status').textContent.includes(%q)`, name))
	if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != draft {
		t.Errorf("%s holds %d bytes; want the draft (%d)", name, len(b), len(draft))
	}
	if backups, _ := filepath.Glob(filepath.Join(dir, name+".*.bak")); len(backups) != 1 {
		t.Errorf("backups of %s: %v; want one", name, backups)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, filepath.Base(files[0]))); !bytes.Equal(b, srcs[pmo.ID]) {
		t.Errorf("%s changed; only %s was saved", filepath.Base(files[0]), name)
	}
	// The quiz's page follows the save (-dev).
	p.do("opening the quiz's page", chromedp.Navigate(srv.url+"/"+qa.ID+"/"))
	p.waitFor("the quiz's page should show the saved title",
		fmt.Sprintf(`document.getElementById('quiz-title')?.textContent === %q`, title+" (edited)"))
	// …and each later save of its own file, with no reload.
	eval[bool](p, `(window.pmoquizNoReload = true)`)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Replace(draft, title+" (edited)", title+" (saved again)", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the quiz's page at /"+qa.ID+"/ should follow its file as saved",
		fmt.Sprintf(`document.getElementById('quiz-title')?.textContent === %q`, title+" (saved again)"))
	if !eval[bool](p, `window.pmoquizNoReload === true`) {
		t.Error("the quiz's page reloaded to show the save")
	}
}

// TestStudioRecruiterJourney: issue 13's "done when", in Japanese: the
// published quiz opened, a question's wording and a path's weight changed;
// the preview shows the new wording on that question, and the analysis on
// screen becomes the engine's analysis of the draft (the same engine, run
// here on the editor's text: the same shares, the same sentences), which
// the weight has moved.
func TestStudioRecruiterJourney(t *testing.T) {
	p := newPage(t, withLang("ja"))
	p.openStudio(baseURL + "/studio/")
	before := p.waitAnalysisOf(p.editorText())

	// The wording of the first question, with the preview on it.
	eval[bool](p, frameDocJS+`.getElementById('start').click() || true`)
	qu := theQuiz.Questions[0]
	p.waitFor("the preview should show the first question after Start",
		fmt.Sprintf(frameDocJS+`.querySelector('#question-form fieldset')?.dataset.question === %q`, qu.ID))
	wording := text(qu.Text, "ja")
	p.replaceInEditor(strconv.Quote(wording), strconv.Quote(wording+"（改）"))
	p.waitFor("the preview should show the new wording on that question",
		fmt.Sprintf(frameDocJS+`.getElementById('q-legend')?.textContent === %q`, wording+"（改）"))

	// A weight in a path's profile (the first path's, planning 1 → 3).
	const weight = "profile = { support = 3, coordination = 2, planning = 1 }"
	if n := strings.Count(p.editorText(), weight); n != 1 {
		t.Fatalf("quiz.toml has %q %d times; want once (update this test)", weight, n)
	}
	p.replaceInEditor(weight, strings.Replace(weight, "planning = 1", "planning = 3", 1))
	p.waitFor("the edit should be checked", `document.getElementById('problem-count').textContent === '問題はありません。'`)
	after := p.waitAnalysisOf(p.editorText())
	moved := false
	for i := range after.Outcomes {
		moved = moved || after.Outcomes[i].Percent != before.Outcomes[i].Percent
	}
	if !moved {
		t.Errorf("the weight moved no share (%v): choose an edit that does", after.Outcomes)
	}
}

// waitAnalysisOf waits for the studio's analysis to be the engine's
// analysis of src, in Japanese, and returns it.
func (p *page) waitAnalysisOf(src string) *engine.Analysis {
	p.t.Helper()
	want, err := engine.Analyze("quiz.toml", []byte(src), 0)
	if err != nil {
		p.t.Fatalf("the engine cannot analyse the draft: %v", err)
	}
	type shown struct {
		Summary   string   `json:"summary"`
		Rows      []string `json:"rows"`
		Sentences []string `json:"sentences"`
	}
	var w shown
	w.Summary = want.Summary.Ja
	for _, o := range want.Outcomes {
		w.Rows = append(w.Rows, fmt.Sprintf("%s %.1f %% %.1f %%", o.Title.Ja, o.Percent, o.Second))
		w.Sentences = append(w.Sentences, o.Sentence.Ja)
	}
	var got shown
	err = p.poll(waitTimeout, "(() => { "+`
		const a = document.getElementById('analysis');
		if (document.getElementById('analysis-status').textContent !== '' || !a.querySelector('table')) return false;
		const got = {summary: a.querySelector('p.summary').textContent,
			rows: Array.from(a.querySelectorAll('table.shares tbody tr')).map(tr => Array.from(tr.children).map(c => c.textContent).join(' ')),
			sentences: Array.from(a.querySelector('ul.sentences').children).map(li => li.textContent)};
		return JSON.stringify(got) === `+jsString(mustJSON(p.t, w))+`; })()`)
	if err != nil {
		got = eval[shown](p, `(() => { const a = document.getElementById('analysis'); return {summary: a.querySelector('p.summary')?.textContent || '',
			rows: Array.from(a.querySelectorAll('table.shares tbody tr')).map(tr => Array.from(tr.children).map(c => c.textContent).join(' ')),
			sentences: Array.from(a.querySelectorAll('ul.sentences')[0]?.children || []).map(li => li.textContent)}; })()`)
		p.t.Fatalf("the analysis on screen is not the engine's for the draft: %v\n got %+v\nwant %+v", err, got, w)
	}
	return want
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStudioStaticFolder: the export of quizzes/ under /careers/, served
// by nginx with tools/static/nginx.conf: /careers/studio/ links to each
// quiz's studio, which, under the studio's policy (its preview framed),
// opens its quiz, finds a mistake and previews an edit; nothing leaves
// /careers/.
func TestStudioStaticFolder(t *testing.T) {
	f := repoFolder(t)
	qa := f.quizzes[1]
	const base = "/careers/"
	dist := exportStaticOf(t, f.dir, base)
	ngx := startNginxAt(t, dist, base)
	site := "http://" + ngx.addr + base
	p := newPage(t, withLang("en"))
	p.do("opening /careers/studio/", chromedp.Navigate(site+"studio/"))
	p.waitFor("/careers/studio/ should link to each quiz's studio",
		fmt.Sprintf(`document.querySelectorAll('.quiz-list li[data-quiz] a[href^=%q]').length === %d`, base, len(f.quizzes)))
	p.click(fmt.Sprintf(`li[data-quiz=%q] a`, qa.ID))
	p.waitFor("the link should open the quiz's studio", studioCheckedJS)
	p.waitPreviewFresh("after opening " + qa.ID + "'s studio under nginx")
	src, err := os.ReadFile(filepath.Join(dist, qa.ID, "quiz.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.editorText(); got != string(src) {
		t.Errorf("the studio opened %d bytes; want %s/quiz.toml (%d)", len(got), qa.ID, len(src))
	}
	title := textIn(qa, qa.Title, "en")
	p.replaceInEditor(strconv.Quote(title), strconv.Quote(title+" (static)"))
	p.waitFor("the preview should show the edit",
		fmt.Sprintf(frameDocJS+`.getElementById('quiz-title')?.textContent === %q`, title+" (static)"))
	for _, path := range ngx.requests(t) {
		if !strings.HasPrefix(path, base) {
			t.Errorf("nginx: GET %s, outside %s", path, base)
		}
	}
}
