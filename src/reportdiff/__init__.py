"""reportdiff: theme-by-theme progress across successive inspection reports."""

__version__ = "0.1.0"
