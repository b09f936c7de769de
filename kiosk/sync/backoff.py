"""Exponential backoff with jitter, so that kiosks coming back online do not arrive together."""

from __future__ import annotations

import random


class Backoff:
    def __init__(
        self,
        base_s: float = 1.0,
        cap_s: float = 300.0,
        rng: random.Random | None = None,
    ) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError("need 0 < base_s <= cap_s")
        self._base = base_s
        self._cap = cap_s
        self._rng = rng or random.Random()
        self._failures = 0

    @property
    def failures(self) -> int:
        return self._failures

    def reset(self) -> None:
        self._failures = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        """The wait before the next try: half fixed, half random, doubling up to the cap.

        A server's Retry-After is honoured when it asks for longer (up to the cap).
        """
        ceiling: float = min(self._cap, self._base * (2 ** min(self._failures, 30)))
        self._failures += 1
        delay = ceiling / 2 + self._rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self._cap))
        return delay
