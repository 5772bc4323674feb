"""Rate-limit counters live in a cache of their own ("limits"): filling the page cache, however
fast, cannot evict them (an attacker's random query strings once emptied them)."""

import pytest
from django.conf import settings as django_settings

from tests.europe.test_views import FORM_URL, VALID_FORM

pytestmark = pytest.mark.django_db


def test_the_limits_have_their_own_cache_in_every_configuration():
    assert django_settings.RATELIMIT_USE_CACHE == "limits"
    assert "limits" in django_settings.CACHES


def test_a_flood_of_cached_pages_does_not_reset_the_form_limit(client, settings):
    # Per day: django-ratelimit's windows start at fixed times, and a minute's could end during
    # the flood on a busy machine, which would reset the count whatever the cache did.
    settings.FORM_RATE_LIMIT = "2/d"
    # A small page cache: it must evict (cull) while the flood fills it.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "small-pages",
            "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 1},
        },
    }
    assert client.post(FORM_URL, VALID_FORM).status_code == 302
    assert client.post(FORM_URL, VALID_FORM).status_code == 302
    for year in range(2000, 2040):
        assert client.get("/subventions/", {"annee": year}).status_code == 200
    assert client.post(FORM_URL, VALID_FORM).status_code == 429
