from __future__ import annotations

import pytest

from ringkas.text.tokens import words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harga Naik", ["harga", "naik"]),
        ("Rp 1.000.000.000 and US$1,000,000", ["rp", "1.000.000.000", "and", "us", "1,000,000"]),
        ("on 01/02/2025 at 06.00 WIB, up 2,1%.", ["on", "01/02/2025", "at", "06.00", "wib", "up", "2,1"]),
        ("ends with a dot 2024.", ["ends", "with", "a", "dot", "2024"]),
        (None, []),
    ],
    ids=["words", "grouped-numbers", "dates-times-decimals", "trailing-dot", "none"],
)
def test_words(text, expected):
    assert words(text) == expected
