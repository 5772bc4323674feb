import re

import pytest
from django.core import mail

from calls.choices import ApplicationStatus
from calls.demo import OPEN_SLUG, PAST_SLUG
from calls.models import Application
from cresi.documents import pdf_document

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/appels-a-projets/",
        f"/appels-a-projets/{PAST_SLUG}/",
        f"/appels-a-projets/{OPEN_SLUG}/",
        f"/appels-a-projets/{OPEN_SLUG}/candidater/",
        f"/appels-a-projets/{PAST_SLUG}/candidater/",
        "/en/appels-a-projets/",
        f"/en/appels-a-projets/{PAST_SLUG}/",
        f"/en/appels-a-projets/{OPEN_SLUG}/candidater/",
    ],
)
def test_call_page_loads_without_console_error_or_axe_violation(
    page, demo_site, assert_accessible, path
):
    response = page.goto(demo_site.url + path)
    assert response.status == 200
    assert page.console_errors == []
    assert_accessible(page)


def emailed_path(kind):
    return re.search(rf"https?://[^/\s]+(/appels-a-projets/{kind}/\S+)", mail.outbox[-1].body)[1]


def test_a_complete_application_in_the_browser(page, fresh_demo_site, assert_accessible, tmp_path):
    page.goto(fresh_demo_site.url + "/appels-a-projets/")
    page.get_by_role("link", name="Solidarité internationale\xa0: eau, éducation, santé").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Candidater").click()
    page.wait_for_load_state()

    page.get_by_label("Adresse électronique").fill("contact@kayes-solidarite.example.org")
    page.get_by_label("J'accepte que le Département").check()
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Consultez votre messagerie"
    assert_accessible(page)

    page.goto(fresh_demo_site.url + emailed_path("confirmation"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_load_state()
    assert "Votre adresse est confirmée" in page.content()

    page.goto(fresh_demo_site.url + emailed_path("dossier"))
    assert_accessible(page)
    fields = {
        "Nom de la structure": "Kayes Solidarité Essonne",
        "SIRET": "47865102900017",
        "Adresse": "3 place de la Mairie",
        "Code postal": "91100",
        "Commune": "Corbeil-Essonnes",
        "Personne à contacter": "Awa Diallo",
        "Téléphone": "01 60 00 00 00",
        "Titre du projet": "Maraîchage à Kayes",
        "Partenaire sur place": "Coopérative des femmes de Kayes",
        "Résumé": "Des jardins maraîchers irrigués.",
        "Objectifs": "Des revenus pour quarante femmes.",
        "Résultats attendus": "Deux hectares cultivés.",
        "Indicateurs mesurables": "Tonnes récoltées par an.",
        "Début du projet": "2027-09-01",
        "Fin du projet": "2028-08-31",
        "Montant demandé (€)": "12000",
    }
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Zone", exact=True).select_option(label="Mali")
    page.get_by_label("Domaine", exact=True).select_option(label="Environnement")
    page.get_by_label("Dépenses, poste 1").fill("Forages et pompes")
    page.get_by_label("Dépenses, montant 1").fill("30000")
    page.get_by_label("Ressources, poste 1").fill("Département de l'Essonne")
    page.get_by_label("Ressources, montant 1").fill("12000")

    # Unbalanced and without its documents: every error is listed, nothing is submitted.
    page.get_by_role("button", name="Déposer le dossier").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    assert "n'est pas équilibré" in summary.inner_text()
    assert "Cette pièce est obligatoire." in summary.inner_text()
    assert page.get_by_label("Titre du projet", exact=True).input_value() == "Maraîchage à Kayes"
    assert_accessible(page)
    assert Application.objects.get(email__startswith="contact@kayes").status == "draft"

    page.get_by_label("Ressources, poste 2").fill("Fonds propres et mairie de Kayes")
    page.get_by_label("Ressources, montant 2").fill("18000")
    for label in (
        "Statuts de la structure",
        "Budget prévisionnel détaillé",
        "Relevé d'identité bancaire",
    ):
        document = tmp_path / f"{len(label)}.pdf"
        document.write_bytes(pdf_document(label))
        page.get_by_label(label).set_input_files(str(document))
    page.get_by_role("button", name="Déposer le dossier").click()
    page.wait_for_load_state()
    application = Application.objects.get(email__startswith="contact@kayes")
    assert application.status == ApplicationStatus.SUBMITTED
    assert page.get_by_role("heading", level=1).inner_text() == f"Dossier {application.reference}"
    assert application.attachments.count() == 3
    assert application.reference in mail.outbox[-1].subject
    assert "Maraîchage" not in mail.outbox[-1].body
    assert_accessible(page)
    assert page.console_errors == []
