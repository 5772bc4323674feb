from django.db import migrations

from core.fulltext import CreateSearchTrigger
from core.staff_groups import EDITORS, grant_model_permissions, revoke_model_permissions

# The « Éditeurs » keep the directory: the actors and their links, the log of merges (read
# only), and the requests to be listed, which hold personal data: no other group sees them. They
# also follow the e-mails sent about those requests.
PUBLIC_MODELS = [
    "actor",
    "actordomain",
    "actorgoal",
    "actorbeneficiary",
    "actorpartner",
    "actorprojectpartner",
    "actortraining",
]


def grant(apps, schema_editor):
    grant_model_permissions(apps, EDITORS, "actors", PUBLIC_MODELS)
    grant_model_permissions(apps, EDITORS, "actors", ["actormerge"], ["view"])
    grant_model_permissions(apps, EDITORS, "actors", ["actorrequest"], ["change", "view"])
    grant_model_permissions(apps, EDITORS, "core", ["emailtask"], ["view"])


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, EDITORS, "actors", PUBLIC_MODELS)
    revoke_model_permissions(apps, EDITORS, "actors", ["actormerge"], ["view"])
    revoke_model_permissions(apps, EDITORS, "actors", ["actorrequest"], ["change", "view"])
    revoke_model_permissions(apps, EDITORS, "core", ["emailtask"], ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_email_task"),
        ("actors", "0001_initial"),
    ]

    operations = [
        CreateSearchTrigger(
            model_name="actor", fields=["name", "commune", "presentation", "presentation_en"]
        ),
        migrations.RunPython(grant, revoke),
    ]
