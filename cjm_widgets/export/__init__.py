"""Journeys outside the notebook: static charts (altair)."""
