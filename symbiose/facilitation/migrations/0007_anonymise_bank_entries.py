"""Bank entries shelved before issue 11.5 copied the opportunity's title, which the demo (and
the "from matches" button) wrote as "<offer> → <organisation name>". The bank promises no
company names: replace every registered organisation's name in stored titles, descriptions
and stream titles by "en organisasjon" (the platform's default language)."""

import re

from django.db import migrations

LEGAL_FORMS = {"as", "asa", "sa", "ans", "da", "ba", "ks", "iks", "kf", "nuf", "ab", "oy",
               "ltd", "plc", "gmbh", "ag", "inc", "llc"}  # fmt: skip
REPLACEMENT = "en organisasjon"


def _pattern(name):
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in LEGAL_FORMS:
        words = words[:-1]
    forms = {name} | ({" ".join(words)} if len(" ".join(words)) >= 4 else set())
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def anonymise(apps, schema_editor):
    Organisation = apps.get_model("registry", "Organisation")
    BankEntry = apps.get_model("facilitation", "BankEntry")
    patterns = [_pattern(n) for n in Organisation.objects.values_list("name", flat=True) if n]
    if not patterns:
        return

    def clean(text):
        for p in patterns:
            text = p.sub(REPLACEMENT, text or "")
        return text

    for entry in BankEntry.objects.all():
        streams = [
            {**s, "title": clean(s["title"])} if s.get("title") else s for s in entry.streams or []
        ]
        new = (clean(entry.title)[:200], clean(entry.description), clean(entry.reason), streams)
        if new != (entry.title, entry.description, entry.reason, entry.streams):
            entry.title, entry.description, entry.reason, entry.streams = new
            entry.save(update_fields=["title", "description", "reason", "streams"])


class Migration(migrations.Migration):
    dependencies = [
        ("facilitation", "0006_hub_membership_requests"),
        ("registry", "0002_join_requests"),
    ]

    operations = [migrations.RunPython(anonymise, migrations.RunPython.noop)]
