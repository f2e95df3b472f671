"""Joins and counts: the registry in long form, coverage by area and strategy, needs against coverage."""
