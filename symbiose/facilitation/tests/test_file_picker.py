"""File pickers speak the page's language, not the browser's ("Velg en fil", not "Choose File").

The browser's own button follows the browser's language; every file field of our forms is
drawn by ``inputs.LocalisedFileInput`` instead.
"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from symbiose.facilitation.forms import NoteForm, UploadForm
from symbiose.inputs import CleanTextForm, LocalisedFileInput

WORDS = {"nb": ("Velg en fil", "Ingen fil valgt"), "en": ("Choose a file", "No file chosen")}


@pytest.mark.parametrize("form_class", [NoteForm, UploadForm])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_file_field_of_our_forms_has_the_localised_picker(form_class, lang):
    form = form_class()
    files = [f for f in form.fields.values() if isinstance(f, forms.FileField)]
    assert files and all(isinstance(f.widget, LocalisedFileInput) for f in files)
    with translation.override(lang):
        html = str(form)
    assert all(word in html for word in WORDS[lang])
    other = WORDS["en" if lang == "nb" else "nb"]
    assert not any(word in html for word in other)


def test_the_picker_keeps_the_fields_attributes_and_required_flag():
    class Form(CleanTextForm):
        upload = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    html = str(Form()["upload"])
    assert re.search(
        r'<input type="file" name="upload" class="file-input"[^>]* accept=".xlsx"', html
    )
    assert " required" in html and 'id="id_upload"' in html


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_hub_import_page_shows_the_picker_in_the_page_language(client, world, lang):
    client.force_login(world.facilitator)
    client.cookies["django_language"] = lang
    response = client.get(reverse("facilitation:hub-import", args=[world.hub.slug]))
    page = response.content.decode()
    assert response.status_code == 200 and 'type="file"' in page
    assert WORDS[lang][0] in page
    assert page.count('type="file"') == page.count('class="file-input"')
