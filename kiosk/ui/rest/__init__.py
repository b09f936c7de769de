"""The rest corner's Qt half: seat choice, duration, the board of seats, the keeper's view."""
