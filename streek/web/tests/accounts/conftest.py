import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    """These tests read the English interface text; the translations have tests of their own."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
