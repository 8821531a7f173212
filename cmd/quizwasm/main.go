// Command quizwasm is the quiz widget's browser client, compiled to
// WebAssembly as web/app.wasm:
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o web/app.wasm ./cmd/quizwasm
//
// It imports no server code (app.Handler would pull net/http's server and
// crypto/tls into the wasm and roughly double its size). The page it runs
// in is the one the server prerenders (widget.Prerender); it takes the
// visitor's journey over from the page's early script.
package main

import "pmoquiz/app/widget"

func main() {
	widget.Run()
}
