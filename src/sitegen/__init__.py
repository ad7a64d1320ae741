"""sitegen: turn a folder of raw source texts into a documentary website."""

__version__ = "0.1.0"
