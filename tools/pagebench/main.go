// Command pagebench measures the visitor's first seconds on the quiz's
// page against a reference page of the same shape built with SurveyJS
// (issue 11, "Measured, not guessed"). It is run by make bench-page:
//
//	go run ./tools/pagebench [-n 3] [-lighthouse 1] [-json file] [-v]
//
// It starts the real server (bin/quizserver, built by make build) and the
// reference on loopback: the reference is generated from the same quiz
// (its default language: the same intro, questions, options and kinds, an
// intro page with a Start button, then one question per page with Next),
// with survey-core and survey-js-ui from npm (npm ci in tools/pagebench,
// never committed), served from 127.0.0.1 with no CDN.
//
// Then, in headless Chromium (a phone: 360×780 CSS pixels, pixel ratio 2,
// mobile emulation, CPU 4× slower; the browser in Japanese), for each
// network (fast 4G: 9 Mbps down, 40 ms added to every request; slow 4G:
// 1.6 Mbps, 150 ms) and each page, a fresh profile is visited twice: cold,
// then again in a new tab (repeat: HTTP cache, service worker and code
// cache warm). Network throttling applies to the page, its dedicated
// workers (our loader downloads app.wasm in one: Chromium throttles their
// requests as the page's) and its service worker (each attached before it
// runs); note that Chromium throttles the service worker separately, so its
// downloads do not slow the page's as they would on one real link. A
// dedicated worker's own script is not counted (DevTools does not say
// when it arrived, nor its size: 0.9 KB for ours). Each visit measures, in
// ms from navigation start:
//
//   - first paint: the first-contentful-paint entry;
//   - first answer: a visitor clicks Start as soon as a click can land
//     (the element is there, enabled, and is what a click at its centre
//     hits), then the first option of the first question, then Next, with
//     real mouse events, checking each click's effect and clicking again
//     when it had none; the figure is the frame in which the second
//     question is on screen;
//   - app runs: for us, the wasm runs (wasmRunsJS in visit.go is the one
//     definition); for the reference, SurveyJS rendered the survey;
//   - bytes: the encoded bytes of every request answered by the network
//     (headers included, 304s included) until the page settles (the app
//     ran, the service worker is active, the network quiet for a second),
//     by the page and by its service worker; requests: their number;
//     app.wasm: how many times a .wasm body was downloaded, and by whom.
//
// Each condition is measured -n times (interleaved); the table shows
// medians, the ratios us / reference and issue 11's goals (first answer
// and first paint ≤ 0.5× the reference's).
//
// Then Lighthouse (npm, same directory; mobile preset: simulated slow 4G,
// 4× CPU) runs -lighthouse times on our intro, with Debian's Chromium and
// no network beyond loopback, and the medians are shown against the goals
// (performance ≥ 0.90, total blocking time ≤ 300 ms, LCP ≤ 2.5 s,
// CLS ≤ 0.1).
//
// This is a benchmark, not a test: it exits 0 whether or not the goals are
// met, and 1 when it could not measure.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"pmoquiz/app/quiz"
)

type options struct {
	n, lighthouseRuns int
	quizFile, web     string
	server, chromium  string
	nodeModules       string
	jsonOut           string
	verbose           bool
	networks          string
	timeout, dwell    time.Duration
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 3, "visits per page, network and visit kind (0: none)")
	flag.IntVar(&o.lighthouseRuns, "lighthouse", 1, "Lighthouse runs on our intro (0: none)")
	flag.StringVar(&o.quizFile, "quiz", "quiz.toml", "the quiz `file`")
	flag.StringVar(&o.web, "web", "web", "the web `directory` (app.wasm, made by make build)")
	flag.StringVar(&o.server, "server", "bin/quizserver", "the quiz server `binary` (made by make build)")
	flag.StringVar(&o.chromium, "chromium", defaultChromium(), "the Chromium `binary`")
	flag.StringVar(&o.nodeModules, "node-modules", "tools/pagebench/node_modules", "the `directory` where npm ci installed SurveyJS and Lighthouse")
	flag.StringVar(&o.jsonOut, "json", "", "also write every measurement to `file` as JSON")
	flag.BoolVar(&o.verbose, "v", false, "print each visit's requests")
	flag.StringVar(&o.networks, "networks", "fast,slow", "the `networks` to measure on: fast (4G), slow (4G), or both")
	flag.DurationVar(&o.timeout, "timeout", 2*time.Minute, "longest a visit may take to reach the second question, and to settle after")
	flag.DurationVar(&o.dwell, "dwell", 5*time.Second, "least time a visit stays after the app ran (so compiled code can reach the cache)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: pagebench [-n 3] [-lighthouse 1] [-json file] [-v] [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || o.n < 0 || o.lighthouseRuns < 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, o)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagebench:", err)
		os.Exit(1)
	}
}

func defaultChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return "/usr/bin/chromium"
}

// steps are the first question, its first option's value and the question
// that follows when it is chosen.
type steps struct{ q1, option, q2 string }

func firstSteps(q *quiz.Quiz) (steps, error) {
	if len(q.Questions) == 0 {
		return steps{}, fmt.Errorf("the quiz has no questions")
	}
	first := q.Questions[0]
	s := steps{q1: first.ID}
	ans := quiz.Answer{}
	if first.Kind == quiz.Scale {
		s.option, ans.Scale = "1", 1
	} else {
		s.option = first.Options[0].ID
		ans.Choices = []string{s.option}
	}
	vis := q.Visible(quiz.Answers{first.ID: ans})
	for i := 1; i < len(vis); i++ {
		if vis[i] {
			s.q2 = q.Questions[i].ID
			return s, nil
		}
	}
	return steps{}, fmt.Errorf("the quiz shows no second question after %s = %s", s.q1, s.option)
}

// key names a condition: page, network, visit kind.
type key struct{ site, net, kind string }

// results are every measurement, in order.
type results struct {
	Browser    string                   `json:"browser"`
	Runs       int                      `json:"runs"`
	Visits     map[string][]visitResult `json:"visits"` // "us/fast 4G/cold"
	Lighthouse []lighthouseResult       `json:"lighthouse,omitempty"`
	Reference  string                   `json:"reference"` // SurveyJS version
	RefBytesBr int64                    `json:"referenceBytesBrotli"`
	CPUs       int                      `json:"cpus"`
	Load       [2]string                `json:"loadAverage"` // one-minute, at start and end
}

func (k key) String() string { return k.site + "/" + k.net + "/" + k.kind }

func run(ctx context.Context, o options) error {
	src, err := os.ReadFile(o.quizFile)
	if err != nil {
		return err
	}
	q, err := quiz.Parse(filepath.Base(o.quizFile), src)
	if err != nil {
		return fmt.Errorf("the quiz has problems:\n%v", err)
	}
	st, err := firstSteps(q)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath(o.chromium); err != nil {
		return fmt.Errorf("chromium: %v (tools/deps.sh test installs it)", err)
	}
	srv, err := startQuizServer(ctx, o.server, o.quizFile, o.web)
	if err != nil {
		return err
	}
	defer srv.stop()
	ref, err := startReference(q, o.nodeModules)
	if err != nil {
		return err
	}
	defer ref.close()
	nets, err := pickNetworks(o.networks)
	if err != nil {
		return err
	}
	sites := []site{ourPage(srv.url, st.q1, st.q2), referenceSite(ref.url, st.q1, st.q2)}
	res := &results{Runs: o.n, Visits: map[string][]visitResult{}, Reference: ref.version, RefBytesBr: ref.bytesBr,
		CPUs: runtime.NumCPU(), Load: [2]string{loadAverage(), ""}}
	fmt.Fprintf(os.Stderr, "pagebench: us %s, reference (SurveyJS %s) %s; first answer: %s, %s = %s, Next, until %s shows\n",
		srv.url, ref.version, ref.url, "Start", st.q1, st.option, st.q2)

	start := time.Now()
	for r := 1; r <= o.n; r++ {
		for _, n := range nets {
			for _, s := range sites {
				cold, repeat, product, err := measure(ctx, o, s, n)
				if err != nil {
					return fmt.Errorf("%s, %s, run %d: %v", s.name, n.Name, r, err)
				}
				res.Browser = product
				k := key{s.name, n.Name, "cold"}
				res.Visits[k.String()] = append(res.Visits[k.String()], cold)
				k.kind = "repeat"
				res.Visits[k.String()] = append(res.Visits[k.String()], repeat)
				fmt.Fprintf(os.Stderr, "pagebench: run %d/%d %-7s %-9s cold: paint %5.0f, answer %6.0f, app %6.0f ms, %s; repeat: paint %5.0f, answer %6.0f, app %6.0f ms, %s\n",
					r, o.n, n.Name, s.name, cold.FCP, cold.FirstAnswer, cold.AppRuns, megabytes(cold.Bytes),
					repeat.FCP, repeat.FirstAnswer, repeat.AppRuns, megabytes(repeat.Bytes))
			}
		}
	}
	if o.n > 0 {
		fmt.Fprintf(os.Stderr, "pagebench: %d visits in %v\n", 4*len(nets)*o.n, time.Since(start).Round(time.Second))
	}
	for i := 0; i < o.lighthouseRuns; i++ {
		// Lighthouse sometimes fails to record its trace (NO_NAVSTART on a
		// busy machine): a run is tried up to three times.
		var lr lighthouseResult
		var err error
		for try := 1; try <= 3; try++ {
			if lr, err = runLighthouse(ctx, o, srv.url); err == nil || ctx.Err() != nil {
				break
			}
			fmt.Fprintf(os.Stderr, "pagebench: lighthouse %d/%d, try %d: %v\n", i+1, o.lighthouseRuns, try, firstLine(err.Error()))
		}
		if err != nil {
			return fmt.Errorf("lighthouse: %v", err)
		}
		fmt.Fprintf(os.Stderr, "pagebench: lighthouse %d/%d: performance %.2f, TBT %.0f ms, LCP %.0f ms, CLS %.3f\n",
			i+1, o.lighthouseRuns, lr.Performance, lr.TBT, lr.LCP, lr.CLS)
		res.Lighthouse = append(res.Lighthouse, lr)
	}
	res.Load[1] = loadAverage()
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	printReport(os.Stdout, res, sites)
	return nil
}

// measure visits s cold then repeat in one fresh browser profile.
func measure(ctx context.Context, o options, s site, n netCond) (cold, repeat visitResult, product string, err error) {
	profile, err := makeProfile()
	if err != nil {
		return
	}
	defer os.RemoveAll(profile)
	b, err := launchBrowser(ctx, o.chromium, profile, "ja")
	if err != nil {
		return
	}
	defer b.close()
	product = b.product
	var verbose func(string, ...any)
	if o.verbose {
		verbose = func(f string, a ...any) { fmt.Fprintf(os.Stderr, f, a...) }
	}
	t := newTracker(b, n, s, verbose)
	b.setHandler(t.onEvent)
	if err = b.call(ctx, "", "Target.setAutoAttach", map[string]any{
		"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
	}, nil); err != nil {
		return
	}
	if cold, err = t.visit(ctx, s, o.timeout, o.timeout, o.dwell); err != nil {
		err = fmt.Errorf("cold visit: %v", err)
		return
	}
	if repeat, err = t.visit(ctx, s, o.timeout, o.timeout, o.dwell); err != nil {
		err = fmt.Errorf("repeat visit: %v", err)
	}
	return
}

// pickNetworks reads -networks.
func pickNetworks(list string) ([]netCond, error) {
	var out []netCond
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		found := false
		for _, n := range networks {
			if strings.HasPrefix(strings.ToLower(n.Name), name+" ") {
				out, found = append(out, n), true
			}
		}
		if !found {
			return nil, fmt.Errorf("-networks: unknown network %q (fast, slow)", name)
		}
	}
	return out, nil
}

// loadAverage is the machine's one-minute load average ("?" where there is
// no /proc/loadavg): the bench's figures depend on it, ratios less so.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func megabytes(n int64) string { return strconv.FormatFloat(float64(n)/1e6, 'f', 2, 64) + " MB" }

// firstLine is s up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
