"""Benchmarks for `fan`: synthetic journals (`journals.py`) and the runner (`run.py`)."""
