"""Rendering: the only place that draws. Each function takes computed data and returns text
or prints it; nothing here reads files or computes figures."""
