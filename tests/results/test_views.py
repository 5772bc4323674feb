import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from cresi.documents import pdf_document
from results.choices import Measure
from tests.cresi.factories import ResourceFactory
from tests.europe.factories import EUProjectFactory
from tests.factories import ActionFactory
from tests.results.factories import (
    ActionDocumentFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ResultFactory,
)

pytestmark = pytest.mark.django_db


def results_section(html):
    match = re.search(r'<section aria-labelledby="record-results">.*?</section>', html, re.S)
    return match.group(0) if match else ""


def documents_section(html):
    match = re.search(r'<section aria-labelledby="action-documents">.*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.fixture
def wells(settings):
    action = ActionFactory(slug="puits-kayes", title="Puits à Kayes")
    result = ResultFactory(action=action, title="Accès à l'eau potable")
    indicator = IndicatorFactory(
        result=result,
        title="Puits construits",
        unit="puits",
        baseline_value=Decimal("0"),
        baseline_year=2010,
        target_value=Decimal("15"),
        target_year=2013,
    )
    for year, value, comment in [(2013, "12", "Saison des pluies"), (2011, "6", "")]:
        IndicatorValueFactory(
            indicator=indicator,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            value=Decimal(value),
            comment=comment,
        )
    return action


def test_the_action_page_shows_each_indicator_with_baseline_target_latest_value_and_progress(
    client, wells
):
    section = results_section(client.get("/cooperation/actions/puits-kayes/").text)
    assert '<h2 id="record-results">Résultats</h2>' in section
    assert '-caption">Accès à l&#x27;eau potable</caption>' in section
    row = re.search(r"<tr>\s*<th scope=\"row\">Puits construits.*?</tr>", section, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[0].startswith("0 ") and "(2010)" in cells[0]  # baseline and its year
    assert cells[1].startswith("15 ") and "(2013)" in cells[1]  # target
    assert cells[2].startswith("12 ") and "décembre 2013" in cells[2]  # latest, not the last typed
    assert "Saison des pluies" in cells[2]
    # 12 of 15: an accessible native progress bar, named after the indicator.
    assert 'max="100" value="80"' in cells[3]
    assert 'aria-label="Avancement vers la cible : Puits construits"' in cells[3]


def test_no_progress_bar_where_it_makes_no_sense(client):
    action = ActionFactory(slug="sans-cible")
    indicator = IndicatorFactory(result=ResultFactory(action=action), target_value=None)
    IndicatorValueFactory(indicator=indicator)
    section = results_section(client.get("/cooperation/actions/sans-cible/").text)
    assert "Avancement" in section  # the column
    assert "<progress" not in section


def test_a_percentage_indicator_shows_its_unit(client):
    action = ActionFactory(slug="taux")
    IndicatorFactory(
        result=ResultFactory(action=action),
        title="Accès à l'eau",
        measure=Measure.PERCENTAGE,
        unit="",
        baseline_value=Decimal("38"),
        target_value=Decimal("60"),
    )
    section = results_section(client.get("/cooperation/actions/taux/").text)
    assert 'Accès à l&#x27;eau <span class="card__meta">(%)</span>' in section
    assert "pas encore mesuré" in section


def test_draft_results_are_hidden(client):
    action = ActionFactory(slug="brouillon")
    ResultFactory(action=action, is_published=False, title="Résultat en cours de saisie")
    page = client.get("/cooperation/actions/brouillon/").text
    assert "Résultat en cours de saisie" not in page
    assert results_section(page) == ""


def test_the_english_page_uses_the_english_titles(client, wells):
    result = wells.results.get()
    result.title_en = "Access to drinking water"
    result.save()
    indicator = result.indicators.get()
    indicator.title_en, indicator.unit_en = "Wells built", "wells"
    indicator.save()
    section = results_section(client.get("/en/cooperation/actions/puits-kayes/").text)
    assert '<h2 id="record-results">Results</h2>' in section
    assert "Access to drinking water" in section and "Wells built" in section
    assert "(wells)" in section


def test_the_results_cost_the_same_queries_whatever_their_number(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    action = ActionFactory(slug="beaucoup")
    IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
    ActionDocumentFactory(action=action)
    with django_assert_max_num_queries(20) as few:
        assert client.get("/cooperation/actions/beaucoup/").status_code == 200
    for _ in range(4):
        result = ResultFactory(action=action)
        for _ in range(3):
            IndicatorValueFactory.create_batch(3, indicator=IndicatorFactory(result=result))
        ActionDocumentFactory(action=action, resource=ResourceFactory(), file="")
    with django_assert_num_queries(len(few)):
        assert client.get("/cooperation/actions/beaucoup/").status_code == 200


def test_an_eu_project_page_shows_its_results(client):
    project = EUProjectFactory(slug="climat")
    IndicatorFactory(
        result=ResultFactory(action=None, eu_project=project, title="Villes engagées"),
        title="Communes signataires",
    )
    section = results_section(client.get("/europe/projets/climat/").text)
    assert "Villes engagées" in section and "Communes signataires" in section


class TestDocuments:
    def test_listed_with_their_type_and_a_link_to_the_file_or_the_resource(self, client):
        action = ActionFactory(slug="ecoles")
        report = ActionDocumentFactory(
            action=action, title="Rapport final", document_date=date(2013, 3, 15)
        )
        ActionDocumentFactory(
            action=action,
            title="Guide d'évaluation",
            kind="evaluation",
            file="",
            resource=ResourceFactory(slug="guide-evaluer"),
        )
        section = documents_section(client.get("/cooperation/actions/ecoles/").text)
        assert f'href="/resultats/documents/{report.pk}/telecharger/">Rapport final' in section
        assert "(Rapport d&#x27;activité, mars 2013, PDF)" in section
        assert 'href="/cresi/ressources/guide-evaluer/">Guide d&#x27;évaluation' in section
        assert "ressource du CRESI" in section

    def test_drafts_and_links_to_draft_resources_are_hidden(self, client):
        action = ActionFactory(slug="ecoles")
        ActionDocumentFactory(action=action, title="Brouillon de rapport", is_published=False)
        ActionDocumentFactory(
            action=action,
            title="Ressource pas encore publiée",
            file="",
            resource=ResourceFactory(is_published=False),
        )
        page = client.get("/cooperation/actions/ecoles/").text
        assert documents_section(page) == ""
        assert "Brouillon de rapport" not in page
        assert "Ressource pas encore publiée" not in page

    def test_the_file_is_served_as_an_attachment_that_runs_nothing(self, client):
        document = ActionDocumentFactory()
        response = client.get(f"/resultats/documents/{document.pk}/telecharger/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="document-{document.pk}.pdf"'
        )
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_the_file_is_stored_under_an_unguessable_name_outside_the_public_folders(self):
        document = ActionDocumentFactory()
        assert re.fullmatch(r"results/documents/[0-9a-f]{32}\.pdf", document.file.name)

    def test_a_draft_or_a_missing_document_is_not_found(self, client):
        draft = ActionDocumentFactory(is_published=False)
        hidden_action = ActionDocumentFactory(action=ActionFactory(is_published=False))
        for pk in (draft.pk, hidden_action.pk, 999999):
            assert client.get(f"/resultats/documents/{pk}/telecharger/").status_code == 404

    def test_a_link_to_a_resource_has_no_file_to_download(self, client):
        document = ActionDocumentFactory(file="", resource=ResourceFactory())
        assert client.get(f"/resultats/documents/{document.pk}/telecharger/").status_code == 404

    def test_a_document_is_a_file_or_a_resource_never_both(self):
        from django.core.exceptions import ValidationError

        document = ActionDocumentFactory.build(
            action=ActionFactory(),
            resource=ResourceFactory(),
            file=ContentFile(pdf_document("Rapport"), name="rapport.pdf"),
        )
        with pytest.raises(ValidationError, match="jamais les deux"):
            document.full_clean()
