// Command quizwasm is the quiz widget's browser client, compiled to
// WebAssembly as web/app.wasm by make:
//
//	go run ./tools/wasmmod
//	GOOS=js GOARCH=wasm go build -trimpath -modfile=build/wasm/go.mod -ldflags="-s -w" -o web/app.wasm ./cmd/quizwasm
//
// It imports no server code (app.Handler would pull net/http's server and
// crypto/tls into the wasm and roughly double its size), and it is built
// against a copy of go-app without its server code (tools/wasmmod), since
// merely importing go-app's package app links net/http's initialisation.
// The page it runs in is the one the server prerenders (widget.Prerender);
// it takes the visitor's journey over from the page's early script.
package main

import "pmoquiz/app/widget"

func main() {
	widget.Run()
}
