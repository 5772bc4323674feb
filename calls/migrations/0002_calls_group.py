from django.db import migrations

from core.staff_groups import CALLS, grant_model_permissions, revoke_model_permissions

# The « Appels à projets » group runs the calls and instructs their applications (personal
# data): no other group gets any permission on these models. Applications, their budget and
# attachments come from the public form: the group reads and instructs them, never adds them.
CONFIGURE = ["call", "attachmentkind", "criterion", "score"]
INSTRUCT = ["application"]
READ = ["budgetitem", "attachment", "statuschange"]


def grant(apps, schema_editor):
    grant_model_permissions(apps, CALLS, "calls", CONFIGURE)
    grant_model_permissions(apps, CALLS, "calls", INSTRUCT, actions=("change", "view"))
    grant_model_permissions(apps, CALLS, "calls", READ, actions=("view",))
    # It follows the e-mails sent to applicants (core/admin.py shows it those only).
    grant_model_permissions(apps, CALLS, "core", ["emailtask"], ["view"])


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, CALLS, "calls", CONFIGURE + INSTRUCT + READ)
    revoke_model_permissions(apps, CALLS, "core", ["emailtask"], ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_email_task"),
        ("calls", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
