"""One exception hierarchy for the whole package, each error with a stable code."""

from __future__ import annotations


class Checkup2ActionError(Exception):
    """Root of every error this package raises on purpose."""

    code = "C2A_ERROR"

    def __init__(self, message: str, *, file: str | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.page = page

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.page:
            where.append(f"page {self.page}")
        prefix = f"{': '.join(where)}: " if where else ""
        return f"{prefix}{self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        """Machine-readable form for batch summaries."""
        return {"code": self.code, "message": self.message, "file": self.file, "page": self.page}


class InputError(Checkup2ActionError):
    """The document itself cannot be read."""

    code = "INPUT_ERROR"


class NotADocumentError(InputError):
    """The file is not a PDF (or not a format we read)."""

    code = "NOT_A_DOCUMENT"


class EmptyFileError(NotADocumentError):
    """The file has no bytes at all."""

    code = "EMPTY_FILE"


class UnsupportedFormatError(InputError):
    """A document or picture format we recognise but do not read (HEIC without the ``heif``
    extra, JPEG XL)."""

    code = "UNSUPPORTED_FORMAT"


class UnsupportedImageError(InputError):
    """A picture whose coding or pixel format cannot be decoded or converted (a bare JBIG2
    file, a codec missing from the picture library)."""

    code = "UNSUPPORTED_IMAGE"


class EncryptedDocumentError(InputError):
    """The PDF is password-protected (the empty password was tried)."""

    code = "ENCRYPTED"


class CorruptDocumentError(InputError):
    """The PDF is damaged beyond what the parser can recover."""

    code = "CORRUPT_DOCUMENT"


class EmptyDocumentError(InputError):
    """The document has no pages or no text to read."""

    code = "EMPTY_DOCUMENT"


class ResourceLimitError(InputError):
    """The document exceeds a limit: file size, pages, pixels of a picture or page (checked before
    decoding), or memory (a decompression bomb)."""

    code = "RESOURCE_LIMIT"


class DocumentTimeoutError(Checkup2ActionError):
    """A batch worker took longer than its wall-clock limit on the document and was stopped."""

    code = "TIMEOUT"


class ParserCrashError(Checkup2ActionError):
    """A batch worker died while reading the document (a crash in a native parser or decoder)."""

    code = "PARSER_CRASH"


class EngineNotAvailableError(Checkup2ActionError):
    """An optional engine is not installed; the message says which extra to install."""

    code = "ENGINE_NOT_AVAILABLE"


class StageError(Checkup2ActionError):
    """A pipeline stage failed on a document for a reason that is not the input's fault."""

    code = "STAGE_ERROR"


class CatalogueError(Checkup2ActionError):
    """A bundled data file (analyte catalogue, unit table) is malformed."""

    code = "CATALOGUE_ERROR"


class OptionError(Checkup2ActionError):
    """An option given to the pipeline is not one it knows (a date policy, say)."""

    code = "OPTION_ERROR"
