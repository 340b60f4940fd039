"""The European List of Waste as shipped in ``data/ewc.csv`` and its pure loader."""

import pytest

from symbiose.taxonomy.ewc import (
    EwcError,
    entries,
    is_hazardous,
    load_ewc,
    mirror_of,
    normalise_ewc,
    parents,
)

# Official totals of Decision 2000/532/EC as amended by 2014/955/EU (see data/README.md).
CHAPTERS = 20
SUBCHAPTERS = 111
ENTRIES = 842
HAZARDOUS = 408

# Hand-checked against the legal text: (code, hazardous, fragment of the English title).
SAMPLE = [
    ("010304", True, "acid-generating tailings"),
    ("010310", True, "red mud from alumina production containing hazardous"),
    ("020106", False, "animal faeces, urine and manure"),
    ("030104", True, "sawdust, shavings, cuttings"),
    ("040222", False, "processed textile fibres"),
    ("050117", False, "bitumen"),
    ("060101", True, "sulphuric acid and sulphurous acid"),
    ("070213", False, "waste plastic"),
    ("080111", True, "waste paint and varnish containing organic solvents"),
    ("090107", False, "photographic film and paper containing silver"),
    ("100101", False, "bottom ash, slag and boiler dust"),
    ("100104", True, "oil fly ash and boiler dust"),
    ("100105", False, "flue-gas desulphurisation in solid form"),
    ("100201", False, "wastes from the processing of slag"),
    ("100808", True, "salt slag from primary and secondary production"),
    ("110105", True, "pickling acids"),
    ("120101", False, "ferrous metal filings and turnings"),
    ("130205", True, "mineral-based non-chlorinated engine, gear and lubricating oils"),
    ("140601", True, "chlorofluorocarbons, HCFC, HFC"),
    ("150101", False, "paper and cardboard packaging"),
    ("160104", True, "end-of-life vehicles"),
    ("160106", False, "containing neither liquids nor other hazardous components"),
    ("160307", True, "metallic mercury"),
    ("160401", True, "waste ammunition"),
    ("161101", True, "carbon-based linings and refractories"),
    ("161102", False, "carbon-based linings and refractories"),
    ("170504", False, "soil and stones other than those mentioned in 17 05 03"),
    ("170605", True, "construction materials containing asbestos"),
    ("180103", True, "in order to prevent infection"),
    ("180207", True, "cytotoxic and cytostatic medicines"),
    ("190111", True, "bottom ash and slag containing hazardous substances"),
    ("190112", False, "bottom ash and slag other than those mentioned in 19 01 11"),
    ("190308", True, "partly stabilised mercury"),
    ("200301", False, "mixed municipal waste"),
]


def _count(level):
    return sum(1 for e in load_ewc().values() if e.level == level)


def test_the_list_has_the_official_number_of_chapters_and_sub_chapters():
    assert _count("chapter") == CHAPTERS
    assert _count("subchapter") == SUBCHAPTERS


def test_the_list_has_842_entries_of_which_408_are_hazardous():
    assert len(entries()) == ENTRIES
    assert sum(e.hazardous for e in entries()) == HAZARDOUS


def test_every_chapter_from_01_to_20_is_present_in_order():
    chapters = [c for c, e in load_ewc().items() if e.level == "chapter"]
    assert chapters == [f"{n:02d}" for n in range(1, 21)]


def test_codes_are_unique_digit_strings_in_list_order():
    codes = list(load_ewc())
    assert codes == sorted(codes)
    assert all(c.isdigit() and len(c) in (2, 4, 6) for c in codes)


@pytest.mark.parametrize(("code", "hazardous", "fragment"), SAMPLE)
def test_a_hand_checked_entry_has_its_hazard_flag_and_title(code, hazardous, fragment):
    entry = load_ewc()[code]
    assert entry.level == "entry"
    assert entry.hazardous is hazardous
    assert is_hazardous(code) is hazardous
    assert fragment in entry.title_en


def test_the_sample_covers_every_chapter():
    assert {code[:2] for code, _, _ in SAMPLE} == {f"{n:02d}" for n in range(1, 21)}


def test_every_entry_has_an_english_title_and_a_hazard_type():
    for entry in load_ewc().values():
        assert entry.title_en.strip(), entry.code
    for entry in entries():
        assert entry.hazard_type in ("absolute", "mirror"), entry.code


def test_chapters_and_sub_chapters_carry_no_hazard_data():
    for entry in load_ewc().values():
        if entry.level != "entry":
            assert not entry.hazardous and entry.hazard_type == "" and entry.mirror_codes == ()


def test_every_code_has_an_existing_chapter_and_sub_chapter():
    ewc = load_ewc()
    for entry in entries():
        assert parents(entry.code) == (entry.code[:2], entry.code[:4])
        assert ewc[entry.chapter].level == "chapter"
        assert ewc[entry.subchapter].level == "subchapter"
    for code, entry in ewc.items():
        if entry.level == "subchapter":
            assert ewc[code[:2]].level == "chapter"


def test_every_sub_chapter_has_at_least_one_entry():
    subs = {e.subchapter for e in entries()}
    assert subs == {c for c, e in load_ewc().items() if e.level == "subchapter"}


def test_display_groups_digits_and_stars_hazardous_entries():
    ewc = load_ewc()
    assert ewc["161101"].display == "16 11 01*"
    assert ewc["161102"].display == "16 11 02"
    assert ewc["1001"].display == "10 01"
    assert ewc["10"].display == "10"


@pytest.mark.parametrize(
    ("hazardous_code", "others"),
    [
        ("100114", ("100115",)),
        ("190111", ("190112",)),
        ("161101", ("161102",)),
        ("170503", ("170504",)),
        ("101312", ("101306", "101313")),
    ],
)
def test_mirror_entries_are_linked_both_ways(hazardous_code, others):
    assert set(mirror_of(hazardous_code)) == set(others)
    for other in others:
        assert hazardous_code in mirror_of(other)


def test_a_non_hazardous_mirror_entry_links_to_all_its_hazardous_counterparts():
    assert set(mirror_of("160509")) == {"160506", "160507", "160508"}


def test_every_mirror_link_is_reciprocal_and_crosses_the_hazard_line():
    ewc = load_ewc()
    for entry in entries():
        for other in entry.mirror_codes:
            assert entry.code in ewc[other].mirror_codes
            assert ewc[other].hazardous != entry.hazardous
            assert entry.hazard_type == ewc[other].hazard_type == "mirror"


def test_absolute_entries_have_no_mirror():
    assert mirror_of("160104") == ()
    assert mirror_of("100105") == ()


def test_norwegian_titles_fall_back_to_english_and_are_marked_with_their_source():
    ewc = load_ewc()
    assert ewc["10"].title("nb") == "Avfall fra varmebehandlingsprosesser"
    assert ewc["10"].title("en") == "Wastes from thermal processes"
    for entry in ewc.values():
        assert entry.title_nb_source in ("official", "symbiose", "")
        assert bool(entry.title_nb) == bool(entry.title_nb_source), entry.code
        if not entry.title_nb:
            assert entry.title("nb") == entry.title_en


@pytest.mark.parametrize(
    "text",
    ["10 01 05", "100105", "10.01.05", "10-01-05", " 10 01 05 ", "10 0105"],
)
def test_normalisation_accepts_common_spellings(text):
    assert normalise_ewc(text) == "100105"


@pytest.mark.parametrize("text", ["16 11 01*", "161101*", "161101 *", "16.11.01 *"])
def test_normalisation_accepts_a_star_on_hazardous_entries(text):
    assert normalise_ewc(text) == "161101"


@pytest.mark.parametrize("text", ["", "10 01", "10 01 5", "1001055", "ten", "10 01 05**", "*"])
def test_normalisation_rejects_malformed_codes(text):
    with pytest.raises(EwcError, match="EWC code must have six digits, e.g. 10 01 05"):
        normalise_ewc(text)


def test_normalisation_rejects_unknown_codes():
    with pytest.raises(EwcError, match="unknown EWC code 10 01 77") as info:
        normalise_ewc("100177")
    assert info.value.template == "unknown EWC code {code}"
    assert info.value.params == {"code": "10 01 77"}


def test_normalisation_rejects_chapter_and_sub_chapter_codes_written_as_six_digits():
    with pytest.raises(EwcError, match="unknown EWC code 10 01 00"):
        normalise_ewc("10 01 00")


def test_normalisation_rejects_a_star_on_a_non_hazardous_entry():
    with pytest.raises(EwcError, match=r"10 01 05 is not a hazardous entry; remove the \*"):
        normalise_ewc("10 01 05*")


def test_the_error_is_a_value_error():
    with pytest.raises(ValueError, match="unknown EWC code"):
        is_hazardous("99 99 99")
