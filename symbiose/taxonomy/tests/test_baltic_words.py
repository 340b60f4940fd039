"""Lithuanian, Latvian and Estonian words of version 5 of ``data/material_words.csv`` and
``data/sector_words.csv``: a listing in one of these languages finds its class, its use and
its sector in inflected forms the rows do not list, and no new word reads an everyday word of
another language (checked against the ``wordfreq`` lists of 21 languages when the words were
written) as a material, use or sector."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify, default_matcher

# Each text is written as a listing would be, in forms that are not terms of the rows
# (genitive, plural, a phrase with its first word inflected).
OFFERS = [
    ("Panaudota druskos rūgštis iš ėsdinimo linijos", "material", "acid_hydrochloric"),
    ("Aukštakrosnių šlako granulės", "material", "slag_blast_furnace"),
    ("Plieno gamybos šlakas", "material", "slag_steel"),
    ("Metalų hidroksidų dumblas iš galvanikos", "material", "sludge_metal_hydroxide"),
    ("Ligninas iš celiuliozės gamyklos", "material", "pulping_liquor"),
    ("Tērauda ražošanas izdedži", "material", "slag_steel"),
    ("Nostrādātā motoreļļa", "material", "oil"),
    ("Sērskābe no ražošanas", "material", "acid_sulphuric"),
    ("Kafijas biezumi no kafejnīcas", "material", "coffee_grounds"),
    ("Fosfoģipsis no minerālmēslu rūpnīcas", "material", "gypsum_phospho"),
    ("Koldetuhk jäätmepõletustehasest", "material", "ash_bottom"),
    ("Kõrgahjuräbu, granuleeritud", "material", "slag_blast_furnace"),
    ("Kasutatud peitslahus", "material", "acid_pickling"),
    ("Kohvipaks kohvikutest", "material", "coffee_grounds"),
    ("Tsingituhk kuumtsinkimisest", "material", "metal_zinc"),
    ("Dūmgāzu siltums", "heat", "flue_gas"),
]


@pytest.mark.parametrize(("text", "category", "expected"), OFFERS)
def test_a_baltic_offer_finds_its_class(text, category, expected):
    found = classify(text, category=category, direction="offer").classes
    assert found and found[0].class_id == expected, found


@pytest.mark.parametrize(
    ("text", "use", "sector"),
    [
        ("Žaliava asfaltbetonio gamyklai", "asphalt", "23.99"),
        ("Izejviela minerālvates ražošanai", "mineral_wool", None),
        ("Tooraine kipsplaatide tootmiseks", "plasterboard", None),
        ("Kiaulių fermai pašarai", "feed", "01.46"),
        ("Žaliava celiuliozės gamyklai", None, "17.11"),
        ("Jäätmed haiglast", None, "86.10"),
    ],
)
def test_a_baltic_need_names_its_use_and_sector(text, use, sector):
    if use:
        assert use in classify(text, direction="need").uses
    if sector:
        assert sector in default_matcher().find(text)["sectors"]


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # Latvian "skābe" (acid) is Danish "skabe" (to create; cupboards): phrases only.
        ("Vi vil skabe værdi", {"acid"}),
        # Latvian "sāls" (salt) folds to "sals", Latvian for frost; "aļģu" (algae) to "algu",
        # a wage; Latvian "siers" (cheese) is not Lithuanian "siera" (sulphur).
        ("Sals un sniegs", {"salt"}),
        ("Algu fonds", {"algae"}),
        ("Siera ražotne", {"sulphur"}),
        # Lithuanian "varis" (copper) is Finnish for a crow; Estonian "külma" Finnish
        # "kulma" (a corner); Estonian "hape" Norwegian "håpe" (to hope).
        ("Varis ja kulma", {"metal_copper", "cold"}),
        ("Vi håper på svar", {"acid"}),
        # Estonian "pigi" (pitch) is Greek "πηγή" (a source) and Lithuanian "pigi" (cheap).
        ("Pigi kaina", {"pitch_tar"}),
        # Estonian "värvid" (paints) is Swedish "varvid" (at the shipyard); Latvian "lakas"
        # Hungarian "lakás" (a flat); Latvian "malka" Bulgarian "малка" (small).
        ("Stål från varvid", {"paint_adhesive"}),
        ("Lakás bérlés", {"paint_adhesive"}),
        ("малка партида", {"biomass"}),
        # Estonian "tõrv" (tar) folds to Scandinavian "torv" (peat; a market square).
        ("Torv til jordforbedring", {"pitch_tar"}),
    ],
)
def test_a_baltic_word_does_not_read_another_languages_word(text, not_expected):
    found = {h.class_id for h in classify(text).classes} | set(classify(text).uses)
    assert not found & not_expected, found


def test_latvian_wood_is_no_longer_read_as_coke():
    """Polish and Estonian "koks" (coke) starts Latvian "koksne" (wood); the longer Latvian
    word now wins."""
    assert [h.class_id for h in classify("Koksne").classes] == ["biomass"]
    assert "carbon" not in {h.class_id for h in classify("Koksnes atlikumi").classes}
