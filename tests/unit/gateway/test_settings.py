from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from gateway.settings import Settings


def test_defaults_are_the_embedded_ones() -> None:
    settings = Settings()
    assert (settings.mode, settings.port, settings.data_dir) == ("dev", 8080, Path(".qaqpa"))
    assert settings.resolved_database_url.startswith("sqlite:///") and settings.resolved_database_url.endswith(
        ".qaqpa/qaqpa.db"
    )


def test_environment_variables_then_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QAQPA_PORT", "9001")
    monkeypatch.setenv("QAQPA_POPULATION_SIZE", "77")
    assert Settings().port == 9001
    assert Settings(port=9002).port == 9002
    assert Settings(port=9002).population_size == 77


def test_production_mode_refuses_the_default_admin_token() -> None:
    with pytest.raises(ValidationError, match="admin token"):
        Settings(mode="production")
    with pytest.raises(ValidationError, match="admin token"):
        Settings(mode="production", admin_token=SecretStr(""))  # docker-compose.yml's when none is set
    assert not Settings(mode="production", admin_token=SecretStr("s3cret-token")).dev


def test_unknown_and_invalid_settings_are_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(port=0)
    with pytest.raises(ValidationError):
        Settings(colour="blue")  # type: ignore[call-arg]


def test_the_local_address_of_a_wildcard_bind() -> None:
    assert Settings(host="0.0.0.0", port=81).local_base_url == "http://127.0.0.1:81"


def test_mocks_running_on_their_own_are_given_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QAQPA_MOCK_URLS", '{"zags": "http://zags:8080/"}')
    assert Settings().mock_urls == {"zags": "http://zags:8080/"}


def test_tls_needs_a_certificate_and_its_key_and_serves_https(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="both tls_certificate and tls_key"):
        Settings(tls_key=tmp_path / "server.key")
    with pytest.raises(ValidationError, match="mutual TLS"):
        Settings(tls_client_ca=tmp_path / "ca.pem")
    served = Settings(tls_certificate=tmp_path / "server.pem", tls_key=tmp_path / "server.key")
    assert served.local_base_url == "https://127.0.0.1:8080"
    assert served.mocks_in_process and not Settings().mocks_in_process


def test_sign_ins_are_limited_outside_dev_mode_unless_set() -> None:
    assert Settings().sign_in_limit is None
    assert Settings(sign_in_attempts=3).sign_in_limit == 3
    assert Settings(mode="production", admin_token=SecretStr("not-the-default")).sign_in_limit == 5
