"""Trainee profiles, documents, applications and placements arrive with later issues."""
