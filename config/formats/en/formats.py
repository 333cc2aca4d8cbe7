# Dates in prose read in words: "5 December 2026" (Django's "Dec. 5, 2026" abbreviates the month).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
