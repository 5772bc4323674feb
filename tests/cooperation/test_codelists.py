"""The official code lists are loaded from the vendored IATI files, never typed by hand."""

import json
import shutil
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cooperation.codelists import VENDORED_DIR, refresh_codelists
from cooperation.models import CodeList, DacCategory, DacPurpose, SdgGoal, SdgTarget
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def codes_in(name):
    root = ET.parse(VENDORED_DIR / f"{name}.xml").getroot()
    return {item.findtext("code") for item in root.iterfind("codelist-items/codelist-item")}


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "codelists"
    shutil.copytree(VENDORED_DIR, folder)
    return folder


def test_every_code_of_the_vendored_files_is_loaded():
    call_command("refresh_codelists", stdout=StringIO())
    assert set(DacPurpose.objects.values_list("code", flat=True)) == codes_in("Sector")
    assert set(DacCategory.objects.values_list("code", flat=True)) == codes_in("SectorCategory")
    assert {str(n) for n in SdgGoal.objects.values_list("number", flat=True)} == codes_in(
        "UNSDG-Goals"
    )
    assert set(SdgTarget.objects.values_list("code", flat=True)) == codes_in("UNSDG-Targets")
    assert SdgGoal.objects.count() == 17
    water = DacPurpose.objects.get(code="14030")
    assert water.name_en == "Basic drinking water supply and basic sanitation"
    assert water.name.startswith("Approvisionnement en eau potable")
    assert water.category.code == "140"
    assert SdgTarget.objects.get(code="6.1").goal_id == 6


def test_each_list_records_its_source_and_version():
    refresh_codelists()
    manifest = json.loads((VENDORED_DIR / "SOURCE.json").read_text())
    sector = CodeList.objects.get(name="Sector")
    assert sector.item_count == len(codes_in("Sector"))
    assert sector.version.startswith(manifest["commit"][:12])
    assert sector.source.startswith("https://github.com/IATI/IATI-Codelists-NonEmbedded/blob/")
    assert sector.source.endswith("/xml/Sector.xml")
    assert set(CodeList.objects.values_list("name", flat=True)) == {
        "Sector",
        "SectorCategory",
        "UNSDG-Goals",
        "UNSDG-Targets",
    }


def test_a_second_run_writes_nothing():
    refresh_codelists()
    loaded_at = CodeList.objects.get(name="Sector").refreshed_at
    report = refresh_codelists()
    assert all(counts == (0, 0, 0) for counts in report.values())
    assert CodeList.objects.get(name="Sector").refreshed_at == loaded_at


def test_a_code_a_newer_file_drops_is_kept_withdrawn_with_the_records_tagged_with_it(files):
    refresh_codelists()
    action = ActionFactory(dac_purpose=DacPurpose.objects.get(code="14030"))
    sector = files / "Sector.xml"
    text = sector.read_text(encoding="utf-8")
    start = text.index("<codelist-item", text.index("<code>14030</code>") - 200)
    end = text.index("</codelist-item>", start) + len("</codelist-item>")
    renamed = text[:start] + text[end:]
    renamed = renamed.replace(
        "<narrative>Primary education</narrative>", "<narrative>Primary schooling</narrative>"
    )
    sector.write_text(renamed, encoding="utf-8")
    report = refresh_codelists(directory=files)
    assert report["Sector"] == (0, 1, 1)
    assert not DacPurpose.objects.get(code="14030").is_active
    assert DacPurpose.objects.get(code="11220").name_en == "Primary schooling"
    action.refresh_from_db()
    assert action.dac_purpose_id == "14030"


def test_a_bad_file_fails_the_whole_refresh_and_changes_nothing(files):
    refresh_codelists()
    (files / "UNSDG-Goals.xml").write_text(
        (files / "UNSDG-Goals.xml")
        .read_text(encoding="utf-8")
        .replace("<narrative>Goal 1.", "<narrative>Changed 1."),
        encoding="utf-8",
    )
    sector = files / "Sector.xml"
    sector.write_text(
        sector.read_text(encoding="utf-8").replace("<code>14030</code>", "<code>1403</code>"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="1403"):
        call_command("refresh_codelists", "--from", str(files), stdout=StringIO())
    assert SdgGoal.objects.get(number=1).name_en.startswith("Goal 1.")
    assert DacPurpose.objects.filter(code="14030", is_active=True).exists()


def test_a_dry_run_writes_nothing():
    out = StringIO()
    call_command("refresh_codelists", "--dry-run", stdout=out)
    assert "essai" in out.getvalue()
    assert not DacPurpose.objects.exists()
    assert not CodeList.objects.exists()
