"""Download buttons."""

MESSAGES = {
    "download.csv": {"en": "Download CSV", "lt": "Atsisiųsti CSV", "lv": "Lejupielādēt CSV"},
    "download.excel": {"en": "Download Excel", "lt": "Atsisiųsti Excel", "lv": "Lejupielādēt Excel"},
    "download.pdf": {"en": "Download PDF report", "lt": "Atsisiųsti PDF ataskaitą",
                     "lv": "Lejupielādēt PDF pārskatu"},
}
