"""The programs in ``fixable/`` are audited and run by the tests, not imported."""

collect_ignore_glob = ["fixable/*"]
