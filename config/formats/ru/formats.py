# Dates in prose read in words: "5 декабря 2026 г." (as Django's; the time after the date, 24-hour).
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
TIME_FORMAT = "H:i"
