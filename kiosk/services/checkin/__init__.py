"""Check-in (签到): a driver says they are here, what work they do and why they came."""
