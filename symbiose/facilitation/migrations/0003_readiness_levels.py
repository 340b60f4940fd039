"""Default level descriptions for the four readiness dimensions (admins edit them later)."""

from django.db import migrations

LEVELS = {
    "technological": [
        "The side stream and a possible use are identified.",
        "A technical concept for the use is described.",
        "Laboratory tests show that the material or energy can be used.",
        "The process is validated at small scale with real samples.",
        "The process is validated at pilot scale in a relevant environment.",
        "A full-scale prototype is demonstrated in a relevant environment.",
        "A full-scale system is demonstrated at the partners' sites.",
        "The system is complete, qualified and approved for operation.",
        "The system has proven itself in continuous operation.",
    ],
    "business": [
        "A possible value for one party is noted.",
        "Value for both parties is described in words.",
        "A first estimate of costs, revenues and volumes exists.",
        "A business case is calculated with the partners' own figures.",
        "The business model and sharing of risk are agreed in principle.",
        "Financing and investment plan are drafted; letters of intent signed.",
        "Contracts are negotiated and financing is committed.",
        "Contracts are signed and the investment decision is made.",
        "The exchange runs profitably for every party.",
    ],
    "ecological": [
        "A possible environmental benefit is noted.",
        "The benefit is described (emissions, resources, waste avoided).",
        "A first estimate of CO2 and resource savings exists.",
        "A screening life-cycle assessment shows a net benefit.",
        "Legal status (waste, by-product, end-of-waste) is clarified.",
        "Permit needs are known and applications are prepared.",
        "Permits are granted and a full assessment confirms the benefit.",
        "Environmental monitoring is in place.",
        "The benefit is measured and reported in operation.",
    ],
    "organisational": [
        "The parties are not yet in contact.",
        "The parties know about each other and the idea.",
        "The parties have met and share a wish to explore it.",
        "A facilitator or contact person is appointed for the work.",
        "A partnership with roles and a work plan is formed.",
        "Management in every party has endorsed the project.",
        "Governance, responsibilities and data sharing are agreed in writing.",
        "The organisation for running the exchange is in place.",
        "The collaboration is part of every party's strategy and routines.",
    ],
}


def forwards(apps, schema_editor):
    model = apps.get_model("facilitation", "ReadinessLevel")
    for dimension, texts in LEVELS.items():
        for level, text in enumerate(texts, 1):
            model.objects.get_or_create(
                dimension=dimension, level=level, defaults={"description": text}
            )


class Migration(migrations.Migration):
    dependencies = [("facilitation", "0002_opportunities")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
