"""The mock Individuals DB (ГБД ФЛ)."""

from __future__ import annotations

from mocks.gbdfl.service import IndividualsDb

__all__ = ["IndividualsDb"]
