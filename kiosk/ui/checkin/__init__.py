"""Check-in's pages: phone number, consent, work, why they came, done."""
