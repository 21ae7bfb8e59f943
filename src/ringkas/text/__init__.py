"""Text utilities shared by every stage: paragraphs and Indonesian sentence segmentation."""

from ringkas.text.segment import join_paragraphs, split_paragraphs, split_sentences

__all__ = ["join_paragraphs", "split_paragraphs", "split_sentences"]
