"""The words of other languages and trade names (``data/material_words.csv``) are read, and
never turn an everyday word of any of those languages into a material, use or sector."""

from __future__ import annotations

import csv

import pytest

from symbiose.taxonomy.classify import classify, default_matcher
from symbiose.taxonomy.materials import WORDS_FILE, load_uses, materials_by_id

LANGUAGES = {"nb", "en", "sv", "da", "de", "nl", "fi", "fr", "it", "es", "pl", "cs", "sk", "is",
             "hu", "sl", "hr", "ro", "pt", "el", "bg", "lt", "lv", "et"}  # fmt: skip
#: Languages whose words were added in version 2 (issue 12, fifth session).
CENTRAL_SOUTHERN = {"pl", "cs", "sk", "hu", "sl", "hr", "ro", "pt", "el", "bg"}
#: Lithuanian, Latvian and Estonian: the uses and classes listings name most (version 2).
BALTIC = {"lt", "lv", "et"}
#: Icelandic: only the fish, heat and farming words Icelandic listings name (2026-12-07).
PARTIAL = {"is"}
#: Function words and everyday verbs of the languages listings are written in. Each one
#: was read as a material before ("für" as fur, "tar" in "vi tar imot" as tar), or could be
#: by a careless entry ("as", "stof", "sale", "brea" …).
EVERYDAY = {
    "nb": "og i til fra for med av som er på det en vi tar imot har kan skal eller ikke per år "
    "daglig leder felles våte rensing avtale ved hos over under etter hilsen blei",
    "sv": "och till från för med av som är på det en vi tar emot har kan ska eller inte per år "
    "angående över under efter vid hos leva levande",
    "da": "og til fra for med af som er på det en vi tager imod har kan skal eller ikke om år",
    "de": "und zu von für mit aus als ist auf das ein der die wir nehmen haben kann oder nicht "
    "pro jahr bei nach vor über unter",
    "nl": "en van voor met uit als is op het een de wij nemen hebben kan of ook niet per jaar "
    "grondstof stof bij aan loods algemeen",
    "fi": "ja on ei se että tai myös vuodessa rikki",
    "fr": "et de pour avec du des le la les un une nous avons par an dans sur sous produits "
    "laitiers vente sol",
    "it": "e di per con del della il lo la un una noi abbiamo anno su sotto sale del sole "
    "pellicola sarebbe nero nera",
    "es": "y de para con del la los el un una nosotros tenemos por año sobre pienso que salvado "
    "arena",
    "en": "and to from for with of as is on the a we take have can per year into over under "
    "sale grind spoil marker arena solid charge chart brand branch south soot maize grants "
    "condense",
    "pl": "i w na do dla z ze od po przy oraz lub nie jest są mamy rok rocznie ton kwaśna "
    "paszport kościół krewetki para margines",
    "cs": "a v na do pro z ze od po nebo není je jsou máme rok ročně tun teplota krevety",
    "sk": "a v na do pre z zo od po alebo nie je sú máme rok ročne ton",
    "hu": "és a az egy van nincs évente tonna részére számára után mellett álom",
    "sl": "in v na za iz od po ali ni je so imamo leto letno ton",
    "hr": "i u na za iz od po ili nije je su imamo godina godišnje tona olovka",
    "ro": "și în la pentru din de sau nu este sunt avem anual tone sarebbe serragem sera",
    "pt": "e em no na para de do da com por ou não é são temos ano anual toneladas sul "
    "composto apenas ver",
    "el": "και σε για από με ή δεν είναι έχουμε ετησίως τόνοι",
    "bg": "и в на за от с или не е са имаме годишно тона",
    "lt": "ir į iš su per kad yra nėra metai tonų lietuvos",
    "lv": "un uz no ar par ir nav gadā tonnas",
    "et": "ja on ei ka või aastas tonni tuhat koordinaator",
}
# Not here, knowingly: Romanian "cu" (with) and "pe" (on) are the symbols Cu and PE, which
# listings need as whole words.
# Not here, knowingly: Swedish "mesa" (lime mud; Spanish "table") and Danish "valle" (whey;
# Italian "valley"), trade names that listings in those languages need.
EVERYDAY_WORDS = sorted({(lang, w) for lang, text in EVERYDAY.items() for w in text.split()})


def _rows() -> list[dict[str, str]]:
    with WORDS_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_row_names_a_known_class_or_use_a_language_and_a_source():
    classes, uses = materials_by_id(), load_uses()
    rows = _rows()
    assert len(rows) > 500
    for row in rows:
        known = classes if row["kind"] == "class" else uses if row["kind"] == "use" else {}
        assert row["id"] in known, row
        assert row["lang"] in LANGUAGES, row
        assert row["source"].strip(), row
        assert [t for t in row["terms"].split(";") if t.strip()], row


@pytest.mark.parametrize("kind", ["class", "use"])
def test_the_common_classes_and_every_use_have_words_in_the_eight_other_languages(kind):
    rows = _rows()
    langs: dict[str, set[str]] = {}
    for row in rows:
        if row["kind"] == kind:
            langs.setdefault(row["id"], set()).add(row["lang"])
    others = LANGUAGES - {"nb", "en"} - CENTRAL_SOUTHERN - BALTIC - PARTIAL
    full = {i for i, found in langs.items() if others <= found}
    # The ten languages of version 2 have every use a need names and the common classes.
    newer = {i for i, found in langs.items() if CENTRAL_SOUTHERN <= found}
    if kind == "use":
        # Every use a need may name, except the few process-industry ones named in English.
        assert len(full) >= 40
        assert len(newer) >= 50
        assert len({i for i, found in langs.items() if BALTIC <= found}) >= 25
    else:
        assert {"ash", "slag", "sludge", "wood_clean", "manure", "glass", "paper", "polymer",
                "soil", "aggregate", "heat", "fat_oil_bio", "brewers_grain",
                "dairy_whey"} <= full & newer  # fmt: skip


@pytest.mark.parametrize(("lang", "word"), EVERYDAY_WORDS)
def test_an_everyday_word_names_no_material_use_or_sector(lang, word):
    assert default_matcher().spans(word) == [], (lang, word)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("Gebrauchte Bleicherde aus der Raffination", "offer", "spent_bleaching_earth"),
        ("Rohglycerin aus der Umesterung", "offer", "fat_oil_bio"),
        ("Panseninhalt", "offer", "animal_byproduct"),
        ("Mäsk och drav från bryggeriet", "offer", "brewers_grain"),
        ("Vassle från ostproduktionen", "offer", "dairy_whey"),
        ("Orujillo seco", "offer", "crop_residue"),
        ("Sansa umida di olive", "offer", "food_processing_residue"),
        ("Cendres volantes de charbon", "offer", "ash_fly"),
        ("Klärschlamm, entwässert", "offer", "sludge_bio"),
        ("Koffiedik uit kantoren", "offer", "coffee_grounds"),
        ("Sahanpuru ja kutterinlastu", "offer", "wood_clean"),
        ("Rotschlamm", "offer", "bauxite_residue"),
        # Metals named by their element (no class of their own): read as metal.
        ("Tungsten recycling", "need", "metal"),
        ("Wolframschrott", "offer", "metal"),
        ("Hårdmetallskrot från verktygsslipning", "offer", "metal"),
        ("Molybdenum scrap", "offer", "metal"),
        ("Rottami di metallo duro", "offer", "metal"),
        ("Złom węglika spiekanego", "offer", "metal"),
    ],
)
def test_trade_names_in_other_languages_are_read_as_their_class(text, direction, expected):
    found = [h.class_id for h in classify(text, direction=direction).classes]
    assert found and found[0] == expected, found


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Kofermente für die Biogasanlage", "biogas"),
        ("Foder till mjölkkorna", "feed"),
        ("Vochtrijk voer voor melkvee", "feed"),
        ("Combustibile per la caldaia", "energy_recovery"),
        ("Litière pour chevaux", "animal_bedding"),
        ("Materia prima para abonos", "fertiliser_production"),
        ("Rohstoff für Strahlmittel", "blasting"),
        ("Jordbrugskalk til sandjorde", "soil_improvement"),
        ("Raw material for insulation batts", "mineral_wool"),
        ("Råvara till vegetabiliskt garvat läder", "tanning"),
        ("Värmekälla för värmepumpar", "district_heating"),
        ("Lämmönlähde lämpöpumpuille", "district_heating"),
        ("Stikstof- en zwavelmeststof", "fertiliser_production"),
        ("Råvara till jästproduktion", "distilling"),
        ("Råvare til pektinproduksjon", "food_ingredients"),
    ],
)
def test_a_need_in_another_language_names_its_use(text, use):
    assert use in classify(text, direction="need").uses


def test_german_fuer_and_scandinavian_tar_name_no_material():
    assert classify("Rohstoff für die Ziegelei", direction="need").classes == ()
    assert classify("Vi tar imot pumpbare råvarer", direction="need").classes == ()
    assert [h.class_id for h in classify("Coal tar from the coke oven").classes] == ["pitch_tar"]


@pytest.mark.parametrize("word", ["Pellets", "Granulat", "Flis", "Chips", "Spon", "Späne"])
def test_a_bare_form_word_names_no_class_without_a_context(word):
    assert classify(word).classes == ()
    assert classify(word, direction="need").classes == ()


@pytest.mark.parametrize(
    ("word", "nace", "direction", "expected"),
    [
        ("Pellets", "16.26", "offer", "wood_clean"),
        ("Pellets", "22.21", "offer", "polymer"),
        ("Pellets", "35.30", "need", "wood_clean"),
        ("Flis", "16.11", "offer", "wood_clean"),
        ("Chips", "25.53", "offer", "metal"),
        ("Spon fra produksjonen", "16.23", "offer", "wood_clean"),
    ],
)
def test_a_form_word_takes_the_class_its_sector_gives_off_or_takes(word, nace, direction, expected):
    found = classify(word, nace=nace, direction=direction).classes
    assert [h.class_id for h in found] == [expected]


def test_a_form_word_gives_way_to_a_material_named_in_the_words():
    assert [h.class_id for h in classify("PET pellets", nace="16.26").classes] == ["plastic_pet"]
    assert [h.class_id for h in classify("Wood pellets", nace="22.21").classes] == ["wood_clean"]


@pytest.mark.parametrize(("word", "expected"), [("Betongslam", "sludge"), ("Gulrotskrell",
                         "food_processing_residue"), ("Lakseslo", "fish_residue")])  # fmt: skip
def test_the_head_of_a_compound_names_the_material(word, expected):
    assert expected in [h.class_id for h in classify(word).classes]


def test_the_words_of_half_the_official_waste_titles_name_their_entrys_class():
    """A sweep over the whole List of Waste: the official English and Norwegian titles, read
    as a listing would be, name a class of their entry's top class. Many titles say only
    "wastes not otherwise specified"; the floor keeps the vocabulary from sliding back.
    Since a material named only as a source is context ("sludges from oil/water separators"
    is a sludge), the seven titles whose entry is classed by its source no longer count: 424
    English and 403 Norwegian titles did then, of 842."""
    from symbiose.taxonomy.ewc import load_ewc
    from symbiose.taxonomy.materials import ancestors, classes_for_ewc

    entries = [e for e in load_ewc().values() if e.level == "entry"]
    for lang in ("en", "nb"):
        hits = 0
        for e in entries:
            want = {ancestors(c)[-1] for c in classes_for_ewc(e.code)}
            title = e.title_en if lang == "en" else e.title_nb
            got = {ancestors(h.class_id)[-1] for h in classify(title).classes}
            hits += bool(got & want)
        assert hits / len(entries) >= 0.475, (lang, hits)


def test_two_letter_symbols_are_read_as_whole_words():
    assert "plastic_pe_pp" in [h.class_id for h in classify("Rent PP og PE fra emballasje").classes]
    assert [h.class_id for h in classify("H2 fra elektrolyse", category="gas").classes] == [
        "hydrogen"
    ]
    assert classify("Ped").classes == ()


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("Słoma pszenna w belach", "offer", "crop_residue"),
        ("Τυρόγαλο από την παρασκευή φέτας", "offer", "dairy_whey"),
        ("Гроздови джибри след пресоване", "offer", "food_processing_residue"),
        ("Popiół lotny z elektrowni", "offer", "ash_fly"),
        ("Vysokopecní struska", "offer", "slag_blast_furnace"),
        ("Szennyvíziszap, víztelenített", "offer", "sludge_bio"),
        ("Rumeguș de fag", "offer", "wood_clean"),
        ("Lamas de etar", "offer", "sludge_bio"),
        ("Leteći pepeo iz elektrofiltera", "offer", "ash_fly"),
    ],
)
def test_listings_in_central_and_southern_european_languages_name_their_class(
    text, direction, expected
):
    found = [h.class_id for h in classify(text, direction=direction).classes]
    assert found and found[0] == expected, found


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Pasza dla bydła opasowego", "feed"),
        ("Substrat do biogazowni", "biogas"),
        ("Náhrada uhlí v cementářské peci", "cement"),
        ("Takarmány a hízóknak", "feed"),
        ("Vápnenie kyslých pôd", "soil_improvement"),
        ("Gorivo za kotlovnico", "energy_recovery"),
        ("Combustibil alternativ pentru cuptorul de clincher", "cement"),
        ("Correção da acidez do solo", "soil_improvement"),
        ("Ζωοτροφή για τα βοοειδή", "feed"),
        ("Суровина за ракия", "distilling"),
        ("Granule vegetale pentru sablare", "blasting"),
    ],
)
def test_a_need_in_a_central_or_southern_european_language_names_its_use(text, use):
    assert use in classify(text, direction="need").uses


@pytest.mark.parametrize(
    "text",
    ["Vådfoder til slagtesvin", "Brannbart materiale", "Lebensmittelbranche", "Sandnes",
     "Produto composto por várias camadas"],
)  # fmt: skip
def test_a_word_that_only_starts_like_a_material_names_none(text):
    assert classify(text, direction="need").classes == ()


def test_a_false_friend_leaves_a_longer_term_of_the_same_word():
    assert classify("Brandstof voor de ketel", direction="need").uses == frozenset(
        {"energy_recovery"}
    )


#: The languages with words for the whole thesaurus: every class and use. Polish, Czech,
#: Slovak, Hungarian, Romanian and Portuguese since version 3; the others since version 4;
#: Lithuanian, Latvian and Estonian since version 5.
WHOLE_THESAURUS = LANGUAGES - {"nb", "en"} - PARTIAL


def test_every_class_and_use_has_words_in_every_language():
    have: dict[tuple[str, str], set[str]] = {}
    for row in _rows():
        have.setdefault((row["kind"], row["id"]), set()).add(row["lang"])
    missing = [(kind, key, sorted(WHOLE_THESAURUS - have.get((kind, key), set())))
               for kind, known in (("class", materials_by_id()), ("use", load_uses()))
               for key in known if not WHOLE_THESAURUS <= have.get((kind, key), set())]  # fmt: skip
    assert not missing, missing
