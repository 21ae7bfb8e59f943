"""Numbers in Indonesian and English news text: what each figure in a text means, so that a brief or a
translation can be checked against its source.

Indonesian and English write numbers differently ("15.720" / "15,720", "2,1 persen" / "2.1 percent",
"Rp 150.000" / "Rp 150,000", "1,5 juta" / "1.5 million", "tiga" / "three" / "3", "13.21 WIB" / "13:21",
"15/6/2022" / "June 15, 2022"). :func:`read_numbers` finds every figure and gives the values it can mean as
keys: ``("n", value)`` for a quantity (its scale word applied), ``("time", minutes after midnight)``,
``("month", 1..12)``; a date is its day, month and year. The words (scales, counts, months, time zones) are
in ``data/number_words.toml``.

Which convention a digit string is read with depends on the caller. A translation check reads the source
as Indonesian and the translation as English (``"15.720"`` in Indonesian is fifteen thousand, so
``"15.72 people"`` does not match it) and accepts the other convention only where the text shows it is
being used: a token that only the other convention can read (``"1.5"`` in Indonesian, ``"2,1"`` in English)
is read that way, and then the text's ambiguous tokens get both readings. A brief may be in either
language, so :func:`check_numbers` reads both ways. The summariser's faithfulness guard, the evaluation
harness's number fidelity and the translation checks all use this module, so a flag in a job and a figure
in a report mean the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas._toml import tomllib

# (thousands separator, decimal separator) per convention.
CONVENTIONS = {"id": (".", ","), "en": (",", ".")}
# Values are compared at this many significant digits ("1,3 triliun" and "1,300 billion" differ in the
# last bits of a float).
_PRECISION = 9

Key = tuple[str, float]


@dataclass(frozen=True)
class Number:
    """One figure found in a text: its surface form, where it is, and what it can mean."""

    surface: str
    start: int
    end: int
    keys: frozenset[Key]  # readings with the scale word applied (and a range's shared scale)
    plain: frozenset[Key]  # readings as written, without the scale word
    soft: bool = False  # "the two", "keduanya": matches a figure, never reported on its own

    @property
    def kind(self) -> str:
        return next(iter(self.keys))[0]


def _key(kind: str, value: float) -> Key:
    return kind, float(f"{value:.{_PRECISION}g}")


@lru_cache(maxsize=1)
def number_words() -> dict[str, Any]:
    """Scale words, counts written as words, months and markers, from ``ringkas/data/number_words.toml``."""
    text = resources.files("ringkas.data").joinpath("number_words.toml").read_text("utf-8")
    table = tomllib.loads(text)
    lower = lambda name: {k.lower(): float(v) for k, v in table[name].items()}  # noqa: E731
    return {"scales": lower("scales"), "numbers": lower("numbers"), "soft": lower("soft_numbers"),
            "months": lower("months"),
            "month_abbreviations": lower("month_abbreviations"), "markers": table["markers"]}


def _alternation(names: Any) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


def _cased(names: Any) -> list[str]:
    """Each name as written in running text, at a sentence start and in a capitals headline ("tiga", "Tiga",
    "TIGA"). The patterns that scan a whole text are case-sensitive: Python's ``re`` is several times slower
    on a case-blind alternation."""
    return sorted({form for name in names for form in (name, name[:1].upper() + name[1:], name.upper())})


# Digits, maybe grouped or with a decimal part, maybe an ordinal ending ("3rd", "1990s").
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?!\w)")
_ORDINAL_END = re.compile(r"(?:st|nd|rd|th|s)$")
_PERCENT = r"%|persen|percent|per cent"
# A currency sign may touch the digits ("Rp150.000", "US$5"); otherwise no letter or separator before.
_TOUCHING_CURRENCY = ("Rp", "IDR", "USD")


def _free_before(text: str, start: int) -> bool:
    """True when nothing glued to ``text[start]`` makes it part of a longer token."""
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before in "._,") or text.endswith(_TOUCHING_CURRENCY, 0, start)


@lru_cache(maxsize=1)
def number_pattern() -> re.Pattern[str]:
    """A count written as a word ("tiga", "dua belas", "three")."""
    return re.compile(rf"\b(?:{_alternation(_cased(number_words()['numbers']))})\b")


@lru_cache(maxsize=1)
def _after_number() -> re.Pattern[str]:
    """What may follow a number: a percent, up to two scale words ("dua ratus ribu")."""
    scale = _alternation(number_words()["scales"])
    return re.compile(rf"(?:\s*({_PERCENT}))?((?:\s+(?:{scale}))(?:\s+(?:{scale}))?)?(?!\w)",
                      re.IGNORECASE)


_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:(?P<sep>[.:])(?P<m>[0-5]\d))?(?!\d|[.,:]\d)")


@lru_cache(maxsize=1)
def _time_zone() -> re.Pattern[str]:
    return re.compile(rf"\s*({_alternation(number_words()['markers']['time_zones'])})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _time_word() -> re.Pattern[str]:
    return re.compile(rf"(?:^|[^\w.])(?:{_alternation(number_words()['markers']['time_words'])})\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _figure_after() -> re.Pattern[str]:
    """What makes an "H.MM" a figure, not a clock time: a percent or a scale word after it."""
    return re.compile(rf"\s*(?:{_PERCENT})|\s+(?:{_alternation(number_words()['scales'])})\b",
                      re.IGNORECASE)


_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/]|[.,]\d)")


@lru_cache(maxsize=1)
def _month_pattern() -> re.Pattern[str]:
    """Month names with a capital (the only way either language writes them), then an optional full stop."""
    words = number_words()
    names = [form for form in _cased(list(words["months"]) + list(words["month_abbreviations"])) if form[0].isupper()]
    # No leading \b: a pattern that starts with literals is searched much faster; the caller checks the start.
    return re.compile(rf"({_alternation(names)})\b\.?")


@lru_cache(maxsize=1)
def _range_gap() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{_alternation(number_words()['markers']['range_words'])})\s*$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _convention_patterns(convention: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    thousands, decimal = (re.escape(c) for c in CONVENTIONS[convention])
    return (re.compile(rf"\d{{1,3}}(?:{thousands}\d{{3}})+(?:{decimal}\d+)?"), re.compile(rf"\d+(?:{decimal}\d+)?"))


def valid_in(token: str, convention: str) -> float | None:
    """The value of digit string ``token`` under ``convention`` ("id" or "en"), or None if it cannot be one."""
    grouped, plain = _convention_patterns(convention)
    if grouped.fullmatch(token) or plain.fullmatch(token):
        thousands, decimal = CONVENTIONS[convention]
        return float(token.replace(thousands, "").replace(decimal, "."))
    return None


def readings(token: str, convention: str | None = None, other_shown: bool = False) -> set[float]:
    """The values ``token`` can mean: under ``convention`` (the other one too when ``other_shown``, or when
    ``convention`` cannot read it); under both when ``convention`` is None."""
    word = number_words()["numbers"].get(" ".join(token.lower().split()))
    if word is not None:
        return {word}
    token = _ORDINAL_END.sub("", token)
    if convention is None:
        return {v for c in CONVENTIONS if (v := valid_in(token, c)) is not None}
    own = valid_in(token, convention)
    if own is not None and not other_shown:
        return {own}
    other = valid_in(token, "en" if convention == "id" else "id")
    return {v for v in (own, other) if v is not None}


def _clock(match: re.Match[str], zone: str) -> tuple[int, int] | None:
    """(hour, minute) when a clock-pattern match can be a clock time, else None."""
    hour, minute = int(match["h"]), match["m"]
    meridiem = zone.lower().replace(".", "") if zone.lower().replace(".", "") in ("am", "pm") else None
    if minute is None and meridiem is None:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return (hour, int(minute or 0)) if hour <= 24 else None


def _times(text: str) -> list[Number]:
    found = []
    for match in _CLOCK.finditer(text):
        after = text[match.end():match.end() + 1]
        if match["m"] is None and not (after.isspace() or after in ("a", "p")):
            continue  # a lone number with no "a.m." after it: not a time (checked here, cheaply, first)
        if not _free_before(text, match.start()) or text[match.start() - 1:match.start()] in (":", "/"):
            continue
        zone_match = _time_zone().match(text, match.end())
        zone = zone_match.group(1) if zone_match else ""
        clock = _clock(match, zone)
        if clock is None:
            continue
        hour, minute = clock
        keys = {_key("time", hour * 60 + minute)}
        if match["m"] is None:  # "7 p.m." may stand for "pukul 7 malam"
            keys.add(_key("n", int(match["h"])))
        elif match["sep"] == "." and not (zone or _time_word().search(text, max(0, match.start() - 8), match.start())):
            # "hingga 04.00", "2.50": a time or a figure. Followed by a unit or a scale word it is a figure.
            if _figure_after().match(text, match.end()):
                continue
            keys.add(_key("n", float(f"{match['h']}.{match['m']}")))
        end = zone_match.end() if zone_match else match.end()
        found.append(Number(text[match.start():end], match.start(), end, frozenset(keys), frozenset(keys)))
    return found


def _dates(text: str, convention: str | None) -> list[Number]:
    found = []
    for match in _DATE.finditer(text):
        if not _free_before(text, match.start()) or text[match.start() - 1:match.start()] == "/":
            continue
        first, second, year = (int(g) for g in match.groups())
        orders = [(first, second)]
        if convention != "id" and (first > 12 or convention is None):
            orders.append((second, first))  # 6/15/2022 in English copy
        orders = [(d, m) for d, m in orders if 1 <= d <= 31 and 1 <= m <= 12]
        if not orders:
            continue
        surface, start, end = match.group(0), match.start(), match.end()
        for part in ({_key("n", d) for d, _ in orders}, {_key("month", m) for _, m in orders}, {_key("n", year)}):
            found.append(Number(surface, start, end, frozenset(part), frozenset(part)))
    return found


def _months(text: str) -> list[Number]:
    words = number_words()
    context = {w.lower() for w in words["markers"]["month_context"]}
    found = []
    for match in _month_pattern().finditer(text):
        name = match.group(1)
        if match.start() and text[match.start() - 1].isalnum():
            continue
        before = text[: match.start()].rstrip()
        after = text[match.end():]
        next_to_number = bool(re.match(r"\s*\d", after) or re.search(r"\d$", before))
        lowered = name.lower()
        if lowered in words["months"]:
            month = words["months"][lowered]
            if lowered == "may" and not (next_to_number or before.rsplit(" ", 1)[-1].lower().strip("-") in context):
                continue
        elif next_to_number:
            month = words["month_abbreviations"][lowered]
        else:
            continue
        keys = frozenset({_key("month", month)})
        end = match.end() if lowered in words["month_abbreviations"] else match.end(1)  # "Feb." keeps its dot
        found.append(Number(text[match.start():end], match.start(), end, keys, keys))
    return found


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(_cased(name.split()[0] for name in number_words()["numbers"]))


@lru_cache(maxsize=1)
def _soft_pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    """The soft number words ("the two", "keduanya"), and the words one of them must contain."""
    names = number_words()["soft"]
    return (re.compile(rf"\b(?:{_alternation(_cased(names))})\b"),
            frozenset(word for name in _cased(names) for word in name.split()))


def _soft_numbers(text: str) -> list[Number]:
    pattern, words = _soft_pattern()
    if not words & set(_WORD.findall(text)):
        return []
    values = number_words()["soft"]
    found = []
    for match in pattern.finditer(text):
        keys = frozenset({_key("n", values[" ".join(match.group(0).lower().split())])})
        found.append(Number(match.group(0), match.start(), match.end(), keys, keys, soft=True))
    return found


def _number_tokens(text: str) -> list[re.Match[str]]:
    digits = [m for m in _DIGITS.finditer(text) if _free_before(text, m.start())]
    # Most texts have no number word: a set lookup of their words is much cheaper than the pattern.
    words = list(number_pattern().finditer(text)) if _first_words() & set(_WORD.findall(text)) else []
    return sorted(digits + words, key=lambda m: m.start())


def _quantities(text: str, convention: str | None) -> list[Number]:
    matches = _number_tokens(text)
    other_shown = False
    if convention is not None:
        other = "en" if convention == "id" else "id"
        other_shown = any(valid_in(t, convention) is None and valid_in(t, other) is not None
                          for t in (_ORDINAL_END.sub("", m.group(0)) for m in matches))
    scales = number_words()["scales"]
    found: list[Number] = []
    for match in matches:
        plain = readings(match.group(0), convention, other_shown)
        if not plain:  # e.g. "1.2.3": a version or a list, not a quantity
            continue
        after = _after_number().match(text, match.end())
        factor = 1.0
        for word in ((after.group(2) if after else None) or "").split():
            factor *= scales[word.lower()]
        end = after.end() if after else match.end()
        keys = frozenset(_key("n", v * factor) for v in plain)
        plain_keys = frozenset(_key("n", v) for v in plain)
        found.append(Number(text[match.start():end], match.start(), end, keys, plain_keys))
    return _share_range_scales(text, found)


def _share_range_scales(text: str, found: list[Number]) -> list[Number]:
    """In "1,5 hingga 2 juta" the first number is in millions too: give it that reading as well."""
    out = list(found)
    for i in range(len(found) - 2, -1, -1):
        first, second = out[i], out[i + 1]
        if first.keys != first.plain or second.keys == second.plain:
            continue
        if not _range_gap().match(text[first.end : second.start]):
            continue
        factors = {k[1] / p[1] for k in second.keys for p in second.plain if p[1]}
        scaled = {_key("n", v[1] * f) for v in first.plain for f in factors}
        out[i] = Number(first.surface, first.start, first.end, first.keys | scaled, first.plain)
    return out


def read_numbers(text: str, convention: str | None = None) -> list[Number]:
    """Every figure in ``text`` in order: clock times, dates, months, then quantities outside them.
    ``convention`` is "id", "en" or None (both)."""
    special = _times(text) + _dates(text, convention)
    special += [n for n in _soft_numbers(text) if not any(s.start < n.end and n.start < s.end for s in special)]
    taken = sorted((n.start, n.end) for n in special)
    masked = text
    for start, end in taken:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    special += [n for n in _months(masked)]
    found = special + _quantities(masked, convention)
    return sorted(found, key=lambda n: n.start)


def unmatched(found: list[Number], other: list[Number]) -> list[Number]:
    """The numbers of ``found`` none of whose readings is among ``other``'s (scaled or as written); a soft
    number ("the two") is never one of them."""
    known: set[Key] = set()
    for number in other:
        known |= number.keys | number.plain
    return [n for n in found if not n.soft and not n.keys & known]


def numbers_in(text: str) -> list[tuple[str, set[float], set[float]]]:
    """(surface form, values with the scale word applied, values without it) for each quantity in ``text``,
    read under both conventions."""
    return [(n.surface, {v for _, v in n.keys}, {v for _, v in n.plain})
            for n in read_numbers(text) if n.kind == "n"]


def check_numbers(brief: str, source: str) -> tuple[list[str], int]:
    """The numbers in ``brief`` with no reading equal to a number in ``source`` (scaled or as written), and
    how many numbers ``brief`` has ("the two" is none). Both texts are read under both conventions."""
    found = read_numbers(brief)
    missing = one_per_place(unmatched(found, read_numbers(source)))
    return [n.surface for n in missing], len(one_per_place([n for n in found if not n.soft]))


def one_per_place(numbers: list[Number]) -> list[Number]:
    """A date is three numbers (day, month, year) at one place: report it once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for number in numbers:
        if (number.start, number.end) not in seen:
            seen.add((number.start, number.end))
            out.append(number)
    return out


def unsupported_numbers(brief: str, source: str) -> list[str]:
    """The numbers in ``brief`` that ``source`` does not support (see :func:`check_numbers`)."""
    return check_numbers(brief, source)[0]
