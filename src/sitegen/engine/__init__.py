"""A build: options and report, the incremental cache, staging and publishing, wiring."""
