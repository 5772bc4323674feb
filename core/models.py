from django.db import models
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult, get_date_max

from .mail import RETRY_SCHEDULED, email_task_label
from .registry import portal_apps
from .rendering import ChoiceLabelsMixin


class PublishableQuerySet(models.QuerySet):
    """Records staff publish or keep as draft: ``published()`` keeps what the public may see.

    A record is published when its ``published_flag`` column is true, and when each record it is
    tied to by a foreign key named in ``published_with`` is published too, by that record's own
    rule; a null key holds nothing back. ``published_flag = None`` is for a record without a
    column of its own (a total kept of published records).
    """

    published_flag = "is_published"
    published_with = ()

    def published(self):
        return self.filter(self.published_condition())

    def published_condition(self, prefix=""):
        """The condition of ``published()``, its lookups prefixed by ``prefix`` (``"zone__"``)
        when it is asked from a record tied to this one."""
        condition = Q(**{f"{prefix}{self.published_flag}": True}) if self.published_flag else Q()
        for name in self.published_with:
            field = self.model._meta.get_field(name)
            parent = field.related_model._default_manager.all()
            parent_condition = parent.published_condition(f"{prefix}{name}__")
            if field.null:
                parent_condition = Q(**{f"{prefix}{name}__isnull": True}) | parent_condition
            condition &= parent_condition
        return condition


class TimeStampedModel(ChoiceLabelsMixin, models.Model):
    """Abstract base giving every record its creation and last-change times (and cheap
    ``get_<field>_display()``: ``core.rendering``)."""

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class ViewCountedModel(models.Model):
    """Abstract base for public pages that show how many times they were viewed.

    Views are added up by ``core.counters`` and written in batches (``F() + n``), so
    simultaneous views all count; nothing about the visitor is stored: no cookie, no address.
    """

    view_count = models.PositiveIntegerField(_("nombre de vues"), default=0, editable=False)
    #: Columns written by ``core.counters``: not content, so writing them keeps the cached pages.
    counter_fields = ("view_count",)

    class Meta:
        abstract = True

    def record_view(self):
        """Counts one view; ``view_count`` then includes it, and the views this process holds
        still unwritten (those held by other processes show once written)."""
        from .counters import count, counts

        count(self, "view_count")
        self.view_count += counts.held(self._meta.label, self.pk, "view_count") or 1


class ContentVersion(models.Model):
    """A single row whose number changes with every content change (see ``cache.py``).

    Kept in the database, the source of truth every process and command shares, so that a
    change made anywhere (admin, import, another app server) empties every cache.
    """

    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self):
        return str(self.version)


class EmailTaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The tasks of the apps whose ``email_tasks_permission`` the user holds (e-mails name
        the people of the app's records); every task for a superuser."""
        if user.is_superuser:
            return self.all()
        condition = Q(pk__in=[])
        for config in portal_apps():
            permission = config.email_tasks_permission
            if permission and user.has_perm(permission):
                condition |= Q(task_path__startswith=f"{config.name}.")
        return self.filter(condition)

    def waiting(self):
        return self.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])

    def sent(self):
        return self.filter(status=TaskResultStatus.SUCCESSFUL)

    def retried(self):
        """Failed attempts after which another one was queued."""
        return self.filter(status=TaskResultStatus.FAILED, exception_class_path=RETRY_SCHEDULED)

    def failed_for_good(self):
        """Failed attempts after which none was queued: the e-mail was not sent."""
        return self.filter(status=TaskResultStatus.FAILED).exclude(
            exception_class_path=RETRY_SCHEDULED
        )

    def finished_before(self, moment):
        return self.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
            finished_at__lt=moment,
        )


class EmailTask(DBTaskResult):
    """An e-mail in the task queue (a row of ``django_tasks_db``'s table), as staff follow it.

    Each attempt is a row: a failed one says whether another was queued (``core/mail.py``).
    """

    objects = EmailTaskQuerySet.as_manager()

    class Meta:
        proxy = True
        ordering = ["-enqueued_at"]
        verbose_name = _("envoi de courriel")
        verbose_name_plural = _("envois de courriels")

    def __str__(self):
        return _("%(label)s, essai n° %(attempt)s") % {
            "label": self.label,
            "attempt": self.attempt,
        }

    @property
    def label(self):
        return email_task_label(self.task_path)

    @property
    def attempt(self):
        return (self.args_kwargs or {}).get("kwargs", {}).get("attempt", 1)

    @property
    def is_deferred(self):
        return self.run_after != get_date_max() and self.run_after > timezone.now()

    @property
    def state(self):
        if self.status == TaskResultStatus.READY:
            return _("nouvel essai prévu") if self.is_deferred else _("en attente d'envoi")
        if self.status == TaskResultStatus.RUNNING:
            return _("envoi en cours")
        if self.status == TaskResultStatus.SUCCESSFUL:
            if self.return_value is False:
                return _("sans objet : l'enregistrement a été supprimé")
            return _("envoyé")
        if self.exception_class_path == RETRY_SCHEDULED:
            return _("échec, nouvel essai prévu")
        return _("échec définitif")

    @property
    def error(self):
        """The last line of the traceback: the exception and its message."""
        lines = [line for line in self.traceback.splitlines() if line.strip()]
        return lines[-1] if lines else ""
