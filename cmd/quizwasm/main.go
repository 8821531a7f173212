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
// The routes are the ones cmd/quizserver prerenders, registered by the
// same widget.Routes.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/widget"
)

func main() {
	widget.Routes(nil)
	app.RunWhenOnBrowser()
}
