"""Cut a Chinese font down to the characters an export draws with it, as a small TrueType file.

fpdf2 embeds a CFF-outline font (Noto CJK, Source Han, Fandol: the usual Linux faces) as a
CIDFontType0 with an embedded code→CID CMap, which pdfminer (and so pdfplumber and Hanlin's own
indexer) cannot decode: the text would be invisible to them. Redrawing the glyphs an export
needs as quadratic TrueType outlines (fontTools cu2qu, error ≤ 1/1000 em) makes every face a
CIDFontType2 with Identity-H, which every reader decodes. fpdf2 then loads a font of a few
hundred glyphs instead of a 20 MB collection.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable, Mapping
from typing import Any

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, TTLibError
from fontTools.ttLib.tables._g_l_y_f import Glyph

from userdata.digest.export.fonts import Face

#: What a damaged or unusual font file raises while it is read or redrawn.
BROKEN = (OSError, TTLibError, KeyError, ValueError, AssertionError, IndexError, TypeError, struct.error,
          NotImplementedError)


class Source:
    """An open font face: which characters it has, and `subset` to write some of them out."""

    def __init__(self, face: Face):
        self.face = face
        self.font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
        self.cmap: dict[int, str] = self.font.getBestCmap() or {}
        self.cff = "CFF " in self.font or "CFF2" in self.font

    def has(self, char: str) -> bool:
        """Whether the face has a glyph for `char`."""
        return ord(char) in self.cmap

    def close(self) -> None:
        self.font.close()

    def subset(self, chars: Iterable[str]) -> bytes:
        """The glyphs of `chars` (those the face has) as a TrueType font file."""
        src, cmap = self.font, self.cmap
        wanted = sorted({ord(c) for c in chars} & cmap.keys())
        sources = [".notdef"] + [g for g in dict.fromkeys(cmap[u] for u in wanted) if g != ".notdef"]
        names = {old: (".notdef" if i == 0 else f"g{i}") for i, old in enumerate(sources)}
        glyph_set = src.getGlyphSet()
        glyphs = {names[old]: self._outline(glyph_set, old) for old in sources}
        hmtx = src["hmtx"]
        builder = FontBuilder(src["head"].unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(list(names.values()))
        builder.setupCharacterMap({u: names[cmap[u]] for u in wanted})
        builder.setupGlyf(glyphs)
        builder.setupHorizontalMetrics(
            {names[old]: (hmtx[old][0], getattr(glyphs[names[old]], "xMin", 0)) for old in sources})
        hhea, os2 = src["hhea"], src["OS/2"]
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
        builder.setupNameTable(_names(src))
        builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                         sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent,
                         usWinDescent=os2.usWinDescent, usWeightClass=os2.usWeightClass,
                         fsType=os2.fsType, sCapHeight=getattr(os2, "sCapHeight", hhea.ascent),
                         sxHeight=getattr(os2, "sxHeight", 0))
        builder.setupPost(italicAngle=src["post"].italicAngle)
        out = io.BytesIO()
        builder.save(out)
        return out.getvalue()

    def _outline(self, glyph_set: Mapping[str, Any], name: str) -> Glyph:
        """The glyph `name` as a TrueType glyph: cubic curves made quadratic, components decomposed."""
        pen = TTGlyphPen(None)
        if self.cff:  # CFF outlines run counter-clockwise and have no components
            glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        else:
            recording = DecomposingRecordingPen(glyph_set)
            glyph_set[name].draw(recording)
            recording.replay(pen)
        return pen.glyph()


def _names(src: TTFont) -> dict[str, str]:
    """Family, style and PostScript name of `src` (English where there is one)."""
    table = src["name"]
    family = table.getBestFamilyName() or "Hanlin CJK"
    style = table.getBestSubFamilyName() or "Regular"
    ps_name = table.getDebugName(6) or f"{family}-{style}"
    return {"familyName": family, "styleName": style, "psName": "".join(ps_name.split())}
