"""fan — make one customer a fan every working day."""

__version__ = "0.1.0"
