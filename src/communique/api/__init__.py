"""HTTP API and web dashboard (needs the ``api`` extra: fastapi, uvicorn, python-multipart).

``create_app(db=..., token=None, host="127.0.0.1")`` returns the FastAPI app; ``communique serve --db FILE``
runs it with uvicorn. The dashboard is plain HTML/CSS/JS/SVG in ``static/``: no CDN, works offline.
"""

from __future__ import annotations

from .app import create_app, is_loopback

__all__ = ["create_app", "is_loopback"]
