# "31 Δεκεμβρίου 2007": the month in the genitive, as in any Greek date.
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
