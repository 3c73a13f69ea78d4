"""One synthetic population of Kazakhstan, shared by every mock information system."""

from __future__ import annotations

from mocks.population.features import FEATURES, Feature
from mocks.population.generator import POPULATION_EPOCH, PopulationGenerator
from mocks.population.records import GeneratedPerson, Household
from mocks.population.store import (
    PersonRecord,
    PopulationStore,
    PopulationSummary,
    ensure_population,
    generate_population,
    read_summary,
    sample_iins,
)

__all__ = [
    "FEATURES",
    "POPULATION_EPOCH",
    "Feature",
    "GeneratedPerson",
    "Household",
    "PersonRecord",
    "PopulationGenerator",
    "PopulationStore",
    "PopulationSummary",
    "ensure_population",
    "generate_population",
    "read_summary",
    "sample_iins",
]
