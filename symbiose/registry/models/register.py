"""Entities of the public Central Coordinating Register (Enhetsregisteret), loaded offline."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegisterEntry(models.Model):
    """One entity from the register's bulk file (``symbiose import-register``).

    Public data, kept as published (the NACE code as the register writes it, e.g. "24.420"),
    so sign-up and the organisation form can fill in name, industry, municipality and a
    location from the organisation number without going online.
    """

    org_number = models.CharField(_("organisation number"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=300)
    org_form = models.CharField(_("organisation form"), max_length=10, blank=True)
    nace = models.CharField(_("industry code in the register"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    address = models.CharField(_("business address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    postplace = models.CharField(_("post office"), max_length=100, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return f"{self.org_number} {self.name}"
