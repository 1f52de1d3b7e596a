"""Namespace maps for lxml, typed for the stubs."""

from __future__ import annotations

from typing import cast

__all__ = ["default_ns", "qname"]


def default_ns(namespace: str, **prefixed: str) -> dict[str, str]:
    """``{None: namespace, ...}``: lxml's spelling of a default namespace."""
    # The lxml stubs type nsmap keys as str, but None is what lxml expects here.
    return cast("dict[str, str]", {None: namespace, **prefixed})


def qname(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"
