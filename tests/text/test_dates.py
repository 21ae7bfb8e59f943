import pytest

from ringkas.text.dates import iso_date, readable_date


@pytest.mark.parametrize("given, iso, shown", [
    ("Thu, 08 Jan 2026 10:00:00 +0700", "2026-01-08T10:00:00+07:00", "8 January 2026, 10:00 WIB"),
    ("Mon, 02 Jan 2024 03:04:05 GMT", "2024-01-02T03:04:05+00:00", "2 January 2024, 03:04 UTC"),
    ("Tue, 01 Dec 2026 09:00:00 +0800", "2026-12-01T09:00:00+08:00", "1 December 2026, 09:00 WITA"),
    ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z", "2 January 2024, 03:04 UTC"),
    ("2022-11-21", "2022-11-21", "21 November 2022"),
    ("Thu, 08 Jan 2026 10:00:00 +0530", "2026-01-08T10:00:00+05:30", "8 January 2026, 10:00 UTC+5:30"),
    ("kemarin sore", "kemarin sore", "kemarin sore"),
], ids=["rss-wib", "rss-gmt", "rss-wita", "iso-z", "date-only", "half-hour-offset", "not-a-date"])
def test_dates_are_iso_in_the_data_and_read_as_people_write_them(given, iso, shown):
    assert iso_date(given) == iso
    assert readable_date(iso_date(given)) == shown


def test_no_date_stays_none():
    assert iso_date(None) is None and readable_date(None) is None
