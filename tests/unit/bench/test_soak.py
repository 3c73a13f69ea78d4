"""bench/soak.py's verdict: any error, memory growth past the limit or a descriptor left open fails the soak."""

from __future__ import annotations

from bench.soak import DATABASE_FILES_PER_WORKER, FD_SLACK, Sample, judge

MIB = 2**20
BEFORE = Sample(0, 300 * MIB, 80, 10)
ROUNDS = [Sample(10, 400 * MIB, 90, 12), Sample(20, 410 * MIB, 90, 12), Sample(30, 420 * MIB, 91, 14)]


def test_a_clean_soak_passes() -> None:
    verdict = judge(ROUNDS, BEFORE, Sample(32, 420 * MIB, 80 + FD_SLACK, 10), 0, 0.10, workers=2)
    assert verdict.passed and round(verdict.memory_growth, 3) == 0.05


def test_an_error_fails_it() -> None:
    assert not judge(ROUNDS, BEFORE, BEFORE, 1, 0.10, workers=2).passed


def test_memory_growing_past_the_limit_fails_it() -> None:
    grown = [*ROUNDS, Sample(40, 460 * MIB, 90, 12)]
    assert not judge(grown, BEFORE, BEFORE, 0, 0.10, workers=2).passed


def test_a_descriptor_left_open_fails_it() -> None:
    assert not judge(ROUNDS, BEFORE, Sample(32, 420 * MIB, 80 + FD_SLACK + 1, 10), 0, 0.10, workers=2).passed


def test_the_database_s_descriptors_may_grow_within_its_pools_bound_and_no_further() -> None:
    bound = DATABASE_FILES_PER_WORKER * 2
    within = Sample(32, 420 * MIB, 80 + bound - 10, bound)  # the other descriptors as many as before
    assert judge(ROUNDS, BEFORE, within, 0, 0.10, workers=2).passed
    past = Sample(32, 420 * MIB, 80 + bound - 9, bound + 1)
    assert not judge(ROUNDS, BEFORE, past, 0, 0.10, workers=2).passed
