"""A running Qaqpa instance as a test sees it: signed requests, faults, the clock and the journals, over the
instance's own REST API, so that the same calls work on an instance in this process or on a shared one."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
from lxml import etree

from contracts import soap
from contracts.loader import example_request
from contracts.shep import Payload, Property, RequestInfo, build_request, write_payload, xml_datetime
from mocks import SYSTEMS
from mocks.runs import HEADER as RUN_HEADER
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped

if TYPE_CHECKING:
    import respx
    import zeep

_XML = "text/xml; charset=utf-8"
DEMO_SENDER = ("DEMO_PORTAL", "demo")


class Sandbox:
    """Helpers over one instance at ``base_url``; ``in_process`` runs a request on the app's own event loop
    (the respx router's way to serve httpx clients without a socket), when the instance is in this process.

    With ``run``, every request it sends (zeep's too) carries ``X-Qaqpa-Run``: the faults, journal, clock and
    cases it sees are that test run's own, whoever else shares the instance (docs/runs.md)."""

    def __init__(
        self,
        base_url: str,
        *,
        admin_token: str | None = None,
        in_process: Callable[[httpx.Request], httpx.Response] | None = None,
        run: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.run = run
        headers = {"Authorization": f"Bearer {admin_token}"} if admin_token else {}
        self.http = httpx.Client(base_url=self.base_url, timeout=60, headers={**headers, **self.run_headers})
        self._in_process = in_process

    @property
    def run_headers(self) -> dict[str, str]:
        """The header that puts a request in this sandbox's test run (none without a run)."""
        return {RUN_HEADER: self.run} if self.run else {}

    @property
    def sync_wsdl(self) -> str:
        return f"{self.base_url}/bip-sync/?wsdl"

    @property
    def async_wsdl(self) -> str:
        return f"{self.base_url}/bip-async/?wsdl"

    def close(self) -> None:
        self.http.close()

    # --- citizens and certificates -------------------------------------------------------------------------

    def citizens(self, where: str | None = None, count: int = 1) -> list[str]:
        """IINs of generated citizens with a feature (``qaqpa population features`` lists them)."""
        params: dict[str, Any] = {"count": count, **({"where": where} if where else {})}
        return list(self._ok(self.http.get("/api/v1/population/sample", params=params)).json()["iins"])

    def key(self, iin: str, *, bin_: str | None = None, role: str = "sign", **flags: bool) -> SigningKey:
        """A key and certificate for ``iin`` from the instance's test CA (``bin_`` makes it a legal entity's);
        ``revoked=True``, ``expired=True`` or ``notYetValid=True`` spoil it."""
        body: dict[str, Any] = {"iin": iin, "role": role, **flags, **({"bin": bin_} if bin_ else {})}
        issued = self._ok(self.http.post("/api/v1/pki/certificates", json=body)).json()
        return SigningKey.from_pem(issued["privateKeyPem"].encode(), issued["certificatePem"].encode())

    # --- SOAP requests -------------------------------------------------------------------------------------

    @staticmethod
    def example(service_id: str, **values: str) -> etree._Element:
        """The golden request payload of a mock's serviceId (``contracts/examples/requests/``), with the named
        elements' text replaced: ``example("ZAGS_BirthActs", iin="…")``."""
        return example_request(service_id, **values)

    def envelope(
        self,
        service_id: str,
        payload: etree._Element | str,
        *,
        sender: tuple[str, str | None] = DEMO_SENDER,
        payload_key: SigningKey | None = None,
        transport_key: SigningKey | None = None,
        properties: Mapping[str, str] | None = None,
        message_id: str | None = None,
    ) -> bytes:
        """A ``SendMessage`` as a portal sends it: ``payload`` (the payload document's root, or its XML) inline
        in ``data``, signed enveloped by ``payload_key`` (Kalkan's shape) and the whole envelope with
        WS-Security by ``transport_key``."""
        root = etree.fromstring(payload) if isinstance(payload, str) else payload
        data = write_payload(Payload(root, "element"), "inline", str(root.tag))
        if payload_key is not None:
            sign_enveloped(data, payload_key)
        sender_id, password = sender
        info = RequestInfo(
            message_id=message_id or str(uuid.uuid4()),
            service_id=service_id,
            message_date=xml_datetime(self.now()),
            sender_id=sender_id,
            password=password,
            properties=tuple(Property(key, value) for key, value in (properties or {}).items()),
        )
        envelope = soap.build_envelope(build_request(info, data))
        if transport_key is not None:
            sign_envelope(envelope, transport_key)
        return soap.serialize(envelope)

    def send(self, envelope: bytes, *, fault: str | None = None) -> httpx.Response:
        """POST a SyncChannel envelope; ``fault`` is an ``X-Qaqpa-Fault`` for this one request."""
        headers = {"Content-Type": _XML, **({"X-Qaqpa-Fault": fault} if fault else {})}
        return self.http.post("/bip-sync/", content=envelope, headers=headers)

    @contextmanager
    def zeep_client(
        self, *, transport_key: SigningKey | None = None, fault: str | None = None
    ) -> Iterator[zeep.Client]:
        """A zeep client of the SyncChannel WSDL, signing with WS-Security when given a key; closed on exit."""
        import requests
        import zeep
        from zeep.transports import Transport

        from signing.zeep_wsse import ShepWsse

        session = requests.Session()
        session.headers.update(self.run_headers)
        if fault:
            session.headers["X-Qaqpa-Fault"] = fault
        wsse = ShepWsse(transport_key) if transport_key is not None else None
        client = zeep.Client(self.sync_wsdl, transport=Transport(session=session), wsse=wsse)  # type: ignore[no-untyped-call]
        try:
            yield client
        finally:
            session.close()

    # --- faults, clock, journal ----------------------------------------------------------------------------

    def inject(self, system: str, kind: str, *, service_id: str | None = None, **rule: Any) -> dict[str, Any]:
        """A fault rule on a mock (docs/faults.md): ``inject("zags", "soap-fault", times=3, code="ZAGS.Busy")``;
        ``times``, ``forMinutes`` and ``probability`` shape the rule, anything else is the fault's parameter."""
        shaping: dict[str, Any] = {
            name: rule.pop(name) for name in ("times", "forMinutes", "probability") if name in rule
        }
        body: dict[str, Any] = {"fault": {"kind": kind, **rule}, **shaping}
        if service_id:
            body["serviceId"] = service_id
        created: dict[str, Any] = self._ok(self.http.post(f"/api/v1/mocks/{system}/faults", json=body)).json()
        return created

    def recover(self, system: str | None = None) -> None:
        """Remove the fault rules of one mock, or of every mock."""
        for name in [system] if system else [each.name for each in SYSTEMS]:
            self._ok(self.http.delete(f"/api/v1/mocks/{name}/faults"))

    def now(self) -> datetime:
        """The instance's time (virtual in dev mode)."""
        return datetime.fromisoformat(self._ok(self.http.get("/api/v1/clock")).json()["now"])

    def advance_clock(self, by: str) -> None:
        """Move the instance's virtual clock (``"31m"``, ``"3d"``, ``"2d23h"``); due work runs before it returns."""
        self._ok(self.http.post("/api/v1/clock/advance", json={"by": by}))

    def set_clock(self, to: str) -> None:
        self._ok(self.http.post("/api/v1/clock/set", json={"to": to}))

    def reset_clock(self) -> None:
        self._ok(self.http.post("/api/v1/clock/reset"))

    def journal(self, system: str, **criteria: str) -> list[dict[str, Any]]:
        """What a mock received, newest first (docs/journal.md): ``journal("zags", serviceId=…, iin=…)``."""
        return list(self._ok(self.http.get(f"/api/v1/mocks/{system}/journal", params=criteria)).json()["requests"])

    def assert_received(self, system: str, count: int = 1, **criteria: str) -> None:
        """Fail, showing the nearest misses, unless ``system`` received exactly ``count`` matching requests."""
        found = self._ok(self.http.get(f"/api/v1/mocks/{system}/journal/count", params=criteria)).json()["count"]
        if found == count:
            return
        misses = self.http.get(f"/api/v1/mocks/{system}/journal/near-misses", params=criteria).json()["nearMisses"]
        raise AssertionError(f"{system} received {found} requests matching {criteria}, not {count}; nearest: {misses}")

    def forget_requests(self, system: str | None = None) -> None:
        for name in [system] if system else [each.name for each in SYSTEMS]:
            self._ok(self.http.delete(f"/api/v1/mocks/{name}/journal"))

    def reset(self) -> None:
        """What one test changed and the next must not see: fault rules, journals, the clock."""
        self.recover()
        self.forget_requests()
        self.reset_clock()

    def forget_run(self) -> dict[str, Any]:
        """Remove everything this sandbox's test run left on the instance (its faults, journal, clock, cases)."""
        if not self.run:
            raise ValueError("this sandbox works in no test run")
        return dict(self._ok(self.http.delete(f"/api/v1/runs/{self.run}")).json())

    # --- httpx clients without a socket --------------------------------------------------------------------

    @contextmanager
    def respx_router(self, base_url: str) -> Iterator[respx.MockRouter]:
        """While the block runs, httpx clients (sync or async) that call ``base_url`` — say the production
        gateway's address a portal is configured with — reach this instance in-process, without a socket."""
        import respx

        if self._in_process is None:
            raise RuntimeError("the instance runs in another process: point the client at its base_url instead")
        forward = self._in_process
        with respx.mock(assert_all_called=False) as router:
            router.route(url__startswith=base_url.rstrip("/")).mock(
                side_effect=lambda request: forward(_rebased(request, base_url))
            )
            router.route().pass_through()  # every other host, this sandbox's own helpers included
            yield router

    @staticmethod
    def _ok(response: httpx.Response) -> httpx.Response:
        if response.is_error:
            raise AssertionError(
                f"{response.request.method} {response.request.url}: {response.status_code} {response.text}"
            )
        return response


def _rebased(request: httpx.Request, base_url: str) -> httpx.Request:
    """The request with ``base_url``'s path prefix taken off, as the instance serves it at its root."""
    prefix = httpx.URL(base_url).path.rstrip("/")
    path = request.url.raw_path.decode()
    if prefix and path.startswith(prefix):
        path = path[len(prefix) :] or "/"
    return httpx.Request(
        request.method, f"http://qaqpa.in-process{path}", headers=request.headers, content=request.read()
    )


def on_loop(app: Any, loop: asyncio.AbstractEventLoop) -> Callable[[httpx.Request], httpx.Response]:
    """Run a request through ``app`` on ``loop`` (the server's), from any thread, and return its whole response."""
    transport = httpx.ASGITransport(app=app)

    async def handle(request: httpx.Request) -> httpx.Response:
        response = await transport.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    def forward(request: httpx.Request) -> httpx.Response:
        return asyncio.run_coroutine_threadsafe(handle(request), loop).result(timeout=120)

    return forward
