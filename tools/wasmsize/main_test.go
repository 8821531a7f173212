package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReport(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]int // name → size; the .gz and .br are a second newer
		staleBR  bool           // make the .br older than app.wasm
		budget   int64
		wantLine string
		wantErr  string
	}{
		{"within budget", map[string]int{"app.wasm": 7_310_000, "app.wasm.gz": 1_980_000, "app.wasm.br": 1_470_000}, false, 1_700_000,
			"app.wasm: raw 7.31 MB, gzip 1.98 MB, brotli 1.47 MB (budget 1.70 MB brotli)", ""},
		{"at budget", map[string]int{"app.wasm": 10, "app.wasm.gz": 5, "app.wasm.br": 4}, false, 4, "app.wasm: raw 0.00 MB", ""},
		{"over budget", map[string]int{"app.wasm": 10, "app.wasm.gz": 5, "app.wasm.br": 5}, false, 4, "brotli 0.00 MB", "1 over the budget"},
		{"no brotli", map[string]int{"app.wasm": 10, "app.wasm.gz": 5}, false, 4, "", "app.wasm.br"},
		{"empty gzip", map[string]int{"app.wasm": 10, "app.wasm.gz": 0, "app.wasm.br": 3}, false, 4, "", "app.wasm.gz is empty"},
		{"stale brotli", map[string]int{"app.wasm": 10, "app.wasm.gz": 5, "app.wasm.br": 3}, true, 4, "", "older than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			built := time.Now().Add(-time.Hour)
			for name, size := range tt.files {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
					t.Fatal(err)
				}
				mtime := built.Add(time.Second) // compressed after the build
				switch {
				case name == "app.wasm":
					mtime = built
				case tt.staleBR && name == "app.wasm.br":
					mtime = built.Add(-time.Second) // left from an earlier build
				}
				if err := os.Chtimes(p, mtime, mtime); err != nil {
					t.Fatal(err)
				}
			}
			line, err := report(filepath.Join(dir, "app.wasm"), tt.budget)
			if !strings.Contains(line, tt.wantLine) || tt.wantLine == "" && line != "" {
				t.Errorf("report() line = %q; want %q", line, tt.wantLine)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("report() error = %v; want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("report() error = %v; want one containing %q", err, tt.wantErr)
			}
		})
	}
}
