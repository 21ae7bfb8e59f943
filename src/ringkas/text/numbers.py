"""Numbers in Indonesian and English news text, read so that a brief's figures can be found in its source.

Indonesian and English write numbers differently ("15.720" / "15,720", "2,1 persen" / "2.1 percent",
"Rp 150.000" / "Rp 150,000", "1,5 juta" / "1.5 million", "tiga" / "three" / "3"), and a brief may be in either
language or copy the other's format, so each number is read under both conventions and a scale word after it
multiplies it (the words are in ``data/number_words.toml``). A brief's number is supported when one of its
readings equals one of the source's. The summariser's faithfulness guard and the evaluation harness's number
fidelity both use this module, so a flag in a job and a figure in a report mean the same thing.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

from ringkas._toml import tomllib

# (thousands separator, decimal separator) of Indonesian and of English.
_CONVENTIONS = ((".", ","), (",", "."))


@lru_cache(maxsize=1)
def number_words() -> dict[str, dict[str, float]]:
    """Scale words and counts written as words, from ``ringkas/data/number_words.toml``."""
    text = resources.files("ringkas.data").joinpath("number_words.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return {"scales": {k.lower(): float(v) for k, v in table["scales"].items()},
            "numbers": {k.lower(): float(v) for k, v in table["numbers"].items()}}


@lru_cache(maxsize=1)
def number_pattern() -> re.Pattern[str]:
    """A number (digits or a number word), an optional percent, an optional scale word."""
    words = number_words()

    def alternation(names: dict[str, float]) -> str:
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))

    return re.compile(
        rf"(?<![\w.,])(\d+(?:[.,]\d+)*|\b(?:{alternation(words['numbers'])})\b)"
        r"(?:\s*(%|persen|percent|per cent))?"
        rf"(?:\s+({alternation(words['scales'])}))?(?!\w)",
        re.IGNORECASE,
    )


def readings(token: str) -> set[float]:
    """Every value ``token`` can mean under the Indonesian or the English convention."""
    word = number_words()["numbers"].get(" ".join(token.lower().split()))
    if word is not None:
        return {word}
    values = set()
    for thousands, decimal in _CONVENTIONS:
        grouped = rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?"
        plain = rf"\d+(?:{re.escape(decimal)}\d+)?"
        if re.fullmatch(grouped, token) or re.fullmatch(plain, token):
            values.add(float(token.replace(thousands, "").replace(decimal, ".")))
    return values


def numbers_in(text: str) -> list[tuple[str, set[float], set[float]]]:
    """(surface form, values with the scale word applied, values without it) for each number in ``text``."""
    found = []
    for match in number_pattern().finditer(text):
        token, _, scale = match.groups()
        plain = readings(token)
        if not plain:  # e.g. "1.2.3": a version or a list, not a quantity
            continue
        factor = number_words()["scales"].get((scale or "").lower(), 1.0)
        found.append((match.group(0).strip(), {v * factor for v in plain}, plain))
    return found


def check_numbers(brief: str, source: str) -> tuple[list[str], int]:
    """The numbers in ``brief`` with no reading equal to a number in ``source`` (scaled or as written), and
    how many numbers ``brief`` has."""
    known: set[float] = set()
    for _, scaled, plain in numbers_in(source):
        known |= scaled | plain
    found = numbers_in(brief)
    missing = [surface for surface, scaled, _ in found
               if not any(math.isclose(v, k, rel_tol=1e-9) for v in scaled for k in known)]
    return missing, len(found)


def unsupported_numbers(brief: str, source: str) -> list[str]:
    """The numbers in ``brief`` that ``source`` does not support (see :func:`check_numbers`)."""
    return check_numbers(brief, source)[0]
