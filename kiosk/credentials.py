"""The station's secrets (phone-hash key, later the county token) in the OS keyring.

The backend is chosen in code, per OS, rather than by keyring's autodetection, which picks a
failing backend in frozen builds. Each data dir gets its own keyring service name, so two kiosks
on one machine never share a secret.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import Protocol

import keyring.backend
import keyring.errors

log = logging.getLogger(__name__)

SERVICE_PREFIX = "redhome-kiosk"


class CredentialStore(Protocol):
    backend_name: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class CredentialError(RuntimeError):
    """The keyring could not be read or written."""


class MemoryCredentialStore:
    """Secrets that live as long as the process: for the demo and for tests."""

    backend_name = "memory (demo)"

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)


class KeyringCredentialStore:
    def __init__(self, backend: keyring.backend.KeyringBackend, data_dir: Path) -> None:
        self._backend = backend
        digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
        self.service = f"{SERVICE_PREFIX}:{digest}"
        self.backend_name = describe_backend(backend)

    def get(self, name: str) -> str | None:
        try:
            return self._backend.get_password(self.service, name)
        except keyring.errors.KeyringError as error:
            raise CredentialError(str(error)) from error

    def set(self, name: str, value: str) -> None:
        try:
            self._backend.set_password(self.service, name, value)
        except keyring.errors.KeyringError as error:
            raise CredentialError(str(error)) from error

    def delete(self, name: str) -> None:
        try:
            self._backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise CredentialError(str(error)) from error


def describe_backend(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _secret_service_available() -> bool:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from keyring.backends import SecretService

        return SecretService.Keyring.priority > 0
    except Exception as error:  # the probe itself fails in many ways on a headless box
        log.info("Secret Service not usable: %s", error)
        return False


def choose_backend(secrets_dir: Path) -> keyring.backend.KeyringBackend:
    """The keyring backend for this OS, chosen explicitly."""
    if sys.platform == "win32":
        from keyring.backends import Windows

        return Windows.WinVaultKeyring()
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring()
    if _secret_service_available():
        from keyring.backends import SecretService

        return SecretService.Keyring()  # type: ignore[no-untyped-call]  # keyring: untyped __init__
    # A headless kiosk has no Secret Service: a file readable only by the kiosk's user.
    from keyrings.alt.file import PlaintextKeyring

    secrets_dir.mkdir(parents=True, exist_ok=True)
    secrets_dir.chmod(0o700)
    plaintext = PlaintextKeyring()
    plaintext.file_path = str(secrets_dir / "keyring.cfg")
    backend: keyring.backend.KeyringBackend = plaintext  # keyrings.alt ships no types
    return backend


def keyring_store(data_dir: Path) -> KeyringCredentialStore:
    return KeyringCredentialStore(choose_backend(data_dir / "secrets"), data_dir)
