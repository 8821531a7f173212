package widget

import (
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fetchText gets a file with the browser's fetch. It blocks, so call it
// from ctx.Async. (net/http would add megabytes to app.wasm.)
func fetchText(url string) ([]byte, error) {
	if app.IsServer {
		return nil, errors.New("fetch runs in the browser only")
	}
	type outcome struct {
		text string
		err  error
	}
	done := make(chan outcome, 1)
	// Never block the browser's event loop: only the first outcome counts.
	send := func(o outcome) {
		select {
		case done <- o:
		default:
		}
	}
	var funcs []app.Func
	fn := func(f func(args []app.Value)) app.Func {
		jf := app.FuncOf(func(_ app.Value, args []app.Value) any {
			f(args)
			return nil
		})
		funcs = append(funcs, jf)
		return jf
	}
	defer func() {
		for _, f := range funcs {
			f.Release()
		}
	}()
	fail := fn(func(args []app.Value) {
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		send(outcome{err: errors.New(msg)})
	})
	gotText := fn(func(args []app.Value) { send(outcome{text: args[0].String()}) })
	gotResponse := fn(func(args []app.Value) {
		resp := args[0]
		if !resp.Get("ok").Bool() {
			send(outcome{err: fmt.Errorf("%s: HTTP %d", url, resp.Get("status").Int())})
			return
		}
		resp.Call("text").Call("then", gotText, fail)
	})
	app.Window().Call("fetch", url).Call("then", gotResponse, fail)
	o := <-done
	return []byte(o.text), o.err
}
