"""The corpus on disk: the bundle's JSON file and the tiny PDFs beside it."""

import json
from pathlib import Path

from bench.corpus.generator import Generator


def tiny_pdf(text):
    """A minimal, valid one-page PDF (correct xref offsets) showing ``text``."""
    text = (
        text.encode("latin-1", "replace")
        .replace(b"\\", b"\\\\")
        .replace(b"(", b"\\(")
        .replace(b")", b"\\)")
    )
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_corpus(out, items, seed=1, pdfs=0):
    """Write the corpus to ``out`` (and PDFs to ``files/`` beside it); return the bundle."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    bundle = Generator(seed, items, pdfs).bundle()
    pdfs = min(pdfs, len(bundle["guidance"]))
    if pdfs:
        (out.parent / "files").mkdir(exist_ok=True)
        for i in range(pdfs):
            title = bundle["guidance"][i]["title"]["sv"]
            (out.parent / "files" / f"dokument-{i + 1}.pdf").write_bytes(tiny_pdf(title))
    with out.open("w", encoding="utf-8") as handle:
        json.dump(bundle, handle, ensure_ascii=False, separators=(",", ":"))
    return bundle
