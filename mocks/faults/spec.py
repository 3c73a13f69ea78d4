"""What a mock can be told to do wrong, and how to say it: as JSON to the admin API, or in one request's
``X-Qaqpa-Fault`` header (``latency; distribution=uniform; minMs=100; maxMs=900``).

Each kind, with what the mock does (docs/faults.md gives the code each produces at the gateway):

    latency              answers normally after a delay: fixed (ms), uniform (minMs..maxMs) or
                         lognormal (medianMs, sigma); the worker is never blocked (asyncio)
    hang                 never answers: holds the request until the caller gives up
    http-error           an HTTP error status (status, default 503) with a plain-text body
    soap-fault           a SOAP Fault carrying ErrorInfo{code, message}
    connection-reset     drops the connection in the middle of the answer
    empty-body           HTTP 200 with nothing in it
    malformed-body       HTTP 200 with XML cut off in the middle
    schema-violation     a signed answer that breaks its payload contract (messageResult left out)
    unsigned             the answer without the system's signature
    bad-signature        the answer altered after it was signed
    expired-certificate  signed with an expired certificate of the system
    revoked-certificate  signed with a revoked certificate of the system
    unavailable          the system's own business code 30001 "service temporarily unavailable"
"""

from __future__ import annotations

import math
import random
from typing import Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FaultKind = Literal[
    "latency",
    "hang",
    "http-error",
    "soap-fault",
    "connection-reset",
    "empty-body",
    "malformed-body",
    "schema-violation",
    "unsigned",
    "bad-signature",
    "expired-certificate",
    "revoked-certificate",
    "unavailable",
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

Distribution = Literal["fixed", "uniform", "lognormal"]

HEADER = "X-Qaqpa-Fault"
"""The request header that injects one fault into one exchange; the gateway passes it to built-in mocks only."""

_MAX_DELAY_MS = 30 * 60 * 1000  # the regulations' 30-minute window: no latency longer than that makes sense


class InvalidFault(ValueError):
    """A fault description that cannot be obeyed; the message says what to change."""


class FaultSpec(BaseModel):
    """One fault: its kind and the parameters that kind takes (the others must be left out)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    kind: FaultKind
    distribution: Distribution | None = Field(default=None, description="latency: the delay's distribution")
    ms: float | None = Field(default=None, ge=0, le=_MAX_DELAY_MS, description="latency (fixed): the delay")
    min_ms: float | None = Field(default=None, alias="minMs", ge=0, le=_MAX_DELAY_MS)
    max_ms: float | None = Field(default=None, alias="maxMs", ge=0, le=_MAX_DELAY_MS)
    median_ms: float | None = Field(default=None, alias="medianMs", gt=0, le=_MAX_DELAY_MS)
    sigma: float | None = Field(default=None, gt=0, le=3, description="latency (lognormal): spread")
    status: int | None = Field(default=None, ge=400, le=599, description="http-error: the status (default 503)")
    code: str | None = Field(default=None, max_length=100, description="soap-fault: errorCode (default Mock.Injected)")
    message: str | None = Field(default=None, max_length=500, description="soap-fault / http-error: the text")

    @model_validator(mode="after")
    def _parameters_fit_the_kind(self) -> Self:
        given = {name for name in _PARAMETERS if getattr(self, name) is not None}
        allowed = _ALLOWED.get(self.kind, set())
        if given - allowed:
            names = ", ".join(sorted(_PARAMETERS[name] for name in given - allowed))
            raise ValueError(f"{self.kind} takes no {names}")
        if self.kind == "latency":
            self._check_latency()
        return self

    def _check_latency(self) -> None:
        distribution = self.distribution or "fixed"
        needed = {"fixed": {"ms"}, "uniform": {"min_ms", "max_ms"}, "lognormal": {"median_ms", "sigma"}}[distribution]
        missing = [_PARAMETERS[name] for name in sorted(needed) if getattr(self, name) is None]
        extra = [_PARAMETERS[name] for name in sorted(_DELAY_PARAMETERS - needed) if getattr(self, name) is not None]
        if missing or extra:
            raise ValueError(
                f"latency with distribution={distribution} takes {', '.join(_PARAMETERS[n] for n in sorted(needed))}"
            )
        if distribution == "uniform" and (self.min_ms or 0) > (self.max_ms or 0):
            raise ValueError("latency: minMs must not exceed maxMs")

    def delay_seconds(self, rng: random.Random) -> float:
        """A delay drawn from this latency fault's distribution (0 for other kinds), capped at 30 minutes."""
        if self.kind != "latency":
            return 0.0
        match self.distribution or "fixed":
            case "fixed":
                milliseconds = self.ms or 0.0
            case "uniform":
                milliseconds = rng.uniform(self.min_ms or 0.0, self.max_ms or 0.0)
            case _:
                milliseconds = rng.lognormvariate(math.log(self.median_ms or 1.0), self.sigma or 1.0)
        return min(milliseconds, _MAX_DELAY_MS) / 1000

    def as_json(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, exclude_none=True)


_PARAMETERS = {
    "distribution": "distribution",
    "ms": "ms",
    "min_ms": "minMs",
    "max_ms": "maxMs",
    "median_ms": "medianMs",
    "sigma": "sigma",
    "status": "status",
    "code": "code",
    "message": "message",
}
_DELAY_PARAMETERS = {"ms", "min_ms", "max_ms", "median_ms", "sigma"}
_ALLOWED: dict[str, set[str]] = {
    "latency": {"distribution"} | _DELAY_PARAMETERS,
    "http-error": {"status", "message"},
    "soap-fault": {"code", "message"},
}


def parse_spec(data: dict[str, object]) -> FaultSpec:
    """A FaultSpec from JSON-like data, or :class:`InvalidFault` naming what is wrong."""
    try:
        return FaultSpec.model_validate(data)
    except ValidationError as error:
        raise InvalidFault(_describe(error)) from None


def parse_header(value: str) -> FaultSpec:
    """The fault of an ``X-Qaqpa-Fault`` header: a kind, then ``;``-separated ``name=value`` parameters."""
    kind, *parameters = (part.strip() for part in value.split(";"))
    data: dict[str, object] = {"kind": kind}
    for parameter in parameters:
        if not parameter:
            continue
        name, equals, content = parameter.partition("=")
        if not equals or not name.strip():
            raise InvalidFault(f"{HEADER}: {parameter!r} is not name=value")
        data[name.strip()] = content.strip()
    return parse_spec(data)


def _describe(error: ValidationError) -> str:
    issues = []
    for issue in error.errors():
        where = ".".join(str(part) for part in issue["loc"])
        message = issue["msg"].removeprefix("Value error, ")
        if issue["type"] == "literal_error" and where == "kind":
            message = f"unknown fault kind; one of {', '.join(FAULT_KINDS)}"
        issues.append(f"{where}: {message}" if where else message)
    return "; ".join(issues)
