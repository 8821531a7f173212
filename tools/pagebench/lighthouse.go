package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// lighthouseResult is one Lighthouse run on our intro.
type lighthouseResult struct {
	Version     string   `json:"version"`
	Performance float64  `json:"performance"` // 0..1
	TBT         float64  `json:"totalBlockingTimeMs"`
	LCP         float64  `json:"largestContentfulPaintMs"`
	CLS         float64  `json:"cumulativeLayoutShift"`
	FCP         float64  `json:"firstContentfulPaintMs"`
	Warnings    []string `json:"warnings,omitempty"`
}

// runLighthouse runs Lighthouse's default (mobile) configuration on url:
// simulated slow 4G and 4× CPU, performance only, in Debian's Chromium
// (CHROME_PATH) started headless; nothing leaves loopback (error reporting
// off, the page is local).
func runLighthouse(ctx context.Context, o options, url string) (lighthouseResult, error) {
	var lr lighthouseResult
	cli := filepath.Join(o.nodeModules, "lighthouse", "cli", "index.js")
	if _, err := os.Stat(cli); err != nil {
		return lr, fmt.Errorf("%v (npm ci in tools/pagebench installs it)", err)
	}
	dir, err := os.MkdirTemp("", "pagebench-lighthouse-")
	if err != nil {
		return lr, err
	}
	defer os.RemoveAll(dir)
	report := filepath.Join(dir, "report.json")
	chromeFlags := strings.Join([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--lang=ja", "--accept-lang=ja",
	}, " ")
	cmd := exec.CommandContext(ctx, "node", cli, url,
		"--only-categories=performance",
		"--output=json", "--output-path="+report,
		"--quiet", "--no-enable-error-reporting",
		"--chrome-flags="+chromeFlags,
	)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+o.chromium, "TMPDIR="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return lr, fmt.Errorf("%v\n%s", err, tail(out.String(), 2000))
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return lr, err
	}
	return parseLighthouse(b)
}

// parseLighthouse reads the figures from a Lighthouse JSON report.
func parseLighthouse(b []byte) (lighthouseResult, error) {
	var lr lighthouseResult
	var rep struct {
		LighthouseVersion string `json:"lighthouseVersion"`
		RuntimeError      *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"runtimeError"`
		RunWarnings []string `json:"runWarnings"`
		Categories  struct {
			Performance struct {
				Score *float64 `json:"score"`
			} `json:"performance"`
		} `json:"categories"`
		Audits map[string]struct {
			NumericValue *float64 `json:"numericValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return lr, fmt.Errorf("reading the report: %v", err)
	}
	if e := rep.RuntimeError; e != nil && e.Code != "" && e.Code != "NO_ERROR" {
		return lr, fmt.Errorf("%s: %s", e.Code, e.Message)
	}
	if rep.Categories.Performance.Score == nil {
		return lr, fmt.Errorf("the report has no performance score (warnings: %s)", strings.Join(rep.RunWarnings, "; "))
	}
	lr.Version = rep.LighthouseVersion
	lr.Performance = *rep.Categories.Performance.Score
	lr.Warnings = rep.RunWarnings
	for id, dst := range map[string]*float64{
		"total-blocking-time":      &lr.TBT,
		"largest-contentful-paint": &lr.LCP,
		"cumulative-layout-shift":  &lr.CLS,
		"first-contentful-paint":   &lr.FCP,
	} {
		a, ok := rep.Audits[id]
		if !ok || a.NumericValue == nil {
			return lr, fmt.Errorf("the report has no %s", id)
		}
		*dst = *a.NumericValue
	}
	return lr, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
