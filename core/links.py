"""Full links to the portal's pages for what is read away from the site: emails first of all.

Named ``links`` rather than ``urls``: a module called ``urls.py`` is, by Django's convention, a
URLconf.
"""

from django.conf import settings


def absolute_url(path):
    """``SITE_URL`` followed by ``path``: ``"/cresi/"`` → ``"https://…essonne.fr/cresi/"``.

    Never built from a request: emails are written by the task queue, outside any request, and
    a request's Host header is the sender's to choose, so a link made from it could lead a
    reader to another site.
    """
    return settings.SITE_URL.rstrip("/") + path
