"""Families of materials that were read wrongly or not at all (issue 12, stop 29's list).

Each family is a class of phrasings, not one listing: off-grade and rejected produce, shoes,
bags and clothes, mineral wool, tare soil from beet and potato washing, iron and water-works
sludge, digestate named by its plant, residues named by the process that made them (paper
making, ethanol), and steel in its semi-finished forms. Sources in ``data/README.md``,
"Misread families".
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.legal import class_uses
from symbiose.taxonomy.materials import ancestors, classes_for_ewc


def _ids(text: str, **kw) -> list[str]:
    return [h.class_id for h in classify(text, **kw).classes]


def _first(text: str, **kw) -> str | None:
    ids = _ids(text, **kw)
    return ids[0] if ids else None


PRODUCE = [
    "Reject kiwifruit", "Rejected apples", "Off-grade potatoes", "Out-of-grade fruit",
    "Cull potatoes", "Fruit and vegetable rejects", "Unsold produce", "Surplus vegetables",
    "Frasortert frukt og grønt", "Utsorterte poteter", "Utsorterad frukt", "Kasserade grönsaker",
    "Frasorterede kartofler", "Aussortiertes Obst", "Ausschussobst", "Fallobst",
    "Afgekeurde aardappelen", "Uitval aardappelen", "Onverkochte groenten en fruit",
    "Fruits déclassés", "Écarts de tri", "Frutta di scarto", "Scarti ortofrutticoli",
    "Fruta de destrío", "Hortalizas de destrío",
]  # fmt: skip


@pytest.mark.parametrize("text", PRODUCE)
def test_rejected_and_off_grade_produce_is_a_food_residue(text):
    ids = _ids(text)
    assert ids and "organic" in ancestors(ids[0]), ids
    assert "rdf" not in ids
    assert "feed" in class_uses(ids[0])


@pytest.mark.parametrize("text", ["Kiwifruit", "Apples", "Poteter", "Kartoffeln", "Tomates"])
def test_a_bare_fruit_or_vegetable_is_a_residue_only_with_a_code_or_sector(text):
    assert _ids(text) == []
    assert "organic" in ancestors(_first(text, ewc_code="020304"))


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [("Reject", None, None), ("Rejects", None, None), ("Rejects", "191212", "rdf"),
     ("Pulper rejects", None, "rdf"), ("Sorting rejects", None, "rdf"),
     ("Rejekt fra forbehandling av matavfall", "191212", "rdf")],
)  # fmt: skip
def test_a_bare_english_reject_takes_its_class_from_the_context(text, code, expected):
    assert _first(text, ewc_code=code) == expected


@pytest.mark.parametrize("text", ["Rejected lithium-ion battery cells", "Glass fibre rejects"])
def test_a_reject_of_a_named_material_is_that_material(text):
    assert "rdf" not in _ids(text)


GOODS = [
    "Skor och väskor", "Used shoes and bags", "Second-hand clothes", "Footwear",
    "Handbags and leather goods", "Brukte sko og vesker", "Skotøy", "Brugt fodtøj og tasker",
    "Schuhe und Taschen", "Altkleider", "Gebrauchte Kleidung", "Schoenen en tassen",
    "Chaussures et maroquinerie", "Scarpe e borse usate", "Zapatos y bolsos", "Skór og töskur",
]  # fmt: skip


@pytest.mark.parametrize("text", GOODS)
def test_shoes_bags_and_clothes_are_textiles_for_reuse(text):
    ids = _ids(text)
    assert ids and "textile" in ancestors(ids[0]), ids
    assert "rdf" not in ids
    assert "water_use" not in classify(text).uses


WOOL = [
    "Gebruikte steenwolmatten", "Used stone wool slabs", "Rockwool growing slabs",
    "Mineral wool waste", "Glass wool offcuts", "Brukt steinull fra veksthus", "Steinullsmatter",
    "Stenullsmattor", "Stenuld", "Steinwolle", "Mineralwolleabfälle", "Laine de roche usagée",
    "Lana di roccia", "Lana de roca", "Kivivilla", "Wełna mineralna",
]  # fmt: skip


@pytest.mark.parametrize("text", WOOL)
def test_used_mineral_wool_is_mineral_wool_not_plastic_or_rock(text):
    assert _first(text, ewc_code="020104") == "mineral_wool_waste"
    assert _first(text) == "mineral_wool_waste"


def test_mineral_wool_goes_back_to_the_furnace_or_into_bricks():
    assert {"mineral_wool", "bricks"} <= class_uses("mineral_wool_waste")
    assert classes_for_ewc("170604") == ("mineral_wool_waste",)
    assert classes_for_ewc("170601") == ("asbestos_insulation",)
    assert classes_for_ewc("101103") == ("mineral_wool_waste",)


@pytest.mark.parametrize(
    "text", ["Glass fibre waste", "Waste glass fibre strand", "Glassfiberavfall"]
)
def test_glass_fibre_waste_is_a_mineral_wool_that_cement_takes(text):
    assert _first(text) == "mineral_wool_waste"
    assert "cement" in class_uses("mineral_wool_waste")


@pytest.mark.parametrize(
    "text", ["Fibreglass composites", "Glassfiberarmert plast", "Glass cullet"]
)
def test_fibreglass_plastic_and_cullet_are_no_mineral_wool(text):
    assert "mineral_wool_waste" not in _ids(text)


@pytest.mark.parametrize(
    "text", ["Stone wool production", "Recycling into stone wool", "Mineral wool"]
)
def test_a_need_naming_mineral_wool_wants_the_insulation_maker(text):
    assert "mineral_wool" in classify(text, direction="need").uses


TARE = [
    "Tarragrond", "Tarragrond van de bietenwassing", "Tare soil from beet washing", "Beet soil",
    "Rübenerde", "Erdanhang", "Betjord", "Roejord", "Terre de tare", "Terres de lavage",
    "Terra di lavaggio", "Tierra de lavado",
]  # fmt: skip


@pytest.mark.parametrize("text", TARE)
def test_tare_soil_is_soil(text):
    assert _first(text) == "tare_soil"
    assert _first(text, ewc_code="020401") == "tare_soil"
    assert "soil" in ancestors("tare_soil")


def test_the_beet_washing_code_is_soil_and_the_rest_of_its_chapter_sugar():
    assert classes_for_ewc("020401") == ("tare_soil",)
    assert classes_for_ewc("020499") == ("sugar_residue",)


IRON = [
    "IJzerslib", "IJzerslib van de drinkwaterzuivering", "Iron sludge",
    "Iron hydroxide sludge from groundwater treatment", "Water works sludge", "Alum sludge",
    "Jernslam", "Vannverksslam", "Järnslam", "Okkerslam", "Eisenhydroxidschlamm",
    "Enteisenungsschlamm", "Boues ferriques", "Fanghi di potabilizzazione", "Lodos férricos",
    "Rautaliete", "Osady żelazowe",
]  # fmt: skip


@pytest.mark.parametrize("text", IRON)
def test_iron_and_water_works_sludge_is_read(text):
    assert _first(text) == "iron_sludge"


def test_iron_sludge_binds_phosphate_and_sulphide():
    assert {"wastewater_treatment", "biogas"} <= class_uses("iron_sludge")
    assert "energy_recovery" not in class_uses("iron_sludge")
    assert _first("", ewc_code="190902") == "iron_sludge"


DIGESTATE = [
    "Biogas plant residues", "Residue from the biogas plant digester", "Digester residue",
    "Anaerobic digestion residues", "Bioslurry", "Afgasset gylle", "Biogasresidu",
    "Résidus de méthanisation", "Gärreste", "Rötrest", "Biorest",
]  # fmt: skip


@pytest.mark.parametrize("text", DIGESTATE)
def test_what_a_biogas_plant_leaves_is_digestate(text):
    assert _first(text) == "digestate"
    assert "crop_residue" not in _ids(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Paper production residues", "sludge_fibre"), ("Paper mill residues", "sludge_fibre"),
     ("Papermaking residues", "sludge_fibre"), ("Pulp and paper residues", "sludge_fibre"),
     ("Pappersbruksslam", "sludge_fibre"),
     ("Reststoffe der Papierherstellung", "sludge_fibre"), ("Boues de papeterie", "sludge_fibre"),
     ("Fanghi di cartiera", "sludge_fibre"), ("Lodos de papelera", "sludge_fibre"),
     ("Ethanol production residues", "vinasse"), ("Bioethanol residues", "vinasse"),
     ("Whole stillage", "vinasse"), ("Etanolrester", "vinasse"), ("Getreideschlempe", "vinasse"),
     ("Residuos de la producción de etanol", "vinasse")],
)  # fmt: skip
def test_a_residue_named_by_its_process_is_what_that_process_leaves(text, expected):
    ids = _ids(text)
    assert ids[0] == expected, ids
    assert "food_processing_residue" not in ids


METAL_FORMS = [
    "Steel rod", "Steel rods", "Steel bars", "Wire rod", "Steel coils", "Steel sheet offcuts",
    "Rebar", "Reinforcing bars", "Stainless steel", "Structural steel beams", "Iron pipes",
    "Armeringsjern", "Stålstenger", "Armeringsjärn", "Stahlprofile", "Betonstahl", "Walzdraht",
    "Staalplaten", "Betonstaal", "Barres d'acier", "Acier inoxydable", "Tondino per cemento armato",
    "Acciaio inox", "Barras de acero", "Acero corrugado",
]  # fmt: skip


@pytest.mark.parametrize("text", METAL_FORMS)
def test_steel_in_its_semi_finished_forms_is_ferrous_metal(text):
    assert _first(text) == "metal_ferrous"


@pytest.mark.parametrize(
    "text",
    [
        "Slag from steel production",
        "Steel slag",
        "Steel plant",
        "Coal gas from iron and steel making",
    ],
)
def test_steel_as_a_process_or_a_plant_is_no_metal_offer(text):
    assert "metal_ferrous" not in _ids(text)
