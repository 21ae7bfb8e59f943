"""The digest: stories once each, duplicates listed under them, feed text escaped, unsafe links dropped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ringkas.writers.digest import (code_span, digest_subtitle, load_stories, readable_time, render_html,
                                    render_markdown, safe_link, write_digest)

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
ORIGINAL = ("Ribuan warga Bekasi mengungsi setelah banjir merendam 1.240 rumah.\n\n"
            "BPBD mengerahkan 35 perahu karet untuk mengevakuasi warga.")


def write_briefs(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def briefs(tmp_path: Path) -> Path:
    return write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "seq": 0, "title": "Banjir di Bekasi", "headline_en": "Floods in Bekasi", "brief": "Floods hit.",
         "url": "https://kompas.example/1", "source": "kompas.example", "flags": ["short_brief"]},
        {"id": "b", "seq": 1, "title": HOSTILE, "headline_en": HOSTILE, "brief": HOSTILE,
         "url": "javascript:alert(1)", "source": "evil.example", "flags": []},
        {"id": "c", "seq": 2, "title": "Banjir di Bekasi", "headline_en": "Floods in Bekasi", "brief": "Floods hit.",
         "url": "https://detik.example/9", "source": "detik.example", "flags": ["near_duplicate"],
         "duplicate_of": "a"},
    ])


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_duplicates_fold_into_their_story(briefs: Path) -> None:
    stories = load_stories(briefs)
    assert [s.headline for s in stories] == ["Floods in Bekasi", HOSTILE]
    assert stories[0].also == [("detik.example", "https://detik.example/9")]


def test_html_escapes_feed_text_and_drops_unsafe_links(briefs: Path) -> None:
    page = render_html(load_stories(briefs), "Digest <today>", "3 briefs")
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert parsed.hrefs == ["https://kompas.example/1", "https://detik.example/9"]
    assert HOSTILE in "".join(parsed.text)  # shown as text, exactly
    assert "Digest <today>" in "".join(parsed.text)
    assert "<link" not in page and "<script" not in page  # self-contained: no external CSS or JS


def test_markdown_neutralises_markup(briefs: Path) -> None:
    text = render_markdown(load_stories(briefs), "Digest", "3 briefs")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "javascript:" not in text
    assert "[kompas.example](<https://kompas.example/1>)" in text
    assert "Also reported by: [detik.example](<https://detik.example/9>)" in text
    assert "marks: `short_brief`" in text  # a flag with no words of its own keeps its name


@pytest.mark.parametrize("url, safe", [
    ("https://a.example/x", True), ("HTTP://a.example", True), ("javascript:alert(1)", False),
    ("data:text/html,hi", False), ("", False), (None, False),
], ids=["https", "upper-http", "javascript", "data", "empty", "none"])
def test_safe_link(url: str | None, safe: bool) -> None:
    assert safe_link(url) == (url if safe else None)


def test_write_digest(briefs: Path, tmp_path: Path) -> None:
    paths = write_digest(briefs, tmp_path, "Ringkas", "today")
    assert [p.name for p in paths] == ["digest.md", "digest.html"]
    assert re.search(r"<h2>Floods in Bekasi</h2>", paths[1].read_text(encoding="utf-8"))


def test_bulleted_briefs_stay_lists(tmp_path: Path) -> None:
    briefs = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "seq": 0, "headline_en": "# 1. Not a heading", "brief": "- Rice rose 2.1%.\n- *Stocks* fell.",
         "flags": []}])
    stories = load_stories(briefs)
    text = render_markdown(stories, "Digest", "1 brief")
    assert "## \\# 1. Not a heading" in text
    assert "- Rice rose 2.1%.\n- \\*Stocks\\* fell." in text
    page = render_html(stories, "Digest", "1 brief")
    assert "<ul><li>Rice rose 2.1%.</li><li>*Stocks* fell.</li></ul>" in page


@pytest.mark.parametrize("iso, shown", [
    ("2026-12-01T09:13:44+00:00", "Tuesday 1 December 2026, 09:13 UTC"),
    ("2026-12-01T16:05:00+07:00", "Tuesday 1 December 2026, 09:05 UTC"),  # Jakarta time, shown in UTC
    ("2026-01-05T23:59:59", "Monday 5 January 2026, 23:59 UTC"),  # no zone: taken as UTC
    ("yesterday", "yesterday"),  # not a timestamp: shown as it is
], ids=["utc", "offset", "naive", "not-a-time"])
def test_readable_time(iso: str, shown: str) -> None:
    assert readable_time(iso) == shown
    assert digest_subtitle(3, 5, iso) == f"3 briefs from 5 articles · {shown}"


@pytest.mark.parametrize("accepted, read, stories, shown", [
    (3, 5, None, "3 briefs from 5 articles"),
    (5, 5, 2, "2 stories from 5 articles"),
    (2, 3, 1, "1 story from 2 articles (3 read)"),
], ids=["articles", "stories", "stories-some-rejected"])
def test_the_subtitle_counts_stories_and_articles_when_articles_are_grouped(accepted, read, stories, shown) -> None:
    iso = "2026-12-01T09:13:44+00:00"
    assert digest_subtitle(accepted, read, iso, stories) == f"{shown} · {readable_time(iso)}"


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 800), (1920, 1080), (390, 844)],
                         ids=["small-laptop", "laptop", "wide", "phone"])
def test_digest_in_chromium(browser, tmp_path: Path, width: int, height: int) -> None:
    from tests.browser import OVERFLOWING_TABLES

    long_url = "https://kompas.example/read/2026/12/01/" + "banjir-bekasi-" * 12
    briefs = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "seq": 0, "title": "Banjir di Bekasi", "headline_en": "Floods in Bekasi", "url": long_url,
         "source": "kompas.example", "flags": ["numbers_not_in_source", "mt_sentence_split"],
         "published": "2026-12-01T07:00:00+07:00", "text": ORIGINAL,
         "brief": "- Floods displaced 15,720 residents of Bekasi.\n- 35 rubber boats were used.\n"
                  "- Rain fell for 8 hours."},
        {"id": "b", "seq": 1, "title": "Harga beras", "headline_en": "Rice prices", "brief": "Rice rose 2.1 percent.",
         "url": "https://detik.example/2", "source": "detik.example", "flags": []},
    ])
    page_file = write_digest(briefs, tmp_path, "ringkas daily digest",
                             digest_subtitle(2, 3, "2026-12-01T09:13:44+00:00"))[1]
    page = browser.open(page_file, width=width, height=height)
    assert page.evaluate(OVERFLOWING_TABLES) == []
    assert page.evaluate("[...document.querySelectorAll('article')].map(a => a.querySelectorAll('ul > li').length)") \
        == [3, 0]
    assert page.evaluate("document.querySelector('.meta').textContent") == \
        "2 briefs from 3 articles · Tuesday 1 December 2026, 09:13 UTC"
    assert page.evaluate("document.querySelector('details.original').open") is False  # folded until asked
    page.evaluate("document.querySelector('details.original summary').click()")
    assert page.evaluate("document.querySelector('details.original').open") is True
    assert "Ribuan warga" in page.evaluate("document.querySelector('details.original').innerText")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    assert page.evaluate("[...document.querySelectorAll('footer dt')].map(d => d.textContent)") == \
        ["numbers_not_in_source", "long sentence split"]
    page.screenshot(tmp_path / f"digest-{width}x{height}.png", full_page=True)
    page.close()


# Feed URLs that end a naive Markdown link early; each must stay one link to the address the feed gave
# (percent-encoded) and inject nothing once digest.md is rendered.
HOSTILE_URLS = [
    ("http://x.example/<img src=x onerror=window.__xss=1>", "http://x.example/%3Cimg%20src=x%20onerror=window.__xss=1%3E"),
    ("https://x.example/a> <script>window.__xss=1</script>", "https://x.example/a%3E%20%3Cscript%3Ewindow.__xss=1%3C/script%3E"),
    ("https://x.example/p?q=1&r=2&lt;b&gt;", "https://x.example/p?q=1&r=2&lt;b&gt;"),
    ("https://x.example/line\n<svg onload=window.__xss=1>", "https://x.example/line%0A%3Csvg%20onload=window.__xss=1%3E"),
    ("https://x.example/a)](javascript:window.__xss=1)", "https://x.example/a)%5D(javascript:window.__xss=1)"),
]


@pytest.mark.browser
@pytest.mark.parametrize("url, href", HOSTILE_URLS, ids=["img-onerror", "close-and-script", "entities",
                                                        "line-break", "close-paren"])
def test_markdown_links_stay_links_once_rendered(browser, tmp_path: Path, url: str, href: str) -> None:
    from markdown_it import MarkdownIt

    briefs = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "seq": 0, "headline_en": "Floods", "brief": "Floods hit.", "url": url, "source": "evil.example"},
        {"id": "b", "seq": 1, "headline_en": "Floods", "brief": "Floods hit.", "url": url, "source": "copy.example",
         "duplicate_of": "a", "flags": ["near_duplicate"]},  # the "Also reported by" link
    ])
    markdown = render_markdown(load_stories(briefs), "Digest", "2 briefs")
    page_file = tmp_path / "digest_md.html"  # the Markdown as a CommonMark renderer with raw HTML on shows it
    page_file.write_text("<!doctype html><meta charset=utf-8><body>" + MarkdownIt("commonmark").render(markdown),
                         encoding="utf-8")
    page = browser.open(page_file)
    seen = page.evaluate("""new Promise(done => setTimeout(() => done({
        injected: document.querySelectorAll('img, script, svg, iframe, object, embed').length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]).filter(a => a.name.startsWith('on')).length,
        links: [...document.querySelectorAll('a')].map(a => [a.textContent, a.href]),
        fired: window.__xss === 1}), 200))""")
    page.close()
    assert (seen["injected"], seen["handlers"], seen["fired"]) == (0, 0, False)
    assert seen["links"] == [["evil.example", href], ["copy.example", href]]


def test_a_brief_whose_translation_was_flagged_gets_a_short_note(tmp_path):
    path = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "title": "Kerugian", "headline_en": "Losses", "brief": "Losses hit Rp 1.5 billion.",
         "flags": ["mt_number_mismatch", "mt_sentence_missing"],
         "check": {"numbers": [{"field": "text", "chunk": 0, "number": "1,5 triliun", "in": "source"},
                               {"field": "text", "chunk": 0, "number": "1.5 billion", "in": "translation"}],
                   "sentences": [{"field": "text", "chunk": 1, "sentence": "Warga mengungsi."}]}},
        {"id": "b", "title": "Banjir", "headline_en": "Floods", "brief": "Floods hit.", "flags": ["mt_repaired"]},
    ])
    flagged, fine = load_stories(path)
    note = ("Translation check: figures that do not match the source: 1,5 triliun, 1.5 billion; "
            "1 source sentence may be missing.")
    assert flagged.check_note == note and fine.check_note is None
    markdown = render_markdown([flagged, fine], "Digest", "sub")
    assert markdown.count("> ⚠ Translation check:") == 1 and "1,5 triliun" in markdown
    page = render_html([flagged, fine], "Digest", "sub")
    assert page.count('<p class="check">') == 1 and f"⚠ {note}" in page


@pytest.mark.parametrize("flag", ["mt_number_mismatch", "a`b", "`x` <script>", "``", "ends`", "x\n\ny"],
                         ids=["plain", "one-backtick", "backticks-and-html", "only-backticks", "trailing", "newlines"])
def test_a_flag_stays_inside_its_code_span(flag: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render("flags: " + code_span(flag)).strip()
    match = re.fullmatch(r"<p>flags: <code>(.*)</code></p>", rendered, re.DOTALL)
    assert match and "<" not in match.group(1)
    assert match.group(1).replace("&lt;", "<").replace("&gt;", ">") == " ".join(flag.splitlines())


def test_the_digest_shows_the_source_folded_the_date_and_flags_in_words(tmp_path):
    briefs = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "seq": 0, "title": "Banjir di Bekasi", "text": ORIGINAL, "headline_en": "Floods in Bekasi",
         "brief": "Floods hit.", "published": "2026-01-08T10:00:00+07:00", "flags": ["mt_sentence_split"]},
    ])
    page = render_html(load_stories(briefs), "Digest", "1 brief")
    fold = page[page.index('<details class="original">'):page.index("</details>")]
    assert "Show original (Indonesian)" in fold and "<h3>Banjir di Bekasi</h3>" in fold
    assert fold.count("<p>") == 2 and "1.240 rumah" in fold
    assert "8 January 2026, 10:00 WIB" in page
    assert ">long sentence split</span>" in page and "mt_sentence_split" not in page
    assert "<dt>long sentence split</dt>" in page  # the legend
    text = render_markdown(load_stories(briefs), "Digest", "1 brief")
    assert "marks: long sentence split" in text and "- **long sentence split**: a sentence too long" in text


def story_record(i: str, story: str, source: str, seq: int, role: str, brief: str = "") -> dict:
    record = {"id": i, "seq": seq, "title": f"Judul {i}", "title_en": f"Title {i}", "url": f"https://{source}/{i}",
              "source": source, "flags": [], "story": story, "story_detail": {"id": story, "role": role}}
    return {**record, "brief": brief, "headline_en": f"Headline {i}"} if role == "lead" else record


STORY_RECORDS = [  # in feed order: a lone story first, then a story of two outlets, then one of five
    story_record("lone", "lone", "tempo.example", 0, "lead", "A recipe."),
    story_record("v1", "v1", "kompas.example", 1, "member"),
    story_record("v2", "v1", "tempo.example", 2, "lead", "A verdict."),
    *[story_record(f"f{k}", "f0", f"outlet{k}.example", 3 + k, "lead" if k == 2 else "member", "A flood.")
      for k in range(5)],
]


def test_stories_are_ordered_by_outlets_and_list_their_other_write_ups(tmp_path: Path) -> None:
    stories = load_stories(write_briefs(tmp_path / "briefs.jsonl", STORY_RECORDS))
    assert [s.headline for s in stories] == ["Headline f2", "Headline v2", "Headline lone"]
    assert stories[0].outlets == ["outlet2.example", "outlet0.example", "outlet1.example", "outlet3.example",
                                  "outlet4.example"]
    assert [m[0] for m in stories[0].members] == ["Title f0", "Title f1", "Title f3", "Title f4"]
    markdown = render_markdown(stories, "t", "s")
    assert "Reported by: outlet2.example, outlet0.example, outlet1.example (+2)" in markdown
    assert "Reported by: tempo.example, kompas.example\n" in markdown


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_story_digest_in_chromium(browser, tmp_path: Path, width: int, height: int) -> None:
    page_file = write_digest(write_briefs(tmp_path / "briefs.jsonl", STORY_RECORDS), tmp_path, "ringkas daily digest",
                             digest_subtitle(8, 8, "2026-12-01T09:13:44+00:00", stories=3))[1]
    page = browser.open(page_file, width=width, height=height)
    assert "3 stories from 8 articles" in page.evaluate("document.body.textContent")
    assert page.evaluate("[...document.querySelectorAll('article h2')].map(h => h.textContent)") == \
        ["Headline f2", "Headline v2", "Headline lone"]
    assert page.evaluate("[...document.querySelectorAll('article')].map(a => "
                         "(a.querySelector('.reported') || {}).textContent || '')") == \
        ["Reported by: outlet2.example, outlet0.example, outlet1.example (+2)",
         "Reported by: tempo.example, kompas.example", ""]
    assert page.evaluate("[...document.querySelectorAll('article')].map(a => a.querySelectorAll('.members li').length)") \
        == [4, 1, 0]
    assert page.evaluate("document.querySelector('.members a').getAttribute('href')") == "https://outlet0.example/f0"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    page.screenshot(tmp_path / f"stories-{width}x{height}.png", full_page=True)
    page.close()
def test_a_brief_the_article_does_not_support_shows_the_sentence(tmp_path):
    path = write_briefs(tmp_path / "briefs.jsonl", [
        {"id": "a", "title": "Xi telepon Putin", "headline_en": "Xi calls Putin",
         "brief": "- Xi called Putin.\n- Putin accepted an invitation to visit Beijing next month.",
         "flags": ["mt_sentence_added", "brief_unsupported"],
         "check": {"added": [{"field": "text", "chunk": 0, "sentence": "She also resigned."}],
                   "brief": [{"part": "brief", "sentence": "Putin accepted an invitation to visit Beijing next month.",
                              "score": 0.84, "reason": "similarity"}]}},
    ])
    [story] = load_stories(path)
    assert story.check_note == ("Translation check: 1 sentence may be added. Brief check: not said in the article: "
                                "\u201cPutin accepted an invitation to visit Beijing next month.\u201d.")
    page = render_html([story], "Digest", "sub")
    assert "not in the article" in page and "Putin accepted an invitation" in page
