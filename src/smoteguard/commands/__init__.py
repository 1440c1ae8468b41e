"""Sub-commands of the ``smoteguard`` command line (see :mod:`smoteguard.cli`)."""
