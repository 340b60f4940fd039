"""A marker for translatable text in pure packages.

The matching engine and impact calculators must not import Django, yet their reasons and
error messages are user-facing. They mark templates with ``N_("...")``; ``makemessages``
collects them (``--keyword=N_``) and the Django adapters translate them with ``gettext``
at render time, then fill the ``{named}`` placeholders.
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext-noop name
    """Mark ``message`` for translation without translating it now."""
    return message
