"""``import_subsidies``: the command line face of the SCDL import, and the real sample files."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from subsidies.models import Beneficiary, Subsidy
from tests.subsidies.factories import scdl_csv, scdl_row

pytestmark = pytest.mark.django_db

# Real files published by French public bodies (copies of shared/scdl-samples/, see README).
SAMPLES = Path(__file__).parent / "samples"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_subsidies", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    def write(rows, name="decisions.csv", **options):
        path = tmp_path / name
        path.write_bytes(scdl_csv(rows, **options))
        return str(path)

    return write


def test_imports_a_file_and_says_what_it_did(csv_file):
    path = csv_file([scdl_row(), scdl_row(referenceDecision="CP-2", montant="1500.50")])
    out, err = run(path)
    assert err == ""
    assert "decisions.csv\xa0: 2 ligne(s) lue(s) (UTF-8, séparateur «\xa0,\xa0»)" in out
    assert "Import terminé" in out
    assert "2 décision(s) nouvelle(s)" in out
    assert "86\xa0500,50\xa0€" in out
    assert Subsidy.objects.count() == 2


def test_twice_updates_nothing(csv_file):
    path = csv_file([scdl_row()])
    run(path)
    out, _err = run(path)
    assert "0 décision(s) nouvelle(s), 0 mise(s) à jour, 1 inchangée(s)" in out
    assert Subsidy.objects.count() == 1


def test_dry_run_writes_nothing(csv_file):
    out, _err = run(csv_file([scdl_row()]), "--dry-run")
    assert "Essai sans enregistrement" in out
    assert "1 décision(s) nouvelle(s)" in out
    assert Subsidy.objects.count() == 0


def test_unpublished(csv_file):
    run(csv_file([scdl_row()]), "--unpublished")
    assert not Subsidy.objects.get().is_published


def test_refused_file_lists_every_error_and_fails(csv_file):
    path = csv_file([scdl_row(montant="12,5"), scdl_row(referenceDecision="2", nature="x")])
    err = StringIO()
    with pytest.raises(CommandError, match="Fichier refusé\xa0: 2 erreur"):
        call_command("import_subsidies", path, stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("ligne 2, montant\xa0: nombre attendu")
    assert lines[1].startswith("ligne 3, nature\xa0: valeur «\xa0x\xa0» non autorisée")
    assert Subsidy.objects.count() == 0


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="lecture impossible"):
        run(str(tmp_path / "absent.csv"))


def test_warnings_are_shown(csv_file):
    out, _err = run(csv_file([scdl_row()], columns=["remarque", *scdl_row()]))
    assert "Attention\xa0: Colonnes ignorées" in out


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (
            "scdl_semicolon_fixture.csv",
            [
                "ligne 1, objet\xa0: colonne obligatoire absente. La colonne «\xa0object\xa0»",
                "ligne 2, idAttribuant\xa0: «\xa012000123400023\xa0»",
                "ligne 2, idRAE\xa0: «\xa0Non\xa0» n'est pas un numéro",
            ],
        ),
        (
            "dilcrah_2019.csv",
            ["ligne 1\xa0: la première ligne ne nomme aucune colonne du format SCDL"],
        ),
        (
            "aude_2024_rejected_rows.csv",
            [
                "ligne 1, nomAttribuant\xa0: colonne obligatoire absente.",
                "ligne 1, pourcentageSubvention\xa0: colonne obligatoire absente.",
                "ligne 2, idBeneficiaire\xa0: «\xa03805449320029.0\xa0»",
                "ligne 2, nature\xa0: valeur «\xa0en numéraire\xa0» non autorisée",
                "ligne 2, datesPeriodeVersement\xa0: «\xa02024-06-12_2024-06-12\xa0»",
                "ligne 4, notificationUE\xa0: valeur obligatoire manquante.",
                # The quoted object of the row starting on line 5 spans two lines.
                "ligne 7, idBeneficiaire\xa0: «\xa042429715800018.0\xa0»",
                "ligne 8, datesPeriodeVersement\xa0: «\xa020/06/2024_2024-10-30\xa0»",
                "ligne 10, nature\xa0: valeur «\xa0en nature\xa0» non autorisée",
            ],
        ),
    ],
)
def test_real_sample_files_are_refused_with_their_reasons(sample, expected):
    path = SAMPLES / sample
    assert path.exists(), f"{path} is missing: CI lays shared/ beside the clone"
    err = StringIO()
    with pytest.raises(CommandError, match="Fichier refusé"):
        call_command("import_subsidies", str(path), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    for line in expected:
        assert line in report, report
    assert "Traceback" not in report
    assert Subsidy.objects.count() == 0 and Beneficiary.objects.count() == 0


def test_the_command_exits_non_zero_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_subsidies", str(SAMPLES / "dilcrah_2019.csv")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Fichier refusé" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
