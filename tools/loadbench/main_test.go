package main

import "testing"

// What wrk 4.1 prints (Debian's), with and without errors.
const wrkOK = `Running 5s test @ http://127.0.0.1:40000/
  2 threads and 256 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    18.02ms   20.11ms 231.88ms   88.06%
    Req/Sec     7.81k     1.34k   11.05k    71.00%
  Latency Distribution
     50%   11.13ms
     75%   20.36ms
     90%   41.07ms
     99%  101.50ms
  77663 requests in 5.01s, 84.12MB read
Requests/sec:  15501.38
Transfer/sec:     16.79MB
`

const wrkErrors = `Running 5s test @ http://127.0.0.1:40000/web/app.wasm
  2 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.41s     1.10s    9.90s    70.00%
    Req/Sec   160.00     90.00   400.00     60.00%
  Latency Distribution
     50%    2.20s 
     75%    3.00s 
     90%    4.10s 
     99%    6.05s 
  1616 requests in 5.10s, 2.53GB read
  Socket errors: connect 3, read 2, write 0, timeout 7
  Non-2xx or 3xx responses: 4
Requests/sec:    316.86
Transfer/sec:    508.00MB
`

func TestParseWrk(t *testing.T) {
	for _, tt := range []struct {
		out  string
		want result
	}{
		{wrkOK, result{rps: 15501.38, p99ms: 101.5, errors: 0}},
		{wrkErrors, result{rps: 316.86, p99ms: 6050, errors: 16}},
	} {
		got, err := parseWrk(tt.out)
		if err != nil || got != tt.want {
			t.Errorf("parseWrk = %+v, %v; want %+v", got, err, tt.want)
		}
	}
	if _, err := parseWrk("unable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
		t.Errorf("parseWrk of a failed run: no error")
	}
}

func TestMedians(t *testing.T) {
	ours := []result{{rps: 3, p99ms: 10}, {rps: 1, p99ms: 30, errors: 2}, {rps: 2, p99ms: 20, errors: 1}}
	nginx := []result{{rps: 6, p99ms: 5}, {rps: 1, p99ms: 10}, {rps: 8, p99ms: 10}}
	if got := medianOf(ours, rps); got != 2 {
		t.Errorf("medianOf(rps) = %v; want 2", got)
	}
	if got := medianRatio(ours, nginx, rps); got != 0.5 { // 0.5, 1, 0.25
		t.Errorf("medianRatio(rps) = %v; want 0.5", got)
	}
	if got := medianRatio(ours, nginx, p99); got != 2 { // 2, 3, 2
		t.Errorf("medianRatio(p99) = %v; want 2", got)
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of four = %v; want 2.5", got)
	}
	if got := mostErrors(ours); got != 2 {
		t.Errorf("mostErrors = %d; want 2", got)
	}
}
