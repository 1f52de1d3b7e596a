"""Latvian (default) and English for every page and e-mail, with Flask-Babel.

Each feature package keeps its own ``translations/`` folder so that features can be
translated independently; Flask-Babel merges the catalogs of all of them.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g, request, session
from flask_babel import Babel

PACKAGE = Path(__file__).resolve().parent.parent


def translation_directories() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*/translations") if p.is_dir())


def select_language() -> str:
    languages = current_app.config["SETTINGS"].app.languages
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    person = g.get("person")
    if person is not None and person.language in languages:
        return str(person.language)
    default: str = current_app.config["SETTINGS"].app.default_language
    if request and request.accept_languages:
        best = request.accept_languages.best_match(languages)
        # Latvian is the default for everyone whose browser does not ask for English.
        if best == "en" and "lv" not in request.accept_languages.values():
            return best
    return default


def init_app(app: Flask) -> None:
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["SETTINGS"].app.default_language
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(p) for p in translation_directories()
    )
    Babel(app, locale_selector=select_language)
