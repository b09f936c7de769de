"""Helpers for the flight tests: recorded payloads and a scripted fake provider (no pytest)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture_json(name: str) -> Any:
    return json.loads(fixture_text(name))


@dataclass
class Answer:
    status: int = 200
    body: str | bytes = "{}"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class FakeProvider:
    """Answers requests in order (the last answer repeats); records every query."""

    url: str
    answers: list[Answer] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)

    def script(self, *answers: Answer) -> None:
        self.answers = list(answers)

    def next_answer(self) -> Answer:
        if len(self.answers) > 1:
            return self.answers.pop(0)
        return (
            self.answers[0] if self.answers else Answer(404, '{"error":{"code":"404_not_found"}}')
        )
