"""Fault injection: what a mock can be told to do wrong, for which calls, for how long.

``FaultSpec`` says what (one kind and its parameters; spec.py lists them), ``FaultBook`` keeps the rules
that say when, and ``parse_header`` reads the one-request form, the ``X-Qaqpa-Fault`` header.
"""

from mocks.faults.book import FaultBook, FaultRule
from mocks.faults.spec import FAULT_KINDS, HEADER, FaultKind, FaultSpec, InvalidFault, parse_header, parse_spec

__all__ = [
    "FAULT_KINDS",
    "HEADER",
    "FaultBook",
    "FaultKind",
    "FaultRule",
    "FaultSpec",
    "InvalidFault",
    "parse_header",
    "parse_spec",
]
