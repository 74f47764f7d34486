"""Closed vocabularies of the input contract, and how names in it are matched.

Reading, validation, compute and `init` all use these; none of them owns them.
"""

from __future__ import annotations

OBSERVATION_TYPES = {"positiv": "Positiv", "positiva": "Positiv",
                     "förbättringsområde": "Förbättringsområde",
                     "förbättringsområden": "Förbättringsområde"}
STATUSES = ["Ej påbörjad", "Pågår", "Klart", "Försenat", "Stoppat"]
TARGET_WORDS = {"öka": "Öka", "minska": "Minska", "bibehålla": "Bibehålla",
                "oförändrad": "Oförändrad", "oförändrat": "Oförändrat"}


def normalize(text: object) -> str:
    """Sheet names and headers match ignoring case, outer and repeated inner whitespace."""
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()
