"""The station's settings: declared here with their defaults, overridden by station.toml."""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    idle_timeout_s: int = 60
    idle_countdown_s: int = 10
    confirmation_return_s: int = 8
    retention_days: int = 180
    language: str = "zh_CN"
    large_text: bool = False
    # The county server. Not secret; the station token lives only in the keyring. When empty,
    # the URL given at enrolment is used.
    county_url: str = ""
    county_timeout_s: int = 20  # per request; a stalled server never holds sync longer
    county_ca_bundle: str = ""  # a CA bundle for a county certificate; verification stays on
    sync_interval_s: int = 60
    outbox_audit_days: int = 30
    # While the disk is full or read-only the kiosk is paused; it tries a write this often.
    storage_retry_s: int = 30  # acknowledged outbox rows are kept this long, then removed
    # Capabilities (kiosk/capabilities.py names) this station does not offer.
    switched_off: tuple[str, ...] = ()


class ConfigError(ValueError):
    pass


def _coerce(field: dataclasses.Field[Any], value: Any) -> Any:
    expected: type[object] = type(field.default)  # every setting has a default
    if expected is tuple:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{field.name} must be a list of names")
        return tuple(value)
    if expected is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{field.name} must be true or false")
        return value
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{field.name} must be a positive whole number")
        return value
    if not isinstance(value, expected):
        raise ConfigError(f"{field.name} must be a {expected.__name__}")
    return value


def load_settings(path: Path) -> Settings:
    """Read [kiosk] from station.toml. A missing file means defaults; a broken one is an error."""
    if not path.exists():
        return Settings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path.name}: {error}") from error
    section = document.get("kiosk", {})
    fields = {field.name: field for field in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for name, value in section.items():
        if name not in fields:
            log.warning("ignoring unknown setting %r in %s", name, path)
            continue
        values[name] = _coerce(fields[name], value)
    settings = Settings(**values)
    if settings.language not in ("zh_CN", "en"):
        raise ConfigError("language must be zh_CN or en")
    if settings.county_url and not settings.county_url.startswith(("https://", "http://")):
        raise ConfigError("county_url must start with https:// or http://")
    return settings
