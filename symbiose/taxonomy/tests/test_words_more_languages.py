"""Words of version 4 of ``data/material_words.csv``: Slovenian, Croatian, Greek and Bulgarian
for the classes version 2 left to English, and the Danish, Finnish, Dutch, Swedish, German,
French, Italian and Spanish words that were missing. Listings in those languages find their
class (Greek and Bulgarian in their own script, spelt in Latin letters by ``letters.latin``
on both sides), and no new word turns another class's word, or an everyday word of another
language, into its own class."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify, default_matcher
from symbiose.taxonomy.letters import normalise


def _first(text: str, direction: str = "offer", category: str = "material") -> str | None:
    found = classify(text, direction=direction, category=category).classes
    return found[0].class_id if found else None


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Σκωρία ψευδαργύρου, κοκκώδης", "material", "slag_zinc_lead"),
        ("Φωσφογύψος από την παραγωγή λιπασμάτων", "material", "gypsum_phospho"),
        ("Χρησιμοποιημένη επένδυση καθόδου από ηλεκτρόλυση", "material", "spent_pot_lining"),
        ("Τέφρα ψευδαργύρου από γαλβανισμό", "material", "metal_zinc"),
        ("Λάσπη υδροξειδίων μετάλλων, αφυδατωμένη", "material", "sludge_metal_hydroxide"),
        ("ΦΕΛΙΖΌΛ, ΚΑΘΑΡΌ", "material", "plastic_eps"),
        ("Υγρά απόβλητα ελαιοτριβείων (κατσίγαρος)", "water", "wastewater_organic"),
        ("Αέριο υψικαμίνου", "gas", "gas_co"),
        ("Фосфогипс от производство на торове", "material", "gypsum_phospho"),
        ("Стиропор, чист и сух", "material", "plastic_eps"),
        ("Отработена солна киселина", "material", "acid_hydrochloric"),
        ("Цинкова пепел от поцинковане", "material", "metal_zinc"),
        ("Утайка от метални хидроксиди", "material", "sludge_metal_hydroxide"),
        ("Медицински отпадъци от болница", "material", "healthcare_waste"),
        ("Доменен газ от стоманодобива", "gas", "gas_co"),
    ],
)
def test_a_greek_or_bulgarian_listing_finds_its_class(text, category, expected):
    assert normalise(text).isascii() and normalise(text)  # spelt in Latin letters, not dropped
    assert _first(text, category=category) == expected, classify(text, category=category)


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Fosfosadra iz proizvodnje gnojil", "material", "gypsum_phospho"),
        ("Izrabljena katodna obloga iz elektrolize", "material", "spent_pot_lining"),
        ("Stiropor, čist in suh", "material", "plastic_eps"),
        ("Medicinski odpadki iz bolnišnice", "material", "healthcare_waste"),
        ("Istrošena katodna obloga", "material", "spent_pot_lining"),
        ("Cinčani pepeo iz pocinčavanja", "material", "metal_zinc"),
        ("Solna kiselina, istrošena", "material", "acid_hydrochloric"),
        ("Ferrokromikuona, murskattu", "material", "slag_ferroalloy"),
        ("Neutraloitu peittausliete", "material", "sludge_metal_hydroxide"),
        ("Valssihilse kuumavalssaamolta", "material", "mill_scale"),
        ("Prosessihöyry tehtaalle", "heat", "steam"),
        ("Ferrosiliciumslagge fra smelteværket", "material", "slag_ferroalloy"),
        ("Glødeskal fra valseværket", "material", "mill_scale"),
        ("Røggasrensningsprodukt (halvtør)", "material", "ash_fly"),
        ("Hoogovengas", "gas", "gas_co"),
        ("Walshuid uit de walserij", "material", "mill_scale"),
        ("Schoon piepschuim", "material", "plastic_eps"),
        ("Gebruikte kathodebekleding", "material", "spent_pot_lining"),
    ],
)
def test_a_slovenian_croatian_finnish_danish_or_dutch_listing_finds_its_class(
    text, category, expected
):
    assert _first(text, category=category) == expected, classify(text, category=category)


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Raaka-aine polttokennoille", "fuel_cells"),
        ("Grondstof voor de algenteelt", "algae"),
        ("Råvare til anodeproduktion", "electrode_production"),
        ("Hiilen lähde ferroseoksen valmistukseen", "ferroalloy"),
        ("Grondstof voor de aluinaardefabriek", "alumina_refining"),
    ],
)
def test_a_need_in_danish_finnish_or_dutch_names_its_use(text, use):
    assert use in classify(text, direction="need").uses


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # Finnish "kaasu" (gas) is a whole word: "kaasutus" is gasification, a use of a fuel.
        ("Polttoaine kaasutukseen", {"gas_other"}),
        # Dutch "stoom" (steam) is a whole word: a steam peeler makes potato peels, not steam.
        ("Aardappelschillen uit de stoomschiller", {"steam"}),
        # Danish "blødgøring" (softening) was read as blood ("blod") before version 4.
        ("Kalkslam fra blødgøring af drikkevand", {"animal_byproduct"}),
        # Greek "νερό" (water) is left out: it is the Italian "nero" (black).
        ("Pigmento nero in polvere", {"water"}),
        # Croatian "olovo" (lead) but "olovka" is a pencil; Dutch "lood=" but "loods" a shed.
        ("Olovke i uredski pribor", {"slag_zinc_lead"}),
        ("Loods met opslag", {"slag_zinc_lead"}),
        # Finnish "rikki" is also "broken": sulphur is read only from "rikkiä", "rikin" …
        ("Rikki lava", {"sulphur"}),
        # Finnish "hilse" (scale) only in compounds: Norwegian "hilsen" is a greeting.
        ("Med vennlig hilsen", {"mill_scale"}),
        # Finnish "levät" (algae) is a whole word: Swedish "leva", "levande" (live, alive).
        ("Levande fisk", {"algae"}),
        # Dutch "algen" must not reach "algemeen" (general).
        ("Algemeen bedrijfsafval", {"algae"}),
        # Slovenian "svinec" (lead), not "svinja" (pig).
        ("Svinjski gnoj", {"slag_zinc_lead"}),
        # Finnish "oliviini" and Danish "olivin" (olivine) are not olives.
        ("Oliventrester aus der Ölmühle", {"olivine"}),
    ],
)
def test_a_new_word_does_not_read_another_word_as_its_class(text, not_expected):
    found = {h.class_id for h in classify(text).classes} | set(classify(text).uses)
    assert not found & not_expected, found


def test_the_finnish_bitumen_word_leaves_bituminous_mixtures_to_asphalt():
    """Finnish "bitumi" is whole words only: as a prefix it took "bituminous" from the
    asphalt use in the English title of 17 03 02."""
    spans = default_matcher().spans("bituminous mixtures other than those mentioned in 17 03 01")
    assert "pitch_tar" not in {s[4] for s in spans}, spans
    assert [h.class_id for h in classify("Bitumia ja kivihiilitervaa").classes] == ["pitch_tar"]


def test_a_longer_word_of_another_class_still_wins_over_a_new_prefix():
    """New prefixes sit beside longer terms of other classes: the longer term wins."""
    assert _first("Zoutzuur, 30 %") == "acid_hydrochloric"  # not salt ("zout")
    assert _first("Waterstof uit elektrolyse", category="gas") == "hydrogen"  # not water
    assert _first("Zinkslak, gegranuleerd") == "slag_zinc_lead"  # not zinc ("zink")
    assert _first("Kalkkipöly sementtiuunista") == "cement_kiln_dust"  # not lime ("kalkki")
    assert _first("Σκωρία αλουμινίου") == "aluminium_dross"  # not slag ("σκωρία")


@pytest.mark.parametrize(
    ("text", "use", "sector"),
    [
        ("Kiviaines tienrakennukseen", "road", None),
        ("Höyry paperikoneiden kuivaukseen", "drying", None),
        ("Raaka-aine rehutehtaalle", "feed", "10.91"),
        ("Polttoaine voimalaitokselle", "energy_recovery", "35.1"),
        ("Raaka-aine kemianteollisuuden prosesseihin", "chemical_feedstock", "20"),
        ("Sivutuote sahalaitokselta", None, "16.11"),
    ],
)
def test_an_inflected_finnish_word_names_its_use_and_sector(text, use, sector):
    """Finnish nouns in -us, -os, -es and "tehdas" change their end when inflected
    ("kuivaus", "kuivaukseen"; "tehdas", "tehtaalle"), so the prefix rule alone missed them."""
    if use:
        assert use in classify(text, direction="need").uses
    if sector:
        assert sector in default_matcher().find(text)["sectors"]


def _finnish_stem(term: str) -> str | None:
    """The inflected stem a Finnish term needs beside it, or None."""
    words = term.lstrip("*").split(" ")
    last = words[-1]
    if term.endswith("="):
        return None
    if last.endswith("tehdas"):
        last = last[: -len("tehdas")] + "tehtaa"
    elif last.endswith(("uus", "yys", "talous")):
        last = last[:-1] + "d"
    elif last.endswith(("us", "ys", "os", "ös", "es")):
        last = last[:-1] + "ks"
    else:
        return None
    return ("*" if term.startswith("*") else "") + " ".join([*words[:-1], last])


def test_every_finnish_word_whose_end_changes_has_its_inflected_stem():
    import csv

    from symbiose.taxonomy.knowledge import sector_words
    from symbiose.taxonomy.materials import WORDS_FILE

    missing = []
    with WORDS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["lang"] == "fi":
                terms = row["terms"].split(";")
                missing += [t for t in terms if _finnish_stem(t) not in (None, *terms)]
    sectors = {term for term, lang, _nace in sector_words() if lang == "fi"}
    missing += [t for t in sectors if _finnish_stem(t) not in (None, *sectors)]
    assert len(sectors) > 50 and not missing, missing


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Laitier de ferrochrome concassé", "material", "slag_ferroalloy"),
        ("Brasques usées de l'électrolyse", "material", "spent_pot_lining"),
        ("Gaz de haut fourneau", "gas", "gas_co"),
        ("Scaglie di laminazione", "material", "mill_scale"),
        ("Fosfogesso in cumuli", "material", "gypsum_phospho"),
        ("Cascarilla de laminación", "material", "mill_scale"),
        ("Fosfoyeso apilado", "material", "gypsum_phospho"),
        ("Aluminiumkrätze aus der Umschmelzhütte", "material", "aluminium_dross"),
        ("Hochofengas", "gas", "gas_co"),
        ("Styropor, sauber und trocken", "material", "plastic_eps"),
        ("Masugnsgas och koksugnsgas", "gas", "gas_co"),
        ("Processavloppsvatten med organisk last", "water", "wastewater_organic"),
    ],
)
def test_a_swedish_german_french_italian_or_spanish_listing_finds_its_class(
    text, category, expected
):
    assert _first(text, category=category) == expected, classify(text, category=category)


@pytest.mark.parametrize(
    ("text", "category", "not_expected"),
    [
        # Spanish "coque" (coke) only in phrases: French "coques de cacao" are cocoa shells.
        ("Coques de cacao torréfiées", "material", {"carbon"}),
        # Italian "condense" (condensate) is a whole word: English "condensers".
        ("Warm water from the condensers", "heat", {"process_water"}),
        # French, Italian and Spanish cooling words only in phrases: a cooling circuit gives heat.
        ("Eau tiède des circuits de refroidissement", "heat", {"cold"}),
        # German "Blei" (lead) is a whole word: "bleiben" (to stay).
        ("Wir bleiben flexibel bei der Abholung", "material", {"slag_zinc_lead"}),
        # German "Krätze" (dross) is a whole word: "Kratzer" (scratches).
        ("Bleche mit Kratzern", "material", {"aluminium_dross"}),
        # Pickled steel is not pickling acid; Italian "sterili" (sterile) is not tailings.
        ("Acero decapado en bobinas", "material", {"acid_pickling"}),
        ("Guanti sterili scaduti", "material", {"mining_waste"}),
        ("Cascarilla de cacao", "material", {"mill_scale"}),
    ],
)
def test_a_western_word_does_not_read_another_word_as_its_class(text, category, not_expected):
    found = classify(text, category=category)
    assert not {h.class_id for h in found.classes} & not_expected, found
