"""``qaqpa call`` and ``qaqpa log`` against a running instance: a request from flags or a file, its answer
pretty-printed, a fault with its hop, and the message log as a table, one exchange whole, and followed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from click.testing import CliRunner, Result
from lxml import etree

from contracts.loader import example_request
from gateway.cli import main
from tests.support.gateway import LiveGateway
from tests.support.shep import send_message, simulated_data


def qaqpa(gateway: LiveGateway, *arguments: str) -> Result:
    return CliRunner().invoke(main, [*arguments, "--url", gateway.base_url])


def _session(output: str) -> str:
    return next(line.split()[1] for line in output.splitlines() if line.startswith("session"))


def test_call_sends_the_golden_request_with_values_and_prints_the_answer(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    result = qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", f"iin={iin}")
    assert result.exit_code == 0, result.output
    assert "status   SCSS001  Message has been processed successfully" in result.output
    assert "\n  <code>" in result.output, "the payload is indented"
    assert "xmlns:soap" not in result.output, "the envelope's namespaces are not repeated on the payload"
    logged = gateway.http.get("/api/v1/messages", params={"sessionId": _session(result.output)}).json()
    assert logged["exchanges"][0]["subjectIin"] == iin


def test_call_shows_a_fault_with_its_code_and_hop_and_exits_1(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    result = qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", f"iin={iin}", "--fault", "soap-fault")
    assert result.exit_code == 1
    assert "fault    Provider.Fault  (hop: provider:ZAGS)" in result.output
    assert "from     Mock.Injected" in result.output


def test_call_sends_a_payload_file_or_a_whole_envelope(gateway: LiveGateway, tmp_path: Path) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    payload = tmp_path / "payload.xml"
    payload.write_bytes(etree.tostring(example_request("ZAGS_DeathActs", iin=iin)))
    from_payload = qaqpa(gateway, "call", "ZAGS_DeathActs", "--file", str(payload))
    assert from_payload.exit_code == 0, from_payload.output
    envelope = tmp_path / "envelope.xml"
    envelope.write_bytes(send_message(simulated_data("zags", iin), service_id="ZAGS_DeathActs"))
    raw = qaqpa(gateway, "call", "ZAGS_DeathActs", "--file", str(envelope), "--raw")
    assert raw.exit_code == 0, raw.output
    assert raw.output.startswith("<?xml") or raw.output.startswith("<soap")


def test_call_works_in_a_test_run(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    run = f"cli-{uuid.uuid4().hex[:8]}"
    result = qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", f"iin={iin}", "--run", run)
    assert result.exit_code == 0, result.output
    in_run = gateway.http.get("/api/v1/mocks/zags/journal/count", headers={"X-Qaqpa-Run": run}).json()
    assert in_run == {"count": 1}
    gateway.http.delete(f"/api/v1/runs/{run}").raise_for_status()


def test_call_refuses_what_it_cannot_send(gateway: LiveGateway, tmp_path: Path) -> None:
    assert qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", "iin").exit_code == 2
    assert qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", "nowhere=1").exit_code == 2
    hostile = tmp_path / "hostile.xml"
    hostile.write_text('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')
    refused = qaqpa(gateway, "call", "ZAGS_DeathActs", "--file", str(hostile))
    assert refused.exit_code == 2 and "--file" in refused.output
    away = CliRunner().invoke(main, ["call", "ZAGS_DeathActs", "--url", "http://127.0.0.1:9"])
    assert away.exit_code == 1 and "cannot reach Qaqpa at http://127.0.0.1:9" in away.output


def test_log_lists_exchanges_as_a_table_and_shows_one_whole(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    called = qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", f"iin={iin}", "--fault", "http-error")
    session = _session(called.output)
    table = qaqpa(gateway, "log", "--service", "ZAGS_DeathActs", "--outcome", "fault", "--iin", iin)
    assert table.exit_code == 0, table.output
    header, *rows = table.output.splitlines()
    assert header.split() == ["received", "session", "sender", "serviceId", "iin", "outcome", "code", "ms"]
    [row] = [row for row in rows if session in row]
    assert "fault (provider)" in row and "Provider.HttpError" in row
    whole = qaqpa(gateway, "log", "--session", session)
    assert whole.exit_code == 0, whole.output
    assert "failed hop    provider" in whole.output
    assert "--- answer (provider → gateway) ---" in whole.output and "--- answer (gateway → client) ---" in whole.output
    missing = qaqpa(gateway, "log", "--session", "{00000000-0000-0000-0000-000000000000}")
    assert missing.exit_code == 1 and "no exchange" in missing.output


def test_log_follow_prints_new_exchanges_as_they_come(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    command = [str(Path(sys.executable).with_name("qaqpa")), "log", "-f", "--interval", "0.2", "--iin", iin]
    follower = subprocess.Popen(
        [*command, "--url", gateway.base_url], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    try:
        assert follower.stdout is not None
        assert follower.stdout.readline().split()[0] == "received", "the table's header comes first"
        session = _session(qaqpa(gateway, "call", "ZAGS_DeathActs", "--set", f"iin={iin}").output)
        deadline = time.monotonic() + 30
        line = ""
        while session not in line:
            assert time.monotonic() < deadline, "the new exchange never showed"
            line = follower.stdout.readline()
        assert "ZAGS_DeathActs" in line and "SCSS001" in line
    finally:
        follower.terminate()
        follower.wait(timeout=10)
        if follower.stdout is not None:
            follower.stdout.close()
