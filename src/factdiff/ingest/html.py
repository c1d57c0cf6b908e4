"""HTML → main text with trafilatura; lxml text as a fall-back when trafilatura finds nothing.

trafilatura drops navigation, footers, scripts and (with ``include_tables=False``) tables, and
puts one paragraph per line. ``deduplicate`` stays off: a rewritten caption right after the
original one is exactly what factdiff must see.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

_HTML_HINT = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(p|div|article)[\s>]", re.I
)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "section", "article", "header", "footer", "blockquote", "figcaption", "pre",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_SPACES = re.compile(r"[ \t\u00a0]+")


def looks_like_html(text: str) -> bool:
    """Content sniffing on the first 2 KB, for files without an .html extension."""
    return bool(_HTML_HINT.search(text[:2048]))


def html_title(html: str) -> str:
    """The <title> of a page ("" if none)."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    title = tree.findtext(".//title")
    return " ".join(title.split()) if title else ""


def _lxml_text(html: str) -> str:
    """Every visible text node, one block element per line (no main-content detection)."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        bad.drop_tree()
    for block in tree.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n" + (block.text or "")
    lines = (_SPACES.sub(" ", line).strip() for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str, url: str | None = None) -> tuple[str, str]:
    """Return (main text, title) of an HTML page; paragraphs are separated by "\\n"."""
    text, title = "", ""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            include_tables=False,
            include_comments=False,
            with_metadata=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, etree.LxmlError):
        result = None
    if result is not None:
        text = (result.text or "").strip()
        title = (result.title or "").strip()
    if not text:
        text = _lxml_text(html)
    return text, title or html_title(html)
