"""Text-layer oddities that hide text from a reader but not from a copy-paste or a search engine.

Invisible text over an image (render mode 3, as OCR layers are written),
white text on white, text placed outside the visible page, text covered by
an image, text in a layer that is switched off, and text too small to see:
each is extracted, detected and removed like any other text.
"""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image

from conftest import pdf_text, still_there
from woopub.run.batch import verify_output
from woopub.run.batch import run_inline

HIDDEN = "Opgesteld door Fenna Wijnberg, e-mail f.wijnberg@minjenv.nl, telefoon 06 4829 1730."
VALUES = ["Fenna Wijnberg", "f.wijnberg@minjenv.nl", "06 4829 1730"]
VISIBLE = "Nota over de voortgang van het Actieplan mensenhandel."


def _photo() -> bytes:
    """A photograph without text (noise and a gradient)."""
    rng = np.random.default_rng(1)
    arr = np.clip(np.linspace(60, 200, 300)[None, :] + rng.normal(0, 25, (200, 300)), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG")
    return buf.getvalue()


def _hide(page: pymupdf.Page, how: str) -> None:
    if how == "invisible-over-image":
        page.insert_image(pymupdf.Rect(72, 120, 522, 420), stream=_photo())
        page.insert_text((80, 200), HIDDEN, fontsize=9, render_mode=3)
    elif how == "white-on-white":
        page.insert_text((72, 200), HIDDEN, fontsize=9, color=(1, 1, 1))
    elif how == "outside-the-page":
        page.insert_text((72, -30), HIDDEN, fontsize=9)
    elif how == "right-of-the-page":
        page.insert_text((page.rect.width + 40, 300), HIDDEN, fontsize=9)
    elif how == "under-an-image":
        page.insert_text((80, 200), HIDDEN, fontsize=9)
        page.insert_image(pymupdf.Rect(72, 120, 522, 420), stream=_photo(), overlay=True)
    elif how == "layer-switched-off":
        ocg = page.parent.add_ocg("verborgen", on=False)
        page.insert_text((72, 200), HIDDEN, fontsize=9, oc=ocg)
    elif how == "tiny":
        page.insert_text((72, 200), HIDDEN, fontsize=0.8)
    else:
        raise ValueError(how)


HOW = [
    "invisible-over-image", "white-on-white", "outside-the-page", "right-of-the-page", "under-an-image",
    "layer-switched-off", "tiny",
]


def _readable_text(path) -> str:
    """The text a reader gets with every optional-content layer switched on (one click in a viewer)."""
    from woopub.reading.extract import extract_text

    with pymupdf.open(path) as doc:
        for layer in doc.layer_ui_configs():
            doc.set_layer_ui_config(layer["number"], 0)  # 0: switch on
        return extract_text(doc).text


@pytest.mark.parametrize("how", HOW)
def test_hidden_text_is_detected_and_removed(tmp_path, rules, detector, how):
    from woopub.run.pipeline import Dossier

    dossier = tmp_path / "in"
    dossier.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), VISIBLE, fontsize=11)
    _hide(page, how)
    doc.save(dossier / "nota.pdf")
    assert all(still_there(v, _readable_text(dossier / "nota.pdf")) for v in VALUES)  # the trick hides nothing from a reader

    result = run_inline(Dossier(rules, detector), [dossier], tmp_path / "out")
    (outcome,) = result.outcomes
    assert outcome.status == "published", outcome.reason
    found = {p.text for p in result.proposals if p.action == "redact"}
    assert {"Fenna Wijnberg", "f.wijnberg@minjenv.nl", "06 4829 1730"} <= found
    text = pdf_text(tmp_path / "out" / "nota.pdf")
    assert [v for v in VALUES if still_there(v, text)] == []
    assert "Actieplan" in text
    problems, _ = verify_output(tmp_path / "out")
    assert problems == []
