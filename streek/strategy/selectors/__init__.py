"""Reads of the strategy app. Import from the modules: goals, progress, partners."""
