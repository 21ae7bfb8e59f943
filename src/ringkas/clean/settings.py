"""The cleaner's settings: the flags of ``ringkas clean`` and the keys of a job's ``[clean]`` section.

:func:`ringkas.clean.build_cleaner` takes these fields as keyword arguments; declaring them here once gives
the flags, the job keys and the docs row the same bound and default.
"""

from __future__ import annotations

from dataclasses import dataclass

from ringkas.clean.gates import DEFAULT_MAX_HTML_CHARS, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_TITLE_CHARS
from ringkas.options import check_fields, setting


def _some_codes(codes: list[str] | tuple[str, ...]) -> str | None:
    # none at all would reject every article as not_indonesian, a run that "succeeds" with nothing kept
    return None if codes else "must name at least one language code (id; id,ms keeps Malay as well)"


@dataclass(frozen=True)
class CleanSettings:
    patterns: str | None = setting(None, metavar="FILE", default_text="the packaged noise_id.toml",
                                   help="noise patterns TOML file")
    accept_langs: tuple[str, ...] = setting(("id",), flag="--accept-lang", metavar="CODE", check=_some_codes,
                                            help="language codes that pass the language filter; they replace "
                                            "the default (`id,ms` keeps Malay as well, `ms` alone drops Indonesian)")
    max_text_chars: int = setting(DEFAULT_MAX_TEXT_CHARS, min=1, aliases=("--max-chars",),
                                  help="longer articles are rejected (`too_long`)")
    max_html_chars: int = setting(DEFAULT_MAX_HTML_CHARS, min=1, help="longer HTML pages are rejected (`too_long`)")
    max_title_chars: int = setting(DEFAULT_MAX_TITLE_CHARS, min=1,
                                   help="a longer title is cut at a word boundary and flagged `title_cut`")

    def __post_init__(self) -> None:
        check_fields(self)
