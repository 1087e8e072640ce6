# "31 dicembre 2007": no leading zero, the month in lower case.
DATE_FORMAT = "j E Y"
