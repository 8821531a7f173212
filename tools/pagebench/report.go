package main

import (
	"fmt"
	"io"
	"sort"
)

// The goals of issue 11.
const (
	goalRatio       = 0.5 // first answer and first paint, us / reference
	goalPerformance = 0.90
	goalTBT         = 300  // ms
	goalLCP         = 2500 // ms
	goalCLS         = 0.1
)

// median of xs (the mean of the middle two for an even count); 0 when
// empty.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

func pick(vs []visitResult, f func(visitResult) float64) []float64 {
	out := make([]float64, 0, len(vs))
	for _, v := range vs {
		out = append(out, f(v))
	}
	return out
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "NOT met"
}

// printReport prints the medians, the ratios and the goals.
func printReport(w io.Writer, res *results, sites []site) {
	if res.Runs > 0 {
		fmt.Fprintf(w, "\nVisits: medians of %d per line. A phone (%d×%d, pixel ratio %d, CPU %d× slower) in %s, language ja.\n",
			res.Runs, phoneWidth, phoneHeight, phoneDPR, cpuSlowdown, res.Browser)
		fmt.Fprintf(w, "Machine: %d CPUs, load average %s at start, %s at end (a busy machine slows the CPU-bound parts most).\n", res.CPUs, res.Load[0], res.Load[1])
		fmt.Fprintf(w, "Reference: the same quiz in SurveyJS %s (%s brotli), from loopback. Times: ms from navigation start.\n",
			res.Reference, megabytes(res.RefBytesBr))
		fmt.Fprintln(w, "First answer: Start, the first question's first option, Next, until the second question is on screen.")
	}
	goals, met := 0, 0
	check := func(ok bool) string {
		goals++
		if ok {
			met++
		}
		return verdict(ok)
	}
	for _, n := range networks {
		for _, kind := range []string{"cold", "repeat"} {
			us := res.Visits[key{"us", n.Name, kind}.String()]
			ref := res.Visits[key{"reference", n.Name, kind}.String()]
			if len(us) == 0 || len(ref) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n%s (%.1f Mbps, +%d ms), %s visit\n", n.Name, n.Down/1e6, n.Latency.Milliseconds(), kind)
			fmt.Fprintf(w, "  %-18s %12s %12s %9s   %s\n", "", "us", "reference", "us/ref", "goal")
			row := func(name string, f func(visitResult) float64, unit string, goal bool) {
				a, b := median(pick(us, f)), median(pick(ref, f))
				g := ""
				ratio := ""
				if a > 0 && b > 0 && unit != "" {
					ratio = fmt.Sprintf("%.2f×", a/b)
					if goal {
						g = fmt.Sprintf("≤ %.2f×: %s", goalRatio, check(a/b <= goalRatio))
					}
				}
				fmt.Fprintf(w, "  %-18s %12s %12s %9s   %s\n", name, format(a, unit), format(b, unit), ratio, g)
			}
			row("first paint", func(v visitResult) float64 { return v.FCP }, "ms", true)
			row("first answer", func(v visitResult) float64 { return v.FirstAnswer }, "ms", true)
			appRow(w, us, ref)
			row("transferred", func(v visitResult) float64 { return float64(v.Bytes) }, "B", false)
			row("requests", func(v visitResult) float64 { return float64(v.Requests) }, "", false)
			wasmRow(w, us, ref)
		}
	}
	if len(res.Lighthouse) > 0 {
		lh := res.Lighthouse
		f := func(g func(lighthouseResult) float64) float64 {
			xs := make([]float64, len(lh))
			for i, r := range lh {
				xs[i] = g(r)
			}
			return median(xs)
		}
		perf := f(func(r lighthouseResult) float64 { return r.Performance })
		tbt := f(func(r lighthouseResult) float64 { return r.TBT })
		lcp := f(func(r lighthouseResult) float64 { return r.LCP })
		cls := f(func(r lighthouseResult) float64 { return r.CLS })
		fcp := f(func(r lighthouseResult) float64 { return r.FCP })
		fmt.Fprintf(w, "\nLighthouse %s on our intro (mobile: simulated slow 4G, 4× CPU), median of %d:\n", lh[0].Version, len(lh))
		fmt.Fprintf(w, "  %-26s %9.2f   ≥ %.2f: %s\n", "performance", perf, goalPerformance, check(perf >= goalPerformance))
		fmt.Fprintf(w, "  %-26s %9s   ≤ %d ms: %s\n", "total blocking time", format(tbt, "ms"), goalTBT, check(tbt <= goalTBT))
		fmt.Fprintf(w, "  %-26s %9s   ≤ %.1f s: %s\n", "largest contentful paint", format(lcp, "ms"), goalLCP/1000.0, check(lcp <= goalLCP))
		fmt.Fprintf(w, "  %-26s %9.3f   ≤ %.1f: %s\n", "cumulative layout shift", cls, goalCLS, check(cls <= goalCLS))
		fmt.Fprintf(w, "  %-26s %9s\n", "first contentful paint", format(fcp, "ms"))
		seen := map[string]bool{}
		for _, r := range lh {
			for _, warn := range r.Warnings {
				if !seen[warn] {
					seen[warn] = true
					fmt.Fprintf(w, "  warning: %s\n", warn)
				}
			}
		}
	}
	if goals > 0 {
		fmt.Fprintf(w, "\nIssue 11's goals: %d of %d met.\n", met, goals)
	}
}

// appRow prints when the app ran; a visit whose app had not run when it
// ended counts as not run.
func appRow(w io.Writer, us, ref []visitResult) {
	cell := func(vs []visitResult) (string, float64) {
		var ran []float64
		for _, v := range vs {
			if v.AppRuns >= 0 {
				ran = append(ran, v.AppRuns)
			}
		}
		if len(ran) == 0 {
			return "not run", 0
		}
		m := median(ran)
		s := format(m, "ms")
		if len(ran) < len(vs) {
			s = fmt.Sprintf("%s (%d/%d)", s, len(ran), len(vs))
		}
		return s, m
	}
	a, am := cell(us)
	b, bm := cell(ref)
	ratio := ""
	if am > 0 && bm > 0 {
		ratio = fmt.Sprintf("%.2f×", am/bm)
	}
	fmt.Fprintf(w, "  %-18s %12s %12s %9s   %s\n", "app runs", a, b, ratio, "us: the wasm; reference: SurveyJS rendered")
}

// wasmRow prints how many times a .wasm body was downloaded, by the page
// and by its service worker.
func wasmRow(w io.Writer, us, ref []visitResult) {
	cell := func(vs []visitResult) string {
		p := median(pick(vs, func(v visitResult) float64 { return float64(v.WasmPage) }))
		s := median(pick(vs, func(v visitResult) float64 { return float64(v.WasmWorker) }))
		if p+s == 0 {
			return "0"
		}
		return fmt.Sprintf("%g+%g", p, s)
	}
	fmt.Fprintf(w, "  %-18s %12s %12s %9s   %s\n", ".wasm downloads", cell(us), cell(ref), "", "page + service worker")
}

// format prints a figure in its unit.
func format(v float64, unit string) string {
	switch unit {
	case "ms":
		return fmt.Sprintf("%.0f ms", v)
	case "B":
		switch {
		case v >= 100e3:
			return megabytes(int64(v))
		case v >= 1e3:
			return fmt.Sprintf("%.1f kB", v/1e3)
		}
		return fmt.Sprintf("%.0f B", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}
