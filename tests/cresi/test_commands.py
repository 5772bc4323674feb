from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.files import check_content
from cresi.models import CatalogueRecord, Registration, Resource, Theme, TrainingSession
from cresi.validators import RESOURCE_KINDS

from .factories import RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_purge_personal_data_says_how_many(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old = TrainingSessionFactory(
        start_date=date(2020, 3, 1), registration_deadline=date(2020, 2, 1)
    )
    RegistrationFactory.create_batch(2, session=old)
    RegistrationFactory()  # a coming session: kept

    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "inscriptions aux formations du CRESI\xa0: 2" in out.getvalue()
    assert Registration.objects.count() == 3

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "inscriptions aux formations du CRESI\xa0: 2" in out.getvalue()
    assert Registration.objects.count() == 1


def test_purge_personal_data_deletes_the_registrations_not_confirmed_in_time():
    RegistrationFactory(pending=True, confirm_before=timezone.now() - timedelta(minutes=1))
    waiting = RegistrationFactory(pending=True)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "dont l'adresse n'a pas été confirmée à temps\xa0: 1" in out.getvalue()
    assert list(Registration.objects.all()) == [waiting]


def test_demo_holds_the_seed_facts(demo):
    sessions = TrainingSession.objects.published()
    assert sessions.in_year(2010).total_days() == 14
    assert sessions.upcoming().count() == 3  # dated from today: see test_demo.py
    resources = Resource.objects.published()
    assert resources.count() >= 12
    kinds = {resource.file_kind.code for resource in resources if resource.file}
    assert {"pdf", "odt", "csv"} <= kinds
    assert resources.exclude(external_url="").exists()
    assert CatalogueRecord.objects.published().count() >= 10
    assert Theme.objects.count() >= 6


def test_demo_files_are_real_documents(demo):
    resources = list(Resource.objects.exclude(file=""))
    assert resources
    for resource in resources:
        with resource.file.open("rb") as stored:
            kind = check_content(
                stored.read(), name=resource.file.name, allowed_kinds=RESOURCE_KINDS
            )
        assert kind == resource.file_kind


def test_demo_twice_changes_nothing(demo, settings):
    media = Path(settings.MEDIA_ROOT)
    models = (Theme, Resource, CatalogueRecord, TrainingSession)
    counts = {model: model.objects.count() for model in models}
    files = sorted(Resource.objects.exclude(file="").values_list("file", flat=True))
    stored = sorted(path.name for path in media.rglob("*.*"))
    assert stored
    call_command("load_demo", stdout=StringIO())
    assert {model: model.objects.count() for model in models} == counts
    assert sorted(Resource.objects.exclude(file="").values_list("file", flat=True)) == files
    assert sorted(path.name for path in media.rglob("*.*")) == stored


def test_home_page_shows_14_training_days_of_the_demo_year(client, demo):
    response = client.get("/")
    assert response.context["figures"].training_days == 14
    assert "jours de formation par an au CRESI (en 2010)" in response.text
