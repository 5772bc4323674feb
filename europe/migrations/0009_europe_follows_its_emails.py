from django.db import migrations

from core.staff_groups import EUROPE, grant_model_permissions, revoke_model_permissions

# The « Europe » group follows, in the admin, the e-mails sent about support requests: which
# left, which wait for another attempt, which failed for good (core/admin.py shows it those only).


def grant(apps, schema_editor):
    grant_model_permissions(apps, EUROPE, "core", ["emailtask"], ["view"])


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, EUROPE, "core", ["emailtask"], ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_email_task"),
        ("europe", "0008_support_request_phone_validation"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
