package initlib

import "net/http"

var mux *http.ServeMux

func init() { mux = http.NewServeMux() }
