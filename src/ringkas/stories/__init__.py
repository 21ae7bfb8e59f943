"""Stories: the articles of several outlets that report one event, grouped before any costly model runs.

An **event**, for ringkas, is one real-world happening or announcement (an incident, a verdict, a match, a
meeting, an official statement on one matter, a day's market close); other angles on the same occasion belong
to it, and a new happening in the same subject is a new event, even the next day. A **story** is ringkas's
group of the articles it judges to report one event. ``StoryAssigner(settings).assign(articles)`` gives each
accepted article its story (``metadata["story"]``); see :mod:`ringkas.stories.cluster` for the method and
``docs/stories.md`` for its measured quality.
"""

from __future__ import annotations

from typing import Any

from ringkas.stories.settings import StorySettings


def __getattr__(name: str) -> Any:
    # The assigner brings numpy and scipy: loaded when first asked for, so the settings (whose fields make
    # `ringkas cluster`'s flags and the [cluster] keys) cost every command's start nothing.
    if name == "StoryAssigner":
        from ringkas.stories.assign import StoryAssigner

        return StoryAssigner
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["StoryAssigner", "StorySettings"]
