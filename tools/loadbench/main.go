// Command loadbench compares the quiz server with Debian's nginx serving
// the static export of the same site, under load on loopback (make
// bench-load runs it).
//
// Usage:
//
//	go run ./tools/loadbench -dist DIR [-server bin/quizserver] [-quiz quiz.toml] [-web web]
//	                         [-nginx-conf tools/static/nginx.conf] [-duration 5s] [-rounds 5]
//
// DIR is `make static BASE=/careers/pmo-quiz/`'s output (tools/static),
// served by nginx with the server block the README documents
// (tools/static/nginx.conf: brotli_static, gzip_static), only its listen
// address and directory changed, in an nginx.conf with Debian's defaults
// (worker_processes auto, sendfile, tcp_nopush) and no access log; the
// quiz server runs as make run starts it (no access log either). They take
// turns, never run at once: for each case, nginx then ours, then ours then
// nginx, and so on for -rounds rounds (5 by default).
//
// The load is wrk's (Debian's wrk), two threads, requests asking for
// "Accept-Encoding: br, gzip" as browsers do: the page at the root and
// app.wasm, at 256 connections (requests per second, 99th percentile
// latency) and at 1000 (errors: connect, read, write, timeouts over 10 s,
// and non-2xx answers). It prints each run, then the medians and the
// ratios ours/nginx (the median over rounds of each round's ratio), and
// the quiz server's peak resident memory (VmHWM).
// Absolute figures depend on the machine and what else runs on it; the
// ratios, measured side by side, are what to compare.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type options struct {
	dist, server, quiz, web, nginxConf, wrk, nginx string
	duration                                       time.Duration
	rounds                                         int
}

// base is where the static export is served, as the README's block does.
const base = "/careers/pmo-quiz/"

func run(args []string, stdout io.Writer) error {
	var o options
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	fs.StringVar(&o.dist, "dist", "", "the static export for "+base+" (required)")
	fs.StringVar(&o.server, "server", "bin/quizserver", "the quiz server `binary`")
	fs.StringVar(&o.quiz, "quiz", "quiz.toml", "the quiz `file` (the one the export was made from)")
	fs.StringVar(&o.web, "web", "web", "the web `directory` (the one the export was made from)")
	fs.StringVar(&o.nginxConf, "nginx-conf", "tools/static/nginx.conf", "the documented nginx server `block`")
	fs.StringVar(&o.wrk, "wrk", "wrk", "the wrk `binary`")
	fs.StringVar(&o.nginx, "nginx", "/usr/sbin/nginx", "the nginx `binary`")
	fs.DurationVar(&o.duration, "duration", 5*time.Second, "how long each run lasts")
	fs.IntVar(&o.rounds, "rounds", 5, "runs of each case on each server")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.dist == "" || fs.NArg() > 0 || o.rounds < 1 {
		fs.Usage()
		return flag.ErrHelp
	}
	if err := raiseFileLimit(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	ngx, err := startNginx(o, dir)
	if err != nil {
		return err
	}
	defer ngx.stop()
	ours, err := startServer(o)
	if err != nil {
		return err
	}
	defer ours.stop()

	servers := []*server{ngx, ours}
	// The same bytes go out from both: say how many.
	for _, s := range servers {
		for _, p := range []string{s.page, s.wasm} {
			n, enc, err := size(s.url + p)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%-6s %-24s %9d bytes %s\n", s.name, p, n, enc)
		}
	}

	cases := []struct {
		name  string
		conns int
		path  func(*server) string
	}{
		{"page", 256, func(s *server) string { return s.page }},
		{"app.wasm", 256, func(s *server) string { return s.wasm }},
		{"page", 1000, func(s *server) string { return s.page }},
		{"app.wasm", 1000, func(s *server) string { return s.wasm }},
	}
	// A short warm-up of each, so that neither pays for a cold start.
	for _, s := range servers {
		if _, err := runWrk(o, s.url+s.page, 64, time.Second); err != nil {
			return err
		}
	}
	results := make(map[string][]result) // case/server → runs
	fmt.Fprintf(stdout, "\nwrk -t2 -cN -d%v --latency --timeout 10s -H 'Accept-Encoding: br, gzip', %d rounds, turns alternating:\n", o.duration, o.rounds)
	for round := range o.rounds {
		for _, c := range cases {
			order := servers
			if round%2 == 1 {
				order = []*server{ours, ngx}
			}
			for _, s := range order {
				r, err := runWrk(o, s.url+c.path(s), c.conns, o.duration)
				if err != nil {
					return err
				}
				key := fmt.Sprintf("%s@%d/%s", c.name, c.conns, s.name)
				results[key] = append(results[key], r)
				fmt.Fprintf(stdout, "round %d %-9s %4d conns %-6s %9.0f req/s  p99 %8.2f ms  errors %d\n",
					round+1, c.name, c.conns, s.name, r.rps, r.p99ms, r.errors)
			}
		}
	}
	rss, err := peakRSS(ours.cmd.Process.Pid)
	if err != nil {
		return err
	}

	// Each round's two runs are back to back: their ratio is what the
	// machine's other load disturbs least. The summary is the median of
	// those ratios, with the median absolute figures for scale.
	fmt.Fprintf(stdout, "\n%-22s %12s %12s %12s\n", "median of rounds", "nginx", "ours", "ours/nginx")
	for _, c := range cases {
		n := results[fmt.Sprintf("%s@%d/nginx", c.name, c.conns)]
		q := results[fmt.Sprintf("%s@%d/ours", c.name, c.conns)]
		if c.conns == 256 {
			fmt.Fprintf(stdout, "%-22s %12.0f %12.0f %11.2f×\n", fmt.Sprintf("%s req/s @%d", c.name, c.conns),
				medianOf(n, rps), medianOf(q, rps), medianRatio(q, n, rps))
			fmt.Fprintf(stdout, "%-22s %9.1f ms %9.1f ms %11.2f×\n", fmt.Sprintf("%s p99 @%d", c.name, c.conns),
				medianOf(n, p99), medianOf(q, p99), medianRatio(q, n, p99))
		} else {
			fmt.Fprintf(stdout, "%-22s %12d %12d   (the most in a run)\n", fmt.Sprintf("%s errors @%d", c.name, c.conns),
				mostErrors(n), mostErrors(q))
		}
	}
	fmt.Fprintf(stdout, "quizserver peak RSS (VmHWM): %.1f MB\n", float64(rss)/(1<<20))
	return nil
}

// server is one of the two under test.
type server struct {
	name       string
	url        string // http://127.0.0.1:PORT
	page, wasm string // paths
	cmd        *exec.Cmd
	done       chan error // Wait's result
	once       sync.Once
}

// stop ends the server (SIGTERM, then SIGKILL after 10 s) and waits for it.
func (s *server) stop() {
	s.once.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	})
}

// start runs cmd and waits until url answers 200.
func start(s *server, url string) (*server, error) {
	s.cmd.Stderr = os.Stderr // their errors; stdout is only "listening on"
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	s.done = make(chan error, 1)
	go func() { s.done <- s.cmd.Wait() }()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("%s exited: %v", s.name, err)
		default:
		}
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s did not answer %s within 30s", s.name, url)
}

func startServer(o options) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &server{name: "ours", url: "http://" + addr, page: "/", wasm: "/web/app.wasm",
		cmd: exec.Command(o.server, "-addr", addr, "-quiz", o.quiz, "-web", o.web)}
	return start(s, s.url+"/healthz")
}

func startNginx(o options, dir string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	block, err := os.ReadFile(o.nginxConf)
	if err != nil {
		return nil, err
	}
	dist, err := filepath.Abs(o.dist)
	if err != nil {
		return nil, err
	}
	site := string(block)
	for old, new := range map[string]string{"listen 80;": "listen " + addr + " backlog=4096;", "alias /srv/pmo-quiz/dist/;": "alias " + dist + "/;"} {
		if !strings.Contains(site, old) {
			return nil, fmt.Errorf("%s no longer contains %q: update loadbench", o.nginxConf, old)
		}
		site = strings.Replace(site, old, new, 1)
	}
	const module = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
	if _, err := os.Stat(module); err != nil {
		return nil, fmt.Errorf("%v: install libnginx-mod-http-brotli-static (tools/deps.sh bench)", err)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the export may sit where nginx's own user cannot read
	}
	conf := fmt.Sprintf(`daemon off;
%[5]s
worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
load_module %[2]s;
events { worker_connections 4096; }
http {
	sendfile on;
	tcp_nopush on;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path %[3]s/body;
	proxy_temp_path %[3]s/proxy;
	fastcgi_temp_path %[3]s/fastcgi;
	uwsgi_temp_path %[3]s/uwsgi;
	scgi_temp_path %[3]s/scgi;
%[4]s
}
`, dir, module, filepath.Join(dir, "tmp"), site, user)
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		return nil, err
	}
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	s := &server{name: "nginx", url: "http://" + addr, page: base, wasm: base + "web/app.wasm",
		cmd: exec.Command(o.nginx, "-p", dir+"/", "-e", filepath.Join(dir, "error.log"), "-c", confFile)}
	return start(s, s.url+base)
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// size is the body a browser would get at url: its length and encoding.
func size(url string) (int, string, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return 0, "", fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return len(b), res.Header.Get("Content-Encoding"), err
}

// result is one wrk run.
type result struct {
	rps    float64
	p99ms  float64
	errors int
}

var (
	wrkRPS     = regexp.MustCompile(`(?m)^Requests/sec:\s+([\d.]+)`)
	wrkP99     = regexp.MustCompile(`(?m)^\s+99%\s+([\d.]+)(us|ms|s)\b`)
	wrkSocket  = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkNon2xx3 = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
)

func runWrk(o options, url string, conns int, d time.Duration) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.wrk, "-t2", "-c"+strconv.Itoa(conns), "-d"+strconv.Itoa(max(int(d.Seconds()), 1))+"s",
		"--latency", "--timeout", "10s", "-H", "Accept-Encoding: br, gzip", url)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s: %v\n%s", cmd, err, out.String())
	}
	return parseWrk(out.String())
}

// parseWrk reads wrk's report.
func parseWrk(out string) (result, error) {
	var r result
	m := wrkRPS.FindStringSubmatch(out)
	p := wrkP99.FindStringSubmatch(out)
	if m == nil || p == nil {
		return r, fmt.Errorf("unexpected wrk output:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	v, _ := strconv.ParseFloat(p[1], 64)
	r.p99ms = v * map[string]float64{"us": 1e-3, "ms": 1, "s": 1e3}[p[2]]
	if e := wrkSocket.FindStringSubmatch(out); e != nil {
		for _, n := range e[1:] {
			k, _ := strconv.Atoi(n)
			r.errors += k
		}
	}
	if e := wrkNon2xx3.FindStringSubmatch(out); e != nil {
		k, _ := strconv.Atoi(e[1])
		r.errors += k
	}
	return r, nil
}

func rps(r result) float64 { return r.rps }
func p99(r result) float64 { return r.p99ms }

// medianOf is the median of f over the runs.
func medianOf(rs []result, f func(result) float64) float64 {
	var v []float64
	for _, r := range rs {
		v = append(v, f(r))
	}
	return median(v)
}

// medianRatio is the median over rounds of f(a)/f(b).
func medianRatio(a, b []result, f func(result) float64) float64 {
	var v []float64
	for i := range min(len(a), len(b)) {
		v = append(v, f(a[i])/f(b[i]))
	}
	return median(v)
}

func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

// mostErrors is the most errors of any run.
func mostErrors(rs []result) int {
	m := 0
	for _, r := range rs {
		m = max(m, r.errors)
	}
	return m
}

// peakRSS reads a process's peak resident set size from /proc.
func peakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	m := regexp.MustCompile(`(?m)^VmHWM:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10, nil
}

// raiseFileLimit lets the servers and wrk hold a thousand connections and
// more: the soft limit on open files goes up to the hard one (children
// inherit it).
func raiseFileLimit() error {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return err
	}
	if l.Cur < 4096 && l.Max < 4096 {
		return fmt.Errorf("the open-file limit is %d: 1000 connections need more (ulimit -n 4096)", l.Max)
	}
	l.Cur = l.Max
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
}
