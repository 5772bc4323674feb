from django.db import migrations

from core.staff_groups import CRESI, grant_model_permissions, revoke_model_permissions

# The « CRESI » group follows, in the admin, the e-mails sent about registrations: which left,
# which wait for another attempt, which failed for good (core/admin.py shows it those only).


def grant(apps, schema_editor):
    grant_model_permissions(apps, CRESI, "core", ["emailtask"], ["view"])


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, CRESI, "core", ["emailtask"], ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_email_task"),
        ("cresi", "0004_cover_without_metadata"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
