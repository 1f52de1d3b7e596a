"""Namespace maps for lxml, typed for the stubs."""

from __future__ import annotations

import re
from typing import cast

__all__ = ["default_ns", "language", "qname", "xml_text"]


def default_ns(namespace: str, **prefixed: str) -> dict[str, str]:
    """``{None: namespace, ...}``: lxml's spelling of a default namespace."""
    # The lxml stubs type nsmap keys as str, but None is what lxml expects here.
    return cast("dict[str, str]", {None: namespace, **prefixed})


def qname(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


# Characters XML 1.0 does not allow (lxml refuses them); a spreadsheet cell can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")  # xs:language


def xml_text(text: str) -> str:
    """``text`` without the characters an XML document cannot carry."""
    return _NOT_XML.sub("", text)


def language(tag: str | None) -> str | None:
    """``tag`` when it is a valid ``xml:lang`` value, else None."""
    return tag if tag and _LANGUAGE.match(tag) else None
