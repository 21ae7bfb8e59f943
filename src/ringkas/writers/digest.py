"""The digest: the day's briefs for people to read, as Markdown and as one self-contained HTML page.

A story reported by several portals appears once, with the other portals listed under it. When the job
grouped articles into stories (``ringkas.stories``), the digest is one entry per story, the stories carried
by most outlets first: "Reported by: detik, kompas, tempo (+2)", and each other write-up listed by its
(translated) title, outlet and link. Everything that
came from a feed is escaped (HTML) or neutralised (Markdown), and only ``http(s)`` links become links.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from ringkas.summarise.base import brief_points
from ringkas.text.dates import readable_date
from ringkas.writers.markdown import inert as _md
from ringkas.writers.markdown import link_destination

_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1d1d1f}h1{font-size:1.6rem}article{border-top:1px solid #ddd;padding:.8rem 0}
h2{font-size:1.15rem;margin:.2rem 0}.meta{color:#666;font-size:.85rem}.flag{display:inline-block;
background:#fff3cd;border:1px solid #e0c36a;border-radius:3px;padding:0 .3rem;margin-right:.3rem;font-size:.75rem}
.also,.reported{font-size:.85rem;color:#444}.members{font-size:.85rem;color:#444;padding-left:1.2rem}
.check{font-size:.85rem;color:#7a4b00}
details.original{font-size:.9rem;margin:.3rem 0}details.original summary{cursor:pointer;color:#0645ad}
details.original .source-text{background:#f6f6f4;border-left:3px solid #ccc;padding:.2rem .8rem;margin:.3rem 0}
details.original h3{font-size:1rem;margin:.4rem 0}footer{border-top:1px solid #ddd;margin-top:1rem;font-size:.85rem}
footer dt{font-weight:600}footer dd{margin:0 0 .4rem 1rem;color:#444}
"""


@dataclass
class Story:
    headline: str
    brief: str
    title: str
    link: str | None
    source: str | None
    flags: list[str]
    also: list[tuple[str | None, str | None]] = field(default_factory=list)  # (source, link) of duplicates
    check_note: str | None = None  # what the translation checks flagged, in a few words
    published: str | None = None  # as people write it ("8 January 2026, 10:00 WIB")
    original: str = ""  # the cleaned Indonesian text the brief was made from (paragraphs split by blank lines)
    outlets: list[str] = field(default_factory=list)  # every outlet that reported the story, the brief's first
    members: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (title, source, link)


@cache
def flag_words() -> dict[str, dict[str, str]]:
    """flag -> {"label", "meaning"}: the words a reader understands (``data/flag_words.toml``)."""
    from importlib import resources

    from ringkas._toml import tomllib

    text = resources.files("ringkas.data").joinpath("flag_words.toml").read_text("utf-8")
    return tomllib.loads(text)["flags"]


def flag_label(flag: str) -> str:
    return flag_words().get(flag, {}).get("label", flag)


def legend(stories: Iterable[Story]) -> list[tuple[str, str]]:
    """(label, meaning) for every flag the digest shows, in the order they first appear."""
    return _legend(dict.fromkeys(flag for story in stories for flag in story.flags))


def _legend(seen: Iterable[str]) -> list[tuple[str, str]]:
    words = flag_words()
    return [(flag_label(flag), words.get(flag, {}).get("meaning", "no description")) for flag in seen]


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) link; anything else (``javascript:``, ``data:``) is not linked."""
    return url if url and re.match(r"^https?://", url.strip(), re.IGNORECASE) else None


def readable_time(iso: str) -> str:
    """An ISO timestamp as people write it: ``2026-12-01T09:13:44+00:00`` -> "Tuesday 1 December 2026, 09:13
    UTC" (a time without a zone is taken as UTC). Anything that is not a timestamp is shown as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    moment = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M} UTC"


def digest_subtitle(accepted: int, read: int, finished: str, stories: int | None = None) -> str:
    """The line under the digest's title: how many briefs from how many articles, and when; for a job that
    grouped its articles into ``stories``, how many stories from how many articles (and how many were read)."""
    from ringkas.console import plural

    if stories is None:
        return f"{plural(accepted, 'brief')} from {plural(read, 'article')} · {readable_time(finished)}"
    counted = f"{plural(stories, 'story', 'stories')} from {plural(accepted, 'article')}"
    return counted + (f" ({read} read)" if read != accepted else "") + f" · {readable_time(finished)}"


def count_stories(briefs_jsonl: Path) -> int | None:
    """How many stories the briefs carry (None when they carry none: a job that did not group by story)."""
    found = {record["story"] for record in _records(briefs_jsonl) if record.get("story")}
    return len(found) if found else None


def translation_note(record: dict[str, Any]) -> str | None:
    """A short note for a brief the checks flagged: which figures of the translation did not match, how many
    sentences may be missing or added (``mt_*``), and which brief sentence the article does not say
    (``brief_unsupported``)."""
    flags, check = record.get("flags", []), record.get("check") or {}
    parts = []
    if "mt_number_mismatch" in flags:
        figures = list(dict.fromkeys(str(e.get("number")) for e in check.get("numbers", [])))
        shown = ", ".join(figures[:4]) + (" ..." if len(figures) > 4 else "")
        parts.append("figures that do not match the source" + (f": {shown}" if shown else ""))
    for flag, section, what in (("mt_sentence_missing", "sentences", "source sentence{} may be missing"),
                                ("mt_sentence_added", "added", "sentence{} may be added")):
        if flag in flags:
            count = len(check.get(section, []))
            parts.append(f"{count} {what.format('s' if count != 1 else '')}" if count else what.format("s"))
    notes = ["Translation check: " + "; ".join(parts) + "."] if parts else []
    if "brief_unsupported" in flags:
        unsupported = [str(e.get("sentence")) for e in check.get("brief", [])]
        shown = "; ".join(f"“{s}”" for s in unsupported[:2]) + (" ..." if len(unsupported) > 2 else "")
        notes.append("Brief check: not said in the article" + (f": {shown}" if shown else "") + ".")
    return " ".join(notes) or None


REPORTED_BY_SHOWN = 3  # outlets named on the "Reported by" line; the rest are counted


def load_stories(briefs_jsonl: Path) -> list[Story]:
    """Stories in feed order; a near-duplicate is folded into the story it repeats. Records that carry a
    ``story`` (a job that grouped articles by event) are one entry per story, ordered by how many outlets
    report it (then by feed order); the story's lead article gives the brief."""
    return list(iter_stories(briefs_jsonl))


def iter_stories(briefs_jsonl: Path) -> Iterator[Story]:
    """:func:`load_stories` one story at a time, so a digest of any size is written in bounded memory: a
    first pass notes which records fold into an earlier story (only those links are held, and the records
    of grouped stories, which are ordered), the second pass yields the stories in feed order."""
    seen: set[str] = set()
    also: dict[str, list[tuple[str | None, str | None]]] = {}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in _records(briefs_jsonl):
        if record.get("story"):
            grouped.setdefault(record["story"], []).append(record)
        elif record.get("duplicate_of") in seen:
            also.setdefault(record["duplicate_of"], []).append((record.get("source"), safe_link(record.get("url"))))
        else:
            seen.add(record["id"])
    seen.clear()
    for record in _records(briefs_jsonl):
        if record.get("story") or record.get("duplicate_of") in seen:
            continue
        seen.add(record["id"])
        story = _story(record)
        story.also = also.pop(record["id"], [])
        yield story
    events = [_event(records) for records in grouped.values()]
    order = sorted(range(len(events)), key=lambda i: -len(events[i].outlets))  # stable: feed order within
    yield from (events[i] for i in order)


def _records(briefs_jsonl: Path) -> Iterator[dict[str, Any]]:
    with open(briefs_jsonl, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _story(record: dict[str, Any]) -> Story:
    return Story(
        headline=record.get("headline_en") or record.get("title_en") or record.get("title") or record["id"],
        brief=record.get("brief") or "", title=record.get("title") or "", link=safe_link(record.get("url")),
        source=record.get("source"), flags=[f for f in record.get("flags", []) if f != "near_duplicate"],
        check_note=translation_note(record), published=readable_date(record.get("published")),
        original=record.get("text") or "",
    )


def _event(records: list[dict[str, Any]]) -> Story:
    """One story's entry: its lead article's brief, every outlet, the other write-ups listed."""
    lead = next((r for r in records if (r.get("story_detail") or {}).get("role") == "lead"), records[0])
    story = _story(lead)
    story.outlets = list(dict.fromkeys(r.get("source") or "?" for r in [lead, *records]))
    story.members = [(r.get("title_en") or r.get("title") or r["id"], r.get("source"), safe_link(r.get("url")))
                     for r in records if r is not lead]
    return story


def reported_by(outlets: list[str]) -> str:
    """"Reported by: detik, kompas, tempo (+2)"."""
    shown = ", ".join(outlets[:REPORTED_BY_SHOWN])
    more = len(outlets) - REPORTED_BY_SHOWN
    return f"Reported by: {shown}" + (f" (+{more})" if more > 0 else "")


def _md_brief(brief: str) -> str:
    points = brief_points(brief)
    if points is not None:
        return "\n".join(f"- {_md(point)}" for point in points)
    return _md(brief) or "_(no brief)_"


def html_brief(brief: str) -> str:
    """A bulleted brief as a list, anything else as a paragraph; escaped (the digest and the eval report)."""
    points = brief_points(brief)
    if points is not None:
        return "<ul>" + "".join(f"<li>{html.escape(point)}</li>" for point in points) + "</ul>"
    return f"<p>{html.escape(brief)}</p>" if brief.strip() else "<p><em>(no brief)</em></p>"


def render_markdown(stories: Iterable[Story], title: str, subtitle: str, notice: str = "") -> str:
    return "\n".join(markdown_lines(stories, title, subtitle, notice))


def markdown_lines(stories: Iterable[Story], title: str, subtitle: str, notice: str = "") -> Iterator[str]:
    """The Markdown digest line by line, stories taken as they come (memory stays flat)."""
    lines = [f"# {_md(title)}", "", _md(subtitle), ""]
    if notice:  # what went wrong with the day's sources, before any story
        lines += [f"> ⚠ {_md(notice)}", ""]
    flags: dict[str, None] = {}
    for story in stories:
        yield from lines
        lines = []
        flags.update(dict.fromkeys(story.flags))
        lines += [f"## {_md(story.headline)}", "", _md_brief(story.brief), ""]
        if story.check_note:
            lines += [f"> ⚠ {_md(story.check_note)}", ""]
        meta = []
        if story.title:
            meta.append(f"*{_md(story.title)}*")
        if story.link:
            meta.append(f"[{_md(story.source or story.link)}]({link_destination(story.link)})")
        elif story.source:
            meta.append(_md(story.source))
        if story.published:
            meta.append(_md(story.published))
        if story.flags:
            # a flag without words of its own stays a machine name: one code span, whatever it holds
            meta.append("marks: " + ", ".join(_md(flag_label(f)) if f in flag_words() else code_span(f)
                                              for f in story.flags))
        if meta:
            lines += [" · ".join(meta), ""]
        if story.also:
            also = [f"[{_md(s or l)}]({link_destination(l)})" if l else _md(s or "?") for s, l in story.also]
            lines += ["Also reported by: " + ", ".join(also), ""]
        if len(story.outlets) > 1:
            lines += [_md(reported_by(story.outlets)), ""]
        if story.members:
            lines += [f"- {_md(t)} · " + (f"[{_md(s or l)}]({link_destination(l)})" if l else _md(s or "?"))
                      for t, s, l in story.members] + [""]
    marks = _legend(flags)
    if marks:
        lines += ["---", "", "What the marks mean:", ""]
        lines += [f"- **{_md(label)}**: {_md(meaning)}" for label, meaning in marks] + [""]
    yield from lines


def _a(link: str | None, text: str | None) -> str:
    label = html.escape(text or link or "")
    return f'<a href="{html.escape(link, quote=True)}">{label}</a>' if link else label


def code_span(text: str) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds (CommonMark: a fence one backtick
    longer than the longest run inside, padded with spaces when the text starts or ends with one)."""
    text = " ".join(text.splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_html(stories: Iterable[Story], title: str, subtitle: str, notice: str = "") -> str:
    return "\n".join(html_parts(stories, title, subtitle, notice))


def html_parts(stories: Iterable[Story], title: str, subtitle: str, notice: str = "") -> Iterator[str]:
    """The HTML digest piece by piece (joined by newlines), stories taken as they come."""
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(subtitle)}</p>']
    if notice:
        parts.append(f'<p class="check">⚠ {html.escape(notice)}</p>')
    flags: dict[str, None] = {}
    for story in stories:
        yield from parts
        parts = []
        flags.update(dict.fromkeys(story.flags))
        parts.append("<article>")
        parts.append(f"<h2>{html.escape(story.headline)}</h2>")
        parts.append(html_brief(story.brief))
        if story.check_note:
            parts.append(f'<p class="check">⚠ {html.escape(story.check_note)}</p>')
        meta = [f"<i>{html.escape(story.title)}</i>"] if story.title else []
        if story.link or story.source:
            meta.append(_a(story.link, story.source))
        if story.published:
            meta.append(html.escape(story.published))
        meta += [f'<span class="flag" title="{html.escape(flag_words().get(f, {}).get("meaning", f), quote=True)}">'
                 f"{html.escape(flag_label(f))}</span>" for f in story.flags]
        if meta:
            parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
        if story.also:
            parts.append('<p class="also">Also reported by: ' + ", ".join(_a(l, s) for s, l in story.also) + "</p>")
        if len(story.outlets) > 1:
            parts.append(f'<p class="reported">{html.escape(reported_by(story.outlets))}</p>')
        if story.members:
            parts.append('<ul class="members">' + "".join(
                f"<li>{html.escape(t)} · {_a(l, s)}</li>" for t, s, l in story.members) + "</ul>")
        if story.original:
            parts.append(html_original(story))
        parts.append("</article>")
    marks = _legend(flags)
    if marks:
        parts.append("<footer><p>What the marks mean:</p><dl>" + "".join(
            f"<dt>{html.escape(label)}</dt><dd>{html.escape(meaning)}</dd>" for label, meaning in marks)
            + "</dl></footer>")
    parts.append("</body></html>\n")
    yield from parts


def html_original(story: Story) -> str:
    """The cleaned Indonesian title and text, folded: "Show original (Indonesian)"."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", story.original) if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = f"<h3>{html.escape(story.title)}</h3>" if story.title else ""
    return (f'<details class="original"><summary>Show original (Indonesian)</summary>'
            f'<div class="source-text" lang="id">{title}{body}</div></details>')


def write_digest(briefs_jsonl: Path, out_dir: Path, title: str, subtitle: str, notice: str = "") -> list[Path]:
    """Write ``digest.md`` and ``digest.html`` next to the briefs, ``notice`` (sources that failed) at the
    top; return their paths."""
    md, page = out_dir / "digest.md", out_dir / "digest.html"
    _write_joined(md, markdown_lines(iter_stories(briefs_jsonl), title, subtitle, notice))
    _write_joined(page, html_parts(iter_stories(briefs_jsonl), title, subtitle, notice))
    return [md, page]


def _write_joined(path: Path, pieces: Iterable[str]) -> None:
    """``"\\n".join(pieces)`` written as the pieces come, whole or not at all."""
    from ringkas.files import atomic_file

    with atomic_file(path) as handle:
        for number, piece in enumerate(pieces):
            handle.write(("\n" if number else "") + piece)
