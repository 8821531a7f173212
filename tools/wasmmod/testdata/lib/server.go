package lib

import (
	"net/http"
	"strings"
)

// Server is used by both sides; only its ServeHTTP needs net/http.
type Server struct {
	name string
	once bool
}

// ServeHTTP answers a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.reset()
	w.WriteHeader(http.StatusNoContent)
}

// reset uses no net/http: it stays.
func (s *Server) reset() { s.name = strings.ToUpper(s.name) }

// serve calls ServeHTTP: it goes too.
func (s *Server) serve() { s.ServeHTTP(nil, nil) }

// Handle returns the server as an http.Handler.
func Handle() http.Handler { return &Server{} }

type (
	// Wrapped embeds an http.Handler: it goes.
	Wrapped struct{ http.Handler }
	// Plain stays.
	Plain struct{ N int }
)

const (
	// Status is a net/http constant: it goes.
	Status = http.StatusOK
	// Limit stays.
	Limit = 3
)
