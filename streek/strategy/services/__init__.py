"""Writes of the strategy app. Import from the modules: goals, copy, amore_scores, items."""
