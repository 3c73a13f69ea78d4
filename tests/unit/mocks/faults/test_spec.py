from __future__ import annotations

import random
import statistics

import pytest

from mocks.faults import FAULT_KINDS, FaultSpec, InvalidFault, parse_header, parse_spec


def test_a_header_is_a_kind_then_named_parameters() -> None:
    spec = parse_header("latency; distribution=lognormal; medianMs=200; sigma=0.5")
    assert (spec.kind, spec.distribution, spec.median_ms, spec.sigma) == ("latency", "lognormal", 200, 0.5)
    assert parse_header(" soap-fault ;code=ZAGS.Busy;; ").code == "ZAGS.Busy"


def test_every_kind_without_parameters_is_valid_except_latency() -> None:
    for kind in FAULT_KINDS:
        if kind == "latency":
            with pytest.raises(InvalidFault, match="distribution=fixed takes ms"):
                parse_spec({"kind": kind})
        else:
            assert parse_spec({"kind": kind}).kind == kind


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("explode", "unknown fault kind"),
        ("hang; ms=5", "hang takes no ms"),
        ("http-error; status=302", "status"),
        ("latency; distribution=uniform; minMs=5", "takes maxMs, minMs"),
        ("latency; ms=5; sigma=1", "distribution=fixed takes ms"),
        ("latency; distribution=uniform; minMs=9; maxMs=1", "minMs must not exceed maxMs"),
        ("latency; ms=99999999", "ms"),
        ("soap-fault; code", "is not name=value"),
        ("unsigned; colour=red", "colour"),
    ],
)
def test_a_fault_that_cannot_be_obeyed_says_why(header: str, complaint: str) -> None:
    with pytest.raises(InvalidFault, match=complaint):
        parse_header(header)


def test_delays_follow_their_distribution() -> None:
    rng = random.Random(407)
    assert FaultSpec(kind="latency", ms=250).delay_seconds(rng) == 0.25
    uniform = FaultSpec(kind="latency", distribution="uniform", minMs=100, maxMs=300)
    draws = [uniform.delay_seconds(rng) for _ in range(2000)]
    assert min(draws) >= 0.1 and max(draws) <= 0.3
    assert statistics.mean(draws) == pytest.approx(0.2, abs=0.01)
    lognormal = FaultSpec(kind="latency", distribution="lognormal", medianMs=200, sigma=0.6)
    draws = [lognormal.delay_seconds(rng) for _ in range(4001)]
    assert statistics.median(draws) == pytest.approx(0.2, rel=0.08)
    assert max(draws) > 2 * 0.2, "a long tail"
    assert FaultSpec(kind="hang").delay_seconds(rng) == 0


def test_the_json_form_uses_the_apis_names() -> None:
    spec = FaultSpec(kind="latency", distribution="uniform", minMs=1, maxMs=2)
    assert spec.as_json() == {"kind": "latency", "distribution": "uniform", "minMs": 1, "maxMs": 2}
    assert parse_spec(spec.as_json()) == spec
