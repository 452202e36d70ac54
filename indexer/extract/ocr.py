"""OCR of pages whose text layer is missing or unusable: render, recognise, and hand back glyphs.

Which pages (`ocr_reason`): a page with no text layer (``no_text``), with an unusable one
(``unusable_text``: unmapped glyphs; ``mojibake``: wrong encoding), with more than
`PARTLY_UNUSABLE` of its glyphs unmapped (``partly_unusable``: a title in an embedded font without
a Unicode map), or with little text and images on it (``image_text``: text drawn as a picture).
A page whose text layer reads as text keeps it, even when that layer is itself a poor OCR layer
a scanner made: Hanlin does not second-guess a usable layer (docs/extraction.md, "OCR").

How: the page is rendered with pdfium (`RENDER_DPI`, capped at `MAX_RENDER_SIDE` pixels), text
lines are found by the PP-OCRv4 detector on a copy scaled to `DET_SIDE` pixels, and each line is
read by the PP-OCRv4 recogniser at `REC_HEIGHT` pixels — the models ship inside the
``rapidocr-onnxruntime`` wheel and run with onnxruntime; nothing is downloaded. The recogniser's
per-column output places each character, which gives a box per character (in PDF points, origin
top-left, like pdfplumber's); vertical lines (a column taller than wide) are cut into character
cells and read as one row. The glyphs then go through the same layout as a text PDF
(`indexer.extract.layout.analyse_page`: columns, reading order; vertical text right to left).

`OcrPage` is plain data with a JSON form: workers send it to the parent as soon as a page is
recognised, the catalogue keeps it (by file hash and page) so that a cancelled run resumes without
recognising the page again, and the reader rebuilds the page's character boxes from it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from indexer import fs
from indexer.errors import ExtractionError, HanlinError
from indexer.extract.layout import Box, PageChar, PageLayout, analyse_page
from indexer.extract.model import PageWarning
from indexer.extract.normalize import is_cjk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Gray = npt.NDArray[np.uint8]

#: The engine and its settings; cached pages recognised by another engine are recognised again.
ENGINE_ID = "rapidocr-onnxruntime-1.4.4/PP-OCRv4/det1280/rec32"
RENDER_DPI = 200
MAX_RENDER_SIDE = 3000  # pixels: a poster-sized page is rendered smaller than RENDER_DPI
DET_SIDE = 1280  # the detector sees the page scaled to this many pixels on its long side
REC_HEIGHT = 32  # text lines are read at this height (the model's 48 is 2.3x slower, no better here)
MIN_LINE_CONFIDENCE = 0.7  # lines read with less confidence are noise (handwriting, pictures, stains)
PARTLY_UNUSABLE = 0.05  # a page with more unmapped glyphs than this is recognised
SPARSE_CHARS = 200  # a page with fewer characters than this ...
IMAGE_COVER = 0.03  # ... and images over this share of its area is recognised
#: Codes of page warnings whose page is recognised (see `indexer.extract.pipeline.page_warnings`).
UNUSABLE_CODES = ("no_text", "unusable_text", "mojibake")


@dataclass
class OcrLine:
    """One recognised line: its text, confidence, and one box per character (PDF points)."""

    text: str
    confidence: float
    boxes: list[Box]
    vertical: bool = False


@dataclass
class OcrPage:
    """The recognised lines of one page (1-based `number`), in the page's coordinates."""

    number: int
    width: float
    height: float
    lines: list[OcrLine] = field(default_factory=list)
    engine: str = ENGINE_ID
    seconds: float = 0.0

    @property
    def chars(self) -> int:
        """Characters recognised."""
        return sum(len(line.text.replace(" ", "")) for line in self.lines)

    @property
    def confidence(self) -> float:
        """The mean confidence of the page's characters (0 when nothing was read)."""
        weights = [(len(line.text), line.confidence) for line in self.lines if line.text]
        total = sum(n for n, _ in weights)
        return sum(n * c for n, c in weights) / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        """Compact JSON: boxes rounded to 0.1 pt."""
        return {
            "number": self.number, "width": self.width, "height": self.height, "engine": self.engine,
            "seconds": round(self.seconds, 3),
            "lines": [{"t": line.text, "c": round(line.confidence, 4), "v": line.vertical,
                       "b": [[round(v, 1) for v in box] for box in line.boxes]} for line in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OcrPage:
        """The inverse of `to_json`."""
        lines = [OcrLine(item["t"], float(item["c"]), [(b[0], b[1], b[2], b[3]) for b in item["b"]],
                         bool(item.get("v", False))) for item in data.get("lines", [])]
        return cls(int(data["number"]), float(data["width"]), float(data["height"]), lines,
                   str(data.get("engine", "")), float(data.get("seconds", 0.0)))


# ---------------------------------------------------------------- which pages


def ocr_reason(layout: PageLayout, codes: set[str]) -> str | None:
    """Why a page (its layout and the codes of its warnings) needs OCR, or None if its text is usable.

    ``image_text`` is only a candidate: `image_share` must confirm that the page holds pictures.
    """
    for code in UNUSABLE_CODES:
        if code in codes:
            return code
    if layout.glyph_count and layout.unusable_count > PARTLY_UNUSABLE * layout.glyph_count:
        return "partly_unusable"
    if layout_chars(layout) < SPARSE_CHARS:
        return "image_text"
    return None


def layout_chars(layout: PageLayout) -> int:
    """Characters of a page's text layer, spaces left out."""
    return sum(len(line.text.replace(" ", "")) for line in layout.lines)


def image_share(path: str | Path, numbers: list[int]) -> dict[int, float]:
    """The share of each page's area covered by images (pages 1-based), read with pdfium."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    shares: dict[int, float] = {}
    with _pdfium_document(path) as pdf:
        for number in numbers:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                area = 0.0
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
                    left, bottom, right, top = obj.get_bounds()
                    w = min(right, width) - max(left, 0.0)
                    h = min(top, height) - max(bottom, 0.0)
                    area += max(w, 0.0) * max(h, 0.0)
                shares[number] = area / (width * height) if width * height > 0 else 0.0
            except pypdfium2.PdfiumError:
                shares[number] = 0.0
            finally:
                page.close()
    return shares


def blank_pages(path: str | Path, numbers: list[int]) -> list[int]:
    """The pages among `numbers` (1-based) with no page object at all: nothing drawn, nothing to recognise."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    blank = []
    with _pdfium_document(path) as pdf:
        for number in numbers:
            try:
                page = pdf[number - 1]
            except pypdfium2.PdfiumError:
                continue
            try:
                if pdfium_c.FPDFPage_CountObjects(page.raw) == 0:
                    blank.append(number)
            finally:
                page.close()
    return blank


def use_ocr(reason: str, layout: PageLayout, page: OcrPage) -> bool:
    """Whether the recognised text replaces the page's text layer.

    An unusable layer is always replaced; a partly unusable one when OCR reads at least as much (it
    also reads the glyphs the layer cannot map); a sparse page with pictures only when OCR found
    clearly more text than the layer holds (the layer's own text is on the rendered page too).
    """
    if reason == "partly_unusable":
        return page.chars >= layout_chars(layout)
    if reason == "image_text":
        return page.chars > 1.5 * layout_chars(layout) + 10
    return True


# ---------------------------------------------------------------- the engine


class OcrEngine(Protocol):
    """Recognises the text lines of a grey page image (pixels, origin top-left)."""

    def lines(self, gray: Gray) -> list[OcrLine]:
        """The lines found, boxes in pixels."""
        ...


class OcrUnavailable(HanlinError):
    """The OCR engine cannot be loaded (not installed, or its libraries do not load)."""


_ENGINES: dict[int, OcrEngine] = {}


def engine(threads: int = 1) -> OcrEngine:
    """The recognition engine of this process (loaded once per thread count); `OcrUnavailable` if missing."""
    if threads not in _ENGINES:
        _ENGINES[threads] = RapidOcrEngine(threads)
    return _ENGINES[threads]


class RapidOcrEngine:
    """PP-OCRv4 detection and recognition (the models of the ``rapidocr-onnxruntime`` wheel) on onnxruntime."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import cv2  # noqa: F401 -- rapidocr's box post-processing needs it

            onnxruntime = _import_onnxruntime()
            import rapidocr_onnxruntime
            from rapidocr_onnxruntime.ch_ppocr_det.utils import DBPostProcess
        except ImportError as exc:  # not installed, or a native library missing (libGL for cv2)
            raise OcrUnavailable(f"OCR 组件无法加载 (the OCR engine cannot be loaded: {exc})") from None
        models = Path(rapidocr_onnxruntime.__file__).parent / "models"
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # peak RSS 578 → 491 MB on the scanned seed, same speed
        # Busy-waiting threads cost more than they save when other workers share the cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")

        def session(name: str) -> Any:
            return onnxruntime.InferenceSession(str(models / name), options, providers=["CPUExecutionProvider"])

        self.det = session("ch_PP-OCRv4_det_infer.onnx")
        self.rec = session("ch_PP-OCRv4_rec_infer.onnx")
        keys = self.rec.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.charset = ["", *keys, " "]  # CTC blank first, the space last (as PaddleOCR trains it)
        self.post = DBPostProcess(thresh=0.3, box_thresh=0.5, max_candidates=1000, unclip_ratio=1.6,
                                  use_dilation=True, score_mode="fast")

    def lines(self, gray: Gray) -> list[OcrLine]:
        """Detect the text lines of `gray`, then read each one."""
        out = []
        for quad in self._detect(gray):
            line = self._read_quad(gray, quad)
            if line is not None and line.confidence >= MIN_LINE_CONFIDENCE and line.text.strip():
                out.append(line)
        return out

    def _detect(self, gray: Gray) -> list[Any]:
        import cv2
        import numpy as np

        h, w = gray.shape
        ratio = min(1.0, DET_SIDE / max(h, w))
        nh, nw = (max(32, round(v * ratio / 32) * 32) for v in (h, w))
        small = cv2.resize(gray, (nw, nh), interpolation=cv2.INTER_AREA)
        x = (small.astype(np.float32) / 127.5 - 1.0)[None, None].repeat(3, axis=1)
        pred = self.det.run(None, {self.det.get_inputs()[0].name: x})[0]
        quads, _ = self.post(pred, (h, w))
        return list(quads)

    def _read_quad(self, gray: Gray, quad: Any) -> OcrLine | None:
        import numpy as np

        pts = np.asarray(quad, dtype=np.float32)
        crop, origin, scale = _crop(gray, pts)
        if crop.shape[0] < 4 or crop.shape[1] < 4:
            return None
        if crop.shape[0] > 1.5 * crop.shape[1]:
            return self._read_vertical(crop, origin)
        chars = self._read(crop)
        if not chars:
            return None
        x0, y0 = origin
        left, right, top, bottom = _ink_extent(crop)
        chars[0] = (chars[0][0], chars[0][1], max(chars[0][2], left), chars[0][3])
        chars[-1] = (chars[-1][0], chars[-1][1], chars[-1][2], min(chars[-1][3], right))
        boxes = [(x0 + a * scale[0], y0 + top * scale[1], x0 + max(b, a + 1) * scale[0], y0 + bottom * scale[1])
                 for _, _, a, b in chars]
        text = "".join(c for c, _, _, _ in chars)
        return OcrLine(text, sum(p for _, p, _, _ in chars) / len(chars), boxes)

    def _read(self, crop: Gray) -> list[tuple[str, float, float, float]]:
        """(character, probability, left, right) of one horizontal line image (x in crop pixels)."""
        import cv2
        import numpy as np

        h, w = crop.shape
        width = max(REC_HEIGHT // 2, math.ceil(REC_HEIGHT * w / h))
        inter = cv2.INTER_AREA if h > REC_HEIGHT else cv2.INTER_LINEAR
        img = cv2.resize(crop, (width, REC_HEIGHT), interpolation=inter)
        x = (img.astype(np.float32) / 127.5 - 1.0)[None, None].repeat(3, axis=1)
        prob = self.rec.run(None, {self.rec.get_inputs()[0].name: x})[0][0]
        best = prob.argmax(axis=1)
        steps = len(best)
        found: list[tuple[str, float, float]] = []  # character, probability, centre (crop pixels)
        previous = 0
        for t, index in enumerate(best.tolist()):
            if index != 0 and index != previous and index < len(self.charset):
                found.append((self.charset[index], float(prob[t, index]), (t + 0.5) * w / steps))
            previous = index
        return _char_spans(found, w)

    def _read_vertical(self, crop: Gray, origin: tuple[float, float]) -> OcrLine | None:
        """A vertical line: cut into character cells by the blank rows between them, read as one row."""
        import numpy as np

        cells = _vertical_cells(crop)
        if not cells:
            return None
        w = crop.shape[1]
        pad = max(2, w // 8)
        row = np.full((w, len(cells) * (w + pad) + pad), 255, dtype=np.uint8)
        for i, (top, bottom) in enumerate(cells):
            cell = crop[top:bottom, :]
            offset = (w - cell.shape[0]) // 2 if cell.shape[0] < w else 0
            cell = cell[: w]
            row[offset:offset + cell.shape[0], pad + i * (w + pad): pad + i * (w + pad) + w] = cell
        chars = self._read(row)
        if not chars:
            return None
        x0, y0 = origin
        boxes: list[Box] = []
        for _, _, a, b in chars:
            i = min(len(cells) - 1, max(0, int(((a + b) / 2 - pad / 2) // (w + pad))))
            boxes.append((x0, y0 + cells[i][0], x0 + w, y0 + cells[i][1]))
        text = "".join(c for c, _, _, _ in chars)
        return OcrLine(text, sum(p for _, p, _, _ in chars) / len(chars), boxes, vertical=True)


def _import_onnxruntime() -> Any:
    """onnxruntime, imported with the temp folder pointed at Hanlin's cache, its telemetry events off.

    On import it writes a session file (``.ses``, of the telemetry library built into it) to the
    temp folder; Hanlin writes nowhere but the library and its own folders, so the file goes to
    Hanlin's cache folder (`indexer.fs.cache_dir`). It opens no socket (checked with strace and in
    a namespace without network).
    """
    import os

    keys = ("TMPDIR", "TEMP", "TMP")
    saved = {key: os.environ.get(key) for key in keys}
    folder = fs.cache_dir() / "onnxruntime"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.update({key: str(folder) for key in keys})
    except OSError:
        pass  # a read-only home: the file goes where the system says
    try:
        import onnxruntime
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    onnxruntime.disable_telemetry_events()
    return onnxruntime


def _crop(gray: Gray, pts: Any) -> tuple[Gray, tuple[float, float], tuple[float, float]]:
    """The line image straightened from its quadrilateral; its top-left and pixel scale on the page."""
    import cv2
    import numpy as np

    width = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    height = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    if width < 1 or height < 1:
        return np.zeros((0, 0), dtype=np.uint8), (0.0, 0.0), (1.0, 1.0)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(pts, target)
    crop = cv2.warpPerspective(gray, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    x0, y0 = float(pts[:, 0].min()), float(pts[:, 1].min())
    sx = (float(pts[:, 0].max()) - x0) / width
    sy = (float(pts[:, 1].max()) - y0) / height
    return np.asarray(crop, dtype=np.uint8), (x0, y0), (sx, sy)


def _ink_extent(crop: Gray) -> tuple[int, int, int, int]:
    """Left, right, top, bottom of the dark pixels of a line image (the detector's box has a margin)."""
    import numpy as np

    ink = crop < min(160, int(crop.mean()) - 20)
    cols, rows = np.flatnonzero(ink.any(axis=0)), np.flatnonzero(ink.any(axis=1))
    if not len(cols) or not len(rows):
        return 0, crop.shape[1], 0, crop.shape[0]
    return int(cols[0]), int(cols[-1]) + 1, int(rows[0]), int(rows[-1]) + 1


def _char_spans(found: list[tuple[str, float, float]], width: float) -> list[tuple[str, float, float, float]]:
    """Each character's left and right edge: halfway to its neighbours' centres."""
    out = []
    for i, (char, p, centre) in enumerate(found):
        if len(found) == 1:
            left, right = 0.0, width
        else:
            prev_c = found[i - 1][2] if i else None
            next_c = found[i + 1][2] if i + 1 < len(found) else None
            half = ((next_c - centre) if next_c is not None else (centre - (prev_c or 0.0))) / 2
            left = (prev_c + centre) / 2 if prev_c is not None else max(0.0, centre - half)
            right = (centre + next_c) / 2 if next_c is not None else min(width, centre + half)
        out.append((char, p, left, right))
    return _fix_quotes(out)


def _fix_quotes(chars: list[tuple[str, float, float, float]]) -> list[tuple[str, float, float, float]]:
    """ASCII double quotes in Chinese text are the printed “ and ”, alternately."""
    if not any(is_cjk(c) for c, _, _, _ in chars):
        return chars
    opening = True
    out = []
    for char, p, a, b in chars:
        if char == '"':
            char = "“" if opening else "”"
            opening = not opening
        out.append((char, p, a, b))
    return out


def _vertical_cells(crop: Gray) -> list[tuple[int, int]]:
    """Row ranges of the characters of a vertical line: runs of inked rows, merged to about square cells."""
    import numpy as np

    w = crop.shape[1]
    ink = crop < min(160, int(crop.mean()) - 20)
    rows = ink.sum(axis=1) > 0
    runs: list[list[int]] = []
    start = None
    for y, inked in enumerate(rows.tolist() + [False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            runs.append([start, y])
            start = None
    cells: list[list[int]] = []
    for run in runs:  # parts of one character (二, 三) are closer than a cell apart
        if cells and run[1] - cells[-1][0] <= 1.1 * w:
            cells[-1][1] = run[1]
        else:
            cells.append(run)
    return [(a, b) for a, b in cells if b - a >= 0.15 * w] if np.any(rows) else []


# ---------------------------------------------------------------- pages


def render_gray(page: Any, width: float, height: float) -> tuple[Gray, float]:
    """A pdfium page as a grey image, and the pixels per point used."""
    scale = min(RENDER_DPI / 72, MAX_RENDER_SIDE / max(width, height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_numpy()
        gray = image[:, :, 0].copy() if image.ndim == 3 else image.copy()
    finally:
        bitmap.close()
    return gray, scale


class PageImages(Protocol):
    """Pages of a file other than a PDF as images (an OFD's, `indexer.extract.formats`), for OCR."""

    def image_share(self, numbers: list[int]) -> dict[int, float]:
        """The share of each page's area covered by images (pages 1-based)."""

    def render_gray(self, number: int) -> tuple[Gray, float, float, float]:
        """Page `number` (1-based) as a grey image, the pixels per point, and the page's size in points."""


def recognise(path: str | Path, numbers: list[int], threads: int = 1,
              images: PageImages | None = None) -> Iterator[OcrPage]:
    """Recognise pages `numbers` (1-based) of a PDF (or of `images`), yielding each page as it is done."""
    ocr = engine(threads)
    if images is not None:
        for number in numbers:
            started = time.monotonic()
            gray, scale, width, height = images.render_gray(number)
            lines = [_to_points(line, scale) for line in ocr.lines(gray)]
            yield OcrPage(number, width, height, lines, ENGINE_ID, time.monotonic() - started)
        return
    with _pdfium_document(path) as pdf:
        for number in numbers:
            started = time.monotonic()
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                gray, scale = render_gray(page, width, height)
            finally:
                page.close()
            lines = [_to_points(line, scale) for line in ocr.lines(gray)]
            yield OcrPage(number, width, height, lines, ENGINE_ID, time.monotonic() - started)


def _to_points(line: OcrLine, scale: float) -> OcrLine:
    boxes = [(x0 / scale, top / scale, x1 / scale, bottom / scale) for x0, top, x1, bottom in line.boxes]
    return OcrLine(line.text, line.confidence, boxes, line.vertical)


class _pdfium_document:
    """A pypdfium2 document closed on exit; pdfium's errors become `ExtractionError`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.pdf: Any = None

    def __enter__(self) -> Any:
        import pypdfium2

        try:
            self.pdf = pypdfium2.PdfDocument(self.path)
        except pypdfium2.PdfiumError as exc:
            if "password" in str(exc).lower():  # a user password: the same verdict as the glyph readers'
                from indexer.extract.pdf import failure

                raise failure(self.path, "encrypted") from None
            raise ExtractionError(self.path, "corrupt", f"无法渲染页面 (pdfium cannot open the file: {exc})") from None
        return self.pdf

    def __exit__(self, *exc_info: object) -> None:
        self.pdf.close()


# ---------------------------------------------------------------- into the layout


def page_glyphs(page: OcrPage, vertical: bool) -> list[PageChar]:
    """The recognised characters of the horizontal (or vertical) lines as layout glyphs."""
    glyphs: list[PageChar] = []
    for line in page.lines:
        if line.vertical != vertical:
            continue
        chars = [c for c in line.text]
        for char, (x0, top, x1, bottom) in zip(chars, line.boxes, strict=False):
            if char == " ":
                continue
            size = (x1 - x0) if vertical else (bottom - top)
            glyphs.append({"text": char, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                           "size": max(size, 1.0), "fontname": "OCR", "upright": not vertical})
    return glyphs


def ocr_layout(page: OcrPage) -> PageLayout:
    """The page laid out from its recognised characters: horizontal lines, then vertical columns."""
    horizontal = analyse_page(page_glyphs(page, False), page.number, page.width, page.height)
    vertical_glyphs = page_glyphs(page, True)
    if not vertical_glyphs:
        return horizontal
    vertical = analyse_page(vertical_glyphs, page.number, page.width, page.height)
    lines = horizontal.lines + vertical.lines
    count = horizontal.glyph_count + vertical.glyph_count
    return PageLayout(page.number, page.width, page.height, lines, count, 0,
                      vertical=len(vertical_glyphs) > count / 2)


# ---------------------------------------------------------------- in the pipeline

#: Called after each page recognised (or taken from the cache): the page, pages done, pages to do.
OcrCallback = Callable[[OcrPage, int, int], None]


@dataclass
class OcrOptions:
    """Whether and how a file's pages are recognised.

    `cached`: pages recognised before (page number → `OcrPage.to_json()`), used instead of
    recognising them again; `on_page` is called after each page with the pages done and to do.
    """

    enabled: bool = True
    threads: int = 1
    cached: dict[int, dict[str, Any]] = field(default_factory=dict)
    on_page: OcrCallback | None = None


def recognise_layouts(path: str | Path, layouts: list[PageLayout], warnings: list[PageWarning],
                      options: OcrOptions, images: PageImages | None = None) -> dict[int, float]:
    """Recognise the pages of `layouts` that need it, replacing their layout; returns page → confidence.

    Adds page warnings: ``ocr`` (recognised, with the confidence), ``ocr_empty`` (recognised, nothing
    found), ``ocr_off`` (would be, but OCR is off), ``ocr_unavailable``, ``ocr_error``. Pages are
    rendered from the PDF at `path` with pdfium, or by `images` for another format.
    """
    if not options.enabled:
        # Pages of pictures (``image_text``) get no warning: their pictures are not looked for.
        wanted = pages_to_recognise(path, layouts, warnings, images, pictures=False)
        warnings.extend(PageWarning(n, "ocr_off", f"第{n}页需要 OCR 识别，但 OCR 已关闭 (page needs OCR, "
                                                  f"which is off)") for n in wanted if wanted[n] != "image_text")
        return {}
    wanted = pages_to_recognise(path, layouts, warnings, images)
    if not wanted:
        return {}
    done: dict[int, float] = {}
    total = len(wanted)
    for count, (number, page) in enumerate(_pages(path, sorted(wanted), options, warnings, images), 1):
        if options.on_page is not None:
            options.on_page(page, count, total)
        layout = layouts[number - 1]
        if not page.lines:
            warnings.append(PageWarning(number, "ocr_empty", f"第{number}页 OCR 未识别出文字 (OCR found no text "
                                                             f"on the page)"))
        elif use_ocr(wanted[number], layout, page):
            layouts[number - 1] = ocr_layout(page)
            done[number] = round(page.confidence, 4)
            warnings.append(PageWarning(number, "ocr", f"第{number}页的文字由 OCR 识别，平均置信度 "
                                                       f"{page.confidence:.2f} (text recognised by OCR, mean "
                                                       f"confidence {page.confidence:.2f})"))
    return done


def pages_to_recognise(path: str | Path, layouts: list[PageLayout], warnings: list[PageWarning],
                       images: PageImages | None = None, *, pictures: bool = True) -> dict[int, str]:
    """Page number → why it needs OCR, for the pages of a file that do (`ocr_reason`, `image_share`).

    Without `pictures`, a page with little text is left as an ``image_text`` candidate, unconfirmed:
    `image_share` is not asked (it loads each such page again).
    """
    codes: dict[int, set[str]] = {}
    for warning in warnings:
        codes.setdefault(warning.page, set()).add(warning.code)
    wanted = {layout.number: reason for layout in layouts
              if (reason := ocr_reason(layout, codes.get(layout.number, set()))) is not None}
    if images is None:  # a PDF page with nothing drawn on it (a thesis's blank verso) has nothing to read
        empty = [layout.number for layout in layouts if layout.number in wanted and not layout.glyph_count]
        for number in blank_pages(path, empty) if empty else ():
            del wanted[number]
    sparse = [n for n, reason in wanted.items() if reason == "image_text"]
    if sparse and pictures:
        shares = images.image_share(sparse) if images is not None else image_share(path, sparse)
        for number in sparse:
            if shares.get(number, 0.0) < IMAGE_COVER:
                del wanted[number]
    return wanted


def _pages(path: str | Path, numbers: list[int], options: OcrOptions, warnings: list[PageWarning],
           images: PageImages | None = None) -> Iterator[tuple[int, OcrPage]]:
    """The recognised pages: from the cache first, then recognised one by one."""
    todo = []
    for number in numbers:
        data = options.cached.get(number)
        if data is not None and data.get("engine") == ENGINE_ID:
            yield number, OcrPage.from_json(data)
        else:
            todo.append(number)
    if not todo:
        return
    try:
        pages = recognise(path, todo, options.threads, images)
        for page in pages:
            yield page.number, page
    except OcrUnavailable as exc:
        warnings.extend(PageWarning(n, "ocr_unavailable", str(exc)) for n in todo)
    except (MemoryError, ExtractionError):
        raise
    except Exception as exc:  # noqa: BLE001 -- the engine's own errors: the text pages are kept
        warnings.append(PageWarning(0, "ocr_error", f"OCR 识别出错 (OCR failed: {type(exc).__name__}: {exc})"))
