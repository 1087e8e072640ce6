# "31 December 2007", as British and EU English write it, not "Dec. 31, 2007".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
