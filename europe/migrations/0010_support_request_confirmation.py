import hashlib
import secrets

from django.db import migrations, models
from django.db.models import F


def confirm_the_requests_made_before(apps, schema_editor):
    """Requests made before addresses were confirmed already reached the mission Europe: they
    stay, as confirmed when they were made; their confirmation link leads nowhere."""
    SupportRequest = apps.get_model("europe", "SupportRequest")
    SupportRequest.objects.update(confirmed_at=F("created_at"), confirm_before=F("created_at"))
    for support_request in SupportRequest.objects.filter(confirm_token_hash=None).only("pk"):
        unusable = hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()
        SupportRequest.objects.filter(pk=support_request.pk).update(
            token_seed=secrets.token_hex(32), confirm_token_hash=unusable
        )


class Migration(migrations.Migration):
    dependencies = [("europe", "0009_europe_follows_its_emails")]

    operations = [
        migrations.AddField(
            model_name="supportrequest",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="adresse confirmée le"
            ),
        ),
        migrations.AddField(
            model_name="supportrequest",
            name="confirm_before",
            field=models.DateTimeField(null=True, verbose_name="à confirmer avant le"),
        ),
        migrations.AddField(
            model_name="supportrequest",
            name="token_seed",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="graine des liens"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="supportrequest",
            name="confirm_token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                null=True,
                unique=True,
                verbose_name="empreinte du lien de confirmation",
            ),
        ),
        migrations.RunPython(confirm_the_requests_made_before, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="supportrequest",
            name="confirm_before",
            field=models.DateTimeField(verbose_name="à confirmer avant le"),
        ),
        migrations.AlterField(
            model_name="supportrequest",
            name="confirm_token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="empreinte du lien de confirmation",
            ),
        ),
    ]
