"""Readiness level texts come in Norwegian and English; an administrator's edit wins."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from symbiose.facilitation.actions import do_assess_readiness, do_create_opportunity
from symbiose.facilitation.models import ReadinessLevel

NB_3 = "Laboratorieforsøk viser at materialet eller energien kan utnyttes."
EN_3 = "Laboratory tests show that the material or energy can be used."


@pytest.fixture
def opp(hubworld):
    opp = do_create_opportunity(
        hubworld.hub, {"title": "Heat"}, streams=[hubworld.public_stream],
        acting_user=hubworld.facilitator,
    )  # fmt: skip
    do_assess_readiness(opp, {"technological": 3}, acting_user=hubworld.facilitator)
    return opp


@pytest.mark.parametrize("language,shown,hidden", [("nb", NB_3, EN_3), ("en", EN_3, NB_3)])
def test_the_readiness_texts_follow_the_readers_language(client, hubworld, opp, language,
                                                         shown, hidden):  # fmt: skip
    client.force_login(hubworld.facilitator)
    page = client.get(f"/hub/o/{opp.ref}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert shown in page and hidden not in page


def test_a_company_reads_its_opportunitys_level_in_norwegian(client, hubworld, opp):
    client.force_login(hubworld.owner)
    do_assess_readiness(opp, {"business": 2}, acting_user=hubworld.facilitator)
    page = client.get(f"/hub/o/{opp.ref}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Verdien for begge parter er beskrevet med ord." in page


def test_every_level_of_every_dimension_has_both_texts(db):
    rows = ReadinessLevel.objects.all()
    assert rows.count() == 36
    assert all(r.description_nb and r.description_en for r in rows)
    assert all(r.description_nb != r.description_en for r in rows)


def test_an_administrators_edit_is_shown_in_its_language(client, hubworld, opp):
    level = ReadinessLevel.objects.get(dimension="technological", level=3)
    client.force_login(hubworld.admin)
    url = reverse("admin:facilitation_readinesslevel_change", args=[level.pk])
    response = client.post(url, {"dimension": "technological", "level": 3,
                                 "description_nb": "Testet i vårt eget laboratorium.",
                                 "description_en": EN_3})  # fmt: skip
    assert response.status_code == 302
    client.force_login(hubworld.facilitator)
    nb = client.get(f"/hub/o/{opp.ref}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    en = client.get(f"/hub/o/{opp.ref}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Testet i vårt eget laboratorium." in nb and NB_3 not in nb
    assert EN_3 in en


def test_an_empty_text_falls_back_to_the_other_language(db):
    from django.utils import translation

    level = ReadinessLevel(dimension="business", level=1, description_en="Only English")
    with translation.override("nb"):
        assert level.description == "Only English"


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_norwegian_defaults_and_keeps_an_earlier_edit_for_both():
    executor = MigrationExecutor(connection)
    before = [("facilitation", "0004_follow_up_tasks")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("facilitation", "ReadinessLevel")
    # An earlier transactional test may have emptied the table, so make the edited row exist.
    old.objects.update_or_create(
        dimension="ecological", level=9, defaults={"description": "Målt av oss."}
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    edited = ReadinessLevel.objects.get(dimension="ecological", level=9)
    assert edited.description_nb == edited.description_en == "Målt av oss."
    untouched = ReadinessLevel.objects.get(dimension="technological", level=3)
    assert (untouched.description_nb, untouched.description_en) == (NB_3, EN_3)
