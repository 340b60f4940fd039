"""Words that give away the other language: English words that must not appear on a Norwegian
page or in a Norwegian message, and Norwegian words that must not appear in an English one.

Each list holds only words that are not also ordinary words of the other language ("for",
"under", "by", "at", "to", "her", "time", "like", "mine", "men", "sort", "hub", "per", "type",
"all", "sent", "is", "filter", "aluminium" and "data" are Norwegian too; "timer", "tall",
"bare", "den" and "felt" are English too, so they are not listed). Checked word by word, so a
one-word label ("Offer", "tonnes") is caught as surely as a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: English words that are not Norwegian words.
ENGLISH = frozenset(
    """
 the and of with are was were this that these those which from your you our we its been
 has have had not yes none only also each every any some about after before between into
 out off than then there their they them what where when who why how will would could should
 must may can cannot please enter choose select click typed valid invalid required
 field fields value values number numbers name address file files row rows column columns
 sheet missing unknown error errors new add added save saved cancel edit delete search
 show hide more less other same both used use using year years month months
 week weeks day days hour hours tonne tonnes tons litre litres cubic metre metres
 offer offers offered need needs needed material materials heat water waste gas cooling
 energy steam stream streams match matches matched opportunity opportunities member members
 organisation organisations company companies feasible distance worth fit why received
 pending accepted declined request requests contact message messages open closed done
 overdue task tasks assigned nobody nothing something everything
 landfilled incinerated sold given away spread discharged vented treated unused
 hazardous permit permits recovery disposal critical strategic raw
 sawmilling planing wood manufacture production basic metals precious ferrous
 activities activity services wholesale retail repair
 """.split()
)

#: Norwegian words that are not English words (any word with æ, ø or å counts as well).
NORWEGIAN = frozenset(
    """
 og ikke eller som til med av det de et en er var skal kan må ble blir har hadde
 fra på ved etter mellom uten hvis når hvor hva hvem hvorfor hvordan også alle
 ingen noen hver annen andre verdi verdien gyldig ugyldig feil mangler velg
 skriv fyll lagre lagret avbryt endre slett søk vis skjul mer mindre ny nye rader
 kolonne fil filer navn adresse organisasjon organisasjonen organisasjonsnummer bedrift
 tilbud behov strøm strømmer mengde enhet periode kategori tittel beskrivelse kommune
 år måned uke dag tonn avstand verdt hvorfor sendt mottatt venter godtatt avslått
 forespørsel melding oppgave oppgaver frist ingen ingenting
 """.split()
)

#: A file name the user must type as it is ("streams.csv").
FILE_NAME = re.compile(r"\b[\w-]*\.(?:csv|xlsx|xls|json|pdf)\b")
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜü]+")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased."""
    return [w.lower() for w in WORD.findall(text)]


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words in ``text`` (a Norwegian page or message), without ``allowed``."""
    allow = {a.lower() for a in allowed}
    return [w for w in words(QUOTED.sub(" ", text)) if w in ENGLISH and w not in allow]


def norwegian_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The Norwegian words in ``text`` (an English page or message), without ``allowed``."""
    allow = {a.lower() for a in allowed}
    return [w for w in words(text) if (w in NORWEGIAN or re.search("[æøå]", w)) and w not in allow]


#: A name in guillemets is one to type as it is (a sheet name: «streams»).
QUOTED = re.compile(r"«[^»]*»")


def without(text: str, strings: Iterable[str]) -> str:
    """``text`` with every one of ``strings`` (user content: names, titles) cut out, longest
    first, so that a company's own English title is not read as an interface string."""
    for s in sorted({s for s in strings if s and s.strip()}, key=len, reverse=True):
        text = text.replace(s, " ")
    return text
