import pytest
from django.urls import reverse

from core.markup import render_simple_markup
from core.staff_groups import EDITORS
from portal.models import LegalPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/mentions-legales/", "Directeur de la publication"),
        ("/donnees-personnelles/", "Durée de conservation"),
        ("/accessibilite/", "non conforme"),
        ("/en/accessibilite/", "not compliant"),
    ],
)
def test_seeded_legal_pages(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.text


def test_accessibility_statement_has_the_sections_rgaa_requires(client):
    page = client.get("/accessibilite/").text
    for section in [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d&#x27;information et contact",
        "Voies de recours",
    ]:
        assert f"<h2>{section}</h2>" in page, section
    assert 'href="mailto:relations-internationales@essonne.fr"' in page


def test_a_staff_edit_shows_at_once(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    page = LegalPage.objects.get(key="legal-notice")
    response = client.post(
        reverse("admin:portal_legalpage_change", args=[page.pk]),
        {"title": "Mentions légales", "body": "## Hébergeur\n\nNouvel hébergeur <b>SAS</b>"},
    )
    assert response.status_code == 302
    public = client.get("/mentions-legales/").text
    assert "Nouvel hébergeur &lt;b&gt;SAS&lt;/b&gt;" in public


def test_legal_pages_cannot_be_added_or_deleted(admin_client):
    page = LegalPage.objects.get(key="privacy")
    assert admin_client.get(reverse("admin:portal_legalpage_add")).status_code == 403
    delete_url = reverse("admin:portal_legalpage_delete", args=[page.pk])
    assert admin_client.get(delete_url).status_code == 403


def test_simple_markup_escapes_and_structures():
    html = render_simple_markup("## Titre <i>\n\n- un\n- deux\n\nVoir https://cnil.fr & <b>")
    assert html == (
        "<h2>Titre &lt;i&gt;</h2>\n<ul><li>un</li><li>deux</li></ul>\n"
        '<p>Voir <a href="https://cnil.fr" rel="nofollow">https://cnil.fr</a> &amp; &lt;b&gt;</p>'
    )


def test_a_missing_page_row_shows_the_first_text_rather_than_a_404(client):
    LegalPage.objects.all().delete()
    response = client.get("/donnees-personnelles/")
    assert response.status_code == 200
    assert "Durée de conservation" in response.text


def test_the_privacy_page_says_addresses_are_confirmed_first(client):
    page = client.get("/donnees-personnelles/").text
    assert "demande d&#x27;abord de la confirmer" in page
    assert "30\xa0jours" in page
    english = client.get("/en/donnees-personnelles/").text
    assert "first asks to confirm it" in english
    assert LegalPage.objects.get(key="privacy").body == LegalPage.default("privacy").body


def test_the_privacy_update_leaves_a_page_staff_rewrote(settings):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("portal.migrations.0003_privacy_page_confirmed_addresses")
    LegalPage.objects.filter(key="privacy").update(
        body=migration.BEFORE["body"], body_en="Written by the DPO."
    )
    migration.update_privacy_page(apps, None)
    page = LegalPage.objects.get(key="privacy")
    assert page.body == migration.AFTER["body"]
    assert page.body_en == "Written by the DPO."
    migration.restore_privacy_page(apps, None)
    assert LegalPage.objects.get(key="privacy").body == migration.BEFORE["body"]
