"""The noise patterns data file, loaded and compiled once.

Patterns live in ``ringkas/data/noise_id.toml`` (or a file the user passes): families of line patterns,
the SEO-spam rules and the dateline patterns. Each family's patterns are compiled into one alternation so
a line costs one regex search per family.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ringkas._toml import tomllib
from ringkas.errors import ConfigError

ACTIONS = ("drop_line", "drop_block", "drop_post", "strip")
DEFAULT_PATTERNS = "noise_id.toml"


@dataclass(frozen=True)
class Family:
    """One noise family. ``lowercase``: ``anchored`` and ``floating`` are matched against the lower-cased line
    (the fast way to be case-insensitive: Python's IGNORECASE makes these alternations several times slower);
    a ``strip`` family then cuts with ``regex`` from the line itself, case-insensitively.

    ``regex`` is every pattern in one alternation (``strip`` families cut with it). For finding a line to
    drop, the patterns anchored with ``^`` are also compiled apart (``anchored``, tried at the start of the
    line only) from the rest (``floating``, searched): mixed in one alternation, the anchored ones would
    be retried at every position of every line.
    """

    name: str
    action: str
    regex: re.Pattern[str]
    lowercase: bool
    anchored: re.Pattern[str] | None = None
    floating: re.Pattern[str] | None = None

    def finds(self, line: str) -> bool:
        if self.anchored is not None and self.anchored.match(line):
            return True
        return self.floating is not None and self.floating.search(line) is not None


@dataclass(frozen=True)
class SpamRules:
    name: str
    keywords: re.Pattern[str]
    promo_cues: tuple[re.Pattern[str], ...]
    news_words: re.Pattern[str]
    min_promo_cues: int


@dataclass(frozen=True)
class MarkupRules:
    """The ``[markup]`` vocabularies (see :mod:`ringkas.clean.markup`), each compiled to match whole words of
    an element's class and id."""

    class_words: re.Pattern[str]
    embeds: re.Pattern[str]
    gallery_words: re.Pattern[str]
    caption_words: re.Pattern[str]
    max_link_density: float
    extractor_words: re.Pattern[str] = re.compile("(?!)")


@dataclass(frozen=True)
class CoherenceRules:
    """The ``[coherence]`` lists (see :mod:`ringkas.clean.coherence`)."""

    function_words: frozenset[str]
    teaser_cues: re.Pattern[str]
    continuations: re.Pattern[str]


@dataclass(frozen=True)
class NoisePatterns:
    """Compiled patterns plus what provenance needs to name them (file, version, content hash)."""

    source: str
    version: str
    sha256: str
    families: tuple[Family, ...]
    spam: SpamRules
    datelines: tuple[re.Pattern[str], ...]
    title_suffix: re.Pattern[str]
    markup: MarkupRules
    coherence: CoherenceRules

    def provenance(self) -> dict[str, str]:
        return {"file": self.source, "version": self.version, "sha256": self.sha256[:16]}


def _alternation(patterns: list[str], flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression: {exc}") from None


def _lower_case_only(patterns: list[str], where: str) -> list[str]:
    """Case-insensitive patterns are matched against lower-cased text, so they must be written in lower
    case (escapes such as \\S or \\W aside)."""
    for pattern in patterns:
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>", "", pattern)):
            raise ConfigError(f"{where}: write case-insensitive patterns in lower case: {pattern!r}")
    return patterns


def _all_lower_case(patterns: list[str]) -> bool:
    return not any(re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>", "", p)) for p in patterns)


def _families(data: dict, where: str) -> tuple[Family, ...]:
    families = []
    for entry in data.get("family", []):
        name, action = entry.get("name"), entry.get("action")
        if action not in ACTIONS or not name or not entry.get("patterns"):
            raise ConfigError(f"{where}: family {name!r} needs a name, patterns and an action in {ACTIONS}")
        label = f"{where} [{name}]"
        # strip families cut spans out of the original line (case-insensitively): only the search that says
        # whether a line has such a span looks at the lower-cased copy, when the patterns are in lower case
        lowercase = not entry.get("case_sensitive") and (action != "strip" or _all_lower_case(entry["patterns"]))
        flags = re.IGNORECASE if not entry.get("case_sensitive") and action == "strip" else 0
        patterns = _lower_case_only(entry["patterns"], label) if lowercase else entry["patterns"]
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        find_flags = 0 if lowercase else flags
        families.append(Family(
            name, action, _alternation(patterns, flags, label), lowercase,
            anchored=_alternation(anchored, find_flags, label) if anchored else None,
            floating=_alternation(floating, find_flags, label) if floating else None,
        ))
    return tuple(families)


def _spam(data: dict, where: str) -> SpamRules:
    spam = data.get("spam") or {}
    if not spam.get("keywords"):
        raise ConfigError(f"{where}: [spam] needs keywords")
    label = f"{where} [spam]"
    # All spam rules match the lower-cased line.
    keywords = _lower_case_only(spam["keywords"], label)
    cues = _lower_case_only(spam.get("promo_cues", []), label)
    words = _lower_case_only(spam.get("news_words", []), label) or ["(?!)"]
    return SpamRules(
        name=spam.get("name", "seo_spam"),
        keywords=_alternation(keywords, 0, label),
        promo_cues=tuple(_alternation([cue], 0, label) for cue in cues),
        news_words=_alternation([r"\b(?:{})\b".format("|".join(words))], 0, label),
        min_promo_cues=int(spam.get("min_promo_cues", 2)),
    )


def _outlet(spec: dict) -> str:
    """A domain, or a listed name with a desk glued on ("KompasOtomotif", "detikNews", "ANTARA News")."""
    names = sorted(spec.get("outlets", []), key=len, reverse=True)
    return "|".join([spec.get("outlet_domain", r"(?!)")] + [re.escape(n) + "(?:[A-Z][a-z]{2,15})?" for n in names])


def _datelines(data: dict, where: str) -> tuple[re.Pattern[str], ...]:
    spec = data.get("dateline") or {}
    outlet = _outlet(spec)
    # {place}: the listed places, longest first so "Tangerang Selatan" is not read as "Tangerang".
    place = "|".join(re.escape(p) for p in sorted(spec.get("places", []), key=len, reverse=True)) or r"(?!)"
    try:
        return tuple(re.compile(p.replace("{outlet}", f"(?:{outlet})").replace("{place}", place))
                     for p in spec.get("patterns", []))
    except re.error as exc:
        raise ConfigError(f"{where}: bad dateline pattern: {exc}") from None


def _title_suffix(data: dict, where: str) -> re.Pattern[str]:
    """" - Kompas.com" or " | Liputan6.com" closing a headline: the outlet, not the news."""
    outlet = _outlet(data.get("dateline") or {})
    return _alternation([rf"\s+[-–—|:]\s*(?:{outlet})\s*$"], 0, f"{where} [title suffix]")


def class_word_pattern(words: list[str]) -> re.Pattern[str]:
    """Words as one regex that finds each whole, between spaces, ``-`` or ``_`` of a lower-cased class and id
    ("related" in ``article-snippet--related__title``, not in ``unrelated``)."""
    alternation = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:^|[\s_-])(?:{alternation})(?=$|[\s_-])")


def _markup(data: dict, where: str) -> MarkupRules:
    markup = data.get("markup") or {}
    try:
        density = float(markup.get("max_link_density", 0.6))
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: [markup] max_link_density must be a number") from None
    return MarkupRules(
        class_words=class_word_pattern(markup.get("class_words", [])),
        embeds=class_word_pattern(markup.get("embed_classes", [])),
        gallery_words=class_word_pattern(markup.get("gallery_words", [])),
        caption_words=class_word_pattern(markup.get("caption_words", [])),
        max_link_density=density,
        extractor_words=class_word_pattern(markup.get("extractor_discard_words", [])),
    )


def _coherence(data: dict, where: str) -> CoherenceRules:
    coherence = data.get("coherence") or {}
    label = f"{where} [coherence]"
    cues = _lower_case_only(coherence.get("teaser_cues", []), label) or ["(?!)"]
    openings = [re.escape(w.lower()) for w in coherence.get("continuations", [])] or ["(?!)"]
    return CoherenceRules(
        function_words=frozenset(w.lower() for w in coherence.get("function_words", [])),
        teaser_cues=_alternation(cues, 0, label),
        continuations=re.compile(r"^(?:" + "|".join(openings) + r")\b"),
    )


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
        title_suffix=_title_suffix(data, source),
        markup=_markup(data, source),
        coherence=_coherence(data, source),
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
