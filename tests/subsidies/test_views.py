import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from cooperation.choices import Domain
from subsidies.choices import Nature, PaymentConditions
from subsidies.scdl import COLUMNS
from tests.factories import ZoneFactory
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

pytestmark = pytest.mark.django_db

LIST = "/subventions/"
CSV = "/subventions/export.csv"
JSON = "/subventions/export.json"


def content(response):
    return b"".join(response.streaming_content).decode("utf-8")


def french_euros(text):
    """``4\xa0500,50\xa0€`` → ``Decimal("4500.50")``."""
    return Decimal(text.replace("\xa0", "").replace("€", "").replace(",", "."))


def csv_rows(response):
    return list(csv.reader(io.StringIO(content(response))))


class TestSubsidyList:
    def test_lists_published_decisions_with_count_and_total(self, client):
        SubsidyFactory(object="Puits au Mali", amount=Decimal("85000"))
        SubsidyFactory(object="Écoles de Kita", amount=Decimal("64500.50"))
        SubsidyFactory(object="Brouillon", is_published=False)
        response = client.get(LIST)
        assert response.status_code == 200
        page = response.text
        assert "Puits au Mali" in page and "Écoles de Kita" in page
        assert "Brouillon" not in page
        assert "2 décisions" in page
        assert "149\xa0500,50\xa0€" in page
        assert response.context["totals"] == {"count": 2, "amount": Decimal("149500.50")}

    def test_a_zone_in_draft_keeps_its_decisions_listed_without_its_name(self, client):
        """The legal publication of a decision is its own; a draft zone's name is not public."""
        SubsidyFactory(
            object="Puits", zone=ZoneFactory(name="Zone cachée", slug="cachee", is_published=False)
        )
        page = client.get(LIST).text
        assert "Puits" in page and "1 décision" in page
        assert "Zone cachée" not in page and "/cooperation/cachee/" not in page
        assert "Puits" in content(client.get(CSV))

    def test_shows_beneficiary_zone_domain_and_share(self, client):
        SubsidyFactory(
            beneficiary=BeneficiaryFactory(name="Eau Vive Essonne-Sahel"),
            zone=ZoneFactory(name="Mali", slug="mali"),
            domain=Domain.ENVIRONMENT,
            amount=Decimal("10000"),
            share=Decimal("0.45"),
            convention_date=date(2010, 3, 22),
        )
        page = client.get(LIST).text
        for text in [
            "Eau Vive Essonne-Sahel",
            'href="/cooperation/mali/"',
            "Environnement",
            '<td class="number">4\xa0500\xa0€<br>',
            '<span class="card__meta">45\xa0% de 10\xa0000\xa0€</span>',
            '<time datetime="2010-03-22">22 mars 2010</time>',
        ]:
            assert text in page
        # The total counts what this beneficiary gets, as the row does: 45 % of 10 000 €.
        assert "total accordé\xa0: <strong>4\xa0500\xa0€</strong>" in page
        english = client.get("/en/subventions/").text
        assert '<td class="number">€4,500<br><span class="card__meta">45% of €10,000' in english

    def test_the_first_of_the_month_is_1er(self, client):
        SubsidyFactory(convention_date=date(2010, 3, 1))
        assert '<time datetime="2010-03-01">1er mars 2010</time>' in client.get(LIST).text
        english = client.get("/en/subventions/").text
        assert '<time datetime="2010-03-01">1 March 2010</time>' in english

    def test_the_share_shows_only_for_a_shared_subsidy(self, client):
        SubsidyFactory(amount=Decimal("2500"))
        page = client.get(LIST).text
        assert '<td class="number">2\xa0500\xa0€</td>' in page
        assert "%" not in page.split("<tbody>")[1].split("</tbody>")[0]

    def test_the_rows_of_a_page_add_up_to_the_total(self, client):
        for amount, share in [
            ("10000", "0.40"),
            ("1000.01", "0.33"),
            ("1000.01", "0.33"),
            ("1000.01", "0.34"),
            ("85000", "1"),
            ("64500.50", "1"),
            ("333.33", "0.50"),
        ]:
            SubsidyFactory(amount=Decimal(amount), share=Decimal(share))
        response = client.get(LIST + "?tri=-montant")
        rows = response.context["subsidies"]
        total = response.context["totals"]["amount"]
        assert len(rows) == response.context["totals"]["count"] == 7  # one page
        assert sum(row.granted_amount for row in rows) == total
        # And as read on the page: the cells of the column against the total shown.
        page = response.text
        cells = re.findall(r'<td class="number">([^<]*)', page)
        shown_total = re.search(r"total accordé\xa0: <strong>([^<]*)</strong>", page)[1]
        assert sum(map(french_euros, cells)) == french_euros(shown_total)

    def test_sorting_by_amount_follows_what_each_beneficiary_receives(self, client):
        SubsidyFactory(object="Partagée", amount=Decimal("10000"), share=Decimal("0.10"))
        SubsidyFactory(object="Entière", amount=Decimal("5000"))
        SubsidyFactory(object="Petite", amount=Decimal("2000"))
        largest_first = client.get(LIST + "?tri=-montant").context["subsidies"]
        assert [row.object for row in largest_first] == ["Entière", "Petite", "Partagée"]
        smallest_first = client.get(LIST + "?tri=montant").context["subsidies"]
        assert [row.object for row in smallest_first] == ["Partagée", "Petite", "Entière"]

    def test_totals_follow_the_filter_over_every_page(self, client):
        mali = ZoneFactory(slug="mali")
        SubsidyFactory.create_batch(30, zone=mali, amount=Decimal("1000"))
        SubsidyFactory(amount=Decimal("999"))
        response = client.get(LIST + "?zone=mali")
        assert response.context["totals"] == {"count": 30, "amount": Decimal("30000")}
        assert len(response.context["subsidies"]) == 25
        assert "30\xa0000\xa0€" in response.text

    def test_pagination_keeps_the_filters(self, client):
        mali = ZoneFactory(slug="mali")
        SubsidyFactory.create_batch(30, zone=mali, domain=Domain.CULTURE)
        response = client.get(LIST + "?zone=mali&domaine=culture&tri=-montant")
        assert response.context["page_obj"].paginator.num_pages == 2
        assert "?zone=mali&amp;domaine=culture&amp;tri=-montant&amp;page=2" in response.text
        second = client.get(LIST + "?zone=mali&domaine=culture&tri=-montant&page=2")
        assert len(second.context["subsidies"]) == 5

    def test_sorting_links_keep_the_filters_and_go_back_to_page_one(self, client):
        SubsidyFactory.create_batch(2, zone=ZoneFactory(slug="mali"))
        page = client.get(LIST + "?zone=mali&tri=-montant&page=1").text
        assert 'aria-sort="descending"' in page
        assert 'href="?zone=mali&amp;tri=montant"' in page
        assert 'href="?zone=mali"' in page  # back to the default, most recent first

    @pytest.mark.parametrize(
        "query",
        [
            "annee=abc",
            "annee=1e309",
            "annee=-1",
            "zone=nope",
            "domaine=zzz",
            "tri=prix",
            "tri=beneficiary__siret",
            "q=" + "y" * 500,
            "q=eau%00",
        ],
    )
    def test_bad_filter_value_shows_the_form_error(self, client, query):
        SubsidyFactory(object="Puits")
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        assert 'class="field__error"' in response.text
        assert 'aria-invalid="true"' in response.text
        assert "Corrigez le filtre" in response.text

    def test_page_out_of_range_shows_the_last_page_and_says_so(self, client):
        SubsidyFactory.create_batch(26)  # two pages: 25 decisions, then one
        response = client.get(LIST + "?page=999&annee=")
        assert response.status_code == 200
        last = response.context["page_obj"]
        assert last.number == last.paginator.num_pages == 2
        assert "La page «\xa0999\xa0» n’existe pas\xa0: voici la page 2 sur 2." in response.text
        assert response.context["subsidies"]  # the rows of the last page
        response = client.get(LIST + "?page=abc")
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1
        assert "n’existe pas" in response.text
        # A page that exists says nothing of the kind.
        assert "n’existe pas" not in client.get(LIST + "?page=2").text

    def test_empty_states(self, client):
        assert "Aucune décision de subvention n'est encore publiée" in client.get(LIST).text
        SubsidyFactory(object="Puits")
        response = client.get(LIST + "?q=introuvable")
        assert "Aucune décision ne correspond" in response.text

    def test_links_to_the_exports_with_the_same_filter(self, client):
        SubsidyFactory(zone=ZoneFactory(slug="mali"))
        page = client.get(LIST + "?zone=mali&page=1").text
        assert 'href="/subventions/export.csv?zone=mali"' in page
        assert 'href="/subventions/export.json?zone=mali"' in page

    def test_query_count_is_fixed_whatever_the_rows(self, client, django_assert_num_queries):
        from core.content_version import content_version

        SubsidyFactory(zone=ZoneFactory())
        content_version()  # the page cache reads it once a second per process, not per page
        # Zone and SDG goal choices, the beneficiaries and zones holding the words, one
        # aggregate that also feeds the paginator, one page of rows.
        with django_assert_num_queries(5):
            assert client.get(LIST + "?annee=2010&q=projet").status_code == 200
        for _ in range(40):
            SubsidyFactory(zone=ZoneFactory(), beneficiary=BeneficiaryFactory())
        content_version()
        with django_assert_num_queries(5):
            assert client.get(LIST + "?annee=2010&q=projet").status_code == 200
        with django_assert_num_queries(4):
            assert client.get(LIST + "?page=2&tri=-montant").status_code == 200

    def test_english_version(self, client):
        SubsidyFactory(object="Puits")
        response = client.get("/en/subventions/")
        assert response.status_code == 200
        assert '<html lang="en">' in response.text


class TestCsvExport:
    def test_sorted_by_amount_the_rows_keep_the_scdl_amount_and_share(self, client):
        SubsidyFactory(amount=Decimal("10000"), share=Decimal("0.10"))
        SubsidyFactory(amount=Decimal("5000"))
        header, *rows = csv_rows(client.get(CSV + "?tri=-montant"))
        amount, share = header.index("montant"), header.index("pourcentageSubvention")
        assert header == list(COLUMNS)
        # Sorted by what the beneficiary receives (5 000 €, then 1 000 €), the SCDL amounts.
        assert [(row[amount], row[share]) for row in rows] == [
            ("5000.00", "1.00"),
            ("10000.00", "0.10"),
        ]

    def test_has_the_16_scdl_columns_in_order_and_the_values_formatted(self, client, settings):
        settings.PUBLISHER_NAME = "Département de l'Essonne"
        settings.PUBLISHER_SIRET = "22910001100019"
        SubsidyFactory(
            beneficiary=BeneficiaryFactory(
                name="Eau Vive, « Essonne-Sahel »", siret="70000000000005", rna="W912004518"
            ),
            convention_date=date(2010, 3, 22),
            reference="CP-2010-03-22-002",
            object='Puits "et" latrines,\nau Mali',
            amount=Decimal("85000.5"),
            nature=Nature.CASH_AND_IN_KIND,
            payment_conditions=PaymentConditions.STAGGERED,
            payment_start=date(2010, 3, 22),
            payment_end=date(2010, 12, 31),
            rae_id="12345",
            eu_notification=True,
            share=Decimal("0.45"),
            aid_scheme="65d5b6c7-102c-4440-ac3b-768f708edc0a",
        )
        response = client.get(CSV)
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="subventions-essonne.csv"' in response["Content-Disposition"]
        text = content(response)
        assert text.startswith(",".join(COLUMNS) + "\r\n")
        header, row = list(csv.reader(io.StringIO(text)))
        assert header == list(COLUMNS)
        assert row == [
            "Département de l'Essonne",
            "22910001100019",
            "2010-03-22",
            "CP-2010-03-22-002",
            "Eau Vive, « Essonne-Sahel »",
            "70000000000005",
            "W912004518",
            'Puits "et" latrines,\nau Mali',
            "85000.50",
            "aide en numéraire;aide en nature",
            "échelonné",
            "2010-03-22/2010-12-31",
            "12345",
            "oui",
            "0.45",
            "65d5b6c7-102c-4440-ac3b-768f708edc0a",
        ]

    def test_single_date_empty_optional_values_and_defaults(self, client):
        SubsidyFactory(
            beneficiary=BeneficiaryFactory(siret="", rna="W912000001"),
            amount=Decimal("1000"),
            payment_start=date(2010, 5, 2),
            payment_end=None,
        )
        row = csv_rows(client.get(CSV))[1]
        values = dict(zip(COLUMNS, row, strict=True))
        assert values["idBeneficiaire"] == ""
        assert values["rnaBeneficiaire"] == "W912000001"
        assert values["montant"] == "1000.00"
        assert values["nature"] == "aide en numéraire"
        assert values["conditionsVersement"] == "unique"
        assert values["datesPeriodeVersement"] == "2010-05-02"
        assert values["notificationUE"] == "non"
        assert values["pourcentageSubvention"] == "1.00"
        assert values["idRAE"] == values["dispositifAide"] == ""

    def test_only_published_decisions_and_the_list_filters(self, client):
        mali = ZoneFactory(slug="mali")
        SubsidyFactory(reference="A", zone=mali, convention_date=date(2010, 1, 5))
        SubsidyFactory(reference="B", zone=mali, convention_date=date(2009, 1, 5))
        SubsidyFactory(reference="C", convention_date=date(2010, 1, 5))
        SubsidyFactory(reference="D", zone=mali, is_published=False)
        rows = csv_rows(client.get(CSV + "?zone=mali&annee=2010"))
        assert [row[3] for row in rows[1:]] == ["A"]
        rows = csv_rows(client.get(CSV))
        assert sorted(row[3] for row in rows[1:]) == ["A", "B", "C"]

    def test_empty_selection_is_just_the_header(self, client):
        assert csv_rows(client.get(CSV)) == [list(COLUMNS)]

    @pytest.mark.parametrize("query", ["annee=abc", "zone=nope", "tri=prix", "domaine=x"])
    def test_bad_filter_is_a_clear_400(self, client, query):
        response = client.get(f"{CSV}?{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "Filtre invalide" in response.content.decode()

    def test_reads_the_rows_in_chunks(self, client, monkeypatch):
        from subsidies import views

        monkeypatch.setattr(views, "EXPORT_CHUNK_SIZE", 2)
        SubsidyFactory.create_batch(5)
        response = client.get(CSV)
        with CaptureQueriesContext(connection) as context:
            rows = csv_rows(response)
        assert len(rows) == 6
        # The rows are fetched as the response is sent, not when the view returns.
        assert len(context.captured_queries) >= 1


class TestJsonExport:
    def test_same_rows_as_the_csv(self, client):
        SubsidyFactory(
            reference="CP-2",
            amount=Decimal("85000.50"),
            share=Decimal("0.45"),
            eu_notification=True,
        )
        SubsidyFactory(reference="CP-1", amount=Decimal("1000"))
        response = client.get(JSON)
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "application/json"
        records = json.loads(content(response))
        rows = csv_rows(client.get(CSV))[1:]
        assert [list(record) for record in records] == [list(COLUMNS)] * 2
        assert records[1]["montant"] == 85000.5  # same date: by reference
        assert records[1]["notificationUE"] is True
        for record, row in zip(records, rows, strict=True):
            expected = dict(zip(COLUMNS, row, strict=True))
            assert Decimal(str(record.pop("montant"))) == Decimal(expected.pop("montant"))
            share = record.pop("pourcentageSubvention")
            assert Decimal(str(share)) == Decimal(expected.pop("pourcentageSubvention"))
            assert record.pop("notificationUE") == (expected.pop("notificationUE") == "oui")
            assert record == expected

    def test_empty_selection_is_an_empty_array(self, client):
        assert json.loads(content(client.get(JSON))) == []

    def test_bad_filter_is_a_clear_400(self, client):
        assert client.get(JSON + "?annee=abc").status_code == 400


class TestZonePage:
    def test_zone_page_shows_its_subsidies_total_and_link(self, client):
        mali = ZoneFactory(name="Mali", slug="mali")
        SubsidyFactory(zone=mali, amount=Decimal("85000"))
        SubsidyFactory(zone=mali, amount=Decimal("64500"))
        SubsidyFactory(zone=mali, amount=Decimal("999"), is_published=False)
        SubsidyFactory(amount=Decimal("1"))
        page = client.get("/cooperation/mali/").text
        assert "2 décisions de subvention publiées" in page
        assert "149\xa0500\xa0€" in page
        assert 'href="/subventions/?zone=mali"' in page

    def test_zone_without_subsidies(self, client):
        ZoneFactory(slug="guyane")
        page = client.get("/cooperation/guyane/").text
        assert "Aucune subvention n'est encore publiée pour cette zone." in page


def test_main_navigation_links_and_marks_the_section(client):
    page = client.get(LIST).text
    assert '<a href="/subventions/" aria-current="true">Subventions</a>' in page
    assert '<a href="/chiffres-cles/">Chiffres clés</a>' in page
    page = client.get("/chiffres-cles/").text
    assert '<a href="/chiffres-cles/" aria-current="true">Chiffres clés</a>' in page


def test_list_totals_read_the_kept_totals_or_are_kept_until_the_next_change(client, settings):
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.content_version import content_version

    def sums(url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return [query["sql"] for query in queries.captured_queries if "SUM(" in query["sql"]]

    settings.PAGE_CACHE_SECONDS = 0
    subsidy = SubsidyFactory(amount=Decimal("1000"), share=Decimal("1"), object="Puits au Mali")
    content_version()
    assert client.get(LIST).context["totals"]["amount"] == Decimal("1000")
    # Chosen by year, zone or domain: a sum of the few kept totals, never of every decision.
    kept = sums(LIST + "?annee=2010&page=1&tri=-montant")
    assert kept and all("subsidies_subsidytotal" in query for query in kept)
    assert not any('FROM "subsidies_subsidy"' in query for query in kept)
    # Words searched: the matching decisions are added up once, then kept.
    assert client.get(LIST + "?q=puits").context["totals"]["amount"] == Decimal("1000")
    assert sums(LIST + "?q=puits&page=1&tri=-montant") == []
    assert sums(LIST + "?q=puits&utm_source=lettre") == []  # a made-up parameter: same totals
    subsidy.amount = Decimal("2500")
    subsidy.save()
    assert client.get(LIST).context["totals"]["amount"] == Decimal("2500")
    assert client.get(LIST + "?q=puits").context["totals"]["amount"] == Decimal("2500")
