"""The script PyInstaller freezes: the same as `python -m kiosk`.

kiosk/__main__.py itself is not frozen as the script, because the script runs as `__main__`
and the kiosk would then hold two copies of that module.
"""

import sys

from kiosk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
