from django.db import migrations

from core.staff_groups import EDITORS, grant_model_permissions, revoke_model_permissions

MODELS = ["newsitem"]


def grant(apps, schema_editor):
    grant_model_permissions(apps, EDITORS, "news", MODELS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, EDITORS, "news", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
