"""A PDF read back as a person's tools read it: pypdf's text without a warning, `qpdf --check`."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pdf_text(data: bytes, password: str | None = None) -> str:
    """Every page's text; fails the test on any warning pypdf logs while reading (an invalid
    entry in a text map, such as "Odd-length string") and on a NUL (a character mapped to
    nothing)."""
    warnings = _Warnings()
    logger = logging.getLogger("pypdf")
    logger.addHandler(warnings)
    try:
        reader = PdfReader(io.BytesIO(data))
        if password is not None:
            assert reader.decrypt(password) != 0
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    finally:
        logger.removeHandler(warnings)
    assert not warnings.messages, warnings.messages
    assert "\x00" not in text
    return text


def page_fonts(data: bytes) -> set[str]:
    """The base names of the fonts the pages use (a subset's tag taken off)."""
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def qpdf_check(data: bytes) -> None:
    """``qpdf --check`` finds neither an error nor a warning (qpdf: a Debian package that
    .ci/run installs)."""
    qpdf = shutil.which("qpdf")
    assert qpdf is not None, "qpdf is not installed (apt-get install qpdf; .ci/run does)"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checked.pdf"
        path.write_bytes(data)
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "No syntax or stream encoding errors found" in said and "WARNING" not in said, said
