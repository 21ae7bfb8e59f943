"""The noise patterns data file, loaded and compiled once.

Patterns live in ``ringkas/data/noise_id.toml`` (or a file the user passes): families of line patterns,
the SEO-spam rules and the dateline patterns. Each family's patterns are compiled into one alternation so
a line costs one regex search per family.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ringkas.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ACTIONS = ("drop_line", "drop_block", "strip")
DEFAULT_PATTERNS = "noise_id.toml"


@dataclass(frozen=True)
class Family:
    name: str
    action: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class SpamRules:
    name: str
    keywords: re.Pattern[str]
    promo_cues: tuple[re.Pattern[str], ...]
    news_words: re.Pattern[str]
    min_promo_cues: int


@dataclass(frozen=True)
class NoisePatterns:
    """Compiled patterns plus what provenance needs to name them (file, version, content hash)."""

    source: str
    version: str
    sha256: str
    families: tuple[Family, ...]
    spam: SpamRules
    datelines: tuple[re.Pattern[str], ...]

    def provenance(self) -> dict[str, str]:
        return {"file": self.source, "version": self.version, "sha256": self.sha256[:16]}


def _alternation(patterns: list[str], flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression: {exc}") from None


def _families(data: dict, where: str) -> tuple[Family, ...]:
    families = []
    for entry in data.get("family", []):
        name, action = entry.get("name"), entry.get("action")
        if action not in ACTIONS or not name or not entry.get("patterns"):
            raise ConfigError(f"{where}: family {name!r} needs a name, patterns and an action in {ACTIONS}")
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        families.append(Family(name, action, _alternation(entry["patterns"], flags, f"{where} [{name}]")))
    return tuple(families)


def _spam(data: dict, where: str) -> SpamRules:
    spam = data.get("spam") or {}
    if not spam.get("keywords"):
        raise ConfigError(f"{where}: [spam] needs keywords")
    word = r"\b(?:{})\b"
    return SpamRules(
        name=spam.get("name", "seo_spam"),
        keywords=_alternation(spam["keywords"], re.IGNORECASE, f"{where} [spam.keywords]"),
        promo_cues=tuple(re.compile(p, re.IGNORECASE) for p in spam.get("promo_cues", [])),
        news_words=re.compile(word.format("|".join(spam.get("news_words", ["$^"]))), re.IGNORECASE),
        min_promo_cues=int(spam.get("min_promo_cues", 2)),
    )


def _datelines(data: dict, where: str) -> tuple[re.Pattern[str], ...]:
    spec = data.get("dateline") or {}
    names = sorted(spec.get("outlets", []), key=len, reverse=True)
    outlet = "|".join([spec.get("outlet_domain", r"(?!)")] + [re.escape(n) for n in names])
    try:
        return tuple(re.compile(p.replace("{outlet}", f"(?:{outlet})")) for p in spec.get("patterns", []))
    except re.error as exc:
        raise ConfigError(f"{where}: bad dateline pattern: {exc}") from None


def parse_patterns(raw: bytes, source: str) -> NoisePatterns:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{source}: not a valid TOML patterns file: {exc}") from None
    return NoisePatterns(
        source=source,
        version=str(data.get("version", "unversioned")),
        sha256=hashlib.sha256(raw).hexdigest(),
        families=_families(data, source),
        spam=_spam(data, source),
        datelines=_datelines(data, source),
    )


@lru_cache(maxsize=8)
def load_patterns(path: str | None = None) -> NoisePatterns:
    """The packaged patterns (``path=None``) or a user's own TOML file in the same format."""
    if path is None:
        raw = resources.files("ringkas.data").joinpath(DEFAULT_PATTERNS).read_bytes()
        return parse_patterns(raw, f"ringkas/data/{DEFAULT_PATTERNS}")
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read noise patterns {path}: {exc}") from None
    return parse_patterns(raw, str(path))
