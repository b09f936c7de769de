"""A station checking drivers in until it is killed: the child process of tests/e2e/test_kill.py.

`python -m tests.e2e.kill_writer DATA_DIR SEED [--sync]` builds the real kiosk on DATA_DIR (its
file keyring, its start-up check and migrations), prints `ready` and where a failed check moved
the database (or `-`), then checks drivers in through the real check-in service for ever. Each
visit id is printed, and flushed, only after its commit returned: a printed id is an
acknowledged write. With --sync a thread runs sync rounds meanwhile, as the GUI's sync loop does.
"""

from __future__ import annotations

import random
import sys
import threading
from pathlib import Path

from kiosk.app import Kiosk, build_kiosk
from kiosk.paths import DataDir
from kiosk.services.checkin.service import CheckInRequest
from kiosk.services.phones import PhoneNumber

# Kinds of check-in (work type, platform, purpose); the sync state machine draws from them too.
CHECK_INS = (
    ("food_delivery", "meituan", "rest"),
    ("courier", "jd", "water_meal"),
    ("ride_hailing", None, "charging"),
    ("truck", "huolala", "restroom"),
)
SYNC_BATCH = 15


def sync_forever(kiosk: Kiosk) -> None:
    kiosk.sync.set_batch_size(SYNC_BATCH)
    while True:
        kiosk.sync.run_round()


def main(argv: list[str]) -> None:
    data_dir, seed, *flags = argv
    rng = random.Random(int(seed))
    kiosk = build_kiosk(DataDir(Path(data_dir)))
    moved = kiosk.database.quarantined_to
    print(f"ready {moved or '-'}", flush=True)
    if "--sync" in flags:
        threading.Thread(target=sync_forever, args=(kiosk,), daemon=True).start()
    checkin = kiosk.service("checkin")
    regulars = [f"13{rng.randrange(10**9):09d}" for _ in range(20)]
    while True:
        work_type, platform, purpose = rng.choice(CHECK_INS)
        phone = PhoneNumber(rng.choice(regulars)) if rng.random() < 0.5 else None
        receipt = checkin.check_in(
            CheckInRequest(phone, phone is not None, work_type, platform, purpose)
        )
        print(receipt.visit_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
