// Command wasmspeed compares builds of app.wasm in headless Chromium on a
// slowed CPU: how long a first visit takes until the app runs, and how
// long the result screen takes to compute and show. It is a benchmark for
// choosing build flags (docs/SIZE.md), not a test.
//
//	go run ./tools/wasmspeed [-runs 7] [-cpu 4] NAME=WEBDIR NAME=WEBDIR...
//
// Each WEBDIR is a complete web/ directory (app.wasm with its .br and .gz,
// app.css, icons), served by its own bin/quizserver with quiz.toml. The
// first NAME is the reference. Every run starts a fresh Chromium (an empty
// profile: no HTTP or compiled-code cache), throttles its CPU with
// DevTools (Emulation.setCPUThrottlingRate), opens the quiz and measures,
// in the page's own clock:
//
//   - compiled: from the navigation to app.wasm compiled (the loader's
//     engine state "ready": downloaded and compiled, in its worker);
//   - start-up: from the navigation to the app's first render replacing the
//     prerendered page (compiled, then instantiated, Go's start, go-app's
//     start, parsing quiz.toml, rendering the intro). The loader runs the
//     engine only when it is wanted (the visitor's first pause, a step
//     that needs it): the probe asks for it as soon as it is compiled, as
//     such a step does;
//   - result: from the click on the last question's Next to the result
//     screen in the DOM (the engine's Score and what-if, then rendering);
//   - result again: the same after going Back to the last question, -again
//     times in the same page (the median): the code is warm by then.
//
// The answers are each question's first option. Runs alternate between
// the builds, so a machine that gets busier slows them alike; the table
// gives each build's median and its ratio to the reference's.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

type build struct {
	name, web string
	url       string
	stop      func()
	runs      []timing
}

// timing is one run, in milliseconds of the page's clock.
type timing struct {
	Compiled  float64 `json:"compiled"`
	Live      float64 `json:"live"`
	Result    float64 `json:"result"`
	Again     float64 `json:"again"`
	Questions int     `json:"questions"`
}

func main() {
	runs := flag.Int("runs", 7, "runs of each build")
	again := flag.Int("again", 5, "times each run goes back to the last question and shows the result again")
	cpu := flag.Float64("cpu", 4, "CPU slow-down `factor` (1: none)")
	server := flag.String("server", "bin/quizserver", "the quiz server `binary`")
	quizFile := flag.String("quiz", "quiz.toml", "the `quiz` to serve")
	chromium := flag.String("chromium", "", "the Chromium `binary` (default: $CHROMIUM, else chromium on $PATH)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmspeed [flags] NAME=WEBDIR NAME=WEBDIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 || *runs < 1 || *again < 0 || *cpu < 1 {
		flag.Usage()
		os.Exit(2)
	}
	var builds []*build
	for _, arg := range flag.Args() {
		name, dir, ok := strings.Cut(arg, "=")
		if !ok || name == "" || dir == "" {
			flag.Usage()
			os.Exit(2)
		}
		builds = append(builds, &build{name: name, web: dir})
	}
	if err := run(builds, *runs, *again, *cpu, *server, *quizFile, chromiumPath(*chromium)); err != nil {
		fmt.Fprintln(os.Stderr, "wasmspeed:", err)
		os.Exit(1)
	}
}

func chromiumPath(flagValue string) string {
	for _, p := range []string{flagValue, os.Getenv("CHROMIUM")} {
		if p != "" {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return "chromium"
}

func run(builds []*build, runs, again int, cpu float64, server, quizFile, chromium string) error {
	for _, b := range builds {
		url, stop, err := startServer(server, quizFile, b.web)
		if err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
		defer stop()
		b.url = url
	}
	for i := range runs {
		// Alternate the order: ABAB, then BABA.
		order := slices.Clone(builds)
		if i%2 == 1 {
			slices.Reverse(order)
		}
		for _, b := range order {
			t, err := measure(chromium, b.url, cpu, again)
			if err != nil {
				return fmt.Errorf("%s, run %d: %w", b.name, i+1, err)
			}
			b.runs = append(b.runs, t)
			fmt.Fprintf(os.Stderr, "%s run %d: compiled %.0f ms, start-up %.0f ms, result %.0f ms, again %.0f ms (%d questions)\n",
				b.name, i+1, t.Compiled, t.Live, t.Result, t.Again, t.Questions)
		}
	}
	report(os.Stdout, builds, runs, cpu)
	return nil
}

func report(w io.Writer, builds []*build, runs int, cpu float64) {
	fmt.Fprintf(w, "CPU slowed %g×, %d runs of each build, medians (ratio to %s):\n", cpu, runs, builds[0].name)
	fmt.Fprintf(w, "%-16s %20s %20s %20s %20s\n", "build", "compiled", "start-up", "result", "result again")
	med := func(b *build, f func(timing) float64) float64 {
		v := make([]float64, len(b.runs))
		for i, t := range b.runs {
			v[i] = f(t)
		}
		return median(v)
	}
	fields := []func(timing) float64{
		func(t timing) float64 { return t.Compiled },
		func(t timing) float64 { return t.Live },
		func(t timing) float64 { return t.Result },
		func(t timing) float64 { return t.Again },
	}
	for _, b := range builds {
		fmt.Fprintf(w, "%-16s", b.name)
		for _, f := range fields {
			m, ref := med(b, f), med(builds[0], f)
			if ref == 0 {
				fmt.Fprintf(w, " %20s", "-")
				continue
			}
			fmt.Fprintf(w, " %9.0f ms (%.2f×)", m, m/ref)
		}
		fmt.Fprintln(w)
	}
}

func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// startServer starts the quiz server on a free port and returns its URL.
func startServer(bin, quizFile, web string) (string, func(), error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-quiz", quizFile, "-web", web)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		stop()
		return "", nil, fmt.Errorf("%s printed %q, want \"listening on URL\" (%v)", bin, line, err)
	}
	return url, stop, nil
}

// probeJS runs in every new document before its own scripts: it records
// when app.wasm is compiled (the loader's engine state "ready"), then asks
// for the engine, and when the app first replaces the prerendered
// main#quiz (go-app's first render).
const probeJS = `(() => {
	document.addEventListener('DOMContentLoaded', () => {
		const engine = window.pmoquizEngine;
		if (engine) {
			engine.watch((e) => {
				if (e.state === 'ready' && !window.__compiled) {
					window.__compiled = performance.now();
					e.demand();
				}
			});
		}
		const pre = document.querySelector('main#quiz');
		const live = () => {
			const m = document.querySelector('main#quiz');
			return m && m !== pre && !document.getElementById('app-wasm-loader');
		};
		const obs = new MutationObserver(() => {
			if (live()) { window.__live = performance.now(); obs.disconnect(); }
		});
		obs.observe(document, {subtree: true, childList: true, attributes: true});
	}, {once: true});
})()`

// answerJS starts the quiz, answers each question with its first option
// and times the last Next: from the click to the result screen in the DOM.
const answerJS = `(async () => {
	const next = () => new Promise((r) => setTimeout(r, 0));
	const until = async (cond) => {
		const end = performance.now() + 120000;
		while (!cond()) {
			if (performance.now() > end) throw new Error('timed out in the page');
			await next();
		}
	};
	const screen = () => document.querySelector('main#quiz')?.dataset.screen;
	await until(() => document.getElementById('start'));
	document.getElementById('start').click();
	let last = '', questions = 0;
	for (;;) {
		await until(() => {
			const fs = document.querySelector('#question-form fieldset[data-question]');
			return fs && fs.dataset.question !== last;
		});
		const fs = document.querySelector('#question-form fieldset[data-question]');
		last = fs.dataset.question;
		questions++;
		fs.querySelector('input').click();
		const p = document.getElementById('progress');
		if (p && p.value === p.max) {
			const timeNext = async () => {
				const done = new Promise((resolve) => {
					const obs = new MutationObserver(() => {
						if (screen() === 'result') { obs.disconnect(); resolve(performance.now()); }
					});
					obs.observe(document, {subtree: true, childList: true, attributes: true});
				});
				const t0 = performance.now();
				document.getElementById('next').click();
				return await done - t0;
			};
			const result = await timeNext();
			// Again: Back to the last question (its answer kept), Next.
			const again = [];
			for (let i = 0; i < AGAIN; i++) {
				await until(() => document.getElementById('result-title'));
				history.back();
				await until(() => screen() !== 'result' && document.querySelector('#question-form fieldset[data-question]')?.dataset.question === last);
				again.push(await timeNext());
			}
			again.sort((a, b) => a - b);
			return {result, again: again.length ? again[again.length >> 1] : 0, questions};
		}
		document.getElementById('next').click();
	}
})()`

// measure opens url in a fresh Chromium with the CPU slowed cpu times,
// answers the quiz, then goes back and forth again times between the last
// question and the result.
func measure(chromium, url string, cpu float64, again int) (timing, error) {
	profile, err := os.MkdirTemp("", "wasmspeed-profile")
	if err != nil {
		return timing{}, err
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "ja"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()

	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, cdppage.AddScriptToEvaluateOnNewDocument,
			cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: probeJS}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: cpu})
		return err
	}), chromedp.Navigate(url))
	if err != nil {
		return timing{}, err
	}
	var t timing
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[window.__compiled || 0, window.__live || 0]`))
		if err != nil {
			return timing{}, err
		}
		if v[1] > 0 {
			t.Compiled, t.Live = v[0], v[1]
			break
		}
		if !sleep(ctx, 50*time.Millisecond) {
			return timing{}, errors.New("the app did not start")
		}
	}
	js := strings.Replace(answerJS, "AGAIN", strconv.Itoa(again), 1)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[timing](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return timing{}, err
	}
	t.Result, t.Again, t.Questions = r.Result, r.Again, r.Questions
	return t, nil
}

func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
