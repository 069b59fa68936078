"""The one fpdf2 document every PDF export is written on: A4 portrait, the shipped DejaVu font (every
Lithuanian and Latvian letter), the data attribution and the page number in every page's footer."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF, FontFace

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONT = "DejaVu"
_HEAD = FontFace(emphasis="BOLD", fill_color=(225, 232, 243))


class ReportDocument(FPDF):
    """A4 portrait, DejaVu Sans, the attribution and the page number in every page's footer."""

    def __init__(self, attribution: str, page_label: str, title: str, lang: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.attribution, self.page_label = attribution, page_label
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=24)
        self.set_margins(12, 12, 12)
        self.set_title(title)
        self.set_author("Benchlearn")
        self.set_lang(lang)

    def footer(self) -> None:
        """The data attribution and the page number (fpdf2 calls this on every page)."""
        self.set_y(-20)
        self.set_font(FONT, size=7)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.2, self.attribution, align="L")
        # "{nb}" is fpdf2's alias for the page count, filled in when the document is closed
        self.cell(0, 3.2, self.page_label.replace("{page}", str(self.page_no())), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 13) -> None:
        """A bold heading on its own lines, moved to a new page when little room is left below it."""
        if self.get_y() > self.h - 60:
            self.add_page()
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)
        self.set_font(FONT, size=9)

    def para(self, text: str, size: float = 9, bold: bool = False) -> None:
        """A paragraph of plain text."""
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def picture_size(self, png: bytes) -> tuple[float, float]:
        """Width and height (mm) `picture` gives an image: the full text width, shrunk to fit one page."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            px_w, px_h = image.size
        usable = self.h - self.t_margin - self.b_margin
        width, height = self.epw, self.epw * px_h / px_w
        if height > usable:
            width, height = width * usable / height, usable
        return width, height

    def room_for(self, height: float) -> None:
        """A new page unless `height` mm still fit on this one (keeps a heading with what follows it)."""
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()

    def picture(self, png: bytes, caption: str | None = None) -> None:
        """An image at full text width, shrunk to fit one page, on a new page if it does not fit here (shrunk to
        the room left when only a heading stands above it); then its caption in small type (the text layer's
        account of what the image shows)."""
        width, height = self.picture_size(png)
        if self.get_y() + height > self.h - self.b_margin and self.get_y() > self.t_margin + 40:
            self.add_page()
        # near the top of a page (a heading above it) a tall image is shrunk to stay with its heading
        remaining = self.h - self.b_margin - self.get_y()
        if height > remaining:
            width, height = width * remaining / height, remaining
        self.image(io.BytesIO(png), x=self.l_margin + (self.epw - width) / 2, w=width, h=height)
        if caption:
            self.set_text_color(70, 70, 70)
            self.para(caption, size=7.5)
            self.set_text_color(0, 0, 0)
        self.ln(2)

    def grid(self, header: list[str], rows: list[list[str]], widths: tuple[float, ...],
             align: tuple[str, ...] | None = None) -> None:
        """A table with a bold header row repeated on every page it spans (`align` per column, else fpdf2's
        justified text)."""
        self.set_font(FONT, size=7.5)
        with self.table(col_widths=widths, text_align=align or "JUSTIFY", headings_style=_HEAD, line_height=4,
                        padding=0.8, first_row_as_headings=True) as table:
            table.row(header)
            for row in rows:
                table.row(row)
        self.ln(3)
