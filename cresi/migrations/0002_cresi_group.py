from django.db import migrations

from core.staff_groups import CRESI, grant_model_permissions, revoke_model_permissions

# The « CRESI » group keeps the whole resource centre, registrations (personal data) included;
# no other group gets any permission on these models.
MODELS = ["theme", "resource", "cataloguerecord", "trainingsession", "registration"]


def grant(apps, schema_editor):
    grant_model_permissions(apps, CRESI, "cresi", MODELS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, CRESI, "cresi", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cresi", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
