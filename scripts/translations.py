"""Keep the Latvian and English catalogs in step with the code.

    .venv/bin/python scripts/translations.py          # extract, merge, compile every feature
    .venv/bin/python scripts/translations.py --check  # fail if a catalog is stale or untranslated

A feature catalog lives in orcid_hub/<feature>/translations/ and covers the feature's
Python code and templates in orcid_hub/templates/<feature>/; the `web` catalog also
covers the shared top-level templates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "orcid_hub"
LOCALES = ("lv", "en")
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def sources(feature: str) -> list[Path]:
    dirs = [PACKAGE / feature, PACKAGE / "templates" / feature]
    return [d for d in dirs if d.is_dir()]


def _relative(path: Path) -> str:
    # Catalogs are compared byte for byte, so their references must not depend on
    # where the checkout lives.
    return path.relative_to(PACKAGE.parent).as_posix()


def extract(feature: str) -> Catalog:
    template = Catalog(project="orcid-hub")
    roots = sources(feature)
    for root in roots:
        for filename, lineno, message, _comments, context in extract_from_dir(
            root, METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            template.add(message, None, [(_relative(root / filename), lineno)], context=context)
    if feature == "web":
        # The shared top-level templates and modules (tabular.py, mail.py, …) too.
        from babel.messages.extract import extract as extract_file

        shared = [(page, "jinja2") for page in sorted((PACKAGE / "templates").glob("*.html"))]
        shared += [(module, "python") for module in sorted(PACKAGE.glob("*.py"))]
        for path, method in shared:
            with path.open("rb") as handle:
                for lineno, message, _comments, context in extract_file(
                    method, handle, keywords=KEYWORDS
                ):
                    template.add(message, None, [(_relative(path), lineno)], context=context)
    return template


def update(feature: str, check: bool) -> list[str]:
    problems: list[str] = []
    template = extract(feature)
    for locale in LOCALES:
        folder = PACKAGE / feature / "translations" / locale / "LC_MESSAGES"
        po_path, mo_path = folder / "messages.po", folder / "messages.mo"
        if po_path.exists():
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=locale)
        else:
            catalog = Catalog(locale=locale, project="orcid-hub")
        catalog.update(template, no_fuzzy_matching=True)
        # Fixed header dates keep the compiled .mo identical for identical messages.
        catalog.creation_date = catalog.revision_date = FIXED_DATE
        for message in catalog:
            if not message.id:
                continue
            if locale == "en" and not _translated(message.string):
                message.string = message.id  # English is the source language
            if not _translated(message.string) or message.fuzzy:
                problems.append(f"{po_path}: untranslated {message.id!r}")
        po_bytes, mo_bytes = io.BytesIO(), io.BytesIO()
        write_po(
            po_bytes,
            catalog,
            width=100,
            omit_header=False,
            ignore_obsolete=True,
            include_lineno=False,  # a moved line must not make the catalog stale
        )
        write_mo(mo_bytes, catalog)
        if check:
            if not po_path.exists() or _strip_date(po_path.read_bytes()) != _strip_date(
                po_bytes.getvalue()
            ):
                problems.append(f"{po_path}: out of date with the code; run {sys.argv[0]}")
            if not mo_path.exists() or mo_path.read_bytes() != mo_bytes.getvalue():
                problems.append(f"{mo_path}: not compiled from the .po; run {sys.argv[0]}")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            po_path.write_bytes(po_bytes.getvalue())
            mo_path.write_bytes(mo_bytes.getvalue())
    return problems


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def _strip_date(data: bytes) -> bytes:
    """The catalog without what does not matter: header dates and source references."""
    lines = []
    for line in data.splitlines():
        if line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')):
            continue
        if line.startswith(b"#:"):
            continue  # where a message is used may move; the message is what counts
        lines.append(line)
    return b"\n".join(lines)


def features() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/translations"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "feature", nargs="*", help="features to process (default: all with catalogs)"
    )
    args = parser.parse_args()
    problems: list[str] = []
    for feature in args.feature or features():
        problems += update(feature, args.check)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
