from django.db import migrations

from core.staff_groups import EDITORS, EUROPE, grant_model_permissions, revoke_model_permissions

RESULT_MODELS = ["result", "indicator", "indicatorvalue"]


def grant(apps, schema_editor):
    # Éditeurs keep the actions' results and documents; Europe, its projects' results.
    grant_model_permissions(apps, EDITORS, "results", [*RESULT_MODELS, "actiondocument"])
    grant_model_permissions(apps, EUROPE, "results", RESULT_MODELS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, EDITORS, "results", [*RESULT_MODELS, "actiondocument"])
    revoke_model_permissions(apps, EUROPE, "results", RESULT_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("results", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
