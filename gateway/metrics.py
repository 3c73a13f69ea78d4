"""Prometheus metrics of one gateway instance (served as text at ``GET /metrics``)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        # A registry per instance: several apps in one process (tests) must not share counters.
        self.registry = CollectorRegistry(auto_describe=True)
        self.exchanges = Counter(
            "qaqpa_exchanges",
            "Exchanges handled, by channel, serviceId and resulting status or fault code",
            ["channel", "service_id", "code"],
            registry=self.registry,
        )
        self.faults = Counter(
            "qaqpa_faults", "Faults answered, by code and hop", ["code", "hop"], registry=self.registry
        )
        self.latency = Histogram(
            "qaqpa_exchange_seconds",
            "Time spent per exchange: total, and in the provider hop",
            ["channel", "hop"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.log_failures = Counter(
            "qaqpa_message_log_failures", "Exchanges whose message-log write failed", registry=self.registry
        )

        self.deadlines_missed = Counter(
            "qaqpa_async_deadlines_missed",
            "Async REQUESTs stopped because no RESPONSE came within the response window, by serviceId",
            ["service_id"],
            registry=self.registry,
        )
        self.late_responses = Counter(
            "qaqpa_async_late_responses",
            "RESPONSEs that came after their REQUEST's window closed (refused, kept as late), by serviceId",
            ["service_id"],
            registry=self.registry,
        )

        self.case_deadlines_missed = Counter(
            "qaqpa_case_deadlines_missed",
            "Information requests that expired with a system still unanswered after their 30 minutes "
            "(Order 407, regulation 1: seeds/000_35060450d94081fb.txt:547-548), by regulation",
            ["regulation"],
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
