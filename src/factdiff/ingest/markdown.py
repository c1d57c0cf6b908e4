"""Markdown → plain text with a few linear regexes: keep the words, drop the markup.

A full Markdown parser would be overkill: factdiff only needs the prose, one paragraph per
line, and list items kept as "- " lines so the segmenter treats them as bullets.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
_FENCE = re.compile(r"^(```|~~~)")
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_QUOTE = re.compile(r"^ {0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|(\d{1,3})[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^\n]*?\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


_UNESCAPE = {0xE000 + ord(c): c for c in "\\`*_{}[]()#+-.!>|"}


def _inline(line: str) -> str:
    line = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), line)
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    line = _STRIKE.sub(r"\1", line)
    return line.translate(_UNESCAPE)


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Return (text, first heading). Paragraphs (soft-wrapped lines joined) are separated by
    a blank line; headings and list items stand on their own line. Tables and code blocks are
    left out (as ``include_tables=False`` does for HTML)."""
    markdown = _FRONT_MATTER.sub("", markdown)
    blocks: list[str] = []  # finished lines; "" marks a paragraph break
    para: list[str] = []
    title = ""
    in_fence = False

    def flush() -> None:
        if para:
            blocks.append(" ".join(para))
            para.clear()

    for raw in markdown.split("\n"):
        if _FENCE.match(raw.strip()):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _QUOTE.sub("", raw).rstrip()
        if not line.strip():
            flush()
            blocks.append("")
            continue
        if _SETEXT.match(line) and para:
            heading = " ".join(para)
            para.clear()
            blocks.extend([heading, ""])
            title = title or heading
            continue
        if _RULE.match(line) or _REF_DEF.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            text = _inline(heading.group(2)).strip()
            if text:
                blocks.extend([text, ""])
                title = title or text
            continue
        item = _LIST.match(line)
        if item:
            flush()
            marker = f"{item.group(1)}. " if item.group(1) else "- "
            para.append(marker + _inline(line[item.end() :]).strip())
            continue
        if line.lstrip().startswith("|"):  # tables are left out, as for HTML
            flush()
            continue
        para.append(_inline(line).strip())
    flush()
    text = "\n".join(blocks)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, title
