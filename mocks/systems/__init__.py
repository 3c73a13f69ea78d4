"""The simulated state systems beyond the Individuals DB, one module per system family.

Each answers in its own SIMULATED contract (``contracts/sim/<name>.xsd``) from the shared population.
"""
