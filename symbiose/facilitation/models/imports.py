"""A large upload of the listing template, checked and saved by a task worker.

Small uploads are previewed and saved within the request; a file larger than
``settings.SYMBIOSE_IMPORT_TASK_BYTES`` becomes an :class:`ImportJob`: a worker checks it (the
preview), the facilitator confirms, a worker saves it, and the job's page shows each stage.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.hub import Hub
from symbiose.facilitation.models.workshop import Workshop


class ImportJob(models.Model):
    STATUSES = [
        ("checking", _("checking the file")),
        ("checked", _("ready to confirm")),
        ("saving", _("saving")),
        ("saved", _("saved")),
        ("failed", _("failed")),
    ]

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    workshop = models.ForeignKey(Workshop, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("file"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default="checking")
    #: Preview rows as [sheet, row, ref, action, [changes]] and problems as
    #: [label, row, column, template, params]: rendered in the reader's language.
    rows = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    counts = models.JSONField(default=dict)
    #: NACE Rev. 2.1 codes the facilitator chose for organisations rows ({"5": "10.11"}), as in
    #: the in-request preview; the next check plans with them.
    nace = models.JSONField(default=dict)
    #: Rows checked so far and rows in the file, written by the worker as it goes.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def busy(self) -> bool:
        """Whether a worker is still on it (the page reloads itself meanwhile)."""
        return self.status in ("checking", "saving")

    @property
    def percent(self) -> int:
        """Rows checked, as a whole percentage of the rows in the file."""
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def writing(self) -> bool:
        """Saving, with every row checked again: the registry rows are being written."""
        return self.status == "saving" and self.total > 0 and self.done >= self.total
