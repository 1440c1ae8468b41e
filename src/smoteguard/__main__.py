"""``python -m smoteguard``: the ``smoteguard`` command."""

import sys

from smoteguard.cli import main

sys.exit(main())
