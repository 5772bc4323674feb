from django.db import migrations

from core.staff_groups import (
    EDITORS,
    EUROPE,
    grant_model_permissions,
    revoke_model_permissions,
)

# Editors edit the public content (projects); the mission Europe also handles the requests,
# which hold personal data: no other group may see them.
PUBLIC_MODELS = ["euproject", "projectpartner", "theme"]
PERSONAL_DATA_MODELS = ["supportrequest"]


def grant(apps, schema_editor):
    grant_model_permissions(apps, EDITORS, "europe", PUBLIC_MODELS)
    grant_model_permissions(apps, EUROPE, "europe", PUBLIC_MODELS + PERSONAL_DATA_MODELS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, EDITORS, "europe", PUBLIC_MODELS)
    revoke_model_permissions(apps, EUROPE, "europe", PUBLIC_MODELS + PERSONAL_DATA_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("europe", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
