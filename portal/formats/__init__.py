"""Long dates and 24-hour times in each language, where Django's own formats differ.

``FORMAT_MODULE_PATH`` points here; a language without a module keeps Django's
formats, which already read well (Swedish "31 december 2007", Latvian
"2007. gada 31. decembris"). ``E`` is the month's form in a date: Greek needs
the genitive ("31 Δεκεμβρίου 2007"), and Italian months are written in lower
case ("31 dicembre 2007", the "alt. month" messages of locale/it).
"""

from django.utils.translation import pgettext_lazy

# Italian writes months in lower case in a date; locale/it translates these
# (Django's own Italian catalogue capitalises them). Named here so that
# makemessages keeps them in the catalogues.
DATE_MONTHS = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
