import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from cooperation.choices import Domain
from cooperation.codelists import refresh_codelists
from cooperation.models import DacPurpose, SdgGoal
from europe.choices import PartnerRole, Programme
from opendata.exports import ACTION_COLUMNS, EU_PROJECT_COLUMNS
from opendata.ical import LINE_OCTETS
from results.choices import Measure
from tests.cresi.factories import RegistrationFactory, TrainingSessionFactory
from tests.europe.factories import EUProjectFactory, ProjectPartnerFactory
from tests.factories import ActionFactory, PartnerFactory, ZoneFactory
from tests.results.factories import IndicatorFactory, IndicatorValueFactory, ResultFactory

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content).decode()


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


class TestActionsCsv:
    URL = "/donnees/actions.csv"

    def test_one_row_per_published_action_with_its_partners(self, client, settings):
        settings.SITE_URL = "https://international.essonne.fr"
        mali = ZoneFactory(name="Mali", slug="mali", country_code="ML")
        ActionFactory(
            zone=mali,
            slug="puits",
            title="Puits, latrines",
            budget=Decimal("1000.50"),
            contribution=Decimal("800.00"),
            partners=[
                PartnerFactory(zone=mali, name="Kita"),
                PartnerFactory(zone=mali, name="Kayes"),
            ],
        )
        ActionFactory(zone=mali, slug="brouillon", is_published=False)
        ActionFactory(zone=ZoneFactory(is_published=False), slug="zone-brouillon")
        response, text = download(client, self.URL)
        assert response.streaming
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="actions-cooperation-essonne.csv"' in response["Content-Disposition"]
        assert text.splitlines()[0].split(",") == list(ACTION_COLUMNS)
        rows = read_csv(text)
        assert [row["identifiant"] for row in rows] == ["puits"]
        row = rows[0]
        assert row["titre"] == "Puits, latrines"
        assert row["code_pays"] == "ML"
        assert row["budget_total"] == "1000.50"
        assert row["contribution_departement"] == "800.00"
        assert row["partenaires"] == "Kayes ; Kita"
        assert row["adresse"] == "https://international.essonne.fr/cooperation/actions/puits/"

    def test_keeps_the_filters_of_the_action_list(self, client):
        mali, haiti = ZoneFactory(slug="mali"), ZoneFactory(slug="haiti")
        ActionFactory(zone=mali, slug="mali-culture", domain=Domain.CULTURE)
        ActionFactory(zone=mali, slug="mali-eau", domain=Domain.ENVIRONMENT)
        ActionFactory(zone=haiti, slug="haiti-culture", domain=Domain.CULTURE)
        ActionFactory(zone=mali, slug="mali-ancienne", start_year=2001, end_year=2002)
        query = "?zone=mali&domaine=culture&annee=2011"
        _, text = download(client, self.URL + query)
        page = client.get("/cooperation/actions/" + query)
        assert {row["identifiant"] for row in read_csv(text)} == {"mali-culture"}
        assert {action.slug for action in page.context["actions"]} == {"mali-culture"}

    def test_one_row_per_indicator_of_the_published_results(self, client):
        refresh_codelists()
        action = ActionFactory(slug="puits", dac_purpose=DacPurpose.objects.get(code="14030"))
        action.sdg_goals.set(SdgGoal.objects.filter(number__in=[6, 3]))
        water = ResultFactory(action=action, title="Eau potable")
        wells = IndicatorFactory(
            result=water, title="Puits", unit="puits", target_value=Decimal("20")
        )
        IndicatorValueFactory(
            indicator=wells,
            period_start=date(2011, 1, 1),
            period_end=date(2011, 12, 31),
            value=Decimal("12.5"),
        )
        IndicatorValueFactory(
            indicator=wells,
            period_start=date(2010, 1, 1),
            period_end=date(2010, 12, 31),
            value=Decimal("4"),
        )
        IndicatorFactory(result=water, title="Accès", measure=Measure.PERCENTAGE, unit="")
        ResultFactory(action=action, title="Sans indicateur")
        ResultFactory(action=action, title="Brouillon", is_published=False)
        ActionFactory(slug="sans-resultat")
        _, text = download(client, self.URL)
        rows = [(row["identifiant"], row["resultat"], row["indicateur"]) for row in read_csv(text)]
        assert sorted(rows) == [
            ("puits", "Eau potable", "Accès"),
            ("puits", "Eau potable", "Puits"),
            ("puits", "Sans indicateur", ""),
            ("sans-resultat", "", ""),
        ]
        wells_row = next(row for row in read_csv(text) if row["indicateur"] == "Puits")
        assert wells_row["unite"] == "puits"
        assert wells_row["cible"] == "20"
        assert wells_row["derniere_valeur"] == "12.5"
        assert wells_row["periode_derniere_valeur"] == "2011-01-01/2011-12-31"
        assert wells_row["odd"] == "3 ; 6"
        assert wells_row["code_cad"] == "14030"
        percentage = next(row for row in read_csv(text) if row["indicateur"] == "Accès")
        assert percentage["unite"] == "%"

    def test_keeps_the_sdg_and_dac_filters(self, client):
        refresh_codelists()
        water = ActionFactory(slug="eau", dac_purpose=DacPurpose.objects.get(code="14030"))
        water.sdg_goals.set([SdgGoal.objects.get(number=6)])
        ActionFactory(slug="culture")
        for query in ["?odd=6", "?secteur=14030"]:
            _, text = download(client, self.URL + query)
            assert [row["identifiant"] for row in read_csv(text)] == ["eau"], query
        assert client.get(self.URL + "?secteur=99999").status_code == 400

    def test_a_bad_filter_exports_nothing_and_says_why(self, client):
        ActionFactory()
        response = client.get(self.URL + "?annee=deux-mille")
        assert response.status_code == 400
        assert "annee" in response.text
        assert "rien n'est exporté" in response.text

    def test_the_file_is_in_french_from_the_english_site_too(self, client):
        ActionFactory(domain=Domain.EDUCATION)
        _, text = download(client, "/en" + self.URL)
        assert read_csv(text)[0]["domaine"] == "Éducation"

    def test_queries_do_not_grow_with_the_rows(self, client, django_assert_max_num_queries):
        for _ in range(3):
            action = ActionFactory(partners=[PartnerFactory()])
            IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
        with django_assert_max_num_queries(10) as few:
            download(client, self.URL)
        queries = len(few)
        for _ in range(20):
            action = ActionFactory(partners=[PartnerFactory(), PartnerFactory()])
            IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
        with django_assert_max_num_queries(queries):
            download(client, self.URL)


class TestEUProjectsCsv:
    URL = "/donnees/projets-europeens.csv"

    def test_one_row_per_partner_and_one_for_a_project_without_partners(self, client):
        climate = EUProjectFactory(slug="climate", name="Climate", programme=Programme.INTERREG)
        ProjectPartnerFactory(project=climate, name="Essonne", country="FR", role=PartnerRole.LEAD)
        ProjectPartnerFactory(project=climate, name="Bremen", country="DE")
        EUProjectFactory(slug="seul", programme=Programme.LIFE)
        EUProjectFactory(slug="brouillon", is_published=False)
        response, text = download(client, self.URL)
        assert response.streaming
        assert text.splitlines()[0].split(",") == list(EU_PROJECT_COLUMNS)
        rows = read_csv(text)
        assert [(row["identifiant"], row["partenaire"]) for row in rows] == [
            ("climate", "Essonne"),
            ("climate", "Bremen"),
            ("seul", ""),
        ]
        assert rows[0]["partenaire_role"] == "Chef de file"
        assert rows[1]["partenaire_pays"] == "DE"
        assert rows[0]["programme"] == "Interreg"

    def test_keeps_the_filters_of_the_project_list(self, client):
        EUProjectFactory(slug="climate", programme=Programme.INTERREG)
        EUProjectFactory(slug="nature", programme=Programme.LIFE)
        _, text = download(client, self.URL + "?programme=life")
        assert [row["identifiant"] for row in read_csv(text)] == ["nature"]
        assert client.get(self.URL + "?programme=inconnu").status_code == 400


def unfold(text):
    """The content lines of an iCalendar text (RFC 5545, 3.1)."""
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(lines):
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


class TestTrainingCalendar:
    URL = "/donnees/formations.ics"

    def test_one_all_day_event_per_published_session(self, client):
        first = date(2027, 1, 22)
        TrainingSessionFactory(
            slug="monter-un-projet",
            title="Monter un projet ; le budget",
            start_date=first,
            end_date=first + timedelta(days=1),
            duration_days=Decimal("2"),
            registration_deadline=first - timedelta(days=7),
            place="Évry, hôtel du Département",
        )
        TrainingSessionFactory(slug="brouillon", is_published=False)
        response = client.get(self.URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        lines = unfold(response.text)
        assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
        assert "VERSION:2.0" in lines
        (event,) = events(lines)
        assert event["DTSTART;VALUE=DATE"] == "20270122"
        assert event["DTEND;VALUE=DATE"] == "20270124"  # the day after the last one
        assert event["SUMMARY"] == "Monter un projet \\; le budget"
        assert event["LOCATION"] == "Évry\\, hôtel du Département"
        assert event["UID"].startswith("cresi-monter-un-projet@")
        assert event["URL"].endswith("/cresi/formations/monter-un-projet/")

    def test_long_lines_are_folded_at_75_octets_without_cutting_a_character(self, client):
        title = " ".join(["Éducation à la citoyenneté mondiale"] * 5)
        TrainingSessionFactory(title=title)
        text = client.get(self.URL).text
        for line in text.split("\r\n"):
            assert len(line.encode()) <= LINE_OCTETS
        (event,) = events(unfold(text))
        assert event["SUMMARY"] == title

    def test_keeps_the_year_filter_of_the_calendar_page(self, client):
        TrainingSessionFactory(slug="en-2010", start_date=date(2010, 3, 5))
        TrainingSessionFactory(slug="en-2027", start_date=date(2027, 3, 5))
        lines = unfold(client.get(self.URL + "?annee=2010").text)
        assert [event["UID"].split("@")[0] for event in events(lines)] == ["cresi-en-2010"]
        assert client.get(self.URL + "?annee=abc").status_code == 400

    def test_no_registrant_appears(self, client):
        registration = RegistrationFactory(name="Jeanne Martin", email="jeanne@example.org")
        text = client.get(self.URL).text
        assert registration.session.slug in text
        assert "Jeanne" not in text and "jeanne@example.org" not in text
