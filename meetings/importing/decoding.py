"""Text files' bytes as text: the encodings British minutes are saved in, and no guessing.

UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32 (with a mark, or UTF-16 without
one, told by its NUL bytes), else Windows-1252. A detector such as charset-normalizer is not
needed and would do harm: bytes that are not valid UTF-8 are almost never UTF-8, and a British
file in an 8-bit encoding is Windows-1252 (Notepad's "ANSI", Word's "Windows (Default)"),
where a statistical guess on a short file can pick a Central European or Mac code page and
turn every "£" and curly quote into another letter without a word.
"""

import codecs
import re

from meetings.importing.report import ImportRefused


def decode_text(data, *, name="the file"):
    """``data`` decoded as the text encodings ``read_upload`` knows."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decoded(data[len(mark) :], encoding, name=name, offset=len(mark))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _utf16_without_mark(data)
    if encoding:
        return _decoded(data, encoding, name=name)
    if UTF8_SEQUENCE_RE.search(data):
        # Some letters are UTF-8 and some are not: a damaged file, or files joined together.
        return _decoded(data, "utf-8", name=name)
    return _decoded(data, "cp1252", name=name)


def _utf16_without_mark(data):
    """UTF-16's byte order when ``data`` is English text in it: NUL as every other byte."""
    if len(data) % 2:
        return None
    even, odd = data[::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _decoded(data, encoding, *, name, offset=0):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        position = offset + error.start
        readable = data[: error.start].decode(encoding, errors="replace")
        where = f"byte {position + 1} of the file (0x{data[error.start]:02X})"
        if encoding == "cp1252":
            problem = (
                f"is neither UTF-8 nor Windows-1252 text: {where} is a letter in neither. It "
                "may not be a text file at all. Save the minutes as PDF, Word (.docx) or "
                "UTF-8 text, and import that."
            )
        else:
            shown = encoding.upper().removesuffix("-LE").removesuffix("-BE")
            problem = (
                f"is not {shown} text throughout: {where} cannot be read. The file is "
                "damaged, or parts of it were saved with different encodings. Save it "
                "again as UTF-8 text (in most editors: Save As, Encoding: UTF-8) and try again."
            )
        raise ImportRefused(f"{name} {problem}", line=line_at(readable, len(readable))) from None


# UTF-32's little-endian mark begins like UTF-16's, so it is tried first.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A letter written in UTF-8 (two to four bytes), which Windows-1252 text almost never holds.
UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def line_at(text, index):
    """The number of the line holding ``text[index]``, counted as ``clean_lines`` counts."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
