// Command quizwasm is the quiz widget's browser client, compiled to
// WebAssembly as web/app.wasm:
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o web/app.wasm ./cmd/quizwasm
//
// It imports no server code (app.Handler would pull net/http's server and
// crypto/tls into the wasm and roughly double its size). The routes are the
// ones cmd/quizserver prerenders, registered by the same widget.Routes.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"pmoquiz/app/widget"
)

func main() {
	widget.Routes(nil)
	app.RunWhenOnBrowser()
}
