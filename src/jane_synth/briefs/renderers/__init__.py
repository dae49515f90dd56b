"""Brief formats as registered parts: one ``Renderer`` per format, keyed by name.

Adding a format is its own module plus one ``register(...)`` line below; ``write_briefs``
writes every registered format.
"""

from .base import (
    Renderer,
    brief_path,
    get_renderer,
    register,
    renderer_names,
    renderers,
    unregister,
)
from .escape import md_code, md_escape
from .json_brief import (
    JSON_SUFFIX,
    JsonRenderer,
    StoredBrief,
    StoredQuote,
    brief_to_dict,
    load_brief,
)
from .templating import TemplateRenderer
from .word import DocxRenderer

register(TemplateRenderer("markdown", ".md", "brief.md.j2", autoescape=False))
register(TemplateRenderer("html", ".html", "brief.html.j2", autoescape=True))
register(JsonRenderer())
register(DocxRenderer())

__all__ = [
    "JSON_SUFFIX",
    "DocxRenderer",
    "JsonRenderer",
    "Renderer",
    "StoredBrief",
    "StoredQuote",
    "TemplateRenderer",
    "brief_path",
    "brief_to_dict",
    "get_renderer",
    "load_brief",
    "md_code",
    "md_escape",
    "register",
    "renderer_names",
    "renderers",
    "unregister",
]
