from django.db import migrations

from core.staff_groups import FINANCE, grant_model_permissions, revoke_model_permissions

MODELS = ["budgetline", "beneficiary", "subsidy"]


# Finance staff link a subsidy to a zone and an action: the admin's pickers need to read them.
COOPERATION_MODELS = ["zone", "action"]


def grant(apps, schema_editor):
    grant_model_permissions(apps, FINANCE, "subsidies", MODELS)
    grant_model_permissions(apps, FINANCE, "cooperation", COOPERATION_MODELS, actions=["view"])


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, FINANCE, "subsidies", MODELS)
    revoke_model_permissions(apps, FINANCE, "cooperation", COOPERATION_MODELS, actions=["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperation", "0002_editors_group"),
        ("subsidies", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
