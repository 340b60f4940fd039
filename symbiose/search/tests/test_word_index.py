"""The word index (``search.wordtext``) narrows a word search to the streams with the words,
and the answer stays the row-by-row answer (issue 13: search reads only matching rows).

The queries are generated from every word the test registry holds (every prefix length, a
word with one letter too many, non-ASCII spellings of the titles of ``titles.py``, quoted
phrases, the fixed words of an anonymous owner's name in both languages, words only insiders
may see), alone and with filters and every order, for every role; each answer must equal the
row-by-row test on redacted values (``access.USE_INDEX = False``).
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from symbiose.registry.actions import do_save_stream
from symbiose.registry.models import Stream
from symbiose.search import access, indexed, wordtext
from symbiose.search.filters import parse
from symbiose.search.models import StreamIndex
from symbiose.search.tests.titles import NON_ASCII_TITLES, save_titled_offers
from symbiose.taxonomy.search import fold

ROLES = ("owner", "colleague", "outsider", "self_registered", "pending_member", "facilitator",
         "other_facilitator", "system_facilitator", "admin", "hidden_owner")  # fmt: skip
#: Filters and orders each generated word query is also asked with.
WITH = [{}, {"sort": "fresh"}, {"sort": "quantity"}, {"category": "material"},
        {"direction": "need"}, {"material": "slag"}, {"lat": "58.1", "lon": "7.9",
                                                      "sort": "distance"},
        {"near": "Kristiansand", "km": "40"}, {"fresh": "365"}, {"qmin": "1", "unit": "t/yr"},
        {"crm": "manganese"}]  # fmt: skip
#: Words some role may not see (hidden description and composition, a hidden owner's name),
#: and spellings that fold to stored words.
HIDDEN_WORDS = ["confidential", "recipe", "xyz", "991", "qq", "secret grade", "kvartsverk",
                "nordvik hemmelig", "Fjordmetall-XYZ", "Mn 31.7"]  # fmt: skip
SPELLINGS = [
    *NON_ASCII_TITLES,
    "ØRSTA",
    "ørsta slam",
    "STRASSE",
    "ELAN",
    "élan",
    "dž",
    "ǆ",
    '"manganese slag"',
    '"slag manganese"',
    "“Ørsta slam”",
    "Zn",
    "aske,  zink",
    "en organisasjon i sauda",
    "an organisation in",
    "organisasjon",
    "en",
    "i",
    "a",
]


@pytest.fixture
def registry(hidden_world):
    save_titled_offers(hidden_world.org)
    return hidden_world


def _stored_words() -> list[str]:
    words: set[str] = set()
    for row in StreamIndex.objects.values_list("words_all", "words_shared"):
        for text in row:
            words.update(text.split())
    return sorted(words)


def _queries(seed: int, sample: int = 100) -> list[dict]:
    """A seeded sample of every prefix of every stored word, words with a letter added and
    pairs of words, plus every spelling and hidden word; each with one of the filters and
    orders. Each role draws its own sample, so together they cover most prefixes."""
    rng = random.Random(seed)
    words = _stored_words()
    texts = [w[:n] for w in words for n in range(1, len(w) + 1)] + [w + "q" for w in words]
    texts += [f"{rng.choice(words)} {rng.choice(words)[:3]}" for _ in range(40)]
    texts = rng.sample(sorted(set(texts)), min(sample, len(set(texts))))
    return [{"q": t, **rng.choice(WITH)} for t in [*texts, *SPELLINGS, *HIDDEN_WORDS]]


def answer(user, params: dict) -> list[tuple]:
    filters, errors = parse(params)
    assert errors == []
    return [(h.row["ref"], h.row, h.distance_km) for h in access.search_streams(user, filters)]


@pytest.mark.parametrize("role", ROLES)
def test_generated_word_searches_give_the_row_by_row_answer(registry, monkeypatch, role):
    user = registry.role(role)
    queries = _queries(seed=ROLES.index(role))
    narrowed = []
    real = indexed.word_narrowing
    monkeypatch.setattr(indexed, "word_narrowing",
                        lambda v, w: narrowed.append(w) or real(v, w))  # fmt: skip
    with translation.override(("nb", "en")[ROLES.index(role) % 2]):  # the anonymous names
        fast = [answer(user, q) for q in queries]
        monkeypatch.setattr(access, "USE_INDEX", False)
        slow = [answer(user, q) for q in queries]
    mismatched = [(q, f, s) for q, f, s in zip(queries, fast, slow, strict=True) if f != s]
    assert mismatched == []
    assert sum(1 for a in fast if a) >= 30  # the role finds something for many words
    assert len(narrowed) == len(queries) > 100  # the word index was asked each time


def _with(column: str, word: str) -> set[int]:
    """Ids of the streams the word index gives for ``word`` in ``column``."""
    return set(Stream.objects.filter(pk__in=wordtext.streams_with(column, word))
               .values_list("pk", flat=True))  # fmt: skip


def test_a_word_search_reads_the_word_index(registry):
    """The query starts from the word index (the FTS5 table, or the GIN-indexed tsvector)."""
    filters, _ = parse({"q": "mangan"})
    with CaptureQueriesContext(connection) as ctx:
        access.search_streams(registry.outsider, filters)
    mark = wordtext.TABLE if connection.vendor == "sqlite" else "::tsquery"
    assert any(mark in q["sql"] for q in ctx.captured_queries)


def test_the_word_index_holds_the_columns_words_per_audience(registry):
    """Each row's every word and every prefix of it is found in its own audience's column,
    and a word only insiders may see is never found in everyone else's."""
    for index in StreamIndex.objects.all():
        for column in wordtext.COLUMNS:
            for word in getattr(index, column).split():
                for n in {1, 3, len(word)}:
                    assert index.stream_id in _with(column, word[:n]), (column, word)
    for ref, secret in (("S-FJORD-SLAG", {"confidential", "recipe", "xyz", "991", "qq"}),
                        ("S-QZ-OFFER", {"nordvik", "hemmelig", "kvartsverk"}),
                        ("S-QZ-NEED", {"nordvik", "hemmelig", "kvartsverk", "sauda"})):  # fmt: skip
        pk = Stream.objects.get(ref=ref).pk
        assert any(pk in _with("words_all", word) for word in secret)  # insiders find them
        assert not any(pk in _with("words_shared", word) for word in secret)


def test_the_word_index_follows_every_write_and_is_rebuilt_after_a_lost_trigger(registry):
    """Raw SQL on the index rows moves the word index (triggers); on SQLite, rows written
    while the triggers were gone (a migration that rebuilt the table) are read again by
    ``install``, which ``migrate`` runs."""
    pk = Stream.objects.get(ref="S-FJORD-HEAT").pk
    StreamIndex.objects.filter(pk=pk).update(words_shared=" zqpublic ")
    assert _with("words_shared", "zqpub") == {pk}
    assert _with("words_shared", "cooling") & {pk} == set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name, _event, _statements in wordtext.TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
        StreamIndex.objects.filter(pk=pk).update(words_shared=" zqlater ")
        assert _with("words_shared", "zqlater") == set()  # unseen
        assert wordtext.install(connection) is True
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {wordtext.TABLE} ({wordtext.TABLE}) "
                           "VALUES ('integrity-check')")  # fmt: skip
        assert wordtext.install(connection) is False  # nothing missing now
    else:
        StreamIndex.objects.filter(pk=pk).update(words_shared=" zqlater ")
    assert _with("words_shared", "zqlater") == {pk}
    assert _with("words_shared", "zqpub") == set()
    StreamIndex.objects.filter(pk=pk).delete()
    assert _with("words_shared", "zqlater") == set()


def test_a_word_index_query_takes_only_a_folded_word():
    for column, word in (("words_all", "a b"), ("words_all", 'x" OR "y'), ("title", "a"),
                         ("words_shared", "")):  # fmt: skip
        with pytest.raises(ValueError):
            wordtext.streams_with(column, word)


def test_a_long_word_is_found_by_every_prefix(registry):
    long_word = "zqzferrosilisium" * 4  # longer than a stored word
    do_save_stream(registry.org, {"ref": "S-FJORD-HEAT", "title": f"Varme {long_word}"},
                   acting_user=None)  # fmt: skip
    for n in (3, wordtext.LENGTH - 1, wordtext.LENGTH, wordtext.LENGTH + 7, len(long_word)):
        refs = [r for r, _row, _d in answer(registry.outsider, {"q": long_word[:n]})]
        assert refs == ["S-FJORD-HEAT"]
    assert answer(registry.outsider, {"q": long_word + "x"}) == []


def test_words_written_past_every_hook_are_not_read(registry, monkeypatch):
    """A title changed and a description hidden by writes that bypass every hook leave the
    stream's word rows out of date: the stream is tested row by row (the new title's word is
    found, the old one not), and the hidden description's words stay hidden."""
    stream = Stream.objects.get(ref="S-FJORD-HEAT")
    Stream.objects.filter(pk=stream.pk).update(
        title="Surplus steam ZQXWV", description="Kjolevann oppskrift",
        updated_at=timezone.now(),
    )  # fmt: skip
    public = Stream.objects.get(ref="S-QZ-OFFER")
    Stream.objects.filter(pk=public.pk).update(
        description="Hemmelig blanding", sensitive_fields=["identity", "description"]
    )
    assert stream.pk in _with("words_all", "cooling")  # out of date
    for role in ROLES:
        user = registry.role(role)
        for q in ("zqxwv", "furnace", "surplus", "kjolevann", "blanding", "hemmelig", "mangan"):
            fast = answer(user, {"q": q})
            monkeypatch.setattr(access, "USE_INDEX", False)
            assert answer(user, {"q": q}) == fast, (role, q)
            monkeypatch.setattr(access, "USE_INDEX", True)
    assert [r for r, _row, _d in answer(registry.outsider, {"q": "zqxwv"})] == ["S-FJORD-HEAT"]
    assert answer(registry.outsider, {"q": "cooling"}) == []
    assert answer(registry.outsider, {"q": "blanding"}) == []


def test_folding_is_the_searchs_own(registry):
    """The word index holds what ``fold`` makes of the text, as the query is read."""
    assert _with("words_shared", fold("Ørsta"))
    assert _with("words_shared", fold("ßtraße"))
    for column in wordtext.COLUMNS:
        for text in StreamIndex.objects.values_list(column, flat=True):
            assert all(w.isascii() and w.isalnum() and w.islower() or w.isdigit()
                       for w in text.split())  # fmt: skip
