"""Every validation rule of the registry gives a precise, translatable message."""

import datetime

import pytest

from symbiose.registry import validation as v


@pytest.mark.parametrize("number", ["923609016", "923 609 016", "974760673"])
def test_valid_norwegian_org_numbers_pass(number):
    assert v.clean_org_number(number) == number.replace(" ", "")


def test_org_number_with_wrong_check_digit_is_refused():
    with pytest.raises(v.FieldError, match="923609017 is not a valid organisation number \\(check"):
        v.clean_org_number("923609017")


@pytest.mark.parametrize("number", ["12345", "1234567890", "92360901A"])
def test_org_number_must_have_nine_digits(number):
    with pytest.raises(v.FieldError, match="it must be nine digits"):
        v.clean_org_number(number)


def test_foreign_org_numbers_are_not_checked_as_norwegian():
    assert v.clean_org_number("DK12345678", country="DK") == "DK12345678"


@pytest.mark.parametrize(("raw", "stored"), [("24.42", "24.42"), ("2442", "24.42"), ("C", "C")])
def test_nace_codes_are_stored_in_eurostat_form(raw, stored):
    assert v.clean_nace(raw) == stored


def test_unknown_nace_code_is_refused():
    with pytest.raises(v.FieldError, match="99.99 is not a NACE Rev. 2.1 code"):
        v.clean_nace("99.99")


@pytest.mark.parametrize("raw", ["10 01 05", "100105", "10.01.05"])
def test_ewc_codes_are_stored_as_six_digits(raw):
    assert v.clean_ewc(raw) == "100105"


def test_unknown_ewc_code_is_refused():
    with pytest.raises(v.FieldError, match="10 01 77"):
        v.clean_ewc("10 01 77")


def test_country_must_be_iso_alpha_2():
    assert v.clean_country("se") == "SE"
    assert v.clean_country("") == "NO"
    with pytest.raises(v.FieldError, match="XX is not an ISO country code"):
        v.clean_country("xx")


@pytest.mark.parametrize(
    ("raw", "number"),
    [("1 200,5", 1200.5), ("1200.5", 1200.5), ("\u00a0300", 300.0), (42, 42.0), ("", None)],
)
def test_numbers_accept_norwegian_and_english_notation(raw, number):
    assert v.clean_float(raw, "quantity") == number


@pytest.mark.parametrize("raw", ["many", "1.2.3", "nan", "inf"])
def test_text_that_is_not_a_number_is_refused(raw):
    with pytest.raises(v.FieldError, match="is not a number"):
        v.clean_float(raw, "quantity")


def test_number_bounds_are_enforced():
    with pytest.raises(v.FieldError, match="must be at least 0"):
        v.clean_float("-1", "quantity", minimum=0)
    with pytest.raises(v.FieldError, match="must be at most 90"):
        v.clean_float("91", "lat", maximum=90)


@pytest.mark.parametrize(
    ("raw", "word"), [("tilbud", "offer"), ("Behov", "need"), ("offer", "offer"), ("NEED", "need")]
)
def test_direction_accepts_norwegian_words(raw, word):
    assert v.clean_choice(raw, "direction", v.DIRECTION_WORDS) == word


def test_unknown_choice_lists_the_allowed_values():
    with pytest.raises(v.FieldError, match="sideways is not allowed here; use one of need, offer"):
        v.clean_choice("sideways", "direction", v.DIRECTION_WORDS)


def test_required_choice_must_be_given():
    with pytest.raises(v.FieldError, match="this field is required"):
        v.clean_choice("", "direction", v.DIRECTION_WORDS)


def test_sensitive_field_list_refuses_unknown_names():
    assert v.clean_list("quantity; price", "sensitive_fields", v.SENSITIVE) == ["quantity", "price"]
    assert v.clean_list("identity;location", "sensitive_fields", v.SENSITIVE) == [
        "identity",
        "location",
    ]
    with pytest.raises(v.FieldError, match="unknown value\\(s\\): salary"):
        v.clean_list("quantity;salary", "sensitive_fields", v.SENSITIVE)


def test_references_must_be_simple_keys():
    assert v.clean_ref("ORG-ØRA_1.2") == "ORG-ØRA_1.2"
    with pytest.raises(v.FieldError, match="is not a valid reference"):
        v.clean_ref("has space")


def test_dates_accept_iso_and_norwegian_forms():
    assert v.clean_date("2026-03-31", "available_from") == datetime.date(2026, 3, 31)
    assert v.clean_date("31.03.2026", "available_from") == datetime.date(2026, 3, 31)
    with pytest.raises(v.FieldError, match="is not a date"):
        v.clean_date("31/03/2026", "available_from")


def test_yes_no_accepts_both_languages():
    assert v.clean_yes_no("ja", "hazardous") is True
    assert v.clean_yes_no("No", "hazardous") is False
    with pytest.raises(v.FieldError, match="use yes or no"):
        v.clean_yes_no("maybe", "hazardous")
