"""The portal's own settings, with the benchmark's root URLconf: nothing else changes.

``bench/load.py`` serves the portal with ``DJANGO_SETTINGS_MODULE=bench.settings`` so that the
trivial baseline view (``bench/urls.py``) runs in the same server, behind the same middleware,
without touching the portal's settings or URLs.
"""

from essonne_intl.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
