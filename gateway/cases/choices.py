"""Qaqpa's choices where the orders are silent or defective, and which an instance may make otherwise.

Each default is the reading docs/cases.md ("Qaqpa's choices") argues for; the settings of the same names
(``QAQPA_CASE_*``) change them for a whole instance, and ``caseMode`` / ``casePace`` for one case too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gateway.settings import Settings

Mode = Literal["auto", "officer"]
Pace = Literal["instant", "deadlines"]
UnansweredSystem = Literal["scan-paper", "refuse"]
ProactiveWindow = Literal["each-sms", "from-offer"]


@dataclass(frozen=True, slots=True)
class CaseChoices:
    mode: Mode = "auto"
    """Who decides when the request does not say: the rules at once, or a tester playing the officer."""
    pace: Pace = "instant"
    """Whether the staff steps are walked at once or each when the clock reaches its deadline."""
    applicant_working_days: int = 25
    """The applicant's time to bring documents in a return-for-documents loop whose regulation gives none (Order
    225, r225-01 lines 212-231; regulation 14): 25 working days, as regulation 1 gives
    (shared/seeds/000_35060450d94081fb.txt:455-457), which with the office's 5 make the 30 of lines 214-215."""
    unanswered_system: UnansweredSystem = "scan-paper"
    """A queried system that does not answer (a fault, not "no data"): the employee scans the paper document
    instead, as regulation 1 has it for missing data (lines 410-412), or the intake refuses as unconfirmed."""
    proactive_window: ProactiveWindow = "each-sms"
    """Order 225's 3 calendar days without a reply (r225-01 lines 106-108): counted from each SMS that asks
    something (the offer, then the bank-account request), or once, from the offer."""

    @classmethod
    def of(cls, settings: Settings) -> CaseChoices:
        return cls(
            mode=settings.case_mode,
            pace=settings.case_pace,
            applicant_working_days=settings.case_applicant_working_days,
            unanswered_system=settings.case_unanswered_system,
            proactive_window=settings.case_proactive_window,
        )
