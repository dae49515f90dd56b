"""PDF rendering with reportlab: styles, flowables, the four layouts, and the pypdf round trip.

``render.render_pdf`` builds a PDF from a parsed source; ``verify.verify_pdf`` checks that
pypdf gets every text back on the pages it was drawn on.
"""
