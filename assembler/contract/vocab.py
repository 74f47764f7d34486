"""Closed vocabularies of the input contract, and how names in it are matched.

Reading, validation, compute and `init` all use these; none of them owns them.
"""

from __future__ import annotations

import re
import unicodedata

OBSERVATION_TYPES = {"positiv": "Positiv", "positiva": "Positiv",
                     "förbättringsområde": "Förbättringsområde",
                     "förbättringsområden": "Förbättringsområde"}
COMMITMENTS = "Åtaganden"  # the list sheet every report type knows
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


def template_key(name: str) -> str:
    """A name as templates reach it: `Intäkts- och kostnadsutveckling` →
    `intakts_och_kostnadsutveckling` (text sections, `Tabell …` and `Kapitel …` sheets)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")

