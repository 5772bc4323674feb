from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cresi.models import CatalogueRecord, Registration, Resource, TrainingSession
from tests import samples

from .factories import (
    CatalogueRecordFactory,
    RegistrationFactory,
    ResourceFactory,
    ThemeFactory,
    TrainingSessionFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


class TestResource:
    def test_published_hides_drafts(self):
        published = ResourceFactory()
        ResourceFactory(is_published=False)
        assert list(Resource.objects.published()) == [published]

    def test_with_theme(self):
        water = ThemeFactory(name="Eau", slug="eau")
        guide = ResourceFactory(resource_type="guide", themes=[water])
        ResourceFactory(resource_type="fiche")
        assert list(Resource.objects.with_theme(water)) == [guide]

    def test_search_ignores_accents_and_case(self):
        haiti = ResourceFactory(title="Reconstruire en Haïti", summary="Après le séisme.")
        ResourceFactory(title="Autre chose", summary="Rien à voir.")
        zone = ResourceFactory(title="Étude", summary="Acteurs.", partner_zone="Mali")
        assert list(Resource.objects.search("haiti")) == [haiti]
        assert list(Resource.objects.search("SÉISME")) == [haiti]
        assert list(Resource.objects.search("mali")) == [zone]
        assert Resource.objects.search("").count() == 3

    def test_file_stored_under_an_unguessable_name_with_the_real_extension(self):
        resource = ResourceFactory(
            slug="guide", file=ContentFile(samples.odt(), name="../../etc/passwd.pdf")
        )
        assert resource.file.name.startswith("cresi/ressources/")
        assert resource.file.name.endswith(".odt")
        assert "passwd" not in resource.file.name
        assert resource.file_kind.code == "odt"
        assert resource.download_filename == "guide.odt"
        other = ResourceFactory()
        assert other.file.name != resource.file.name

    def test_saving_without_validation_still_checks_the_content(self):
        resource = ResourceFactory.build(file=ContentFile(samples.pe_executable(), name="a.pdf"))
        with pytest.raises(ValidationError), transaction.atomic():
            resource.save()
        assert not Resource.objects.exists()

    def test_file_size_and_missing_file(self):
        resource = ResourceFactory()
        assert resource.file_size == len(resource.file.read())
        resource.file.storage.delete(resource.file.name)
        assert resource.file_size is None

    def test_exactly_one_of_file_or_external_link(self):
        with pytest.raises(ValidationError) as error:
            ResourceFactory.build(file="", external_url="").full_clean()
        assert "soit un fichier, soit un lien" in str(error.value)
        both = ResourceFactory.build(external_url="https://example.org/guide")
        with pytest.raises(ValidationError):
            both.full_clean()
        link = ResourceFactory(file="", external_url="https://example.org/guide")
        assert link.file_kind is None
        with pytest.raises(IntegrityError), transaction.atomic():
            Resource.objects.filter(pk=link.pk).update(external_url="")

    def test_external_link_must_be_http(self):
        resource = ResourceFactory.build(file="", external_url="javascript:alert(1)")
        with pytest.raises(ValidationError) as error:
            resource.full_clean()
        assert "external_url" in error.value.message_dict

    def test_absolute_urls(self):
        resource = ResourceFactory(slug="guide")
        assert resource.get_absolute_url() == "/cresi/ressources/guide/"
        assert resource.get_download_url() == "/cresi/ressources/guide/telecharger/"
        assert str(resource) == resource.title


class TestCatalogueRecord:
    def test_queryset_methods(self):
        water = ThemeFactory(slug="eau")
        book = CatalogueRecordFactory(
            kind="livre", year=2008, themes=[water], authors="Aminata Traoré", places="Mali"
        )
        report = CatalogueRecordFactory(kind="rapport", year=2010, publisher="Département")
        CatalogueRecordFactory(is_published=False)
        assert set(CatalogueRecord.objects.published()) == {book, report}
        assert list(CatalogueRecord.objects.with_theme(water)) == [book]
        assert list(CatalogueRecord.objects.in_year(2008)) == [book]
        assert list(CatalogueRecord.objects.search("traore")) == [book]
        assert list(CatalogueRecord.objects.search("departement")) == [report]

    def test_shelf_mark_is_unique(self):
        CatalogueRecordFactory(shelf_mark="CRESI-1")
        with pytest.raises(IntegrityError):
            CatalogueRecordFactory(shelf_mark="CRESI-1")

    def test_place_list_and_url(self):
        record = CatalogueRecordFactory(slug="guide", places="Mali, Haïti ,, ")
        assert record.place_list == ["Mali", "Haïti"]
        assert record.get_absolute_url() == "/cresi/documentation/guide/"


class TestTrainingSession:
    def test_in_year_and_total_days_with_half_days(self):
        for days in ["2", "1", "0.5", "1.5"]:
            TrainingSessionFactory(
                start_date=date(2010, 3, 1),
                end_date=date(2010, 3, 2),
                registration_deadline=date(2010, 2, 1),
                duration_days=Decimal(days),
            )
        TrainingSessionFactory(
            start_date=date(2011, 1, 10),
            registration_deadline=date(2011, 1, 1),
            duration_days=Decimal("3"),
            end_date=date(2011, 1, 12),
        )
        TrainingSessionFactory(
            start_date=date(2010, 5, 1),
            registration_deadline=date(2010, 4, 1),
            is_published=False,
        )
        total = TrainingSession.objects.published().in_year(2010).total_days()
        assert total == Decimal("5")
        assert isinstance(total, Decimal)
        assert TrainingSession.objects.published().in_year(1999).total_days() == 0

    def test_upcoming_and_past(self):
        today = timezone.localdate()
        coming = TrainingSessionFactory(start_date=today)
        past = TrainingSessionFactory(
            start_date=today - timedelta(days=1),
            registration_deadline=today - timedelta(days=10),
        )
        assert list(TrainingSession.objects.upcoming()) == [coming]
        assert list(TrainingSession.objects.past()) == [past]

    def test_calendar_order_coming_soonest_first_then_past_latest_first(self):
        today = timezone.localdate()

        def session(offset):
            start = today + timedelta(days=offset)
            return TrainingSessionFactory(
                start_date=start, registration_deadline=start - timedelta(days=3)
            )

        later, soon, long_ago, recently = session(60), session(5), session(-400), session(-20)
        ordered = list(TrainingSession.objects.calendar_order())
        assert ordered == [soon, later, recently, long_ago]
        assert [s.is_upcoming for s in ordered] == [True, True, False, False]
        assert [s.is_open for s in ordered] == [True, True, False, False]

    def test_with_places_left_never_below_zero(self):
        session = TrainingSessionFactory(capacity=2)
        RegistrationFactory(session=session)
        annotated = TrainingSession.objects.with_places_left().get()
        assert (annotated.registration_count, annotated.places_left) == (1, 1)
        RegistrationFactory.create_batch(2, session=session)  # staff may overbook by hand
        assert TrainingSession.objects.with_places_left().get().places_left == 0

    def test_only_confirmed_registrations_hold_places(self):
        session = TrainingSessionFactory(capacity=3)
        now = timezone.now()
        RegistrationFactory(session=session)
        RegistrationFactory.create_batch(2, session=session, pending=True)
        RegistrationFactory(session=session, pending=True, confirm_before=now)  # past its link
        annotated = TrainingSession.objects.with_places_left(now=now).get()
        assert (annotated.registration_count, annotated.places_left) == (1, 2)
        assert annotated.pending_count == 2

    def test_registration_closes_at_the_end_of_the_deadline_day_paris_time(self):
        session = TrainingSessionFactory.build(registration_deadline=date(2027, 1, 10))
        closes = session.registration_closes_at()
        assert timezone.localtime(closes).isoformat() == "2027-01-11T00:00:00+01:00"

    def test_last_full_year(self):
        assert TrainingSession.objects.last_full_year() is None
        TrainingSessionFactory(start_date=date(2010, 3, 1), registration_deadline=date(2010, 2, 1))
        TrainingSessionFactory()  # next month
        assert TrainingSession.objects.last_full_year() == 2010
        assert TrainingSession.objects.last_full_year(today=date(2010, 6, 1)) is None

    @pytest.mark.parametrize("days", ["0", "0.3", "1.2", "-1"])
    def test_duration_must_be_whole_or_half_days(self, days):
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingSessionFactory(duration_days=Decimal(days))

    def test_duration_validation_message(self):
        session = TrainingSessionFactory.build(
            start_date=in_days(30), end_date=in_days(31), duration_days=Decimal("1.2")
        )
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert "demi-journées" in str(error.value)

    def test_duration_cannot_exceed_the_calendar(self):
        session = TrainingSessionFactory.build(duration_days=Decimal("2"))
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert "duration_days" in error.value.message_dict

    def test_dates_constraints(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingSessionFactory(start_date=in_days(10), end_date=in_days(9))
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingSessionFactory(start_date=in_days(10), registration_deadline=in_days(11))
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingSessionFactory(capacity=0)

    def test_labels(self):
        session = TrainingSessionFactory.build(
            start_date=date(2010, 2, 3), end_date=date(2010, 2, 3), duration_days=Decimal("0.5")
        )
        assert session.dates_label == "le 3 février 2010"
        assert session.duration_label == "une demi-journée"
        session.end_date, session.duration_days = date(2010, 2, 4), Decimal("1.5")
        assert session.dates_label == "du 3 au 4 février 2010"
        assert session.duration_label == "1,5\u00a0jour"
        session.duration_days = Decimal("2")
        assert session.duration_label == "2\u00a0jours"
        with translation.override("en"):
            assert str(session.dates_label) == "from 3 to 4 February 2010"

    @pytest.mark.parametrize(
        ("start", "end", "french", "english"),
        [
            (
                (2027, 1, 22),
                (2027, 1, 23),
                "du 22 au 23 janvier 2027",
                "from 22 to 23 January 2027",
            ),
            ((2027, 2, 1), (2027, 2, 1), "le 1er février 2027", "on 1 February 2027"),
            ((2027, 2, 1), (2027, 2, 2), "du 1er au 2 février 2027", "from 1 to 2 February 2027"),
            (
                (2027, 1, 31),
                (2027, 2, 1),
                "du 31 janvier au 1er février 2027",
                "from 31 January to 1 February 2027",
            ),
            (
                (2026, 12, 31),
                (2027, 1, 1),
                "du 31 décembre 2026 au 1er janvier 2027",
                "from 31 December 2026 to 1 January 2027",
            ),
        ],
    )
    def test_dates_label_writes_once_what_both_dates_share(self, start, end, french, english):
        session = TrainingSessionFactory.build(start_date=date(*start), end_date=date(*end))
        assert session.dates_label == french
        with translation.override("en"):
            assert session.dates_label == english

    def test_registration_is_open_until_the_deadline_included(self):
        session = TrainingSessionFactory.build(registration_deadline=date(2010, 3, 1))
        assert session.registration_is_open(date(2010, 3, 1))
        assert not session.registration_is_open(date(2010, 3, 2))


class TestRegistration:
    def test_one_registration_per_email_and_session_whatever_the_case(self):
        session = TrainingSessionFactory()
        RegistrationFactory(session=session, email="Awa@Example.org")
        with pytest.raises(IntegrityError), transaction.atomic():
            RegistrationFactory(session=session, email="awa@example.ORG")
        RegistrationFactory(email="awa@example.org")  # another session

    def test_expired_after_the_retention_period(self, settings):
        settings.PERSONAL_DATA_RETENTION_DAYS = 365
        now = timezone.make_aware(datetime(2026, 11, 28, 12))
        old = TrainingSessionFactory(
            start_date=date(2025, 11, 1),
            end_date=date(2025, 11, 2),
            duration_days=Decimal("2"),
            registration_deadline=date(2025, 10, 1),
        )
        recent = TrainingSessionFactory(
            start_date=date(2025, 12, 1), registration_deadline=date(2025, 11, 1)
        )
        expired = RegistrationFactory(session=old)
        RegistrationFactory(session=recent)
        assert list(Registration.objects.expired(now=now)) == [expired]
        assert Registration.objects.expired(now=now, days=1000).count() == 0
        settings.PERSONAL_DATA_RETENTION_DAYS = 30
        assert Registration.objects.expired(now=now).count() == 2

    def test_str_names_the_registration_not_the_person(self):
        registration = RegistrationFactory(
            name="Awa Diallo", email="awa@example.org", organisation="Essonne-Sahel"
        )
        text = str(registration)
        assert text == f"Inscription n°\xa0{registration.pk} – {registration.session}"
        for personal in ("Awa", "Diallo", "awa@", "Essonne-Sahel"):
            assert personal not in text

    def test_for_session(self):
        registration = RegistrationFactory()
        RegistrationFactory()
        assert list(Registration.objects.for_session(registration.session)) == [registration]

    def test_confirmed_pending_and_past_their_link(self):
        now = timezone.now()
        confirmed = RegistrationFactory(confirm_before=now - timedelta(days=1))
        waiting = RegistrationFactory(pending=True, confirm_before=now + timedelta(minutes=1))
        too_late = RegistrationFactory(pending=True, confirm_before=now)
        assert list(Registration.objects.confirmed()) == [confirmed]
        assert list(Registration.objects.pending(now)) == [waiting]
        assert list(Registration.objects.unconfirmed_past_their_link(now)) == [too_late]


@pytest.mark.parametrize(
    ("days", "label"),
    [(365, "12\u00a0mois"), (730, "24\u00a0mois"), (540, "18\u00a0mois"), (45, "45\u00a0jours")],
)
def test_retention_period_label(settings, days, label):
    from cresi.models import retention_period_label

    settings.PERSONAL_DATA_RETENTION_DAYS = days
    assert retention_period_label() == label


@pytest.mark.django_db
def test_a_download_is_described_in_plain_values_a_cache_can_keep():
    ResourceFactory(slug="guide", file=ContentFile(samples.odt(), name="x.pdf"))
    download = Resource.objects.published().download("guide")
    assert download["filename"] == "guide.odt"
    assert download["content_type"] == "application/vnd.oasis.opendocument.text"
    assert download["external_url"] == ""
    assert all(type(value) in (int, str) for value in download.values())
    assert Resource.objects.published().download("absente") is None
