"""The synthetic population over REST: find test citizens, read everything a citizen is in every registry,
and change it while the instance runs (docs/population.md).

Reading and sampling are open in dev mode like the rest; outside it every endpoint here needs the admin token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.api.deps import AdminDep, RowId, RuntimeDep
from gateway.api.fields import Day
from gateway.errors import Conflict, InvalidRecord, NotFound
from mocks.editing import InvalidRecord as InvalidChange
from mocks.editing import RecordConflict, RecordNotFound
from mocks.population import FEATURES, read_summary, sample_iins

router = APIRouter(prefix="/api/v1/population", tags=["population"])

Fields = Annotated[dict[str, Any], Body(description="camelCase fields of the record (docs/population.md)")]


class Death(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    died_on: Day | None = Field(default=None, alias="date", description="the day of death (default: today)")
    registered_on: Day | None = Field(default=None, alias="registeredOn", description="default: today")
    office: str | None = Field(default=None, description="KATO code of the registry office (default: residence)")


@asynccontextmanager
async def _translated() -> AsyncIterator[None]:
    """The editor's refusals as the API's stable codes."""
    try:
        yield
    except RecordNotFound as error:
        raise NotFound(str(error)) from None
    except InvalidChange as error:
        raise InvalidRecord(str(error)) from None
    except RecordConflict as error:
        raise Conflict(str(error)) from None


@router.get("", summary="The population's size and seed, and the features test citizens can be sampled by")
async def summary(runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    stored = await anyio.to_thread.run_sync(read_summary, runtime.database.sync_engine)
    return {
        "size": stored.size if stored else 0,
        "seed": stored.seed if stored else None,
        "features": [{"name": f.name, "description": f.description} for f in FEATURES.values()],
    }


@router.get("/sample", summary="IINs of citizens with a feature, like qaqpa population sample")
async def sample(
    runtime: RuntimeDep,
    _: AdminDep,
    where: Annotated[str | None, Query(description="a feature (GET /api/v1/population lists them)")] = None,
    count: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> dict[str, list[str]]:
    if where is not None and where not in FEATURES:
        raise NotFound(f"there is no feature {where!r}", detail=", ".join(FEATURES))
    engine, today = runtime.database.sync_engine, runtime.population.today()
    return {"iins": await anyio.to_thread.run_sync(sample_iins, engine, count, where, today)}


@router.get("/persons/{iin}", summary="A citizen and every record naming them, in every registry")
async def read_person(iin: str, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    async with _translated():
        return await runtime.population.person(iin)


@router.post("/persons", status_code=201, summary="Add a citizen (IIN made from birth date and sex if not given)")
async def create_person(fields: Fields, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    async with _translated():
        return await runtime.population.create_person(fields)


@router.patch("/persons/{iin}", summary="Change a citizen's fields")
async def update_person(iin: str, fields: Fields, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    async with _translated():
        return await runtime.population.update_person(iin, fields)


@router.delete("/persons/{iin}", status_code=204, summary="Remove a citizen and every record naming them")
async def delete_person(iin: str, runtime: RuntimeDep, _: AdminDep) -> Response:
    async with _translated():
        await runtime.population.delete_person(iin)
    return Response(status_code=204)


@router.post("/persons/{iin}/death", summary="Register a death: the Individuals DB and the civil registry's act")
async def register_death(iin: str, runtime: RuntimeDep, _: AdminDep, death: Death | None = None) -> dict[str, Any]:
    death = death or Death()
    async with _translated():
        return await runtime.population.register_death(iin, death.died_on, death.registered_on, death.office)


@router.post("/records/{kind}", status_code=201, summary="Add a registry record (kinds: see docs/population.md)")
async def add_record(kind: str, fields: Fields, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    async with _translated():
        return await runtime.population.add_record(kind, fields)


@router.patch("/records/{kind}/{record_id}", summary="Change a record: e.g. endedOn ends a guardianship")
async def update_record(
    kind: str, record_id: RowId, fields: Fields, runtime: RuntimeDep, _: AdminDep
) -> dict[str, Any]:
    async with _translated():
        return await runtime.population.update_record(kind, record_id, fields)


@router.delete("/records/{kind}/{record_id}", status_code=204, summary="Remove a registry record")
async def delete_record(kind: str, record_id: RowId, runtime: RuntimeDep, _: AdminDep) -> Response:
    async with _translated():
        await runtime.population.delete_record(kind, record_id)
    return Response(status_code=204)
