"""The orchestrator: runs an application, an information request or a proactive offer as a case.

A case fans its data queries out at once (gateway/cases/queries.py), reads the answers into the electronic
case file, applies the regulation's checks (gateway/cases/rules.py) and then, by the case's mode:

- ``auto``: decides at once, walking the staff steps of its route (the intake flow, then the provider's)
  and recording each with the working-day deadline the order gives it and its signer;
- ``officer``: waits for a tester playing the officer to decide, return the file for documents, or accept the
  proposed outcome (``POST /api/v1/cases/{id}/decision``).

Documents missing from the file start the return-for-documents loop: the case waits for the applicant for the
office's and the applicant's working days together (e.g. 5 + 25, regulation 1, lines 451-479), then the
provider decides on the documents at hand or refuses, as the regulation's ``documentsLoop`` says. An
information request has 30 minutes of the product's clock (regulation 1, lines 547-548); one still waiting
for a system then expires. The product's clock moves waiting cases on (:meth:`CaseEngine.move_on`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from contracts.regulations import Regulation
from gateway import errors
from gateway.cases.choices import CaseChoices
from gateway.cases.document import build_result
from gateway.cases.evidence import Evidence
from gateway.cases.queries import Answer, Ask, DataQueries
from gateway.cases.route import RouteStep, day_end, intake_flow, route_steps, today, walk_at_once
from gateway.cases.rules import RULES, Grant, Missing, Outcome, Refuse, decide
from gateway.cases.services import CaseService, Purpose
from gateway.cases.store import Case, CaseStore, Event
from gateway.cases.updates import CaseUpdates
from gateway.clock import Clock, VirtualClock
from gateway.metrics import Metrics
from gateway.storage.database import log_failure
from gateway.workdays import add_working_days
from mocks.runs import current_run
from signing.xmldsig import SigningKey

log = logging.getLogger(__name__)

INFORMATION_WINDOW = timedelta(minutes=30)
"""Regulation 1, shared/seeds/000_35060450d94081fb.txt:547-548 (and the same in every information flow)."""
PROACTIVE_WINDOW = timedelta(days=3)
"""Order 225, shared/seeds/ (r225-01) lines 106-108: no reply within 3 calendar days ends the offer."""

OFFICE_WORKING_DAYS = 5
"""The office's time to tell the applicant of a return where the regulation gives none, as regulation 1 does
(shared/seeds/000_35060450d94081fb.txt:455-457)."""

_NOT_ASKED = {"SMS_Send", "EPAY_BankAccountCheck"}  # sent at their own steps, not in the intake fan-out
_CONSENT = {"1", "2", "yes", "иә", "ия", "да", "kk", "ru", "қаз", "рус"}
_DECLINE = {"0", "no", "жоқ", "нет"}


@dataclass(frozen=True, slots=True)
class CaseRequest:
    service: CaseService
    applicant_iin: str
    sender_id: str
    channel: str = "portal"
    subject_iin: str | None = None
    documents: tuple[str, ...] = ()
    bank_account: str | None = None
    phone: str | None = None
    language: str = "kk"
    mode: str | None = None
    """``auto`` or ``officer``; None: the instance's default (settings ``case_mode``)."""
    pace: str | None = None
    """``instant`` (every staff step done at once) or ``deadlines`` (each takes its time on the product's clock);
    None: the instance's default (settings ``case_pace``)."""
    correlation_id: str | None = None
    """The async chain the request came on: later changes of the case go back on it as UPDATEs."""


@dataclass(slots=True)
class _Run:
    """One pass over a case: the events it adds."""

    case: Case
    events: list[Event] = field(default_factory=list)


class CaseEngine:
    def __init__(
        self,
        store: CaseStore,
        queries: DataQueries,
        clock: Clock,
        signer: Callable[[], SigningKey],
        *,
        answer_wait_seconds: float,
        updates: CaseUpdates | None = None,
        choices: CaseChoices | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self._metrics = metrics
        self._queries = queries
        self._clock = clock
        self._signer = signer
        self._answer_wait = answer_wait_seconds
        self._updates = updates
        self._choices = choices or CaseChoices()
        self._answered_late: set[str] = set()
        """Cases whose first answer went out before they rested: where they rest is sent as an UPDATE."""
        self._running: set[asyncio.Task[None]] = set()
        self.changed = asyncio.Event()

    # --- opening ---------------------------------------------------------------------------------------------

    async def open(self, request: CaseRequest, *, wait: bool = True) -> Case:
        """Register the case and start it; returns it once it rests (decided, or waiting for someone), or after
        the answer wait with the queries still out (it goes on in the background)."""
        now = self._clock.now()
        regulation = request.service.regulation
        purpose: Purpose = request.service.purpose
        case = Case(
            case_id=str(uuid.uuid4()),
            run_id=current_run.get(),
            regulation=regulation.slug,
            service_id=request.service.service_id,
            purpose=purpose,
            channel=request.channel if purpose == "application" else purpose,
            applicant_iin=request.applicant_iin,
            subject_iin=request.subject_iin,
            sender_id=request.sender_id,
            correlation_id=request.correlation_id,
            mode=request.mode or self._choices.mode,
            pace=request.pace or self._choices.pace,
            state="querying",
            received_at=now,
            request={
                "documents": list(request.documents),
                "bankAccount": request.bank_account,
                "phone": request.phone,
                "language": request.language,
            },
            deadline_at=now + INFORMATION_WINDOW if purpose == "information" else None,
            due_at=now + INFORMATION_WINDOW if purpose == "information" else None,
        )
        received = Event(
            "received",
            f"{purpose.capitalize()} registered ({request.service.service_id})",
            now,
            flow=intake_flow(regulation, case.channel, purpose),
            deadline_at=case.deadline_at,
        )
        await self.store.create(case, [received])
        task = asyncio.create_task(self._start(case.case_id), name=f"qaqpa-case-{case.case_id}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        if wait:
            await asyncio.wait({task}, timeout=self._answer_wait)
        if not task.done():
            self._answered_late.add(case.case_id)
        return await self.get(case.case_id)

    async def get(self, case_id: str) -> Case:
        """The case, if it belongs to the current test run (mocks/runs.py): another run's cases are not there."""
        case = await self.store.get(case_id)
        if case is None or case.run_id != current_run.get():
            raise errors.NotFound(f"no case {case_id}")
        return case

    async def _forgotten(self, case_id: str) -> bool:
        """Whether a case that failed to move on was deleted meanwhile with its run (DELETE /api/v1/runs/…, the
        pytest plugin's last step): the race of a run's end, not a failure to report."""
        try:
            forgotten = await self.store.get(case_id) is None
        except Exception:  # the database is away: the first failure is the one to report
            return False
        if forgotten:
            log.info("case %s was forgotten with its run while it was being moved on", case_id)
        return forgotten

    async def _start(self, case_id: str) -> None:
        try:
            case = await self.get(case_id)
            await self._examine(case, expect="querying", announce=case_id in self._answered_late)
        except Exception:
            if not await self._forgotten(case_id):
                log_failure(log, f"case {case_id} could not be moved on")
        finally:
            self._answered_late.discard(case_id)
            self.changed.set()

    # --- the case file ---------------------------------------------------------------------------------------

    def _asks(self, case: Case, regulation: Regulation) -> list[Ask]:
        rule = RULES[regulation.slug]
        if case.purpose == "information":
            named = {"GBDFL_UniversalServiceSync", "EMAKET_AssignedBenefits", *rule.applicant_asks}
            if rule.benefit is None:
                named |= {"CBDI_DisabilityByIin"}
        else:
            named = {q.service_id for f in regulation.flows for q in f.queries if q.service_id} - _NOT_ASKED
            named |= {"GBDFL_UniversalServiceSync", *rule.applicant_asks}
        asks = [Ask(service_id, case.applicant_iin) for service_id in sorted(named)]
        if case.purpose != "information" and case.subject_iin:
            asks += [Ask(service_id, case.subject_iin) for service_id in rule.subject_asks]
        iban = case.request.get("bankAccount")
        if iban and case.purpose != "information":
            asks.append(Ask("EPAY_BankAccountCheck", case.applicant_iin, (("iban", iban),)))
        return asks

    async def _save(self, case: Case, events: Sequence[Event], *, expect: str | None, announce: bool = True) -> bool:
        """Write the case with its new events, unless something else moved it on meanwhile; then, if it came on
        an async chain, tell the requester with an UPDATE."""
        if not await self.store.save(case, events, expect_state=expect):
            return False
        if announce and case.correlation_id is not None and self._updates is not None:
            outcome, session_id = await self._updates.send(case)
            update = Event(
                "update",
                f"UPDATE on the async chain: {case.state}",
                self._clock.now(),
                outcome=outcome,
                session_id=session_id,
            )
            await self.store.add_events(case.case_id, [update])
        return True

    async def _examine(self, case: Case, *, expect: str, at_hand: bool = False, announce: bool = True) -> None:
        """Ask the systems, check, and decide or wait, as the case's mode says."""
        regulation = _regulation(case.regulation)
        answers = await self._queries.ask_all(self._asks(case, regulation))
        now = self._clock.now()
        run = _Run(case)
        run.events += [_query_event(answer, regulation, now) for answer in answers]
        evidence = Evidence(
            answers,
            case.applicant_iin,
            case.subject_iin,
            frozenset(case.request.get("documents") or ()),
            today(now),
            at_hand=at_hand,
        )
        outcome = (
            _information(regulation, evidence)
            if case.purpose == "information"
            else decide(
                RULES[regulation.slug],
                evidence,
                bool(case.request.get("bankAccount")),
                refuse_unanswered=self._choices.unanswered_system == "refuse",
            )
        )
        run.events.append(Event("check", f"Checks of the case file: {_describe(outcome)}", now, outcome=_kind(outcome)))
        case.file = {**case.file, "proposal": _proposal(outcome), "facts": _facts(outcome)}
        await self._apply(run, regulation, evidence, outcome)
        if not await self._save(case, run.events, expect=expect, announce=announce):
            await self.store.add_events(case.case_id, [e for e in run.events if e.kind == "query"])
            log.info("case %s moved on while its queries ran; their answers are kept as events only", case.case_id)

    async def _apply(self, run: _Run, regulation: Regulation, evidence: Evidence, outcome: Outcome) -> None:
        case, now = run.case, self._clock.now()
        if isinstance(outcome, Missing):
            loop = regulation.documents_loop
            office = loop.office_working_days if loop and loop.office_working_days else OFFICE_WORKING_DAYS
            applicant = loop.applicant_working_days if loop and loop.applicant_working_days else None
            days = office + (applicant or self._choices.applicant_working_days)
            due = day_end(add_working_days(today(now), days), now)
            case.state, case.due_at = "awaiting-documents", due
            case.file = {**case.file, "missing": list(outcome.documents)}
            run.events.append(
                Event(
                    "documents",
                    f"Returned for documents: {', '.join(outcome.documents)} ({outcome.because})",
                    now,
                    outcome="awaiting the applicant",
                    deadline_at=due,
                    lines=loop.lines.cite() if loop else outcome.lines,
                )
            )
            await self._sms(
                run, f"Qaqpa {case.case_id[:8]}: bring {', '.join(outcome.documents)} within {days} working days"
            )
            return
        if case.purpose == "information" or (case.mode == "auto" and case.pace == "instant"):
            await self._finish(run, regulation, evidence, outcome)
            return
        intake_only = isinstance(outcome, Refuse) and outcome.at_intake
        case.file = {**case.file, "position": 0, "stepStarted": now.isoformat(), "intakeOnly": intake_only}
        case.state, case.due_at = "in-progress", None
        if case.mode == "officer":
            run.events.append(
                Event(
                    "step",
                    "The file goes to the officer: advance its steps, then decide",
                    now,
                    outcome="waiting for the officer",
                )
            )
            return
        await self._walk(run, regulation)

    @staticmethod
    def _steps(case: Case, regulation: Regulation, *, intake_only: bool = False) -> list[RouteStep]:
        return route_steps(
            regulation,
            case.channel,
            returned=bool(case.file.get("missing")),
            intake_only=intake_only or bool(case.file.get("intakeOnly")),
        )

    def _next_step(self, case: Case, regulation: Regulation) -> RouteStep | None:
        """The step the case is at; None past the last."""
        steps = self._steps(case, regulation)
        position = int(case.file.get("position", 0))
        return steps[position] if position < len(steps) else None

    def _complete_step(
        self, run: _Run, regulation: Regulation, actor: str | None = None, at: datetime | None = None
    ) -> None:
        case, now = run.case, at or self._clock.now()
        current = self._next_step(case, regulation)
        assert current is not None
        started = datetime.fromisoformat(str(case.file.get("stepStarted") or now.isoformat()))
        run.events.append(current.event(now, current.deadline_from(started), actor=actor))
        case.file = {**case.file, "position": int(case.file.get("position", 0)) + 1, "stepStarted": now.isoformat()}

    async def _walk(self, run: _Run, regulation: Regulation) -> None:
        """``pace=deadlines``: steps without a deadline are done at once; a step with one is done when the clock
        reaches it; past the last step the case is decided as its checks proposed."""
        case, now = run.case, self._clock.now()
        while (current := self._next_step(case, regulation)) is not None:
            started = datetime.fromisoformat(str(case.file["stepStarted"]))
            deadline = current.deadline_from(started)
            if deadline is not None and deadline > now:
                case.due_at = deadline
                return
            self._complete_step(run, regulation, at=deadline)
        case.due_at = None
        outcome = _outcome_of(case.file.get("proposal") or {}, case.file.get("facts") or [])
        if isinstance(outcome, Missing):
            await self._apply(run, regulation, await self._applicant(case), outcome)
            return
        await self._finish(run, regulation, await self._applicant(case), outcome)

    async def _applicant(self, case: Case) -> Evidence:
        """What the result document needs of the applicant, asked again at decision time."""
        answers = await self._queries.ask_all([Ask("GBDFL_UniversalServiceSync", case.applicant_iin)])
        return Evidence(answers, case.applicant_iin, case.subject_iin, frozenset(), today(self._clock.now()))

    async def _finish(self, run: _Run, regulation: Regulation, evidence: Evidence, outcome: Grant | Refuse) -> None:
        case, now = run.case, self._clock.now()
        if case.purpose != "information":
            steps = self._steps(case, regulation, intake_only=isinstance(outcome, Refuse) and outcome.at_intake)
            position = int(case.file.get("position", 0))
            run.events += walk_at_once(steps[position:], case.received_at if position == 0 else now, now)
        decision = (
            "refused" if isinstance(outcome, Refuse) else ("answered" if case.purpose == "information" else "granted")
        )
        ground = None
        if isinstance(outcome, Refuse):
            ground = (outcome.ground, outcome.lines, _refusal_text(regulation, outcome))
        values = {"decision": decision, "decision.date": today(now).isoformat()}
        if isinstance(outcome, Grant):
            values.update(dict(outcome.facts))
            if outcome.amount is not None:
                values["amount"] = f"{outcome.amount.quantize(Decimal('0.01'))} KZT"
        key = self._signer()
        case.result_document = build_result(
            regulation,
            case_id=case.case_id,
            service_id=case.service_id,
            issued_at=now,
            applicant=evidence.applicant,
            applicant_iin=case.applicant_iin,
            subject_iin=case.subject_iin,
            decision=decision,
            ground=ground,
            values=values,
            key=key,
        )
        case.state, case.decision, case.decided_at, case.due_at = "decided", decision, now, None
        case.ground = outcome.ground if isinstance(outcome, Refuse) else None
        run.events.append(
            Event(
                "decision",
                f"Decision: {decision}" + (f" — {ground[2]}" if ground else ""),
                now,
                outcome=decision,
                signer=regulation.signed_by.text,
                lines=ground[1] if ground else regulation.signed_by.lines.cite(),
            )
        )
        run.events.append(
            Event(
                "document",
                "Result document issued, signed by the provider's authorised person",
                now,
                signer=key.certificate.subject.rfc4514_string()[:200],
                lines=regulation.result_form.lines.cite(),
            )
        )
        await self._sms(run, f"Qaqpa {case.case_id[:8]}: {regulation.names['en']}: {decision}")

    async def _sms(self, run: _Run, text: str) -> None:
        case = run.case
        extra: tuple[tuple[str, str], ...] = ()
        if case.request.get("phone"):
            extra += (("phone", str(case.request["phone"])),)
        extra += (("text", text[:480]), ("language", str(case.request.get("language") or "kk")))
        answer = await self._queries.ask(Ask("SMS_Send", case.applicant_iin, extra))
        status = answer.root.findtext("sms/status/code") if answer.root is not None else None
        run.events.append(
            Event(
                "sms",
                text,
                self._clock.now(),
                outcome=status or answer.code,
                session_id=answer.session_id,
                service_id=answer.ask.service_id,
            )
        )

    # --- acting on a case ------------------------------------------------------------------------------------

    async def submit_documents(self, case_id: str, documents: Sequence[str]) -> Case:
        case = await self.get(case_id)
        if case.state != "awaiting-documents":
            raise errors.Conflict(f"case {case_id} is {case.state}, not awaiting documents")
        case.request = {**case.request, "documents": sorted({*case.request.get("documents", []), *documents})}
        await self.store.add_events(
            case_id,
            [Event("documents", f"Documents brought: {', '.join(documents)}", self._clock.now(), outcome="received")],
        )
        await self._examine(case, expect="awaiting-documents")
        return await self.get(case_id)

    async def officer_decision(self, case_id: str, action: str, ground: str | None, documents: Sequence[str]) -> Case:
        """``accept`` the proposed outcome, ``grant``, ``refuse`` (with a ground of the proposal or the
        regulation's no-right ground) or ``return`` the file for ``documents``."""
        case = await self.get(case_id)
        expect = case.state
        if case.mode != "officer" or case.state not in {"in-progress", "awaiting-officer"}:
            raise errors.Conflict(f"case {case_id} is {case.state} in {case.mode} mode, not with the officer")
        regulation = _regulation(case.regulation)
        proposal = case.file.get("proposal") or {}
        outcome: Outcome
        if action == "accept":
            outcome = _outcome_of(proposal, case.file.get("facts") or [])
        elif action == "grant":
            outcome = Grant(tuple((k, v) for k, v in case.file.get("facts", [])))
        elif action == "refuse":
            grounds = RULES[regulation.slug].grounds
            lines = proposal.get("lines") if proposal.get("ground") == ground else grounds.no_right
            outcome = Refuse(ground or "no-right", lines or grounds.no_right, "refused by the officer")
        elif action == "return":
            outcome = Missing(
                tuple(documents) or ("documents",),
                regulation.documents_loop.lines.cite() if regulation.documents_loop else "0",
                "returned by the officer",
            )
        else:
            raise errors.InvalidRecord(f"unknown action {action!r}: accept, grant, refuse, return")
        evidence = await self._applicant(case)
        run = _Run(case)
        run.events.append(Event("step", f"Officer: {action}", self._clock.now(), actor="officer (tester)"))
        if isinstance(outcome, Missing):
            await self._apply(run, regulation, evidence, outcome)
        else:
            await self._finish(run, regulation, evidence, outcome)
        if not await self._save(case, run.events, expect=expect):
            raise errors.Conflict(f"case {case_id} changed meanwhile; read it again")
        return await self.get(case_id)

    async def advance(self, case_id: str) -> Case:
        """Play the officer through one staff step of the route (``caseMode=officer``)."""
        case = await self.get(case_id)
        if case.mode != "officer" or case.state != "in-progress":
            raise errors.Conflict(f"case {case_id} is {case.state} in {case.mode} mode: it has no step to advance")
        regulation = _regulation(case.regulation)
        run = _Run(case)
        current = self._next_step(case, regulation)
        assert current is not None, "an in-progress case always has a step left"
        self._complete_step(run, regulation, actor=f"{current.step.actor} (played by the tester)")
        if self._next_step(case, regulation) is None:
            case.state = "awaiting-officer"
            run.events.append(
                Event(
                    "step",
                    "Every staff step is done: the decision is the officer's",
                    self._clock.now(),
                    outcome="waiting for the decision",
                )
            )
        if not await self._save(case, run.events, expect="in-progress"):
            raise errors.Conflict(f"case {case_id} changed meanwhile; read it again")
        return await self.get(case_id)

    # --- Order 225's proactive flow ----------------------------------------------------------------------------

    async def offer(self, service: CaseService, iin: str, language: str) -> Case:
        """Е-Макет finds the right (a title of article 4, 4-2) and 4-3), r225-01 lines 88-90: asserted by the
        caller, as no simulated system holds titles) and offers the benefit by SMS (lines 94-99)."""
        now = self._clock.now()
        case = Case(
            case_id=str(uuid.uuid4()),
            run_id=current_run.get(),
            regulation=service.regulation.slug,
            service_id=service.service_id,
            purpose="proactive",
            channel="proactive",
            applicant_iin=iin,
            subject_iin=None,
            sender_id="EMAKET",
            mode="auto",
            state="awaiting-consent",
            received_at=now,
            request={"documents": ["proactive-title"], "bankAccount": None, "phone": None, "language": language},
            due_at=now + PROACTIVE_WINDOW,
            deadline_at=now + PROACTIVE_WINDOW,
        )
        await self.store.create(
            case,
            [
                Event(
                    "received",
                    "The right arises: Е-Макет starts the proactive service",
                    now,
                    flow="proactive",
                    step=1,
                    lines="88-90",
                )
            ],
        )
        run = _Run(case)
        await self._sms(
            run,
            "Сізге арнаулы мемлекеттік жәрдемақы тағайындалуы мүмкін. Келісесіз бе? Тіл: 1-қаз 2-рус"
            " / Вам может быть назначено специальное государственное пособие. Согласны?",
        )
        if run.events[-1].outcome != "DELIVERED":
            case.state, case.due_at, case.decision = "ended", None, None
            run.events.append(
                Event(
                    "step",
                    "No mobile number registered: the proactive service cannot start",
                    now,
                    flow="proactive",
                    step=2,
                    outcome="ended",
                    lines="90-93",
                )
            )
        else:
            run.events[-1].step, run.events[-1].lines, run.events[-1].flow = 3, "94-99", "proactive"
        await self._save(case, run.events, expect=None)
        return await self.get(case.case_id)

    async def sms_reply(self, case_id: str, text: str) -> Case:
        case = await self.get(case_id)
        now, reply = self._clock.now(), text.strip()
        run = _Run(case)
        run.events.append(Event("sms", f"Reply: {reply}", now, actor="applicant", flow="proactive"))
        expect = case.state
        if case.state == "awaiting-consent":
            if reply.lower() in _DECLINE:
                case.state, case.due_at = "ended", None
                run.events[-1].outcome = "declined"
            elif reply.lower() in _CONSENT:
                language = "ru" if reply.lower() in {"2", "ru", "рус", "да"} else "kk"
                case.request = {**case.request, "language": language}
                case.received_at = now  # the day of consent is the application date (lines 104-105)
                window_ends = case.deadline_at if self._choices.proactive_window == "from-offer" else None
                case.state, case.due_at = "awaiting-bank-account", window_ends or now + PROACTIVE_WINDOW
                run.events[-1].outcome, run.events[-1].step, run.events[-1].lines = "consent", 4, "100-101"
                await self._sms(run, "Банк шотыңызды (IBAN) растаңыз немесе жазыңыз / Подтвердите или укажите IBAN")
                run.events[-1].step, run.events[-1].lines = 5, "100-103"
            else:
                raise errors.InvalidRecord("reply 1 or 2 (consent, language) or 0 (decline)")
        elif case.state == "awaiting-bank-account":
            iban = reply.replace(" ", "").upper()
            check = await self._queries.ask(Ask("EPAY_BankAccountCheck", case.applicant_iin, (("iban", iban),)))
            confirmed = check.root is not None and check.root.findtext("account/confirmed") == "true"
            run.events.append(
                Event(
                    "query",
                    "ЭҮТШ: the bank account given",
                    now,
                    flow="proactive",
                    step=6,
                    outcome=check.code if not confirmed else "confirmed",
                    session_id=check.session_id,
                    service_id=check.ask.service_id,
                    lines="100-103",
                )
            )
            case.request = {**case.request, "bankAccount": iban}
            case.state, case.due_at = "querying", None
            if not await self._save(case, run.events, expect=expect, announce=False):
                raise errors.Conflict(f"case {case_id} changed meanwhile; read it again")
            await self._examine(case, expect="querying")
            return await self.get(case_id)
        else:
            raise errors.Conflict(f"case {case_id} is {case.state}, not waiting for an SMS reply")
        if not await self._save(case, run.events, expect=expect):
            raise errors.Conflict(f"case {case_id} changed meanwhile; read it again")
        return await self.get(case_id)

    # --- the clock -------------------------------------------------------------------------------------------

    async def move_on(self) -> int:
        """Move on every case whose clock event has come: expired information requests, documents loops that
        ran out, proactive offers nobody answered. Returns how many.

        Each test run's cases are judged by that run's clock, and moved on in their run (mocks/runs.py)."""
        own_clocks = self._clock.runs() if isinstance(self._clock, VirtualClock) else []
        moved = 0
        for run in [None, *own_clocks]:
            token = current_run.set(run)
            try:
                now = self._clock.now()
                due = await self.store.claim_due(now, run=run, runs_with_own_clock=own_clocks)
                for case in due:
                    current_run.set(case.run_id)
                    try:
                        await self._due(case, now)
                    except Exception:
                        if not await self._forgotten(case.case_id):
                            log_failure(log, f"case {case.case_id} could not be moved on by the clock")
                moved += len(due)
            finally:
                current_run.reset(token)
        if moved:
            self.changed.set()
        return moved

    async def _due(self, case: Case, now: datetime) -> None:
        regulation = _regulation(case.regulation)
        expect = case.state
        if case.state == "querying" and case.purpose == "information":
            case.state, case.ground, case.due_at, case.decided_at = "expired", "deadline-missed", None, now
            if self._metrics is not None:
                self._metrics.case_deadlines_missed.labels(regulation.slug).inc()
            event = Event(
                "deadline",
                "No answer within 30 minutes: the information request expired",
                now,
                outcome="expired",
                deadline_at=case.deadline_at,
                lines=_information_window(regulation),
            )
            await self._save(case, [event], expect=expect)
        elif case.state == "awaiting-documents":
            loop = regulation.documents_loop
            event = Event(
                "documents",
                "The documents did not arrive in time",
                now,
                outcome="deadline passed",
                lines=loop.lines.cite() if loop else None,
            )
            if loop is not None and loop.then == "refuse":
                grounds = RULES[regulation.slug].grounds
                outcome = Refuse(
                    "documents-not-submitted",
                    grounds.not_submitted or grounds.incomplete,
                    "the documents asked for did not arrive within the period",
                )
                run = _Run(case, [event])
                await self._finish(run, regulation, await self._applicant(case), outcome)
                await self._save(case, run.events, expect=expect)
            else:
                await self.store.add_events(case.case_id, [event])
                case.state = "querying"
                await self._save(case, [], expect=expect, announce=False)
                await self._examine(case, expect="querying", at_hand=True)
        elif case.state == "in-progress":
            run = _Run(case)
            await self._walk(run, regulation)
            await self._save(case, run.events, expect=expect)
        elif case.state in {"awaiting-consent", "awaiting-bank-account"}:
            case.state, case.due_at = "ended", None
            event = Event(
                "step",
                "No reply within 3 calendar days: the proactive service ends",
                now,
                flow="proactive",
                step=8,
                outcome="ended",
                deadline_at=case.deadline_at,
                lines="106-108",
            )
            await self._save(case, [event], expect=expect)
        else:
            case.due_at = None
            await self._save(case, [], expect=expect, announce=False)


# --- helpers -------------------------------------------------------------------------------------------------


def _regulation(slug: str) -> Regulation:
    from gateway.cases.services import CASE_SERVICES

    for service in CASE_SERVICES:
        if service.regulation.slug == slug:
            return service.regulation
    raise errors.NotFound(f"no regulation {slug!r}")


def _query_event(answer: Answer, regulation: Regulation, now: datetime) -> Event:
    cited = next((q for f in regulation.flows for q in f.queries if q.service_id == answer.ask.service_id), None)
    return Event(
        "query",
        f"{answer.ask.service_id} about {answer.ask.iin}" + (f": {cited.what}" if cited else ""),
        now,
        outcome=answer.code,
        session_id=answer.session_id or None,
        service_id=answer.ask.service_id,
        lines=cited.lines.cite() if cited else None,
        step=cited.step if cited else None,
    )


def _information(regulation: Regulation, evidence: Evidence) -> Outcome:
    """The portal information flow: the provider answers from its records (Е-Макет for a payment, the disability
    data bank for an assessment) or refuses at condition 3 (e.g. regulation 1, lines 533-536)."""
    rule = RULES[regulation.slug]
    refusal = rule.grounds.information or rule.grounds.unreliable
    if evidence.applicant is None:
        return Refuse("data-not-confirmed", refusal, "the applicant is not found in ГБД ФЛ")
    if rule.benefit is None:
        found = evidence.disabilities(evidence.applicant_iin)
        if not found:
            return Refuse("no-record", refusal, "no determination in the disability data bank")
        d = found[0]
        return Grant(
            (
                ("disability", f"group {d.group}, {d.cause}, certificate {d.certificate}"),
                ("assigned.from", d.established_on.isoformat() if d.established_on else "—"),
            )
        )
    record = evidence.benefits(evidence.applicant_iin).get(rule.benefit)
    if record is None:
        return Refuse("no-record", refusal, "no assignment of this payment on record")
    amount = Decimal(record.findtext("monthlyAmount") or "0")
    return Grant(
        (
            ("decision", f"assigned, decision {record.findtext('decisionNumber')}"),
            ("decision.date", record.findtext("assignedOn") or "—"),
            ("active", record.findtext("active") or "false"),
        ),
        amount,
    )


def _information_window(regulation: Regulation) -> str:
    flow = next((f for f in regulation.flows if f.kind == "portal-information"), None)
    return flow.deadline.lines.cite() if flow is not None and flow.deadline is not None else "547-548"


def _refusal_text(regulation: Regulation, refusal: Refuse) -> str:
    cited = next((r.text for r in regulation.refusals if r.lines.cite() == refusal.lines), None)
    return f"{cited or refusal.ground}: {refusal.because}"


def _kind(outcome: Outcome) -> str:
    return {Grant: "grant", Refuse: "refuse", Missing: "missing"}[type(outcome)]


def _describe(outcome: Outcome) -> str:
    if isinstance(outcome, Grant):
        return "the conditions are met"
    if isinstance(outcome, Refuse):
        return f"refusal ({outcome.ground}): {outcome.because}"
    return f"documents missing: {', '.join(outcome.documents)} ({outcome.because})"


def _proposal(outcome: Outcome) -> dict[str, object]:
    if isinstance(outcome, Grant):
        return {"outcome": "grant", "amount": str(outcome.amount) if outcome.amount is not None else None}
    if isinstance(outcome, Refuse):
        return {
            "outcome": "refuse",
            "ground": outcome.ground,
            "lines": outcome.lines,
            "because": outcome.because,
            "atIntake": outcome.at_intake,
        }
    return {
        "outcome": "missing",
        "documents": list(outcome.documents),
        "lines": outcome.lines,
        "because": outcome.because,
    }


def _facts(outcome: Outcome) -> list[list[str]]:
    return [list(fact) for fact in outcome.facts] if isinstance(outcome, Grant) else []


def _outcome_of(proposal: dict[str, object], facts: list[list[str]]) -> Outcome:
    kind = proposal.get("outcome")
    if kind == "refuse":
        return Refuse(
            str(proposal["ground"]), str(proposal["lines"]), str(proposal["because"]), bool(proposal.get("atIntake"))
        )
    if kind == "missing":
        documents = proposal.get("documents")
        return Missing(
            tuple(str(d) for d in documents) if isinstance(documents, list) else (),
            str(proposal["lines"]),
            str(proposal["because"]),
        )
    amount = proposal.get("amount")
    return Grant(tuple((name, text) for name, text in facts), Decimal(str(amount)) if amount else None)
