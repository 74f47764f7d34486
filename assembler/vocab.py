"""Closed vocabularies of the input contract, and how names in it are matched.

Reading, validation, compute and `init` all use these; none of them owns them.
"""

from __future__ import annotations

import unicodedata

OBSERVATION_TYPES = {"positiv": "Positiv", "positiva": "Positiv",
                     "förbättringsområde": "Förbättringsområde",
                     "förbättringsområden": "Förbättringsområde"}
STATUSES = ["Ej påbörjat", "Pågår", "Klart", "Försenat", "Stoppat"]  # ett åtagande: neuter
TARGET_WORDS = {"öka": "Öka", "minska": "Minska", "bibehålla": "Bibehålla",
                "oförändrad": "Oförändrad", "oförändrat": "Oförändrat"}


def normalize(text: object) -> str:
    """Sheet names, headers, field names, vocabularies and names match ignoring case, outer and
    repeated inner whitespace, Unicode composition (macOS and web pages type `ä` as `a` + `¨`)
    and invisible format characters (zero-width spaces, bidi controls, soft hyphens)."""
    text = unicodedata.normalize("NFC", str(text))
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.replace("\u00a0", " ").split()).casefold()
