"""Every form's error messages and every import message, read in Norwegian and in English:
no English word in a Norwegian message and no Norwegian word in an English one
(``tests/language.py``). What the user typed, echoed in a message, is left out.

Forms are found, not listed: every form class in ``symbiose.*.forms`` plus the Django
account forms our pages use, each given no data, nonsense in every field (control
characters, letters for numbers and dates, unknown choices) and over-long text. Import
messages are those of the whole import corpus (``tests/import_corpus``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation

import symbiose
from tests.language import FILE_NAME, english_words, norwegian_words, without

LANGS = ("nb", "en")
#: Names our messages may contain in either language.
ALLOWED = {"nace", "ewc", "csv", "xlsx", "utf", "rev", "co", "e", "post"}


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.walk_packages(symbiose.__path__, "symbiose."):
        if info.name.endswith(".forms"):
            module = importlib.import_module(info.name)
            found += [c for c in vars(module).values() if inspect.isclass(c)
                      and issubclass(c, forms.BaseForm)
                      and c.__module__ == module.__name__]  # fmt: skip
    return [*found, auth_forms.AuthenticationForm, auth_forms.PasswordResetForm]


def make(cls, data, world):
    """The form bound to ``data``, with whatever its constructor asks for."""
    from symbiose.facilitation.models import Hub
    from symbiose.registry.models import Organisation

    given = {"hub": world.hub, "hubs": Hub.objects.all(),
             "organisations": Organisation.objects.all(), "email": "ny@example.no",
             "name": "Kari"}  # fmt: skip
    params = inspect.signature(cls.__init__).parameters
    return cls(data=data, **{k: v for k, v in given.items() if k in params})


def bad_inputs(form) -> dict[str, dict[str, str]]:
    return {
        "empty": {},
        "nonsense": {name: "zq\x01\u202e" for name in form.fields},
        "letters": {name: "zq" for name in form.fields},
        "long": {name: "z" * 6000 for name in form.fields},
    }


def messages(form) -> list[str]:
    form.is_valid()
    return [str(m) for errors in form.errors.values() for m in errors]


def other_language_words(lang: str, text: str) -> list[str]:
    return (english_words if lang == "nb" else norwegian_words)(text, ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("cls", form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_error_reads_in_one_language(world, cls, lang=None):
    bad, count = [], 0
    for lang in LANGS:
        with translation.override(lang):
            for kind, data in bad_inputs(make(cls, {}, world)).items():
                for text in messages(make(cls, data, world)):
                    count += 1
                    words = other_language_words(
                        lang, FILE_NAME.sub(" ", without(text, data.values()))
                    )
                    if words:
                        bad.append(f"{lang} {kind}: {text[:120]!r} {words}")
    assert count, f"{cls.__name__} gave no error for any bad input"
    assert not bad, "\n".join(bad)


CORPUS = Path(__file__).parent / "import_corpus" / "cases"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_every_import_message_of_the_corpus_reads_in_one_language(lang):
    from tests.test_import_corpus import NAMES, _plan

    bad, count = [], 0
    with translation.override(lang):
        for name in NAMES:
            for folder in [p for p in (CORPUS / name / "before", CORPUS / name / "files")
                           if p.is_dir()]:  # fmt: skip
                plan = _plan(folder)
                for p in [*plan.problems, *plan.notes]:
                    count += 1
                    text = p.message(translation.gettext)  # the place is a file, row, column
                    values = [str(v) for v in p.params.values()]
                    words = other_language_words(lang, FILE_NAME.sub(" ", without(text, values)))
                    if words:
                        bad.append(f"{name}: {text[:120]!r} {words}")
    assert count > 60
    assert not bad, "\n".join(bad)
