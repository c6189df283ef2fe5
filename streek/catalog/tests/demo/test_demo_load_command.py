"""The `demo_load` management command: loads once, then only prints the logins."""

from io import StringIO

import pytest
from django.core.management import call_command

from streek.catalog.models import Organisation


@pytest.mark.django_db
def test_demo_load_command_prints_the_logins() -> None:
    # when the command runs twice
    first, second = StringIO(), StringIO()
    call_command("demo_load", "--no-progress", stdout=first)
    count = Organisation.objects.count()
    call_command("demo_load", "--no-progress", stdout=second)

    # then the first run creates the region, the second changes nothing, and both show the logins
    assert "Demo region created" in first.getvalue()
    assert "already present" in second.getvalue()
    assert Organisation.objects.count() == count
    for output in (first.getvalue(), second.getvalue()):
        assert "streek-demo" in output
        assert "ambtenaar.sinttruiden" in output
        assert "bewoner" in output
