"""Translation: Indonesian Articles to English with MarianMT / NLLB through transformers or CTranslate2.

``build_translator(model, backend=..., ...)`` is the entry point the CLI and the runner call; it returns a
:class:`~ringkas.translate.base.Translator` step that fills ``title_en`` and ``text_en`` (or the fields
you map).
"""

from ringkas.translate.build import BACKENDS, build_translator
from ringkas.translate.settings import TranslationSettings

__all__ = ["BACKENDS", "TranslationSettings", "build_translator"]
