"""Every page each role can reach, in Norwegian and English, on a 390 px phone and a 1366 px
screen: no horizontal overflow, no JavaScript error, no failed static request, no English
interface text on a Norwegian page (whole catalogue sentences, and every English word of
``tests/language.py`` in any text node or label, however short, what people typed left
out), numbers written for the locale. A screenshot of each page
goes to ``tests/e2e/screenshots/`` (git-ignored) for review.

The world is the shared one (tests/world.py) plus a second hub member with needs, computed
matches, a workshop, an opportunity and a contact request, so every page has content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.e2e.catalogue import english_interface_texts
from tests.language import FILE_NAME, english_words, without

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parent / "screenshots"
WIDTHS = (390, 1366)
#: An English thousands separator or decimal point in running text ("1,234", "12.5"), not a
#: date, time, code or version ("06.12.2026", "24.10", "10 02 02").
EN_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
NB_NUMBER = re.compile(r"(?<![\d.,\xa0 ])\d{1,3}(?:\xa0\d{3})+,\d+(?![\d])")


@pytest.fixture
def site(world):
    """Content for every page: a second member with needs, matches, workshop, opportunity."""
    import datetime

    from symbiose.contact.actions import do_request_contact
    from symbiose.facilitation.actions import (
        do_add_hub_members,
        do_create_opportunity,
        do_save_workshop,
    )
    from symbiose.matching.actions import do_recompute_all
    from symbiose.registry.actions import check_save_organisation, check_save_stream

    org, _ = check_save_organisation(
        {"ref": "ORG-VARME", "name": "Varmeverket AS", "municipality": "Kristiansand",
         "lat": "58.15", "lon": "8.0"}, acting_user=None)  # fmt: skip
    do_add_hub_members(world.hub, [org], acting_user=None)
    need, _ = check_save_stream(
        {"ref": "S-VARME-SLAG", "organisation_ref": "ORG-VARME", "direction": "need",
         "category": "material", "title": "Slagg til veibygging", "quantity": "1250.5",
         "unit": "t", "period": "year", "visibility": "public", "ewc_code": "10 02 02"},
        acting_user=None)  # fmt: skip
    do_recompute_all()
    ws = do_save_workshop(world.hub, {"title": "Verksted", "date": datetime.date(2026, 3, 1)},
                          invited=[world.org, org], acting_user=None)  # fmt: skip
    opp = do_create_opportunity(world.hub, {"title": "Slagg til vei"},
                                streams=[world.secret_stream, need], acting_user=None)  # fmt: skip
    req = do_request_contact(need, world.secret_stream, fields=[], note="",
                             acting_user=world.outsider)  # fmt: skip
    return {"workshop": ws, "opportunity": opp, "contact": req}


def pages(world, site) -> dict[str, list[str]]:
    """The pages each role reaches from the menu and the pages they link to."""
    hub = f"/hub/{world.hub.slug}"
    ws = site["workshop"].pk
    company = ["/streams/", f"/streams/{world.secret_stream.ref}/matches/",
               f"/organisations/{world.org.ref}/streams/new/", "/organisations/new/",
               "/contact/", f"/contact/{site['contact'].pk}/", "/map/", "/cases/",
               f"/organisations/{world.org.ref}/",
               f"/impact/{world.secret_stream.ref}/S-VARME-SLAG/",
               "/search/?q=slag", "/search/saved/", "/watches/"]  # fmt: skip
    facilitator = [f"{hub}/", f"{hub}/matches/", f"{hub}/opportunities/",
                   f"/hub/o/{site['opportunity'].ref}/", f"{hub}/workshops/{ws}/", f"{hub}/tasks/",
                   f"{hub}/import/", f"{hub}/history/", "/hub/", "/hub/bank/", "/hub/portfolio/",
                   f"{hub}/assess/", "/map/", "/search/?material=slag&sort=quantity"]  # fmt: skip
    return {
        "anonymous": ["/", "/cases/", "/map/", "/accounts/login/", "/accounts/signup/"],
        "owner": company,
        "facilitator": facilitator,
        "system_facilitator": [p for p in facilitator if not p.endswith(("/import/",))]
        + [f"{hub}/edit/"],  # a write page: the system facilitator gets the 403 page
    }


def context_for(browser, live_server, user, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    cookies = [{"name": "django_language", "value": lang, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": "sessionid", "value": client.cookies["sessionid"].value,
                        "url": live_server.url})  # fmt: skip
    context.add_cookies(cookies)
    return context


#: The page scrolls sideways, or an element other than a table's wrapper does (the phone menu
#: once did: its last links were off screen).
SIDEWAYS = """() => {
  const out = [];
  const page = document.scrollingElement.scrollWidth - window.innerWidth;
  if (page > 0) out.push(`${page}px horizontal overflow`);
  for (const el of document.querySelectorAll("body *")) {
    const x = getComputedStyle(el).overflowX;
    if ((x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1
        && !el.matches(".table-wrap, .table-wrap *, .leaflet-container *, pre, textarea, select"))
      out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways`);
  }
  return out;
}"""


#: Every piece of text a reader meets on a page: text nodes (also one-word labels, options and
#: visually hidden text) and the texts of aria-label, title, placeholder and alt, leaving out
#: what is marked as another language (the "English" switch), scripts, and the titles of cited
#: publications and web pages (``<cite>``, links out of the site), which keep their own
#: language.
TEXTS = """() => {
  const out = [];
  const other = (el) => { const l = el.closest("[lang]"); return l && !l.lang.startsWith("nb"); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("script, style, noscript, cite, a[href^='http']") || other(el)) continue;
    if (n.textContent.trim()) out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (other(el)) continue;
    for (const a of ["aria-label", "title", "placeholder", "alt"])
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
  }
  return out;
}"""


def user_content() -> set[str]:
    """What people typed (names, titles, descriptions, notes): a company may write its stream
    in English; the interface around it must still be Norwegian."""
    from django.apps import apps
    from django.db import models

    names = {"name", "title", "description", "composition", "place", "next_steps", "note",
             "text", "message", "municipality", "first_name", "last_name", "ref"}  # fmt: skip
    out: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("symbiose."):
            continue
        fields = [f.name for f in model._meta.get_fields()
                  if isinstance(f, (models.CharField, models.TextField)) and f.name in names
                  and not f.choices]  # fmt: skip
        for row in model.objects.values_list(*fields) if fields else ():
            out.update(v for v in row if v)
    return out


def english_on_page(page, typed: set[str]) -> list[str]:
    """English words in a Norwegian page's own text (what people typed is left out)."""
    found = {}
    for text in page.evaluate(TEXTS):
        plain = FILE_NAME.sub(" ", without(text, typed))  # "streams.csv" is a name to type
        for word in english_words(plain):
            found.setdefault(word, text[:70])
    return [f"English word {w!r} in {t!r}" for w, t in sorted(found.items())]


def sideways(page) -> list[str]:
    return page.evaluate(SIDEWAYS)


def check_page(
    page, url: str, lang: str, width: int, english: list[str], typed: set[str] | None = None
) -> list[str]:
    problems: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"JS error: {e}"))
    # A failed load is reported by the response listener below (static files) or the status.
    page.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
            and errors.append(f"console: {m.text}"))  # fmt: skip
    page.on("response", lambda r: ("/static/" in r.url or r.url.endswith("favicon.ico"))
            and r.status >= 400 and errors.append(f"static {r.status}: {r.url}"))  # fmt: skip
    response = page.goto(url, wait_until="networkidle")
    expected = 403 if url.endswith("/edit/") else 200
    if response.status != expected:
        problems.append(f"status {response.status}")
    problems += sideways(page)
    if width < 600 and page.is_visible(".menu-toggle"):
        page.click(".menu-toggle")  # the opened phone menu must fit too
        problems += [f"menu open: {p}" for p in sideways(page)]
        page.click(".menu-toggle")
    text = page.inner_text("body")
    if lang == "nb" and width == WIDTHS[-1]:
        own = "\n".join(page.evaluate(TEXTS))  # without what is marked English, or cited
        problems += [f"English text: {t!r}" for t in english if t in own]
        if typed is not None:
            problems += english_on_page(page, typed)
    bad_number = EN_NUMBER if lang == "nb" else NB_NUMBER
    problems += [f"number written for the other locale: {m}" for m in bad_number.findall(text)]
    return problems + errors


def test_every_page_of_every_role_passes_the_checks(browser, live_server, world, site):
    SHOTS.mkdir(exist_ok=True)
    english = english_interface_texts()
    typed = user_content()
    found = []
    for role, urls in pages(world, site).items():
        user = None if role == "anonymous" else world.role(role)
        for lang in ("nb", "en"):
            for width in WIDTHS:
                context = context_for(browser, live_server, user, lang, width)
                for path in urls:
                    page = context.new_page()
                    problems = check_page(page, live_server.url + path, lang, width, english,
                                          typed)  # fmt: skip
                    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                    page.screenshot(path=SHOTS / f"{role}-{lang}-{width}-{name}.png",
                                    full_page=True)  # fmt: skip
                    found += [f"{role} {lang} {width} {path}: {p}" for p in problems]
                    page.close()
                context.close()
    assert not found, "\n".join(found)
