"""bench/soak.py's verdict: any error, memory growth past the limit or a descriptor left open fails the soak."""

from __future__ import annotations

from bench.soak import FD_SLACK, Sample, judge

BEFORE = Sample(0, 300 * 2**20, 80)
ROUNDS = [Sample(10, 400 * 2**20, 90), Sample(20, 410 * 2**20, 90), Sample(30, 420 * 2**20, 91)]


def test_a_clean_soak_passes() -> None:
    verdict = judge(ROUNDS, BEFORE, Sample(32, 420 * 2**20, 80 + FD_SLACK), 0, 0.10)
    assert verdict.passed and round(verdict.memory_growth, 3) == 0.05


def test_an_error_fails_it() -> None:
    assert not judge(ROUNDS, BEFORE, BEFORE, 1, 0.10).passed


def test_memory_growing_past_the_limit_fails_it() -> None:
    grown = [*ROUNDS, Sample(40, 460 * 2**20, 90)]
    assert not judge(grown, BEFORE, BEFORE, 0, 0.10).passed


def test_a_descriptor_left_open_fails_it() -> None:
    assert not judge(ROUNDS, BEFORE, Sample(32, 420 * 2**20, 80 + FD_SLACK + 1), 0, 0.10).passed
