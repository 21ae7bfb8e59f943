"""The summariser methods users can name: one registry entry per implementation file."""

from __future__ import annotations

from ringkas.registry import Registry

METHODS = Registry(
    "summariser method",
    {
        "lead": "ringkas.summarise.extractive:LeadSummariser",
        "textrank": "ringkas.summarise.extractive:TextRankSummariser",
        "seq2seq": "ringkas.summarise.seq2seq:Seq2SeqSummariser",
        "direct": "ringkas.summarise.seq2seq:Seq2SeqSummariser",
        "instruct": "ringkas.summarise.instruct:InstructSummariser",
    },
)
