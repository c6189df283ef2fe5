"""Fact appenders listen to the domain events here."""
