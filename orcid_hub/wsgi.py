"""The WSGI entry point for gunicorn: ``gunicorn 'orcid_hub.wsgi:app'``."""

from orcid_hub import create_app, log
from orcid_hub.config import load_settings

settings = load_settings()
log.configure(settings.logging)
app = create_app(settings)
