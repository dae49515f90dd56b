"""The search web page and JSON API (FastAPI), served by ``jane-synth serve``.

All document text reaches the page through Jinja2 with autoescaping, and highlighted terms are
built from escaped segments, so markup inside a document shows as text.
"""

from .app import create_app

__all__ = ["create_app"]
