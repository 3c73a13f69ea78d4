"""The pure parts of bench/http.py: reading wrk's summary and judging a run against issue #9's targets.

The benchmark itself is never run here (it starts servers and measures this machine); these pin down what a
report says about a run, errors above all: a run with failures must show them, never look like a pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import _wrk
from bench.http import Target, paced_delay_ms, verdict, wrk_row

# Captured from wrk 4.1.0 (Debian) runs on this machine.
CLEAN = """Running 1s test @ http://127.0.0.1:18090/health
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.57ms    1.19ms  10.19ms   89.38%
    Req/Sec   723.60    147.88     0.95k    50.00%
  Latency Distribution
     50%    1.12ms
     75%    1.59ms
     90%    2.91ms
     99%    6.49ms
  724 requests in 1.01s, 138.58KB read
Requests/sec:    717.77
Transfer/sec:    137.39KB
"""

FAILING = """Running 3s test @ http://127.0.0.1:18080/bip-sync/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   279.58ms  155.55ms 986.95ms   77.49%
    Req/Sec   118.83     81.96   410.00     75.47%
  Latency Distribution
     50%  260.46ms
     75%  370.87ms
     90%  447.26ms
     99%    1.46s\x20
  647 requests in 3.08s, 2.62MB read
  Socket errors: connect 0, read 2, write 0, timeout 7
  Non-2xx or 3xx responses: 40
Requests/sec:    210.04
Transfer/sec:    869.47KB
"""

NOTHING_ANSWERED = """Running 5s test @ http://127.0.0.1:18080/bip-sync/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 5.23s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_a_clean_run_is_read_with_its_rate_and_percentiles() -> None:
    result = _wrk.parse(CLEAN)

    assert (result.requests, result.seconds, result.requests_per_second) == (724, 1.01, 717.77)
    assert (result.p50_ms, result.p99_ms) == (1.12, 6.49)
    assert result.errors == 0
    assert result.describe_errors() == "0"


def test_non_2xx_answers_and_socket_errors_are_counted_and_named() -> None:
    result = _wrk.parse(FAILING)

    assert result.non_2xx == 40
    assert result.socket_errors == _wrk.SocketErrors(connect=0, read=2, write=0, timeout=7)
    assert result.errors == 49
    assert result.describe_errors() == "non-2xx 40, read 2, timeout 7"
    assert result.p99_ms == pytest.approx(1460.0)  # "1.46s", with wrk's trailing space
    assert result.good_per_second == pytest.approx((647 - 40) / 3.08)


def test_a_run_in_which_nothing_was_answered_says_so_and_shows_no_latency() -> None:
    result = _wrk.parse(NOTHING_ANSWERED)

    assert result.describe_errors() == "no answer within 5 s"
    row = wrk_row("(c)", result, Target(min_rate=400, unit="flows/s"))
    assert (row.rate, row.p50_ms, row.p99_ms) == (0, None, None)
    assert row.met == "no: 0 flows/s"


def test_text_that_is_not_a_wrk_summary_is_refused() -> None:
    with pytest.raises(SystemExit, match="no summary"):
        _wrk.parse("wrk: unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(
    ("target", "rate", "p99_ms", "errors", "expected"),
    [
        (None, 88.0, 50.0, 3, "—"),
        (Target(min_rate=5000), 5200.0, 4.0, 0, "yes"),
        (Target(min_rate=5000), 88.0, 300.0, 0, "no: 56.8× too slow"),
        (Target(min_rate=1000), 800.0, None, 0, "no: 20 % short"),
        (Target(max_p99_ms=20), 1400.0, 25.0, 0, "no: p99 25 % over"),
        (Target(max_p99_ms=20), 60.0, 49.5, 0, "no: p99 2.5× the limit"),
        (Target(min_rate=400, unit="flows/s"), 0.0, None, 0, "no: 0 flows/s"),
        (Target(min_rate=2000), 2100.0, 9.0, 12, "no: 12 errors"),
        (Target(min_rate=2000, max_p99_ms=20), 1000.0, 28.0, 1, "no: 2.0× too slow; p99 40 % over; 1 error"),
    ],
)
def test_the_verdict_says_whether_and_by_how_much_a_target_was_missed(
    target: Target | None, rate: float, p99_ms: float | None, errors: int, expected: str
) -> None:
    assert verdict(target, rate, p99_ms, errors) == expected


def test_a_target_is_described_as_the_issue_states_it() -> None:
    assert Target(min_rate=5000).describe() == "≥ 5,000 req/s"
    assert Target(min_rate=2000, max_p99_ms=20).describe() == "≥ 2,000 req/s, p99 ≤ 20 ms"


def test_the_pacing_delay_spreads_the_wanted_rate_over_the_connections() -> None:
    assert paced_delay_ms(32, 64.0) == 500.0  # 32 connections, 64 req/s: one request per connection each 0.5 s


def test_the_pacing_delay_takes_off_the_latency_a_calibration_run_showed() -> None:
    # At 500 ms of delay 32 connections made 60 req/s: 533 ms per request, so 33 ms of it was the answer.
    assert paced_delay_ms(32, 64.0, measured=60.0, delay_ms=500) == pytest.approx(500 - 33.33, abs=0.01)
    assert paced_delay_ms(32, 64.0, measured=10.0, delay_ms=500) == 0.0  # slower than wanted even unpaced


def test_the_lua_script_quotes_every_value_exactly() -> None:
    script = _wrk.lua_script("POST", {"Content-Type": "a]]b"}, [Path("/tmp/body-00000")], threads=2)

    assert "[ [[Content-Type]] ] = [=[a]]b]=]" in script
    assert "[[/tmp/body-00000]]" in script
    assert 'wrk.format([[POST]], nil, headers, file:read("*a"))' in script


def test_a_paced_script_waits_before_each_request_and_an_unpaced_one_does_not() -> None:
    bodies = [Path("/tmp/body-00000")]

    assert "function delay()\n  return 480\nend" in _wrk.lua_script("POST", {}, bodies, threads=2, delay_ms=480)
    assert "delay" not in _wrk.lua_script("POST", {}, bodies, threads=2)
