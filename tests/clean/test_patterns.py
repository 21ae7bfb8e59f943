import pytest

from ringkas.clean import clean_articles
from ringkas.clean.patterns import load_patterns
from ringkas.errors import ConfigError
from ringkas.record import Article

CUSTOM = """
version = "test-1"
[[family]]
name = "promo_lokal"
action = "drop_line"
patterns = ['^promo spesial']
[spam]
keywords = ['jasa\\s+backlink']
"""


def test_packaged_patterns_have_every_family_the_issue_names():
    names = {family.name for family in load_patterns().families}
    assert names >= {"related_links", "related_lists", "advertisement", "video_embeds", "continue_reading",
                     "desk_initials", "reporter_lines", "republished_notice", "copyright", "anti_crawling",
                     "channel_promos", "fact_check_promos", "pagination", "tag_lines", "publish_stamps",
                     "photo_captions"}


def test_a_user_patterns_file_drives_the_cleaner(tmp_path):
    path = tmp_path / "noise.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    text = ("Pemerintah Provinsi DKI Jakarta menyiapkan 15 pompa air tambahan untuk mengantisipasi banjir.\n\n"
            "Promo Spesial diskon 50 persen hari ini\n\nBaca juga: Banjir Bekasi")
    (article,) = clean_articles([Article(id="a", text=text)], patterns=str(path))
    assert article.metadata["clean"]["removed"] == {"promo_lokal": 1}
    assert "Baca juga" in article.text  # not in this file's patterns
    assert article.metadata["provenance"]["clean"]["patterns"]["version"] == "test-1"


@pytest.mark.parametrize("content,message", [
    ("version = [", "not a valid TOML"),
    ('[[family]]\nname = "x"\naction = "explode"\npatterns = ["a"]\n[spam]\nkeywords = ["b"]', "action"),
    ('[[family]]\nname = "x"\naction = "strip"\npatterns = ["(unclosed"]\n[spam]\nkeywords = ["b"]', "regular"),
    ("version = '1'", "keywords"),
    ('[[family]]\nname = "x"\naction = "drop_line"\npatterns = ["^Baca"]\n[spam]\nkeywords = ["b"]', "lower case"),
], ids=["toml-syntax", "bad-action", "bad-regex", "no-spam-keywords", "upper-case-insensitive"])
def test_bad_patterns_file_is_a_config_error(tmp_path, content, message):
    path = tmp_path / "noise.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_patterns(str(path))


@pytest.mark.parametrize("pattern, line", [
    ("'\\(sumber: contoh\\)'", "Warga berkumpul di alun-alun. (SUMBER: Contoh)"),
    ("'\\(Sumber: Contoh\\)'", "Warga berkumpul di alun-alun. (sumber: contoh)"),
], ids=["lower_case_pattern_upper_case_text", "mixed_case_pattern_lower_case_text"])
def test_a_strip_family_cuts_its_span_whatever_the_case(pattern, line):
    from collections import Counter

    from ringkas.clean.noise import strip_noise
    from ringkas.clean.patterns import parse_patterns

    toml = f"version = 't'\n[[family]]\nname = 'kredit'\naction = 'strip'\npatterns = [{pattern}]\n" \
           "[spam]\nkeywords = ['jasa\\\\s+backlink']\n"
    removed: Counter = Counter()
    assert strip_noise(line, parse_patterns(toml.encode(), "mine.toml"), removed) == \
        ["Warga berkumpul di alun-alun."]
    assert removed == {"kredit": 1}
