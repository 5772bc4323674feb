from django.db import migrations

from essonne_intl.legal_defaults import PAGES
from essonne_intl.staff_groups import EDITORS, grant_model_permissions


def seed(apps, schema_editor):
    LegalPage = apps.get_model("essonne_intl", "LegalPage")
    for page in PAGES:
        LegalPage.objects.get_or_create(key=page["key"], defaults=page)
    grant_model_permissions(
        apps, EDITORS, "essonne_intl", ["legalpage"], actions=("change", "view")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("essonne_intl", "0002_legal_pages"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
