package lib

import "fmt"

// Client stays: it uses nothing that goes.
func Client(p Plain) string { return fmt.Sprint(helper(), p.N, Limit) }

func helper() string { return new(Server).name }

// Boot calls a method that goes: it goes.
func Boot(s *Server) { s.serve() }

// served refers to Handle: it goes.
var served = Handle

// Reset stays.
func Reset(s *Server) { s.reset() }
