"""The legal notice names its director of publication from the ``PUBLICATION_DIRECTOR``
setting, shown by the page's template: the paragraph the first text gave for it (a title, not a
name) is taken out of the stored page. A page staff rewrote keeps what they wrote.
"""

from django.db import migrations

SECTIONS = {
    "body": "## Directeur de la publication\n\n"
    "Le président ou la présidente du conseil départemental de l'Essonne.\n\n",
    "body_en": "## Director of publication\n\n"
    "The president of the conseil départemental de l'Essonne.\n\n",
}


def forwards(apps, schema_editor):
    LegalPage = apps.get_model("portal", "LegalPage")
    for page in LegalPage.objects.filter(key="legal-notice"):
        for field, section in SECTIONS.items():
            setattr(page, field, getattr(page, field).replace(section, ""))
        page.save(update_fields=list(SECTIONS))


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_privacy_page_confirmed_addresses")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
