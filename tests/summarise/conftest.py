"""English and Indonesian articles written for the summariser tests (in the style of scraped news)."""

from __future__ import annotations

import pytest

# The central sentences (1, 2 and 4) share "rice", "price(s)", "Bulog", "market(s)"; 0, 3 and 5 are asides.
RICE_ARTICLE = (
    "JAKARTA - The weather in the capital was cloudy on Monday morning.\n\n"
    "The price of rice in Jakarta markets rose 2.1 percent this week, traders said.\n\n"
    "Bulog said it would release 15,720 tonnes of rice to markets to hold prices down.\n\n"
    "Football fans gathered at the stadium for the evening match.\n\n"
    "Traders at Cipinang market said rice prices would fall once Bulog rice reached the markets.\n\n"
    "Read also: Ten tips for a healthy breakfast."
)


@pytest.fixture()
def rice_article() -> str:
    return RICE_ARTICLE


def long_article(paragraphs: int = 14) -> str:
    """A long English article with distinct, numbered paragraphs."""
    return "\n\n".join(
        f"Paragraph {i}: officials in Bekasi said floodwater reached houses in district {i} on Tuesday, "
        f"and volunteers handed out rice, water and blankets to families who had left their homes."
        for i in range(1, paragraphs + 1)
    )
