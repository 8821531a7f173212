//go:build !wasm

package lib

import "net/http"

// ListenAndServe is not built for js/wasm: this file is left as it is.
func ListenAndServe() error { return http.ListenAndServe(":0", Handle()) }
