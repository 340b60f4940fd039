"""English dates with the month's name, day first: never an ambiguous 12/06/2026.

Only what differs from Django's ``en`` formats is here; the rest (input formats, numbers)
falls through to Django's. Times are on the 24-hour clock, as in Norway.
"""

DATE_FORMAT = "j F Y"  # 6 December 2026
SHORT_DATE_FORMAT = "j M Y"  # 6 Dec 2026
DATETIME_FORMAT = "j F Y, H:i"  # 6 December 2026, 14:05
SHORT_DATETIME_FORMAT = "j M Y H:i"  # 6 Dec 2026 14:05
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
