import hashlib
import secrets

from django.db import migrations, models
from django.db.models import F


def confirm_the_registrations_made_before(apps, schema_editor):
    """Registrations made before addresses were confirmed were taken as they came: they keep
    their place, as confirmed when they were made; their confirmation link leads nowhere."""
    Registration = apps.get_model("cresi", "Registration")
    Registration.objects.update(confirmed_at=F("created_at"), confirm_before=F("created_at"))
    for registration in Registration.objects.filter(confirm_token_hash=None).only("pk"):
        unusable = hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()
        Registration.objects.filter(pk=registration.pk).update(confirm_token_hash=unusable)


class Migration(migrations.Migration):
    dependencies = [("cresi", "0006_registration_token_seed")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="adresse confirmée le"
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirm_before",
            field=models.DateTimeField(null=True, verbose_name="à confirmer avant le"),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirm_token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                null=True,
                unique=True,
                verbose_name="empreinte du lien de confirmation",
            ),
        ),
        migrations.RunPython(confirm_the_registrations_made_before, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="confirm_before",
            field=models.DateTimeField(verbose_name="à confirmer avant le"),
        ),
        migrations.AlterField(
            model_name="registration",
            name="confirm_token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="empreinte du lien de confirmation",
            ),
        ),
    ]
