//go:build js && wasm

// Command studiowasm is the studio's engine, compiled to WebAssembly as
// web/studio.wasm by make and run in the studio page's Web Workers
// (app/studio: engine-worker.js), off the page's main thread:
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o web/studio.wasm ./cmd/studiowasm
//
// It is the quiz engine (app/quiz, through app/studio/engine) without
// go-app or any user interface: the visitor's app.wasm does not carry it,
// and it does not carry the widget. Once running it sets
// self.pmoquizStudio, two functions that take the draft (a string, or the
// file's bytes as a Uint8Array when they are not UTF-8) and its file name
// and return JSON:
//
//	check(src, file)            engine.Report: problems, golden cases, the quiz's languages
//	analyze(src, file, samples) engine.Analysis, or {"error": "…"}
//
// then calls self.pmoquizStudioReady() if the worker defined it.
package main

import (
	"encoding/json"
	"syscall/js"

	"pmoquiz/app/studio/engine"
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return encode(engine.Check(fileName(args, 1), source(args)))
	}))
	api.Set("analyze", js.FuncOf(func(_ js.Value, args []js.Value) any {
		samples := int64(0)
		if len(args) > 2 && args[2].Type() == js.TypeNumber {
			samples = int64(args[2].Int())
		}
		a, err := engine.Analyze(fileName(args, 1), source(args), samples)
		if err != nil {
			return encode(map[string]string{"error": err.Error()})
		}
		return encode(a)
	}))
	js.Global().Set("pmoquizStudio", api)
	if ready := js.Global().Get("pmoquizStudioReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // the functions stay callable
}

// source is the draft: a string, or bytes (a Uint8Array).
func source(args []js.Value) []byte {
	if len(args) == 0 {
		return nil
	}
	v := args[0]
	if v.Type() == js.TypeString {
		return []byte(v.String())
	}
	if v.InstanceOf(js.Global().Get("Uint8Array")) {
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b
	}
	return nil
}

func fileName(args []js.Value, i int) string {
	if len(args) > i && args[i].Type() == js.TypeString && args[i].String() != "" {
		return args[i].String()
	}
	return "quiz.toml"
}

func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}
