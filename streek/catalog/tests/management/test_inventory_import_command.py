from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import InventoryImport, SalesPoint, SalesPointRevision
from streek.catalog.tests.factories import municipality

pytestmark = pytest.mark.django_db

VALID = (
    "external_ref,name,type,postal_code\nC1,Hoeve Commando,farm_shop,3800\nC2,Automaat Commando,vending_machine,3800\n"
)
BROKEN = "name,type,postal_code,lat,lon\nHoeve Fout,boerderij,3800,,\nHoeve Plek,farm_shop,3800,50.8,\n"


def _file(tmp_path: Path, content: str, name: str = "punten.csv") -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_import_writes_and_prints_the_summary(tmp_path: Path) -> None:
    user = UserFactory(username="jan")
    out = StringIO()

    call_command("inventory_import", _file(tmp_path, VALID), "--user", "jan", stdout=out, stderr=StringIO())

    assert SalesPoint.objects.count() == 2
    assert set(SalesPointRevision.objects.values_list("actor", flat=True)) == {user.pk}
    assert "create 2, update 0" in out.getvalue()


def test_dry_run_writes_no_sales_point(tmp_path: Path) -> None:
    out = StringIO()

    call_command("inventory_import", _file(tmp_path, VALID), "--dry-run", stdout=out, stderr=StringIO())

    assert SalesPoint.objects.count() == 0
    assert "would create 2" in out.getvalue()
    assert "Dry run" in out.getvalue()


def test_errors_are_printed_with_row_and_column_and_the_command_fails(tmp_path: Path) -> None:
    err = StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("inventory_import", _file(tmp_path, BROKEN), stdout=StringIO(), stderr=err)

    assert "row 2, column type:" in err.getvalue()
    assert "row 3, column lon:" in err.getvalue()
    assert "nothing was written" in str(failure.value)
    assert failure.value.returncode == 1
    assert SalesPoint.objects.count() == 0
    assert SalesPointRevision.objects.count() == 0


def test_scope_to_a_municipality(tmp_path: Path) -> None:
    content = "name,type,postal_code\nHoeve Brussel,farm_shop,1000\n"

    with pytest.raises(CommandError):
        call_command(
            "inventory_import",
            _file(tmp_path, content),
            "--municipality",
            "71053",
            stdout=StringIO(),
            stderr=StringIO(),
        )

    assert InventoryImport.objects.get().municipality == municipality("71053")
    assert SalesPoint.objects.count() == 0


def test_unknown_file_user_or_municipality_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID)

    for arguments in ([str(tmp_path / "nope.csv")], [path, "--user", "nobody"], [path, "--municipality", "00000"]):
        with pytest.raises(CommandError):
            call_command("inventory_import", *arguments, stdout=StringIO(), stderr=StringIO())

    assert SalesPoint.objects.count() == 0


def test_language_of_the_messages(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command(
            "inventory_import", _file(tmp_path, BROKEN), "--language", "fr", stdout=StringIO(), stderr=StringIO()
        )

    assert InventoryImport.objects.get().language == "fr"
