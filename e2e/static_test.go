package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// staticBase is the sub-path the static export is tested under.
const staticBase = "/careers/pmo-quiz/"

// TestStaticNginx: the static export (tools/static, as make static runs it)
// for a sub-path, served by a stock static server that is not ours: Debian's
// nginx, with the server block the README documents (tools/static/nginx.conf)
// and its precompressed copies. The quiz loads, completes, installs (no
// installability errors, and the install button works), goes offline when
// nginx stops and still completes; no request leaves the sub-path.
func TestStaticNginx(t *testing.T) {
	dist := exportStatic(t, staticBase)
	ngx := startNginx(t, dist)
	site := "http://" + ngx.addr + staticBase
	wasms, _ := filepath.Glob(filepath.Join(dist, "web", "app.*.wasm"))
	if len(wasms) != 1 {
		t.Fatalf("the export has %d app.<hash>.wasm files; want 1: %v", len(wasms), wasms)
	}
	wasm := "web/" + filepath.Base(wasms[0])

	// What nginx sends: the copies made at export, the right types, the
	// headers the quiz needs; the files named by their content's hash are
	// kept for good, the others revalidated.
	const forGood = "max-age=315360000"
	for _, c := range []struct{ path, accept, encoding, ctype, cache string }{
		{"", "br, gzip", "br", "text/html", "no-cache"},
		{wasm, "br, gzip", "br", "application/wasm", forGood},
		{wasm, "gzip", "gzip", "application/wasm", forGood},
		{"quiz.toml", "gzip", "gzip", "application/toml", "no-cache"},
		{"manifest.webmanifest", "br", "br", "application/manifest+json", "no-cache"},
		{"app-worker.js", "br", "br", "application/javascript", "no-cache"},
	} {
		req, _ := http.NewRequest("GET", site+c.path, nil)
		req.Header.Set("Accept-Encoding", c.accept)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		h := res.Header
		if res.StatusCode != 200 || h.Get("Content-Encoding") != c.encoding || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) ||
			h.Get("Cache-Control") != c.cache || !strings.Contains(h.Get("Content-Security-Policy"), "'wasm-unsafe-eval'") {
			t.Errorf("GET %s%s (Accept-Encoding: %s) = %d, Content-Encoding %q, Content-Type %q, Cache-Control %q, CSP %q; want 200, %q, %s, %s and the quiz's CSP",
				staticBase, c.path, c.accept, res.StatusCode, h.Get("Content-Encoding"), h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("Content-Security-Policy"), c.encoding, c.ctype, c.cache)
		}
	}

	p := newPage(t, withLang("ja"))
	var mu sync.Mutex
	var requests []string
	p.intercept("*", func(ev *fetch.EventRequestPaused) *fetch.FulfillRequestParams {
		mu.Lock()
		requests = append(requests, string(ev.ResourceType)+" "+ev.Request.URL)
		mu.Unlock()
		return nil
	})

	p.openURL(site, "intro")
	p.checkIntro("ja")
	p.waitOffline()
	p.expectNoUpdateNotice("after the first visit")
	if errs := p.installabilityErrors(); len(errs) > 0 {
		t.Errorf("Chromium would not offer to install the app: %v", errs)
	}
	p.checkInstallButton()
	g := goldenCase(t, "Current PMO happy in a supporting role")
	p.runQuickly(g.Answers)
	p.checkResult(g.Answers, "ja")

	// Offline: nginx stops.
	ngx.stop(t)
	p.do("reloading with nginx stopped", chromedp.Reload())
	p.waitScreen("result", "after reloading with nginx stopped") // a reload keeps the step
	p.checkResult(g.Answers, "ja")
	p.openURL(site+"?lang=en", "intro")
	p.checkIntro("en")
	g = goldenCase(t, "Developer who wants to go deeper into technology")
	p.runQuickly(g.Answers)
	p.checkResult(g.Answers, "en")

	// Every request the browser made stayed under the sub-path: what
	// nginx logged (the browser's own requests too) and what the browser
	// sent out.
	var outside []string
	for _, path := range ngx.requests(t) {
		if !strings.HasPrefix(path, staticBase) {
			outside = append(outside, "nginx: GET "+path)
		}
	}
	mu.Lock()
	for _, r := range requests {
		kind, raw, _ := strings.Cut(r, " ")
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "data" && (u.Host != ngx.addr || !strings.HasPrefix(u.Path, staticBase)) {
			outside = append(outside, "browser: "+kind+" "+raw)
		}
	}
	n := len(requests)
	mu.Unlock()
	if len(outside) > 0 {
		t.Errorf("%d request(s) went outside %s%s:\n  %s", len(outside), ngx.addr, staticBase, strings.Join(outside, "\n  "))
	}
	t.Logf("%d requests recorded, all under %s", n, staticBase)
}

// checkInstallButton: Chromium offers to install the app (it fires
// beforeinstallprompt, which app.js keeps), so the header shows the install
// button; clicking it shows the browser's prompt. The prompt itself is the
// browser's: a stand-in records the call.
func (p *page) checkInstallButton() {
	p.t.Helper()
	p.waitFor("Chromium offers to install the app: the install button should appear in the header",
		`!!document.querySelector('.quiz-header button#install')`)
	locale := p.state().Lang
	if got, want := eval[string](p, `document.getElementById('install').textContent`), ui("install", locale); got != want {
		p.t.Errorf("the install button reads %q, want %q", got, want)
	}
	// The page keeps the event Chromium fired; its prompt is counted
	// instead of shown.
	eval[chromedp.Void](p, `window.__e2ePrompted = 0; BeforeInstallPromptEvent.prototype.prompt = function () { window.__e2ePrompted++; return Promise.resolve(); }`)
	p.click("button#install")
	p.waitFor("clicking the install button should show the browser's install prompt", `window.__e2ePrompted === 1`)
	p.waitFor("the install button should go once its prompt was shown", `!document.getElementById('install')`)
}

// exportStatic runs tools/static as make static does, for base, into a
// temporary directory.
func exportStatic(t *testing.T, base string) string {
	t.Helper()
	return exportStaticOf(t, quizFile, base)
}

// exportStaticOf is exportStatic for a quiz file or folder.
func exportStaticOf(t *testing.T, quizFile, base string) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "dist")
	// nginx's workers run as another user when the test runs as root.
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "./tools/static", "-base", base, "-out", out, "-quiz", quizFile, "-web", webDir)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./tools/static: %v\n%s", err, b)
	}
	return out
}

// nginx is Debian's nginx, run by a test in the foreground on a loopback
// port with a configuration of its own.
type nginx struct {
	addr string
	dir  string
	cmd  *exec.Cmd
	done chan error
	once sync.Once
}

// nginxPath finds nginx, or skips the test (fails it when CI=true).
func nginxPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"nginx", "/usr/sbin/nginx"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "nginx not found: install Debian's nginx (tools/deps.sh test does)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// brotliModule is where Debian's libnginx-mod-http-brotli-static puts the
// module that serves .br copies.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// startNginx serves dist under staticBase with tools/static/nginx.conf's
// server block (its listen address and directory changed).
func startNginx(t *testing.T, dist string) *nginx {
	t.Helper()
	return startNginxAt(t, dist, staticBase)
}

// startNginxAt is startNginx for an export made for base: the server
// block's /careers/pmo-quiz/ is base.
func startNginxAt(t *testing.T, dist, base string) *nginx {
	t.Helper()
	exe := nginxPath(t)
	block, err := os.ReadFile(filepath.Join("..", "tools", "static", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	n := &nginx{addr: freeAddr(t), dir: t.TempDir(), done: make(chan error, 1)}
	site := string(block)
	for old, new := range map[string]string{"listen 80;": "listen " + n.addr + ";", "alias /srv/pmo-quiz/dist/;": "alias " + dist + "/;"} {
		if !strings.Contains(site, old) {
			t.Fatalf("tools/static/nginx.conf no longer contains %q: update this test", old)
		}
		site = strings.Replace(site, old, new, 1)
	}
	if !strings.Contains(site, strings.TrimSuffix(staticBase, "/")) {
		t.Fatalf("tools/static/nginx.conf no longer serves %s: update this test", staticBase)
	}
	site = strings.ReplaceAll(site, strings.TrimSuffix(staticBase, "/"), strings.TrimSuffix(base, "/"))
	load := ""
	if _, err := os.Stat(brotliModule); err == nil {
		load = "load_module " + brotliModule + ";"
	} else {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: install Debian's libnginx-mod-http-brotli-static (tools/deps.sh test does)", err)
		}
		site = strings.Replace(site, "brotli_static on;", "", 1)
		t.Logf("%v: testing without brotli_static", err)
	}
	tmp := filepath.Join(n.dir, "tmp")
	conf := fmt.Sprintf(`daemon off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
%[2]s
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log %[1]s/access.log;
	client_body_temp_path %[3]s/body;
	proxy_temp_path %[3]s/proxy;
	fastcgi_temp_path %[3]s/fastcgi;
	uwsgi_temp_path %[3]s/uwsgi;
	scgi_temp_path %[3]s/scgi;
%[4]s
}
`, n.dir, load, tmp, site)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(n.dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	n.cmd = exec.Command(exe, "-p", n.dir+"/", "-e", filepath.Join(n.dir, "error.log"), "-c", confFile)
	out := &lockedBuffer{}
	n.cmd.Stdout, n.cmd.Stderr = out, out
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	go func() { n.done <- n.cmd.Wait() }()
	t.Cleanup(func() {
		n.stop(t)
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(n.dir, "error.log"))
			if len(log) > 4000 {
				log = log[len(log)-4000:]
			}
			t.Logf("nginx output:\n%s\nend of error.log:\n%s", out.String(), log)
		}
	})

	var lastErr error
	serving := func(context.Context) (bool, error) {
		select {
		case werr := <-n.done:
			return false, fmt.Errorf("nginx exited (%v): %s", werr, out.String())
		default:
		}
		res, err := http.Get("http://" + n.addr + base)
		if err != nil {
			lastErr = err
			return false, nil
		}
		res.Body.Close()
		if res.StatusCode == 200 {
			return true, nil
		}
		lastErr = fmt.Errorf("status %d", res.StatusCode)
		return false, nil
	}
	if err := pollUntil(context.Background(), waitTimeout, serving); err != nil {
		t.Fatalf("nginx does not serve %s: %v (%v)\n%s", base, err, lastErr, out.String())
	}
	return n
}

// stop shuts nginx down (SIGTERM: at once), and waits for it.
func (n *nginx) stop(t *testing.T) {
	n.once.Do(func() {
		n.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-n.done:
		case <-time.After(10 * time.Second):
			n.cmd.Process.Kill()
			<-n.done
			t.Errorf("nginx did not stop within 10s of SIGTERM; killed")
		}
	})
}

// requests is the path of every request in nginx's access log.
func (n *nginx) requests(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(n.dir, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 127.0.0.1 - - [date] "GET /path HTTP/1.1" 200 …
		_, req, ok := strings.Cut(sc.Text(), `"`)
		fields := strings.Fields(req)
		if !ok || len(fields) < 2 {
			t.Errorf("unreadable access log line: %s", sc.Text())
			continue
		}
		paths = append(paths, fields[1])
	}
	if len(paths) == 0 {
		t.Error("nginx logged no request")
	}
	return slices.Clip(paths)
}
