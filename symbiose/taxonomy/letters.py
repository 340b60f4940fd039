"""Letters that Unicode does not decompose into ASCII, spelt in Latin letters.

Pure module (no Django). Listings arrive in every European language. Accented letters
(é, ő, č, ž) lose their accent under Unicode decomposition, but some letters have no
decomposition and were silently dropped: Polish "ł" ("Słoma" was read as "soma"), Croatian
"đ", Icelandic "þ" and "ð", and every Greek and Cyrillic letter (a Greek or Bulgarian listing
had no words at all). :func:`latin` spells them in Latin letters, so the thesaurus can hold
words in those languages in their own script and both sides fold the same way. The Greek
spelling follows ELOT 743 and the Cyrillic the Bulgarian official system (simplified: one
spelling per letter), which is how the words are usually written in Latin letters.

Examples
--------
>>> latin("Słoma pszenna")
'sloma pszenna'
>>> latin("Τυρόγαλο")
'tyrogalo'
>>> latin("Гроздови джибри")
'grozdovi dzhibri'
>>> latin("Καύσιμο για τον λέβητα").split()
['kaysimo', 'ton', 'levita']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = {
    # Latin letters without a decomposition
    "æ": "ae", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "œ": "oe", "ŀ": "l", "₂": "2",
    # Greek (ELOT 743, simplified)
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    # Cyrillic (Bulgarian official transliteration, plus the Russian and Ukrainian letters)
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ы": "y", "э": "e",
    "і": "i", "є": "ye", "ґ": "g", "ђ": "d", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c",
    "џ": "dz", "ѕ": "dz",
}  # fmt: skip
_TABLE = str.maketrans(_LETTERS)
#: Greek and Bulgarian function words, dropped before they are spelt in Latin letters: Greek
#: "και" (and) would read as the Norwegian "kai" (a quay), "για" (for) as nothing useful.
_FUNCTION_WORDS = re.compile(
    r"(?<!\w)(?:και|για|απο|με|στο|στη|στον|στην|του|της|των|το|τα|η|ο|οι|ή|σε|να|ανα|"
    r"и|в|във|на|за|от|с|със|или|не|е|са|по|до)(?!\w)"
)


class _Uncombined(dict):
    """A :meth:`str.translate` table that drops every combining mark and keeps every other
    character, filled in as characters are first seen (one C-level lookup a character
    instead of a Python call to :func:`unicodedata.combining`)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_UNCOMBINED = _Uncombined()


def latin(text: str) -> str:
    """Lower-case ``text``, drop accents and spell the remaining letters in Latin letters.

    Characters that are neither letters nor digits are kept (the callers split on them).
    ASCII text only needs lower-casing: it has no accents, and the function words and the
    letters spelt here are all outside ASCII.
    """
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower()).translate(_UNCOMBINED)
    return _FUNCTION_WORDS.sub(" ", text).translate(_TABLE)


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Lower-case, drop accents, spell Greek, Cyrillic and ł/ø/æ in Latin, keep letters and digits.

    Examples
    --------
    >>> normalise("Ferrosilisium-slagg fra Bremanger")
    'ferrosilisium slagg fra bremanger'
    >>> normalise("Słoma; Τυρόγαλο")
    'sloma tyrogalo'
    """
    text = latin(text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Return the words of the normalised text."""
    return normalise(text).split()


# Inflection: the languages whose words change their end by case and number. A listing says
# "ιπτάμενης τέφρας", "popiołu lotnego", "lakiųjų pelenų" where the thesaurus has the
# dictionary form ("ιπτάμενη τέφρα", "popiół lotny", "lakieji pelenai"). Each language lists
# its noun and adjective endings as folded by :func:`normalise` (accents dropped, Greek and
# Cyrillic spelt in Latin letters); a word inflects a term when it is the term's stem plus one
# of them. Written from the declension tables of each language's grammar; derivational
# suffixes (Polish "-owy", Finnish "-inen") are not endings, so a derived word is not read as
# its base.
_SLAVIC = "a e i o u y em om ami ach"
_ENDING_WORDS = {
    "pl": f"{_SLAVIC} ie ow owi owie ego emu ej ym ych ymi im ich imi iem iom iow iami iach "
    "ia iu ii io",
    "cs": f"{_SLAVIC} ou ech ich ych emi ymi imi ovi ove um am eho emu im ym iho imu ej ich",
    "sk": f"{_SLAVIC} ou ov och ej ho ych ym ymi eho emu iho imu im ich imi ia ie iu ii",
    "sl": f"{_SLAVIC} ov ev ih eh ah am ima imi ega emu ja ju je jem jo ji",
    # Croatian nouns in -ao/-eo take -l- ("pepeo" → pepela).
    "hr": f"{_SLAVIC} ima ama ih oj og oga omu ome eg ega emu la lu lom le li im ja ju je jem "
    "ji ovi ove ova evi eve eva",
    "bg": "a ya o e i ta to te ite ata yata ut yat at ot ove ovete ovi ia iya iyata ii iite "
    "na no ni en nata nite noto",
    "el": "a as es on o os oy oys oi i is ia ias ies ion io ioy e ei eis ea eon ata aton atos "
    "ati y ys",
    "lt": "as o ui a u e ai ams us uose is io iui i iu yje yse ys iai iams ius iuose ies imi "
    "imis ims ose os oje oms omis es ei ems emis eje ese umi umis uje uo ens enys am ame ieji "
    "eji uju iuju iesiems esiems uosius aisiais uosiuose asis ojo ajam aji uoju ajame oji "
    "osios ajai aja ojoje osioms asias ioji iosios ios ia iam iame iems iais ais",
    "lv": "s a am u i ai as os em is es e ei ie iem us ais ajam aja ajai ajos ajiem ajas o ies "
    "ija ijas iju ijai ijam",
    "et": "d t s st sse l lt le ks ni na ta ga de te id ide sid a e i u ile ist is isse",
}
# Finnish: a vowel of the stem, then a case ending ("tuhka" → tuhkan, tuhkassa, tuhkien),
# the stems of nouns in -s ("kerros" → kerroksen, "teollisuus" → teollisuuden), -e and -nen.
_FI_VOWELS = ("", "a", "e", "i", "o", "u", "y", "aa", "ee", "ii", "oo", "uu", "yy", "ia", "ie",
              "ja", "je", "ai", "ei", "oi", "ui", "yi")  # fmt: skip
_FI_CASES = ("", "n", "a", "ta", "na", "ksi", "ssa", "sta", "lla", "lta", "lle", "t", "han",
             "hen", "hin", "hon", "hun", "hyn", "seen", "siin", "tta", "ne", "den", "ten",
             "tten", "in", "iin", "en")  # fmt: skip
_FI_E_NOUNS = ("een", "eet", "eessa", "eesta", "eelle", "eella", "eeseen", "eiden", "eita",
               "eisiin", "eena", "eeksi", "eissa", "eista")  # fmt: skip
_FI_NEN = "nen sen set sta seen sia sten sien siin sena seksi sella selle sessa sesta silla sille \
sissa sista sina"
_ENDING_WORDS["fi"] = " ".join(
    {v + c for v in _FI_VOWELS for c in _FI_CASES}
    | {"k" + v + c for v in ("se", "si") for c in _FI_CASES}
    | {"s", "ksen", "kset", "ksia", "ksien"}
    # nouns in -e take a double consonant ("liete" → lietteen, lietteet, lietteitä)
    | {t + e for t in ("t", "tt") for e in _FI_E_NOUNS}
    # adjectives and nouns in -nen ("biologinen" → biologisen, biologista, biologiset)
    | set(_FI_NEN.split())
)
#: Endings per language code (folded); ``""`` is always one (the dictionary form itself).
ENDINGS: dict[str, frozenset[str]] = {
    lang: frozenset({"", *words.split()}) for lang, words in _ENDING_WORDS.items()
}
#: A stem keeps at least this many letters, so short words ("kuras", "atmos") are read only
#: as written and a stem is never a bare syllable that many words start with.
MIN_STEM = 4


#: Slavic languages drop a vowel before a noun's last consonant when it takes an ending
#: ("żużel" → żużla, "pesek" → peska) and insert one in the genitive plural ("struska" →
#: strusek); :func:`inflects` tries each word with and without it.
FLEETING = frozenset({"pl", "cs", "sk", "sl", "hr", "bg"})
_VOWELS = frozenset("aeiouy")


def drop_fleeting_vowel(word: str) -> str:
    """``word`` without a vowel e/o/a between its last two consonants, if it has one.

    >>> drop_fleeting_vowel("zuzel"), drop_fleeting_vowel("strusek"), drop_fleeting_vowel("sand")
    ('zuzl', 'strusk', 'sand')
    """
    if (
        len(word) > MIN_STEM
        and word[-1] not in _VOWELS
        and word[-2] in "eoa"
        and word[-3] not in _VOWELS
    ):
        return word[:-2] + word[-1]
    return word


def without_fleeting_vowel(word: str, lang: str) -> str:
    """:func:`drop_fleeting_vowel` in a language in ``FLEETING``; else ``word`` unchanged.

    >>> without_fleeting_vowel("zuzel", "pl"), without_fleeting_vowel("zuzel", "fi")
    ('zuzl', 'zuzel')
    """
    return drop_fleeting_vowel(word) if lang in FLEETING else word


def stem(word: str, lang: str) -> str:
    """The shortest stem of ``word`` (folded) in ``lang``: the word without its longest ending
    that leaves ``MIN_STEM`` letters; the word itself in a language that does not inflect or
    when no ending fits. Every inflected form of the word starts with it (the matcher's key).

    Examples
    --------
    >>> stem("lotny", "pl"), stem("iptameni", "el"), stem("pelenai", "lt"), stem("sand", "en")
    ('lotn', 'iptamen', 'pelen', 'sand')
    """
    endings = ENDINGS.get(lang)
    if not endings:
        return word
    for cut in range(len(word) - MIN_STEM, 0, -1):
        if word[-cut:] in endings:
            return word[:-cut]
    return word


def _same_stem(word: str, term: str, endings: frozenset[str], bare: bool = False) -> bool:
    """``word`` and ``term`` share a stem of ``MIN_STEM`` letters and end in endings; the
    word itself ends in one that is not empty unless ``bare``: a bare stem is rarely a word
    of the language and often one of another ("slam" is no form of Czech "sláma")."""
    common = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        common += 1
    return any(
        term[cut:] in endings and word[cut:] in endings and (bare or cut < len(word))
        for cut in range(MIN_STEM, common + 1)
    )


def inflects(word: str, term: str, lang: str) -> bool:
    """True when ``word`` is a form of ``term`` in ``lang``: both are one stem of at least
    ``MIN_STEM`` letters plus an ending of the language (the term's may be empty, the word's
    only where it lost a fleeting vowel), either word perhaps without its fleeting vowel.

    Examples
    --------
    >>> inflects("lotnego", "lotny", "pl"), inflects("lotnisko", "lotny", "pl")
    (True, False)
    >>> inflects("letyashtata", "letyashta", "bg"), inflects("sandy", "sand", "en")
    (True, False)
    >>> inflects("zuzla", "zuzel", "pl"), inflects("strusek", "struska", "cs")
    (True, True)
    >>> inflects("slam", "slama", "cs")  # a bare stem: Norwegian "slam" is sludge, not straw
    False
    """
    endings = ENDINGS.get(lang)
    if word == term or not endings:
        return word == term
    if _same_stem(word, term, endings):
        return True
    if lang not in FLEETING:
        return False
    short_word, short_term = without_fleeting_vowel(word, lang), without_fleeting_vowel(term, lang)
    return (short_word != word or short_term != term) and _same_stem(
        short_word, short_term, endings, bare=short_word != word
    )
