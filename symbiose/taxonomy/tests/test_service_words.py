"""Service listings (logistics, waste handling, testing, maintenance, spare capacity) are read
as their service in every language the knowledge base knows, not only in Norwegian and
English, and a word naming a service leaves a material listing its material."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Wood shavings from the workshop", "material", "wood_clean"),
        ("Fly ash, transport by truck available", "material", "ash_fly"),
        ("Laboratory analysis of ash samples", "service", "testing"),
        ("Workshop and repair of wood chippers", "service", "maintenance"),
    ],
)
def test_a_listing_leads_with_the_classes_of_its_own_category(text, category, expected):
    found = [h.class_id for h in classify(text, category=category, direction="offer").classes]
    assert found and found[0] == expected, found
    if " from " in text:  # where it comes from is context (matcher.context_spans)
        assert found == [expected], found
    else:
        assert len(found) > 1, found  # the other class is still read, only ranked after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ledig lagerlokal och returfrakt", "logistics"),
        ("Rückfracht mit leeren Lkw, Spedition", "logistics"),
        ("Wolna powierzchnia magazynowa i transport drogowy", "logistics"),
        ("Volné skladové prostory", "logistics"),
        ("Visszfuvar és raktárhelyiség", "logistics"),
        ("Εμπορευματικές μεταφορές με φορτηγά", "logistics"),
        ("Товарен транспорт и складова площ", "logistics"),
        ("Gestión de residuos industriales", "waste_handling"),
        ("Hulladékgyűjtés és hulladékkezelés", "waste_handling"),
        ("Gospodarka odpadami dla zakładów", "waste_handling"),
        ("Laboranalyse und Charakterisierung von Reststoffen", "testing"),
        ("Badania laboratoryjne popiołów", "testing"),
        ("Laboratoř a zkušebna", "testing"),
        ("Instandhaltung und Werkstatt", "maintenance"),
        ("Karbantartás és hegesztés", "maintenance"),
        ("Manutenzione e officina meccanica", "maintenance"),
        ("Συντήρηση και επισκευή μηχανημάτων", "maintenance"),
        ("Vapaa kapasiteetti ja palvelut", "service"),
    ],
)
def test_a_service_listing_in_another_language_names_its_service(text, expected):
    found = [h.class_id for h in classify(text, category="service", direction="offer").classes]
    assert found and found[0] == expected, found


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Szukamy przewoźnika na odpady", "transport"),
        ("Spediteur für Schüttgut gesucht", "transport"),
        ("Prijevoznik za rasuti teret", "transport"),
    ],
)
def test_a_need_for_a_carrier_names_the_transport_use(text, use):
    assert use in classify(text, category="service", direction="need").uses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Popiół lotny z elektrowni, odbiór transportem drogowym", "ash_fly"),
        ("Holzspäne aus der Werkstatt", "wood_clean"),
        ("Szkło z sortowni", "glass"),
    ],
)
def test_service_words_leave_a_material_listing_its_material(text, expected):
    found = [h.class_id for h in classify(text, direction="offer").classes]
    assert found and found[0] == expected, found
