"""References for rows made in the pages (organisations, streams, deposits).

A reference is what imports, exports and the API name a row by; one typed in a listing file
is kept, one made in a form is drawn here. In the registry because every layer that creates
registry rows (web sign-up, resources' deposit form) needs it.
"""

from __future__ import annotations

import secrets


def new_ref(prefix: str) -> str:
    """A fresh reference for something made in the web pages (``ORG-7F3A9C``).

    >>> ref = new_ref("D")
    >>> ref.startswith("D-") and len(ref) == 8
    True
    """
    return f"{prefix}-{secrets.token_hex(3).upper()}"
