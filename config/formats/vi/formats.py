# Dates in prose read in words, as Vietnamese write them in a sentence: "ngày 5 tháng 12 năm 2026"
# (Django's own "Ngày 05 tháng 12 năm 2026" starts with a capital and pads the day). Official documents
# keep their own form (core.official.vn_date: "ngày 05 tháng 02 năm 2026", Decree 30/2020). The short
# forms, for tables, are Django's. Settings: FORMAT_MODULE_PATH.
DATE_FORMAT = r"\n\g\à\y j \t\h\á\n\g n \n\ă\m Y"
DATETIME_FORMAT = r"H:i, \n\g\à\y j \t\h\á\n\g n \n\ă\m Y"
TIME_FORMAT = "H:i"
