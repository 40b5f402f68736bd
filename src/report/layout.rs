//! Text flow on A4 pages: wrapping measured from the embedded font's own glyph advances,
//! page breaks, tables, and the furniture (marking, running title, "Page N of M") that can only
//! be drawn once the number of pages is known.
//!
//! Coordinates are PDF points from the bottom-left corner of the page.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use chrono::{NaiveDate, NaiveTime};
use printpdf::{
    Color, DateTime, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, RawImage, RawImageData, RawImageFormat,
    TextItem, WindingOrder, XObjectTransform,
};

use super::ReportError;
use crate::logo::{Channels, Logo};

/// Regular and bold, indexed by `Weight as usize`.
const TTF: [&[u8]; 2] = [include_bytes!("fonts/DejaVuSans.ttf"), include_bytes!("fonts/DejaVuSans-Bold.ttf")];

/// A4 (210 x 297 mm) in points.
const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// Sizes and margins of one kind of document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    pub title: f32,
    pub heading: f32,
    pub body: f32,
    /// Tables, captions and page furniture.
    pub small: f32,
    pub margin: f32,
}

impl Style {
    fn leading(size: f32) -> f32 {
        size * 1.35
    }
}

/// The page number's words, "{n}" and "{total}" filled in.
pub(super) const PAGE_OF: &str = "Page {n} of {total}";

/// Drawn on every page once the page count is known.
pub(super) struct Furniture {
    /// A protective marking, centred at the top and bottom of every page.
    pub marking: Option<&'static str>,
    /// Top left of every page, so a loose page still says whose it is.
    pub running_title: String,
    /// Bottom left of every page: the organisation and team from Settings ("" for none).
    pub issued_by: String,
    /// The page number's words in the document's language ([`PAGE_OF`] in English).
    pub page_of: String,
}

/// The two embedded faces, parsed once per process for measuring text: the bytes never change.
fn faces() -> &'static [ParsedFont; 2] {
    static FACES: OnceLock<[ParsedFont; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        // The fonts are compiled in and exercised by the test suite: failing here is a
        // build defect, not something a practitioner could cause.
        TTF.map(|bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("embedded DejaVu font parses"))
    })
}

fn face(weight: Weight) -> &'static ParsedFont {
    &faces()[weight as usize]
}

/// Advance width of `text` in points. printpdf (without its `text_layout` feature) writes one
/// glyph per character with the advances from the font's `hmtx` table and no kerning, so
/// summing the same advances gives exactly the width that will be printed.
pub(super) fn text_width(text: &str, weight: Weight, size: f32) -> f32 {
    let font = face(weight);
    let units: u32 = text
        .chars()
        .map(|c| {
            let gid = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
            u32::from(font.get_glyph_width(gid).unwrap_or(0))
        })
        .sum();
    units as f32 * size / f32::from(font.units_per_em)
}

/// `weight`'s face cut down to the characters a document uses. printpdf (without its
/// `text_layout` feature) would embed the whole 700 kB face: every PDF was 750 kB and 85% of
/// the time went on compressing fonts. Advances are kept, so measuring with the full face
/// stays exact.
fn subset_face(weight: Weight, chars: &BTreeSet<char>) -> Result<ParsedFont, ReportError> {
    let fail = |e: &dyn std::fmt::Display| ReportError::Pdf(format!("the font could not be prepared: {e}"));
    let full = face(weight);
    // Glyph 0 (.notdef) must come first, and no glyph twice.
    let used: BTreeSet<u16> =
        chars.iter().filter_map(|&c| full.lookup_glyph_index(u32::from(c))).filter(|&g| g != 0).collect();
    let glyphs: Vec<u16> = std::iter::once(0).chain(used).collect();
    let file = ReadScope::new(TTF[weight as usize]).read::<FontData<'_>>().map_err(|e| fail(&e))?;
    let provider = file.table_provider(0).map_err(|e| fail(&e))?;
    let bytes = subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| fail(&e))?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| fail(&"the subset does not parse"))
}

pub(super) fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

pub(super) fn line(points: &[(f32, f32)]) -> Op {
    Op::DrawLine { line: Line { points: points.iter().map(|&(x, y)| point(x, y)).collect(), is_closed: false } }
}

pub(super) fn polygon(points: &[(f32, f32)], mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points: points.iter().map(|&(x, y)| point(x, y)).collect() }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

pub(super) fn rect(x: f32, y: f32, w: f32, h: f32, fill: f32) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetFillColor { col: grey(fill) },
        polygon(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], PaintMode::Fill),
        Op::RestoreGraphicsState,
    ]
}

/// A word and whether a space separates it from the word before.
struct Word<'a> {
    text: &'a str,
    weight: Weight,
    space_before: bool,
}

/// A run of same-weight text on one line, at `x` from the line start.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    x: f32,
    text: String,
    weight: Weight,
}

type WrappedLine = Vec<Segment>;

fn words<'a>(runs: &[(Weight, &'a str)]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    let mut space = false;
    for &(weight, text) in runs {
        let mut rest = text;
        while !rest.is_empty() {
            let start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
            space |= start > 0;
            rest = &rest[start..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if end > 0 {
                out.push(Word { text: &rest[..end], weight, space_before: space });
                space = false;
            }
            rest = &rest[end..];
        }
    }
    out
}

/// Splits a word wider than the line into pieces that fit (long references, URLs).
fn split_long(text: &str, weight: Weight, size: f32, width: f32) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, c) in text.char_indices() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), weight, size);
        if used + w > width && i > start {
            pieces.push(&text[start..i]);
            start = i;
            used = 0.0;
        }
        used += w;
    }
    pieces.push(&text[start..]);
    pieces
}

/// Greedy line breaking of one paragraph (no newlines) of mixed-weight runs into `width`.
fn wrap(runs: &[(Weight, &str)], size: f32, width: f32) -> Vec<WrappedLine> {
    let mut lines: Vec<WrappedLine> = Vec::new();
    let mut current: WrappedLine = Vec::new();
    let mut x = 0.0;
    for word in words(runs) {
        for (i, piece) in split_long(word.text, word.weight, size, width).into_iter().enumerate() {
            let w = text_width(piece, word.weight, size);
            let space = if word.space_before && i == 0 && !current.is_empty() {
                text_width(" ", word.weight, size)
            } else {
                0.0
            };
            if !current.is_empty() && x + space + w > width {
                lines.push(std::mem::take(&mut current));
                x = 0.0;
            }
            let space = if current.is_empty() { 0.0 } else { space };
            match current.last_mut() {
                Some(seg) if seg.weight == word.weight => {
                    if space > 0.0 {
                        seg.text.push(' ');
                    }
                    seg.text.push_str(piece);
                }
                _ => current.push(Segment { x: x + space, text: piece.to_string(), weight: word.weight }),
            }
            x += space + w;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Wraps text that may hold newlines: each line of the source starts a new line; blank
/// source lines are kept as empty lines.
fn wrap_text(text: &str, weight: Weight, size: f32, width: f32) -> Vec<WrappedLine> {
    text.trim()
        .lines()
        .flat_map(|l| {
            let wrapped = wrap(&[(weight, l)], size, width);
            if wrapped.is_empty() {
                vec![Vec::new()]
            } else {
                wrapped
            }
        })
        .collect()
}

/// One table column: its heading, share of the width, and the weight of its cells.
pub(super) struct Column<'a> {
    pub title: &'a str,
    pub share: f32,
    pub weight: Weight,
}

const CELL_PAD: f32 = 3.0;

/// A document being laid out, page by page.
pub(super) struct Doc {
    pdf: PdfDocument,
    /// Ids the pages refer to; the fonts behind them are added once all text is known.
    fonts: [FontId; 2],
    /// Characters printed in each weight.
    used: [BTreeSet<char>; 2],
    pub style: Style,
    pages: Vec<Vec<Op>>,
    /// Top of the free space on the current page.
    y: f32,
}

impl Doc {
    /// A new document; `written_on` is its creation date in the PDF's metadata.
    pub fn new(title: &str, style: Style, written_on: NaiveDate) -> Doc {
        let mut pdf = PdfDocument::new(title);
        let midnight = written_on.and_time(NaiveTime::MIN).and_utc().timestamp();
        if let Ok(date) = DateTime::from_unix_timestamp(midnight) {
            let info = &mut pdf.metadata.info;
            (info.creation_date, info.modification_date, info.metadata_date) = (date, date, date);
        }
        let fonts = [FontId::new(), FontId::new()];
        let mut doc = Doc { pdf, fonts, used: Default::default(), style, pages: Vec::new(), y: 0.0 };
        doc.new_page();
        doc
    }

    pub fn left(&self) -> f32 {
        self.style.margin
    }

    pub fn width(&self) -> f32 {
        PAGE_WIDTH - 2.0 * self.style.margin
    }

    fn top(&self) -> f32 {
        PAGE_HEIGHT - self.style.margin
    }

    fn bottom(&self) -> f32 {
        self.style.margin
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top();
    }

    /// Starts a new page unless `height` fits below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < self.bottom() && self.y < self.top() {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y = (self.y - height).max(self.bottom());
    }

    pub fn push(&mut self, ops: impl IntoIterator<Item = Op>) {
        self.pages.last_mut().expect("a document always has a page").extend(ops);
    }

    /// Text with its baseline at (x, y).
    pub fn text(&mut self, x: f32, y: f32, text: &str, weight: Weight, size: f32) {
        let ops = self.text_ops(x, y, text, weight, size);
        self.push(ops);
    }

    fn text_ops(&mut self, x: f32, y: f32, text: &str, weight: Weight, size: f32) -> Vec<Op> {
        self.used[weight as usize].extend(text.chars());
        vec![
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(self.fonts[weight as usize].clone()), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]
    }

    fn draw_line_at(&mut self, x: f32, top: f32, line: &WrappedLine, size: f32) {
        let baseline = top - size;
        for seg in line {
            self.text(x + seg.x, baseline, &seg.text, seg.weight, size);
        }
    }

    /// Wrapped lines flowed down the page, breaking pages between lines.
    fn flow(&mut self, lines: &[WrappedLine], size: f32, indent: f32) {
        let leading = Style::leading(size);
        for line in lines {
            self.ensure(leading);
            self.draw_line_at(self.left() + indent, self.y, line, size);
            self.y -= leading;
        }
    }

    /// The organisation's logo at the head of the first page, at its right, at most `height`
    /// points high and a third of the text width wide (its proportions kept); the text starts
    /// below it. Nothing is drawn without a logo.
    pub fn letterhead(&mut self, logo: Option<&Logo>, height: f32) -> Result<(), ReportError> {
        let Some(logo) = logo else { return Ok(()) };
        let pixels = logo.pixels().map_err(|e| ReportError::Pdf(e.to_string()))?;
        let (w, h) = (pixels.width as f32, pixels.height as f32);
        let points_per_pixel = (height / h).min(self.width() / 3.0 / w);
        let format = match pixels.channels {
            Channels::Grey => RawImageFormat::R8,
            Channels::GreyAlpha => RawImageFormat::RG8,
            Channels::Rgb => RawImageFormat::RGB8,
            Channels::Rgba => RawImageFormat::RGBA8,
        };
        let image = RawImage {
            pixels: RawImageData::U8(pixels.data),
            width: pixels.width as usize,
            height: pixels.height as usize,
            data_format: format,
            tag: Vec::new(),
        };
        let id = self.pdf.add_image(&image);
        let (drawn_w, drawn_h) = (w * points_per_pixel, h * points_per_pixel);
        let (x, y) = (PAGE_WIDTH - self.style.margin - drawn_w, self.y - drawn_h);
        // printpdf sizes an image as its pixels at `dpi` dots per inch (72 points an inch).
        let transform = XObjectTransform {
            translate_x: Some(Pt(x)),
            translate_y: Some(Pt(y)),
            dpi: Some(72.0 / points_per_pixel),
            ..XObjectTransform::default()
        };
        self.push([Op::UseXobject { id, transform }]);
        self.y = y;
        self.gap(self.style.body);
        Ok(())
    }

    pub fn title(&mut self, text: &str) {
        let size = self.style.title;
        let lines = wrap_text(text, Weight::Bold, size, self.width());
        self.flow(&lines, size, 0.0);
        self.gap(size * 0.4);
    }

    /// A section heading, kept on the same page as at least two lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.heading_keeping(text, 2.0 * Style::leading(self.style.body));
    }

    /// A section heading kept on the same page as the `following` points below it.
    pub fn heading_keeping(&mut self, text: &str, following: f32) {
        let size = self.style.heading;
        let lines = wrap_text(text, Weight::Bold, size, self.width());
        let keep = lines.len() as f32 * Style::leading(size) + size * 0.8 + following;
        self.gap(size * 0.8);
        self.ensure(keep);
        self.flow(&lines, size, 0.0);
        self.gap(size * 0.2);
    }

    pub fn paragraph(&mut self, text: &str) {
        self.runs(&[(Weight::Regular, text)]);
    }

    /// A paragraph of mixed regular and bold runs.
    pub fn runs(&mut self, runs: &[(Weight, &str)]) {
        let size = self.style.body;
        let lines = wrap(runs, size, self.width());
        self.flow(&lines, size, 0.0);
        self.gap(size * 0.5);
    }

    /// Text with newlines kept (a practitioner's narrative as written).
    pub fn prose(&mut self, text: &str) {
        let size = self.style.body;
        let lines = wrap_text(text, Weight::Regular, size, self.width());
        self.flow(&lines, size, 0.0);
        self.gap(size * 0.5);
    }

    /// A bulleted item; `runs` wrap under the first word, not under the bullet.
    pub fn bullet(&mut self, runs: &[(Weight, &str)]) {
        let size = self.style.body;
        let indent = size * 1.2;
        let lines = wrap(runs, size, self.width() - indent);
        // A bullet is one point: it is not split over pages unless it is longer than a page.
        self.ensure(lines.len() as f32 * Style::leading(size));
        self.text(self.left() + size * 0.2, self.y - size, "•", Weight::Regular, size);
        self.flow(&lines, size, indent);
        self.gap(size * 0.25);
    }

    /// Small print: captions, notes under a table or chart.
    pub fn note(&mut self, text: &str) {
        let size = self.style.small;
        let lines = wrap_text(text, Weight::Regular, size, self.width());
        self.flow(&lines, size, 0.0);
        self.gap(size * 0.5);
    }

    /// The height [`Doc::note`] will take for `text`.
    pub fn note_height(&self, text: &str) -> f32 {
        let size = self.style.small;
        wrap_text(text, Weight::Regular, size, self.width()).len() as f32 * Style::leading(size) + size * 0.5
    }

    /// Reserves `height` for a drawing, on a new page if it does not fit, and returns the
    /// bottom-left corner of the space.
    pub fn reserve(&mut self, height: f32) -> (f32, f32) {
        self.ensure(height);
        self.y -= height;
        (self.left(), self.y)
    }

    fn table_header(&mut self, columns: &[Column], xs: &[f32]) {
        let size = self.style.small;
        let leading = Style::leading(size);
        let wrapped: Vec<Vec<WrappedLine>> = columns
            .iter()
            .zip(xs.windows(2))
            .map(|(c, x)| wrap_text(c.title, Weight::Bold, size, x[1] - x[0] - 2.0 * CELL_PAD))
            .collect();
        let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let height = rows as f32 * leading + 2.0 * CELL_PAD;
        self.push(rect(xs[0], self.y - height, xs[xs.len() - 1] - xs[0], height, 0.85));
        for (lines, x) in wrapped.iter().zip(xs) {
            for (i, line) in lines.iter().enumerate() {
                self.draw_line_at(x + CELL_PAD, self.y - CELL_PAD - i as f32 * leading, line, size);
            }
        }
        self.y -= height;
    }

    /// A table whose rows grow to fit their wrapped cells. A short row that does not fit moves
    /// to the next page (with the header repeated); a tall one is split by lines, and its first
    /// cell's first line is repeated where it goes on, so the reader knows whose row it is.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        self.grid(columns, rows, true);
    }

    /// Label and value pairs, laid out like a table without header or rules.
    pub fn fields(&mut self, rows: &[(&str, String)]) {
        let columns = [
            Column { title: "", share: 0.27, weight: Weight::Bold },
            Column { title: "", share: 0.73, weight: Weight::Regular },
        ];
        let rows: Vec<Vec<String>> = rows.iter().map(|(label, value)| vec![label.to_string(), value.clone()]).collect();
        self.grid(&columns, &rows, false);
    }

    fn grid(&mut self, columns: &[Column], rows: &[Vec<String>], ruled: bool) {
        let size = self.style.small;
        let leading = Style::leading(size);
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let mut xs = vec![self.left()];
        for c in columns {
            xs.push(xs[xs.len() - 1] + self.width() * c.share / total);
        }
        let header_room = if ruled { 2.0 * leading + 2.0 * CELL_PAD } else { 0.0 };
        let header = |doc: &mut Doc| {
            if ruled {
                doc.table_header(columns, &xs);
            }
        };
        self.ensure(header_room + leading + 2.0 * CELL_PAD);
        header(self);
        for row in rows {
            let cells: Vec<Vec<WrappedLine>> = row
                .iter()
                .zip(columns)
                .zip(xs.windows(2))
                .map(|((text, c), x)| wrap_text(text, c.weight, size, x[1] - x[0] - 2.0 * CELL_PAD))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let full_page = self.top() - self.bottom() - header_room;
            let row_height = lines as f32 * leading + 2.0 * CELL_PAD;
            // Moving a tall row whole left most of a page blank (an area row listing thirty
            // urgent items jumped to page 2 of the core-group summary); past a quarter of a page
            // a row is split where the page ends instead.
            if self.y - row_height < self.bottom() && row_height <= full_page / 4.0 {
                self.new_page();
                header(self);
            }
            let mut start = 0;
            while start < lines {
                let fit = ((self.y - self.bottom() - 2.0 * CELL_PAD) / leading).floor().max(0.0) as usize;
                if fit == 0 {
                    self.new_page();
                    header(self);
                    continue;
                }
                let end = lines.min(start + fit);
                for (column, (cell, x)) in cells.iter().zip(&xs).enumerate() {
                    for (i, line) in cell.iter().enumerate().take(end).skip(start) {
                        let top = self.y - CELL_PAD - (i - start) as f32 * leading;
                        self.draw_line_at(x + CELL_PAD, top, line, size);
                    }
                    if column == 0 && start > 0 && cell.len() <= start {
                        if let Some(first) = cell.first() {
                            self.draw_line_at(x + CELL_PAD, self.y - CELL_PAD, first, size);
                        }
                    }
                }
                self.y -= (end - start) as f32 * leading + 2.0 * CELL_PAD;
                if ruled {
                    self.push(rule(xs[0], xs[xs.len() - 1], self.y));
                }
                start = end;
            }
        }
        self.gap(self.style.body * 0.8);
    }

    /// Lays out the furniture on every page and writes the PDF.
    pub fn finish(mut self, furniture: &Furniture) -> Result<Vec<u8>, ReportError> {
        let total = self.pages.len();
        let size = self.style.small;
        let (left, right) = (self.left(), PAGE_WIDTH - self.style.margin);
        let head = PAGE_HEIGHT - self.style.margin / 2.0;
        let foot = self.style.margin / 2.0 - size / 2.0;
        let mut pages = Vec::with_capacity(total);
        for (n, mut ops) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            let number = furniture.page_of.replace("{n}", &(n + 1).to_string()).replace("{total}", &total.to_string());
            let page_number_x = right - text_width(&number, Weight::Regular, size);
            ops.extend(self.text_ops(page_number_x, foot, &number, Weight::Regular, size));
            ops.extend(self.text_ops(left, head, &furniture.running_title, Weight::Regular, size));
            if !furniture.issued_by.is_empty() {
                // On the footer line unless it would reach the marking or the page number;
                // then on a line of its own just above.
                let reach = furniture.marking.map_or(page_number_x, |m| {
                    page_number_x.min((PAGE_WIDTH - text_width(m, Weight::Bold, size)) / 2.0)
                });
                let end = left + text_width(&furniture.issued_by, Weight::Regular, size);
                let y = if end + size > reach { foot + Style::leading(size) } else { foot };
                ops.extend(self.text_ops(left, y, &furniture.issued_by, Weight::Regular, size));
            }
            if let Some(marking) = furniture.marking {
                let x = (PAGE_WIDTH - text_width(marking, Weight::Bold, size)) / 2.0;
                let title_end = left + text_width(&furniture.running_title, Weight::Regular, size);
                // Centred unless a long running title reaches it; then to the right.
                let top_x = if title_end + size > x { right - text_width(marking, Weight::Bold, size) } else { x };
                ops.extend(self.text_ops(top_x, head, marking, Weight::Bold, size));
                ops.extend(self.text_ops(x, foot, marking, Weight::Bold, size));
            }
            pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        for weight in [Weight::Regular, Weight::Bold].into_iter().filter(|&w| !self.used[w as usize].is_empty()) {
            let font = subset_face(weight, &self.used[weight as usize])?;
            self.pdf.resources.fonts.map.insert(self.fonts[weight as usize].clone(), PdfFont::new(font));
        }
        let mut warnings = Vec::new();
        let bytes = self.pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings);
        match warnings.iter().find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error) {
            Some(w) => Err(ReportError::Pdf(w.msg.clone())),
            None => Ok(bytes),
        }
    }
}

fn rule(x0: f32, x1: f32, y: f32) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor { col: grey(0.6) },
        Op::SetOutlineThickness { pt: Pt(0.5) },
        line(&[(x0, y), (x1, y)]),
        Op::RestoreGraphicsState,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[WrappedLine]) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("|")).collect()
    }

    #[test]
    fn widths_come_from_the_font_and_scale_with_size() {
        let w = text_width("Zoë Łukasiewicz", Weight::Regular, 10.0);
        assert!(w > 60.0 && w < 100.0, "{w}");
        assert!((text_width("Zoë Łukasiewicz", Weight::Regular, 20.0) - 2.0 * w).abs() < 0.01);
        assert!(text_width("Zoë", Weight::Bold, 10.0) > text_width("Zoë", Weight::Regular, 10.0));
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let text = "Zoë told us she likes the new bedtime story routine and wants her dad to keep reading with her every night before sleep.";
        let width = 120.0;
        let lines = wrap(&[(Weight::Regular, text)], 10.0, width);
        assert!(lines.len() > 3);
        for line in &lines {
            let seg = &line[0];
            assert!(seg.x + text_width(&seg.text, seg.weight, 10.0) <= width + 0.01, "{line:?}");
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn bold_and_regular_runs_share_a_line_and_a_long_word_is_split() {
        let lines = wrap(&[(Weight::Bold, "Safety:"), (Weight::Regular, " no change")], 10.0, 300.0);
        assert_eq!(texts(&lines), ["Safety:|no change"]);
        assert!(lines[0][1].x > text_width("Safety:", Weight::Bold, 10.0));
        let long = "x".repeat(200);
        let lines = wrap(&[(Weight::Regular, &long)], 10.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).concat(), long);
    }

    const STYLE: Style = Style { title: 18.0, heading: 12.5, body: 9.5, small: 8.5, margin: 48.0 };

    fn page_texts(doc: &Doc, page: usize) -> Vec<String> {
        let shown = |op: &Op| match op {
            Op::ShowText { items } => items.iter().find_map(|i| match i {
                TextItem::Text(t) => Some(t.clone()),
                _ => None,
            }),
            _ => None,
        };
        doc.pages[page].iter().filter_map(shown).collect()
    }

    #[test]
    fn a_tall_row_is_split_where_the_page_ends_and_names_its_row_again() {
        let mut doc = Doc::new("test", STYLE, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        doc.paragraph("Above the table.");
        let half = (doc.top() - doc.bottom()) / 2.0;
        doc.gap(half);
        let columns = [
            Column { title: "Area", share: 0.3, weight: Weight::Bold },
            Column { title: "Urgent items", share: 0.7, weight: Weight::Regular },
        ];
        let items: Vec<String> = (1..=60).map(|n| format!("Item {n}, graded 5 by School")).collect();
        doc.table(&columns, &[vec!["Safety".into(), items.join("\n")]]);
        assert_eq!(doc.pages.len(), 2);
        let first = page_texts(&doc, 0);
        assert!(first.contains(&"Safety".to_string()), "the row should start below the paragraph: {first:?}");
        assert!(first.iter().any(|t| t.starts_with("Item 1,")), "{first:?}");
        let second = page_texts(&doc, 1);
        assert!(second.contains(&"Safety".to_string()), "the continued row should name its area: {second:?}");
        assert!(second.iter().any(|t| t.starts_with("Item 60,")), "{second:?}");
        // A short row that does not fit still moves whole.
        let mut doc = Doc::new("test", STYLE, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        doc.gap(doc.top() - doc.bottom() - 20.0);
        doc.table(&columns, &[vec!["Warmth".into(), "Item 1\nItem 2\nItem 3".into()]]);
        assert!(!page_texts(&doc, 0).contains(&"Warmth".to_string()));
        assert!(page_texts(&doc, 1).iter().filter(|t| t.starts_with("Item")).count() == 3);
    }

    #[test]
    fn newlines_in_prose_start_new_lines_and_blank_lines_are_kept() {
        let lines = wrap_text("First line.\n\nSecond paragraph.", Weight::Regular, 10.0, 400.0);
        assert_eq!(texts(&lines), ["First line.", "", "Second paragraph."]);
    }
}
