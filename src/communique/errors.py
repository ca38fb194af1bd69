"""Errors with stable names. Each has a ``code`` that the CLI prints and the HTTP API returns as
``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class: ``code`` is stable and machine-readable, the message is for people."""

    code = "communique_error"
    http_status = 500

    def __init__(self, message: str, *, document: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.document = document

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message}
        if self.document:
            out["document"] = self.document
        return out

    def __str__(self) -> str:
        return f"{self.document}: {self.message}" if self.document else self.message


class ConfigError(CommuniqueError):
    code = "config_error"
    http_status = 500


class ModelError(CommuniqueError):
    """The spaCy model is missing or is not the one the project pins."""

    code = "model_error"


class MissingExtra(CommuniqueError):
    """An optional part is not installed; the message says which extra to install."""

    code = "missing_extra"

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this needs the optional package {module!r}: install it with "
            f"pip install 'communique[{extra}]'"
        )


class InputError(CommuniqueError):
    """A document could not be read (empty, binary, undecodable, too large, malformed...)."""

    code = "input_error"
    http_status = 422


class StoreError(CommuniqueError):
    code = "store_error"


class NotFound(CommuniqueError):
    code = "not_found"
    http_status = 404
