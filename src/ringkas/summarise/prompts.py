"""Prompt templates: Jinja files with YAML front matter (name, version, what they produce, output style).

Templates live in the repository's ``prompts/`` folder, which is also installed as package data
(``ringkas/prompts``), so an installed ringkas finds the same files. ``--prompts-dir`` points at another
folder; a prompt may also be named by its file path. The front matter's version goes into provenance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError

SUFFIX = ".j2"
REQUIRED = ("name", "version", "produces")


@dataclass
class PromptTemplate:
    name: str
    version: str
    produces: str  # "brief" or "headline"
    body: str
    path: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def style(self) -> str:
        return str(self.meta.get("style", "bullets"))

    @property
    def max_items(self) -> int | None:
        value = self.meta.get("max_items")
        return int(value) if value else None

    def render(self, article: str, title: str | None = None, **extra: Any) -> str:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, trim_blocks=True)
        return env.from_string(self.body).render(article=article, title=title, **extra).strip()

    def provenance(self) -> dict[str, Any]:
        digest = hashlib.sha1(self.body.encode("utf-8")).hexdigest()[:12]
        return {"name": self.name, "version": self.version, "sha1": digest}


def default_prompts_dir() -> Path:
    return Path(str(resources.files("ringkas").joinpath("prompts")))


def available_prompts(prompts_dir: Path | None = None) -> list[str]:
    folder = Path(prompts_dir) if prompts_dir else default_prompts_dir()
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}"))


def load_prompt(name: str, prompts_dir: str | Path | None = None) -> PromptTemplate:
    """A prompt by name (``brief_3_bullets``), file name, or path to a ``.j2`` file."""
    candidate = Path(name).expanduser()
    if candidate.suffix == SUFFIX and candidate.is_file():
        return parse_prompt(candidate)
    folder = Path(prompts_dir).expanduser() if prompts_dir else default_prompts_dir()
    path = folder / (name if name.endswith(SUFFIX) else name + SUFFIX)
    if not path.is_file():
        known = ", ".join(available_prompts(folder)) or "none"
        raise ConfigError(f"prompt {name!r} not found in {folder} (available: {known})")
    return parse_prompt(path)


def parse_prompt(path: Path) -> PromptTemplate:
    import yaml

    text = path.read_text("utf-8")
    if not text.startswith("---\n"):
        raise ConfigError(f"prompt {path} has no front matter: start it with a '---' block naming its version")
    header, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise ConfigError(f"prompt {path}: front matter is not closed with '---'")
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"prompt {path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ConfigError(f"prompt {path}: front matter must be a YAML mapping (name: ..., version: ...)")
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise ConfigError(f"prompt {path}: front matter lacks {', '.join(missing)}")
    if meta["produces"] not in ("brief", "headline"):
        raise ConfigError(f"prompt {path}: 'produces' must be brief or headline, not {meta['produces']!r}")
    template = PromptTemplate(name=str(meta["name"]), version=str(meta["version"]), produces=meta["produces"],
                              body=body, path=str(path), meta=meta)
    check_renders(template)
    return template


SAMPLE_ARTICLE = "Harga beras di pasar Jakarta naik 2,1 persen pekan ini, kata pedagang."
SAMPLE_TITLE = "Harga beras naik"


def check_renders(template: PromptTemplate) -> None:
    """Render ``template`` against a sample article, with and without a title, so an undefined variable or
    a syntax error stops the run at start (exit 2) instead of rejecting every record."""
    from jinja2 import TemplateError

    for title in (SAMPLE_TITLE, None):
        try:
            template.render(article=SAMPLE_ARTICLE, title=title)
        except TemplateError as exc:
            raise ConfigError(f"prompt {template.path} does not render ({type(exc).__name__}: {exc}); it may use "
                              "{{ article }} and {{ title }} (which can be empty)") from None
