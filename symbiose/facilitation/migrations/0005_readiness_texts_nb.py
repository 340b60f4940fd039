"""Readiness level texts in Norwegian and English: each language has its own, editable field.

The English texts seeded by 0003 move to ``description_en``. ``description_nb`` gets the
Norwegian default, unless an administrator had already edited the English text: until now
everyone saw that edit, so it is copied to both languages and keeps winning.
"""

import importlib

from django.db import migrations, models

NB = {
    "technological": [
        "Sidestrømmen og en mulig anvendelse er identifisert.",
        "Et teknisk konsept for anvendelsen er beskrevet.",
        "Laboratorieforsøk viser at materialet eller energien kan utnyttes.",
        "Prosessen er validert i liten skala med reelle prøver.",
        "Prosessen er validert i pilotskala i et relevant miljø.",
        "En prototyp i full skala er demonstrert i et relevant miljø.",
        "Et fullskala system er demonstrert på partnernes anlegg.",
        "Systemet er ferdigstilt, kvalifisert og godkjent for drift.",
        "Systemet har vist at det fungerer i kontinuerlig drift.",
    ],
    "business": [
        "En mulig verdi for én av partene er notert.",
        "Verdien for begge parter er beskrevet med ord.",
        "Det finnes et første anslag over kostnader, inntekter og volumer.",
        "Lønnsomheten er beregnet med partnernes egne tall.",
        "Forretningsmodell og risikodeling er avtalt i prinsippet.",
        "Utkast til finansierings- og investeringsplan er laget, og intensjonsavtaler er signert.",
        "Kontraktene er fremforhandlet, og finansieringen er sikret.",
        "Kontraktene er signert, og investeringsbeslutningen er tatt.",
        "Utvekslingen er lønnsom for alle parter.",
    ],
    "ecological": [
        "En mulig miljøgevinst er notert.",
        "Gevinsten er beskrevet (utslipp, ressurser, avfall som unngås).",
        "Det finnes et første anslag over CO2-kutt og ressursbesparelser.",
        "En forenklet livsløpsvurdering viser en netto miljøgevinst.",
        "Rettslig status (avfall, biprodukt, opphør av avfallsstatus) er avklart.",
        "Behovet for tillatelser er kjent, og søknadene er forberedt.",
        "Tillatelsene er gitt, og en fullstendig vurdering bekrefter gevinsten.",
        "Miljøovervåking er på plass.",
        "Gevinsten måles og rapporteres i drift.",
    ],
    "organisational": [
        "Partene har ennå ikke kontakt med hverandre.",
        "Partene kjenner til hverandre og idéen.",
        "Partene har møttes og ønsker å utforske idéen sammen.",
        "En fasilitator eller kontaktperson er utpekt for arbeidet.",
        "Et partnerskap med roller og arbeidsplan er etablert.",
        "Ledelsen hos alle parter har sluttet seg til prosjektet.",
        "Styring, ansvar og datadeling er avtalt skriftlig.",
        "Organisasjonen som skal drive utvekslingen, er på plass.",
        "Samarbeidet er en del av strategien og rutinene hos alle parter.",
    ],
}


def english_defaults():
    return importlib.import_module("symbiose.facilitation.migrations.0003_readiness_levels").LEVELS


def forwards(apps, schema_editor):
    model = apps.get_model("facilitation", "ReadinessLevel")
    en = english_defaults()
    for dimension, texts in NB.items():
        for level, nb in enumerate(texts, 1):
            default_en = en[dimension][level - 1]
            row, created = model.objects.get_or_create(
                dimension=dimension,
                level=level,
                defaults={"description_en": default_en, "description_nb": nb},
            )
            if created or row.description_nb:
                continue
            edited = row.description_en.strip() not in ("", default_en)
            row.description_nb = row.description_en if edited else nb
            row.save(update_fields=["description_nb"])


def backwards(apps, schema_editor):
    """Going back keeps one text: the English one."""


class Migration(migrations.Migration):
    dependencies = [("facilitation", "0004_follow_up_tasks")]
    operations = [
        migrations.RenameField(
            model_name="readinesslevel", old_name="description", new_name="description_en"
        ),
        migrations.AlterField(
            model_name="readinesslevel",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="description (English)"),
        ),
        migrations.AddField(
            model_name="readinesslevel",
            name="description_nb",
            field=models.TextField(blank=True, verbose_name="description (Norwegian)"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
