//go:build livepreview

// Command previewwasm is the quiz widget on a quiz source that changes
// while it runs, compiled to WebAssembly as web/preview.wasm by make: the
// studio's live preview (/studio/preview.html) and the page of
// quizserver -dev, which follows the quiz file as it is saved (see
// widget.RunPreview). It is cmd/quizwasm with that one difference, built
// the same way (against tools/wasmmod's go-app), with the build tag
// livepreview that app/widget's preview.go needs:
//
//	GOOS=js GOARCH=wasm go build -tags livepreview -trimpath -modfile=build/wasm/go.mod -ldflags="-s -w" -o web/preview.wasm ./cmd/previewwasm
//
// Visitors never load it: their app.wasm links none of the preview's code.
package main

import "pmoquiz/app/widget"

func main() {
	widget.RunPreview()
}
