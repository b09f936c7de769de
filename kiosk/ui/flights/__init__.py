"""The flight board's pages: search and list, and one flight with its QR code."""
