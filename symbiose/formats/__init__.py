"""Date and time formats per language, where Django's own would mislead (``FORMAT_MODULE_PATH``).

Django's English formats are American: 12/06/2026 reads as 6 December in the US and as
12 June in Europe, where our users are. English pages write the month's name instead, day
first ("6 Dec 2026"); Norwegian keeps Django's nb formats ("06.12.2026").
"""
