"""The page types the English and typography tests visit (``public_pages.PAGES``) cover every
page an app registers: its static pages and one page of each of its sitemaps. A new app's pages
cannot be left out of those tests without this test failing."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import resolve

from core.registry import portal_apps
from tests.portal.public_pages import PAGES, page_url


def registered_apps():
    # The test-only example app (tests/example_app) is no page of the portal.
    return [config for config in portal_apps() if not config.name.startswith("tests.")]


@pytest.mark.django_db
def test_every_registered_page_type_is_visited_by_the_page_tests():
    call_command("load_demo", stdout=StringIO())
    visited = {resolve(urlsplit(page_url(kind)).path).view_name for kind in PAGES}
    registered = set()
    for config in registered_apps():
        registered.update(config.sitemap_pages)
        for sitemap in config.sitemaps().values():
            item = sitemap().items()[0]
            registered.add(resolve(urlsplit(item.get_absolute_url()).path).view_name)
    assert registered - visited == set()
