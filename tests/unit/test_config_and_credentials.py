import stat
from pathlib import Path

import pytest

from kiosk.config import ConfigError, Settings, load_settings
from kiosk.credentials import KeyringCredentialStore, choose_backend, keyring_store
from kiosk.services.identity import PHONE_KEY_NAME, PhoneHasher
from kiosk.services.phones import parse_phone


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "station.toml") == Settings()


def test_settings_override_defaults(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text('[kiosk]\nidle_timeout_s = 90\nlanguage = "en"\nlarge_text = true\n')
    settings = load_settings(path)
    assert settings.idle_timeout_s == 90
    assert settings.language == "en"
    assert settings.large_text is True
    assert settings.retention_days == 180


@pytest.mark.parametrize(
    "body",
    [
        "[kiosk]\nidle_timeout_s = -5\n",
        "[kiosk]\nidle_timeout_s = true\n",
        '[kiosk]\nretention_days = "long"\n',
        '[kiosk]\nlanguage = "fr"\n',
        "[kiosk\nbroken",
    ],
)
def test_bad_settings_are_refused_with_a_reason(tmp_path: Path, body: str) -> None:
    path = tmp_path / "station.toml"
    path.write_text(body)
    with pytest.raises(ConfigError):
        load_settings(path)


def test_headless_linux_gets_a_private_file_backend(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    backend = choose_backend(tmp_path / "secrets")
    assert type(backend).__name__ == "PlaintextKeyring"
    store = keyring_store(tmp_path)
    store.set("token", "s3cret")
    assert store.get("token") == "s3cret"
    secrets = tmp_path / "secrets"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o700
    store.delete("token")
    assert store.get("token") is None
    store.delete("token")  # deleting twice is fine


def test_two_data_dirs_never_share_a_secret(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    backend = choose_backend(tmp_path / "shared-secrets")
    first = KeyringCredentialStore(backend, tmp_path / "station-a")
    second = KeyringCredentialStore(backend, tmp_path / "station-b")
    first.set("token", "a")
    assert second.get("token") is None
    assert first.service != second.service


def test_phone_hash_key_is_made_once_and_reused(credentials) -> None:
    first = PhoneHasher.from_secret_store(credentials)
    key = credentials.get(PHONE_KEY_NAME)
    second = PhoneHasher.from_secret_store(credentials)
    assert credentials.get(PHONE_KEY_NAME) == key
    phone = parse_phone("13812345678")
    assert first.hash(phone) == second.hash(phone)
    assert PhoneHasher(b"another key of 32 bytes........").hash(phone) != first.hash(phone)
