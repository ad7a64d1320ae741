"""The ``sitegen`` command and its sub-commands."""
