"""The job's own keys: what a job reads, how it runs, what it writes, and which stages it switches on.

Each section's keys are the fields of the settings classes :data:`ringkas.runner.sections.SECTIONS` lists
for it: the classes below for the job's own keys, the stages' settings (translator, summariser, cleaner,
story clustering) for theirs. A key is declared once, here or on its stage's settings, with
:func:`ringkas.options.setting`; the job schema, the docs' key table and the flags are generated from it.
Most below are keys of a job only (:func:`~ringkas.options.job_key`): ``ringkas run --set SECTION.KEY=VALUE``
sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ringkas.options import job_key, setting


def _not_blank(value: str) -> str | None:
    return None if value.strip() else "must not be empty"


def _module_attribute(value: str) -> str | None:
    return None if ":" in value else f"{value!r} must be module:attribute"


@dataclass(frozen=True)
class InputSettings:
    path: Any = job_key(None, kind="paths", help="input file(s) or folder; globs allowed (`feeds/*.jsonl`); "
                        "read in sorted order (this or `feeds`)")
    feeds: list[str] | None = job_key(None, help="feed URLs (RSS/Atom), OPML files or URL-list files to fetch "
                                      "first, instead of `path` (needs internet)")
    fetch: dict[str, Any] = job_key(default_factory=dict, keys="ringkas.fetch.settings:FetchSettings",
                                    help="fetch settings for `feeds` (the `input.fetch.*` keys below)")
    format: str | None = setting(None, choices="ringkas.readers:READERS", default_text="from the file extension",
                                 help="reader format")
    options: dict[str, Any] = job_key(default_factory=dict, help="reader options passed to `read_articles` "
                                      "(`columns`, `max_record_bytes`, `delimiter`, `split` ...)")


@dataclass(frozen=True)
class CleanJob:
    enabled: bool = job_key(True, help="run the cleaner (boilerplate, spam, datelines, language filter); off "
                            "only for feeds already clean")


@dataclass(frozen=True)
class TranslateJob:
    enabled: bool = job_key(True, help="translate title and text into English (off: the summariser must write "
                            "English itself)")
    options: dict[str, Any] = job_key(default_factory=dict, help="further translator settings (backend options "
                                      "such as `cache`, `ct2_cache`, `threads`), passed through to "
                                      "`build_translator`")


@dataclass(frozen=True)
class SummariseJob:
    enabled: bool = job_key(True, help="write briefs (off: translation only)")
    per: str = job_key("story", choices=("story", "article"),
                       help="with `cluster.enabled`: `story` briefs one article per story (a complete, central "
                       "one, the shortest of alike; the others get their title translated and are listed under "
                       "it), `article` briefs every article")
    options: dict[str, Any] = job_key(default_factory=dict, help="further summariser settings, passed through "
                                      "to `build_summariser`")


@dataclass(frozen=True)
class DedupeSettings:
    enabled: bool = job_key(True, help="translate and summarise near-duplicate articles (one wire story on "
                            "several portals) once")
    threshold: float = job_key(0.7, min=0.05, max=1.0, help="estimated Jaccard similarity of word 3-grams above "
                               "which two articles are one story")
    num_perm: int = job_key(128, min=16, max=1024, help="MinHash permutations (more: finer estimates, more "
                            "memory)")


@dataclass(frozen=True)
class ClusterJob:
    enabled: bool = job_key(True, help="group the articles that report one event into a story (after "
                            "cleaning, before any costly model; needs the sentence encoder, "
                            "`ringkas[encoder]`; see docs/stories.md)")
    # the job's own default for StorySettings.state (there, None is no file)
    state: str | None = job_key(None, default_text="`~/.cache/ringkas/stories/<spec name>-<digest of its path>.jsonl` "
                                "(a spec given as a dict: none)",
                                help="file that carries recent stories to the next run (tomorrow's articles "
                                "join today's stories); \"\" for none")


@dataclass(frozen=True)
class OutputSettings:
    dir: str = job_key(None, required=True, check=_not_blank,
                       help="output folder (created); holds the outputs and the `_work/` resume state")
    formats: list[str] = job_key(default_factory=lambda: ["jsonl"], choices=("jsonl", "parquet"),
                                 help="brief files to write: `briefs.jsonl` always, `briefs.parquet` as well "
                                 "with `parquet`")
    digest: bool = job_key(True, help="write `digest.md` and `digest.html`")
    digest_title: str = job_key("ringkas daily digest", help="heading of the digest")


@dataclass(frozen=True)
class RunSettings:
    unit_size: int = job_key(64, min=1, help="articles per committed unit: a kill loses at most one unit's work "
                             "per worker")
    engine: str = job_key("local", choices=("local", "ray"), help="`local`: this process; `ray`: Ray Data actor "
                          "pools (`--engine` overrides)")
    ray_address: str | None = job_key(None, default_text="start a local Ray instance", help="Ray cluster address")
    translate_actors: int = job_key(0, min=0, help="Ray translator actors; 0: one per GPU, or one per two CPUs "
                                    "without GPUs")
    summarise_actors: int = job_key(0, min=0, help="Ray summariser actors; 0: as for the translator")
    stages: str = job_key("ringkas.runner.stages:RingkasStages", check=_module_attribute,
                          help="the stage factory (`module:attr`); plugins swap in their own stages here")


__all__ = ["CleanJob", "ClusterJob", "DedupeSettings", "InputSettings", "OutputSettings", "RunSettings",
           "SummariseJob", "TranslateJob"]
