"""Fetching: RSS/Atom feeds and the article pages behind their entries, politely and incrementally.

``ringkas fetch`` and a job's ``[input] feeds`` both call :func:`run_fetch`. The parts, one file each:
``sources`` (what a SOURCE argument names), ``urls`` (canonical URLs, private-address refusal), ``client``
(one GET on urllib3: redirects, timeouts, size cap, decoding), ``robots`` (robots.txt with protego),
``polite`` (host spacing, Crawl-delay, retries with Retry-After), ``feeds`` (conditional feed requests),
``state`` (the SQLite record of validators and fetched URLs), ``output`` (the pages file), ``session``
(one run over all hosts), ``progress``. Bytes become text in :mod:`ringkas.text.charset`, which the WARC
reader shares.
"""

from ringkas.fetch.settings import FetchSettings, default_state_path, default_user_agent

__all__ = ["FetchSettings", "default_state_path", "default_user_agent"]
