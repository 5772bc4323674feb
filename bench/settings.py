"""The portal's own settings, with the benchmark's root URLconf: nothing else changes.

``bench/load.py`` serves the portal with ``DJANGO_SETTINGS_MODULE=bench.settings`` so that the
trivial baseline view (``bench/urls.py``) runs in the same server, behind the same middleware,
without touching the portal's settings or URLs.
"""

from essonne_intl.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The load test sends thousands of requests a second from one address: the API's rate limit per
# client would answer 429 to almost all of them and measure nothing. None: no limit.
API_THROTTLE_RATE = None
