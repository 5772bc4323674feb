"""French typography of every public page: a non-breaking space before « : ; ! ? » and inside « ».

An ordinary space there lets a line break leave the mark alone at the start of a line; the
interface strings, the templates and the demo content all use U+00A0 instead.
"""

import re

import pytest

from core.templatetags.formatting import truncate_words
from cresi.tasks import one_line as cresi_one_line
from europe.tasks import _one_line as europe_one_line
from tests.portal.public_pages import PAGES, page_url, visible_text

pytestmark = pytest.mark.django_db

# An ordinary space (U+0020) before : ; ! ? » or after «.
BREAKABLE_SPACE = re.compile(r" [:;!?»]|« ")


def typography_faults(text):
    """Each offending place, with a little of the text around it."""
    return [
        text[max(match.start() - 40, 0) : match.end() + 20].strip()
        for match in BREAKABLE_SPACE.finditer(text)
    ]


def test_faults_are_found_and_correct_text_passes():
    faults = typography_faults("Montant : 5 €. Vraiment ? « Oui »")
    assert len(faults) == 4
    assert not typography_faults("Montant\xa0: 5\xa0€. Vraiment\xa0? «\xa0Oui\xa0» à 10:30")


def test_visible_text_leaves_out_markup_scripts_and_code():
    page = (
        '<p title="a : b">Total&nbsp;: <strong>5</strong></p><script>if (a ? b : c) {}</script>'
        "<style>a:hover{}</style><code>x ? y : z</code><!-- a : b -->"
    )
    assert visible_text(page) == "Total\xa0: 5"


@pytest.mark.parametrize("kind", PAGES)
def test_french_pages_keep_a_non_breaking_space_before_high_punctuation(client, demo, kind):
    url = page_url(kind)
    response = client.get(url)
    assert response.status_code == 200, url
    faults = typography_faults(visible_text(response.text))
    assert not faults, f"{url}: ordinary space next to « : ; ! ? » in:\n" + "\n".join(faults)


def test_truncated_summaries_keep_their_non_breaking_spaces():
    assert truncate_words("Puits\xa0: associer  les\nusagers", 2) == "Puits\xa0: associer …"
    assert truncate_words("Guide\xa0: évaluer", 5) == "Guide\xa0: évaluer"


def test_email_subjects_keep_their_non_breaking_spaces():
    subject = "Inscription à la formation «\xa0Évaluer\nson projet\xa0»\n"
    assert cresi_one_line(subject) == "Inscription à la formation «\xa0Évaluer son projet\xa0»"
    assert europe_one_line(subject) == cresi_one_line(subject)
