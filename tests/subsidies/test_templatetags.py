import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

HEADERS = '{% load subsidies %}{% sort_header _("Date") "date" %}|' + (
    '{% sort_header _("Montant accordé") "montant" css_class="number" %}'
)


def headers(query=""):
    request = RequestFactory().get(f"/subventions/{query}")
    date, amount = Template(HEADERS).render(RequestContext(request)).split("|")
    return date, amount


def test_by_default_the_list_is_latest_first_and_the_amount_link_sorts_largest_first():
    date, amount = headers()
    assert date == (
        '<th scope="col" aria-sort="descending"><a href="?tri=date">Date<span '
        'class="visually-hidden"> – trier de la plus ancienne à la plus récente</span></a></th>'
    )
    assert amount == (
        '<th scope="col" class="number"><a href="?tri=-montant">Montant accordé<span '
        'class="visually-hidden"> – trier du plus grand au plus petit</span></a></th>'
    )


def test_sorted_oldest_first_the_date_link_goes_back_to_the_default():
    date, amount = headers("?tri=date")
    assert 'aria-sort="ascending"' in date and 'href="?"' in date
    assert "trier de la plus récente à la plus ancienne" in date
    assert "aria-sort" not in amount


@pytest.mark.parametrize(
    ("tri", "aria_sort", "link", "hint"),
    [
        ("-montant", "descending", "?tri=montant", "trier du plus petit au plus grand"),
        ("montant", "ascending", "?tri=-montant", "trier du plus grand au plus petit"),
    ],
)
def test_the_amount_column_sorts_largest_then_smallest_first(tri, aria_sort, link, hint):
    date, amount = headers(f"?tri={tri}")
    assert f'aria-sort="{aria_sort}"' in amount and f'href="{link}"' in amount and hint in amount
    assert "aria-sort" not in date and 'href="?"' in date


def test_the_links_keep_the_filters_and_go_back_to_page_one():
    date, amount = headers("?annee=2010&page=3&tri=montant")
    assert 'href="?annee=2010"' in date
    assert 'href="?annee=2010&amp;tri=-montant"' in amount


def test_the_hints_follow_the_language():
    with translation.override("en"):
        date, _amount = headers()
    assert "visually-hidden" in date and "trier" not in date
