"""Numbers in Indonesian and English news text, normalised so that a brief's figures can be found in its source.

Indonesian writes "15.720" (thousands dot), "2,1" (decimal comma) and "Rp 150.000"; English writes "15,720"
and "2.1". A machine translation may copy either form into an English brief. A group of exactly three digits
after a single separator is ambiguous ("15.720" is 15720 in Indonesian and 15.72 in English), so a number
has a *set* of readings: the one its language implies first, and the other as well. Two numbers match when
their readings intersect, which errs towards "found" rather than raising false alarms. A scale word after a
number ("2,5 triliun", "2.5 trillion", "150 juta") adds the scaled reading.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

# Digits with optional "." / "," groups; a lone separator at the end (a full stop) is not part of it.
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s+([A-Za-z]+))?")
_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,])\d{3})+$")


@lru_cache(maxsize=1)
def scale_words() -> dict[str, Decimal]:
    """Scale words ("juta", "million", "bn" ...) read from ``ringkas/data/scale_words.toml``."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    text = resources.files("ringkas.data").joinpath("scale_words.toml").read_text("utf-8")
    table = tomllib.loads(text)["scale"]
    return {word.lower(): Decimal(str(value)) for value, words in
            ((entry["value"], entry["words"]) for entry in table) for word in words}


def _readings_of(token: str, lang: str) -> set[Decimal]:
    """Every value ``token`` can stand for; see the module docstring for the ambiguity rule."""
    dots, commas = token.count("."), token.count(",")
    if not dots and not commas:
        return {Decimal(token)}
    if dots and commas:  # both separators: the last one is the decimal mark
        decimal_mark = "." if token.rfind(".") > token.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        return _parse(token.replace(group_mark, "").replace(decimal_mark, "."))
    mark = "." if dots else ","
    if _THOUSANDS.match(token):
        grouped = _parse(token.replace(mark, ""))
        if dots + commas > 1:  # "1.234.567": only grouping makes sense
            return grouped
        return grouped | _parse(token.replace(mark, "."))
    if dots + commas > 1:  # "1.2.3": a date or version, keep its parts' plain reading
        return _parse(token.replace(mark, ""))
    return _parse(token.replace(",", "."))


def _parse(text: str) -> set[Decimal]:
    try:
        return {Decimal(text).normalize()}
    except InvalidOperation:
        return set()


def number_readings(text: str, lang: str = "id") -> list[tuple[str, frozenset[Decimal]]]:
    """``(surface form, readings)`` for each number in ``text``.

    ``lang`` is accepted for the day a reading should depend on it; today both readings of an ambiguous
    group are kept whatever the language, because machine-translated English copies Indonesian formats.
    """
    scales = scale_words()
    found = []
    for match in _NUMBER.finditer(text):
        token, word = match.groups()
        readings = {value.normalize() for value in _readings_of(token, lang)}
        scale = scales.get((word or "").lower())
        if scale is not None:
            readings |= {(value * scale).normalize() for value in readings}
        surface = match.group(0) if scale is not None else token
        found.append((surface.strip(), frozenset(readings)))
    return found


def unsupported_numbers(brief: str, source: str, *, brief_lang: str = "en", source_lang: str = "id") -> tuple[
        list[str], int]:
    """Numbers in ``brief`` that have no matching reading in ``source``, and how many numbers the brief has."""
    source_values: set[Decimal] = set()
    for _surface, readings in number_readings(source, source_lang):
        source_values |= readings
    brief_numbers = number_readings(brief, brief_lang)
    missing = [surface for surface, readings in brief_numbers if not readings & source_values]
    return missing, len(brief_numbers)
