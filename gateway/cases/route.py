"""The route of a case: the staff steps it walks, and when each is due.

An application walks the process steps of its intake flow (the State Corporation's or the portal's, by its
channel), then the provider's flow; a refusal at intake stops after the intake flow, and the steps of the
return-for-documents loop (those within the lines of the regulation's ``documentsLoop``) are walked only
when the file was returned. A step's deadline is counted in working days of the Kazakh calendar from the
moment it starts and runs to 18:00 of the last day (gateway/workdays.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from contracts.regulations import Flow, Regulation, Step
from contracts.shep import KZ_TIME
from gateway.cases.store import Event
from gateway.workdays import add_working_days


@dataclass(frozen=True, slots=True)
class RouteStep:
    flow: str
    step: Step

    def deadline_from(self, start: datetime) -> datetime | None:
        deadline = self.step.deadline
        if deadline is None or deadline.unit != "workingDays":
            return None
        return day_end(add_working_days(today(start), deadline.amount), start)

    def event(self, at: datetime, deadline: datetime | None, *, actor: str | None = None) -> Event:
        late = deadline is not None and at > deadline
        return Event(
            "step",
            self.step.does,
            at,
            flow=self.flow,
            step=self.step.number,
            actor=actor or self.step.actor,
            outcome="done late" if late else "done",
            deadline_at=deadline,
            signer=self.step.signer,
            lines=self.step.lines.cite(),
        )


def today(moment: datetime) -> date:
    return moment.astimezone(KZ_TIME).date()


def day_end(day: date, not_before: datetime) -> datetime:
    """The close of ``day``'s working hours in Kazakhstan (18:00), in UTC, and never before ``not_before``."""
    return max(datetime(day.year, day.month, day.day, 18, 0, tzinfo=KZ_TIME).astimezone(UTC), not_before)


def intake_flow(regulation: Regulation, channel: str, purpose: str) -> str | None:
    wanted = {"information": "portal-information", "proactive": "proactive"}.get(purpose)
    if wanted is None:
        wanted = "portal-application" if channel == "portal" else "state-corporation"
    kinds = [flow.kind for flow in regulation.flows]
    if wanted in kinds:
        return wanted
    return next((kind for kind in kinds if kind in {"state-corporation", "portal-application", "provider"}), None)


def route_steps(regulation: Regulation, channel: str, *, returned: bool, intake_only: bool) -> list[RouteStep]:
    intake = intake_flow(regulation, channel, "application")
    flows: list[Flow] = [flow for flow in regulation.flows if flow.kind == intake]
    if not intake_only:
        flows += [flow for flow in regulation.flows if flow.kind == "provider" and flow.kind != intake]
    loop = regulation.documents_loop
    steps = []
    for flow in flows:
        for step in flow.steps:
            in_loop = loop is not None and loop.lines.first <= step.lines.first <= loop.lines.last
            if step.kind == "process" and (returned or not in_loop):
                steps.append(RouteStep(flow.kind, step))
    return steps


def walk_at_once(steps: list[RouteStep], received_at: datetime, now: datetime) -> list[Event]:
    """Every step done now, each deadline counted from the previous one's, the first from ``received_at``."""
    events, start = [], received_at
    for route_step in steps:
        deadline = route_step.deadline_from(start)
        start = deadline or start
        events.append(route_step.event(now, deadline))
    return events
