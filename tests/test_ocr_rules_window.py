"""The table rules of an OCR region are found in the window around the long runs only: the
boxes must be exactly those the whole-image computation gave (ocr._long_run_boxes)."""

import numpy as np
import pytest
from scipy import ndimage

from woopub.reading.ocr import _long_run_boxes


def _whole_image_boxes(mask: np.ndarray, length: int) -> list[tuple[int, int, int, int]]:
    """The former computation: every pixel of the image filled, dilated and labelled."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    starts, ends = np.argwhere(edges == 1), np.argwhere(edges == -1)
    long = (ends[:, 1] - starts[:, 1]) >= length
    marks = np.zeros((mask.shape[0], mask.shape[1] + 1), dtype=np.int32)
    np.add.at(marks, (starts[long, 0], starts[long, 1]), 1)
    np.add.at(marks, (ends[long, 0], ends[long, 1]), -1)
    runs = np.cumsum(marks, axis=1)[:, :-1] > 0
    if not runs.any():
        return []
    labels, _ = ndimage.label(ndimage.binary_dilation(runs, structure=np.ones((3, 3), dtype=bool)))
    return [(r.start, c.start, r.stop, c.stop) for r, c in ndimage.find_objects(labels)]


@pytest.mark.parametrize("seed", range(12))
def test_rule_boxes_equal_the_whole_image_computation(seed):
    rng = np.random.default_rng(seed)
    rows, cols = rng.integers(20, 160, size=2)
    mask = rng.random((rows, cols)) < rng.choice([0.02, 0.3, 0.9])  # specks, text-like, dark photo
    for _ in range(rng.integers(0, 6)):  # rules, some on the image's edges
        if rng.random() < 0.5:
            r = int(rng.choice([0, rows - 1, rng.integers(0, rows)]))
            mask[r, rng.integers(0, cols // 3): rng.integers(cols // 2, cols + 1)] = True
        else:
            c = int(rng.choice([0, cols - 1, rng.integers(0, cols)]))
            mask[rng.integers(0, rows // 3): rng.integers(rows // 2, rows + 1), c] = True
    for length in (5, 30, int(cols)):
        assert _long_run_boxes(mask, length) == _whole_image_boxes(mask, length)
        assert _long_run_boxes(mask.T, length) == _whole_image_boxes(mask.T, length)


def test_no_long_run_gives_no_box():
    mask = np.zeros((50, 80), dtype=bool)
    mask[10, 5:20] = True
    assert _long_run_boxes(mask, 30) == []
    mask[40, 0:80] = True
    assert _long_run_boxes(mask, 30) == [(39, 0, 42, 80)]
