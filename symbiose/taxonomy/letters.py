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


def latin(text: str) -> str:
    """Lower-case ``text``, drop accents and spell the remaining letters in Latin letters.

    Characters that are neither letters nor digits are kept (the callers split on them).
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
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
