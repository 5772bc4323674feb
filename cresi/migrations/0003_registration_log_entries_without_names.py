from django.db import migrations
from django.db.models import TextField, Value
from django.db.models.functions import Concat


def forget_names(apps, schema_editor):
    """The admin's history kept « <name> – <session> » for each registration it logged; only
    the registration's number is kept now (see ``Registration.__str__``)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    content_type = ContentType.objects.filter(app_label="cresi", model="registration").first()
    if content_type is None:
        return
    LogEntry.objects.filter(content_type=content_type).update(
        object_repr=Concat(Value("Inscription n°\xa0"), "object_id", output_field=TextField())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cresi", "0002_cresi_group"),
    ]

    operations = [migrations.RunPython(forget_names, migrations.RunPython.noop)]
