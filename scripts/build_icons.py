#!/usr/bin/env python3
"""Build the icon sprite from lucide-static (ISC licence) for the icons the pages use.

Usage: npm pack lucide-static@0.468.0 && tar xzf lucide-static-0.468.0.tgz
       scripts/build_icons.py package/
Writes symbiose/web/static/web/icons/sprite.svg (one <symbol> per icon, id = lucide name)
and copies the licence beside it. Add a name to ICONS and run it again to use a new icon.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ICONS = """map map-pin layers factory flame snowflake droplets wind wrench package arrow-right
search filter plus send mail phone user users check x triangle-alert info log-out log-in globe
house list clipboard-list calendar file-text download upload chart-column leaf coins route
handshake lightbulb archive lock eye-off sparkles building-2 recycle chevron-right
message-square bell clock trending-up circle-check inbox layout-dashboard menu pencil
user-plus""".split()

OUT = Path(__file__).resolve().parents[1] / "symbiose" / "web" / "static" / "web" / "icons"


def main(package: Path) -> None:
    symbols = []
    for name in ICONS:
        svg = (package / "icons" / f"{name}.svg").read_text(encoding="utf-8")
        body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
        body = " ".join(line.strip() for line in body.strip().splitlines())
        symbols.append(
            f'<symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{body}</symbol>'
        )
    OUT.mkdir(parents=True, exist_ok=True)
    version = re.search(r'"version":\s*"([^"]+)"', (package / "package.json").read_text()).group(1)
    (OUT / "sprite.svg").write_text(
        f"<!-- lucide-static {version}, ISC licence (LICENSE beside this file) -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\n'
        + "\n".join(symbols)
        + "\n</svg>\n",
        encoding="utf-8",
    )
    shutil.copy(package / "LICENSE", OUT / "LICENSE")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
