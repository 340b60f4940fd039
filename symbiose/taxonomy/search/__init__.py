"""Plain-word search over every code list: EWC, NACE, critical raw materials, R/D operations
and the material thesaurus, in Norwegian and English.

Pure package (no Django): ``words`` folds and compares words, ``index`` builds the index,
``query`` answers a query. A company contact types "slagg", "fly ash", "gips" or
"spillvarme" and should find the codes without knowing them; a facilitator types "10 01 05"
or "24.42" and gets that code first. The index is built once (``lru_cache``) and a query
scans only the distinct words of the index, so a search takes a few milliseconds.

How words match (after folding case, accents and æ/ø/å to ae/o/a):

* equal words score highest; a query word that starts a longer word ("slagg" -> "slaggen",
  "gips" -> "gipsbaserte") and a query word with a short inflection ending ("slaggen" ->
  "slagg") score a little less;
* a query word inside a compound ("slagg" in "stålslagg") and a known word inside a query
  compound ("aske" in "flygeaske") score lower still; words of one or two letters ("cu",
  "h2") match only whole;
* every query word must match the same term (a label, title or synonym) for full score.

Material classes also lead to their EWC codes, so "flygeaske" finds 10 01 02 and 19 01 13*
even where the official title is English only. Extra search-only synonyms live in
``data/search_synonyms.csv`` (``term,lang,kind,code``), and the everyday names of EWC entries
("sagflis", "rødslam", "spent pot lining") in ``data/ewc_words.csv`` (``code,lang,terms``).

Examples
--------
>>> search("100105")[0].display
'10 01 05'
>>> any(h.kind == "crm" and h.code == "copper" for h in search("kobber"))
True
"""

from __future__ import annotations

from symbiose.taxonomy.search.index import search_index
from symbiose.taxonomy.search.query import KINDS, Hit, search
from symbiose.taxonomy.search.words import STOPWORDS, fold

__all__ = ["KINDS", "STOPWORDS", "Hit", "fold", "search", "search_index"]
