from django.db import migrations

from core.staff_groups import EDITORS, FINANCE, grant_model_permissions, revoke_model_permissions

# The official code lists are loaded by a command, never edited: staff who tag actions, aid
# (Éditeurs) and decisions (Finances) only read them.
MODELS = ["codelist", "sdggoal", "sdgtarget", "daccategory", "dacpurpose"]


def grant(apps, schema_editor):
    for group in (EDITORS, FINANCE):
        grant_model_permissions(apps, group, "cooperation", MODELS, actions=("view",))


def revoke(apps, schema_editor):
    for group in (EDITORS, FINANCE):
        revoke_model_permissions(apps, group, "cooperation", MODELS, actions=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperation", "0006_development_tags"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
