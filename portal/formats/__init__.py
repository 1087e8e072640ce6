"""Long dates and 24-hour times in each language, where Django's own formats differ.

``FORMAT_MODULE_PATH`` points here; a language without a module keeps Django's
formats, which already read well (Swedish "31 december 2007", Latvian
"2007. gada 31. decembris"). ``E`` is the month's form in a date: Greek needs
the genitive ("31 Δεκεμβρίου 2007"), and Italian months are written in lower
case ("31 dicembre 2007", the "alt. month" messages of locale/it).
"""

from django.utils.translation import pgettext_noop

# Italian writes months in lower case in a date; locale/it translates these
# (Django's own Italian catalogue capitalises them). Named here so that
# makemessages keeps them in the catalogues.
DATE_MONTHS = [
    pgettext_noop("alt. month", "January"),
    pgettext_noop("alt. month", "February"),
    pgettext_noop("alt. month", "March"),
    pgettext_noop("alt. month", "April"),
    pgettext_noop("alt. month", "May"),
    pgettext_noop("alt. month", "June"),
    pgettext_noop("alt. month", "July"),
    pgettext_noop("alt. month", "August"),
    pgettext_noop("alt. month", "September"),
    pgettext_noop("alt. month", "October"),
    pgettext_noop("alt. month", "November"),
    pgettext_noop("alt. month", "December"),
]
