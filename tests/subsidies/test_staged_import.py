"""The admin's two-step import as services: stage a file for a preview, confirm its token."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from subsidies import services
from subsidies.models import Subsidy
from subsidies.services import (
    STAGED_DIR,
    StagedImportExpired,
    subsidy_import_confirm,
    subsidy_import_stage,
)
from tests.subsidies.factories import scdl_csv, scdl_row

pytestmark = pytest.mark.django_db


def staged_files():
    try:
        return default_storage.listdir(STAGED_DIR)[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="comptable", password="x")


def stage(user, rows=None, publish=True):
    rows = rows or [scdl_row(), scdl_row(referenceDecision="CP-2")]
    return subsidy_import_stage(data=scdl_csv(rows), filename="cp.csv", publish=publish, user=user)


def test_staging_previews_and_keeps_the_file_without_writing(user):
    staged = stage(user)
    assert staged.report.accepted and not staged.report.written
    assert (staged.report.created, staged.report.filename) == (2, "cp.csv")
    assert staged.token
    assert len(staged_files()) == 1
    assert not Subsidy.objects.exists()


def test_a_refused_file_is_neither_kept_nor_confirmable(user):
    staged = stage(user, rows=[scdl_row(montant="abc")])
    assert not staged.report.accepted
    assert staged.token == ""
    assert staged_files() == []


def test_confirming_writes_everything_once(user):
    staged = stage(user)
    report = subsidy_import_confirm(token=staged.token, user=user)
    assert report.written and report.created == 2
    assert Subsidy.objects.filter(is_published=True).count() == 2
    assert Subsidy.history.first().history_user == user
    assert staged_files() == []
    with pytest.raises(StagedImportExpired):
        subsidy_import_confirm(token=staged.token, user=user)
    assert Subsidy.objects.count() == 2


def test_the_publish_choice_travels_with_the_token(user):
    staged = stage(user, rows=[scdl_row()], publish=False)
    subsidy_import_confirm(token=staged.token, user=user)
    assert not Subsidy.objects.get().is_published


@pytest.mark.parametrize("token", ["", "nonsense", "altered"])
def test_a_bad_token_confirms_nothing(user, token):
    staged = stage(user)
    with pytest.raises(StagedImportExpired):
        subsidy_import_confirm(token=staged.token + "x" if token == "altered" else token, user=user)
    assert not Subsidy.objects.exists()


def test_only_the_user_who_staged_may_confirm(user, django_user_model):
    staged = stage(user)
    other = django_user_model.objects.create_user(username="autre", password="x")
    with pytest.raises(StagedImportExpired):
        subsidy_import_confirm(token=staged.token, user=other)
    assert not Subsidy.objects.exists()


def test_an_expired_token_confirms_nothing(user, monkeypatch):
    staged = stage(user)
    monkeypatch.setattr(services, "STAGED_MAX_AGE", -1)
    with pytest.raises(StagedImportExpired):
        subsidy_import_confirm(token=staged.token, user=user)
    assert not Subsidy.objects.exists()


def test_staging_forgets_the_files_that_can_no_longer_be_confirmed(user):
    stale = default_storage.save(f"{STAGED_DIR}/stale.csv", ContentFile(b"x"))
    old = time.time() - services.STAGED_MAX_AGE - 60
    os.utime(default_storage.path(stale), (old, old))
    fresh = default_storage.save(f"{STAGED_DIR}/fresh.csv", ContentFile(b"x"))
    stage(user)
    files = staged_files()
    assert "stale.csv" not in files
    assert fresh.removeprefix(f"{STAGED_DIR}/") in files
    assert len(files) == 2
