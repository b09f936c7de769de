"""What a digit keypad has typed so far: one buffer for the phone, PIN and code pads.

Plain Python; the view-model that owns a buffer says when its page must redraw (each method
returns whether anything changed).
"""

from __future__ import annotations


def group_digits(digits: str) -> str:
    """138 1234 5678: how people read a mobile number aloud."""
    return " ".join(part for part in (digits[:3], digits[3:7], digits[7:]) if part)


class DigitBuffer:
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length
        self.digits = ""

    def __len__(self) -> int:
        return len(self.digits)

    def press(self, key: str) -> bool:
        """Add one digit 0-9; anything else, or a digit past the end, is ignored."""
        if len(key) != 1 or key not in "0123456789" or len(self.digits) >= self.max_length:
            return False
        self.digits += key
        return True

    def backspace(self) -> bool:
        if not self.digits:
            return False
        self.digits = self.digits[:-1]
        return True

    def clear(self) -> bool:
        changed = bool(self.digits)
        self.digits = ""
        return changed

    def take(self) -> str:
        """The digits typed, leaving the buffer empty (a PIN is never kept on screen)."""
        digits, self.digits = self.digits, ""
        return digits
