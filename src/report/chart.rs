//! Every area over time, drawn as vector shapes that still read when printed in greyscale:
//! the grade bands are shaded greys with their names written in, and each area has its own
//! line pattern and marker shape, named in the legend. Nothing depends on colour.

use chrono::NaiveDate;
use printpdf::{LineCapStyle, LineDashPattern, Op, PaintMode, Pt};

use super::layout::{grey, line, polygon, rect, text_width, Doc, Weight};
use crate::compare::AreaHistory;
use crate::scoring::Band;

const PLOT_HEIGHT: f32 = 170.0;
/// Room left of the plot for the grade numbers.
const AXIS_LABELS: f32 = 16.0;
/// Room right of the last date for the band names.
const BAND_LABELS: f32 = 78.0;
const DATE_LABELS: f32 = 16.0;
const LEGEND_SAMPLE: f32 = 30.0;
const MARKER: f32 = 3.0;

/// Line patterns (dash, gap ...) in area order: solid, dashed, dotted, dash-dot.
const PATTERNS: [&[f32]; 4] = [&[], &[6.0, 3.0], &[1.2, 2.4], &[7.0, 2.5, 1.2, 2.5]];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Marker {
    Disc,
    OpenSquare,
    Triangle,
    OpenDiamond,
}

const MARKERS: [Marker; 4] = [Marker::Disc, Marker::OpenSquare, Marker::Triangle, Marker::OpenDiamond];

/// Pattern and marker of the `i`th area; a checklist with more than four areas still gets a
/// distinct pairing for up to sixteen.
fn look(i: usize) -> (&'static [f32], Marker) {
    (PATTERNS[i % 4], MARKERS[(i + i / 4) % 4])
}

fn marker_ops(marker: Marker, x: f32, y: f32) -> Vec<Op> {
    let r = MARKER;
    let (points, open): (Vec<(f32, f32)>, bool) = match marker {
        Marker::Disc => (
            (0..16)
                .map(|k| {
                    let a = k as f32 * std::f32::consts::TAU / 16.0;
                    (x + r * a.cos(), y + r * a.sin())
                })
                .collect(),
            false,
        ),
        Marker::OpenSquare => {
            let s = r * 0.85;
            (vec![(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)], true)
        }
        Marker::Triangle => (vec![(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)], false),
        Marker::OpenDiamond => (vec![(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)], true),
    };
    vec![
        Op::SaveGraphicsState,
        Op::SetFillColor { col: grey(if open { 1.0 } else { 0.0 }) },
        Op::SetOutlineColor { col: grey(0.0) },
        Op::SetOutlineThickness { pt: Pt(0.9) },
        Op::SetLineDashPattern { dash: LineDashPattern::solid() },
        polygon(&points, PaintMode::FillStroke),
        Op::RestoreGraphicsState,
    ]
}

fn stroke_ops(points: &[(f32, f32)], pattern: &[f32], width: f32) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor { col: grey(0.0) },
        Op::SetOutlineThickness { pt: Pt(width) },
        Op::SetLineCapStyle { cap: LineCapStyle::Round },
        Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, pattern) },
        line(points),
        Op::RestoreGraphicsState,
    ]
}

/// Legend entries placed in rows: (x offset, row) for each area.
fn legend_layout(names: &[&str], size: f32, width: f32) -> Vec<(f32, usize)> {
    let mut placed = Vec::new();
    let (mut x, mut row) = (0.0, 0);
    for name in names {
        let w = LEGEND_SAMPLE + 5.0 + text_width(name, Weight::Regular, size) + 14.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        placed.push((x, row));
        x += w;
    }
    placed
}

/// Which date labels to print so none overlaps the next: greedily from the left, always
/// keeping the latest date (it is the one the review is about).
fn readable_labels(xs: &[f32], widths: &[f32]) -> Vec<bool> {
    let gap = 6.0;
    let overlaps = |i: usize, j: usize| xs[i] + widths[i] / 2.0 + gap > xs[j] - widths[j] / 2.0;
    let mut keep = vec![false; xs.len()];
    let mut last: Option<usize> = None;
    for (i, kept) in keep.iter_mut().enumerate() {
        if last.is_none_or(|l| !overlaps(l, i)) {
            *kept = true;
            last = Some(i);
        }
    }
    if let Some(end) = xs.len().checked_sub(1) {
        if !keep[end] {
            if let Some(l) = last {
                keep[l] = false;
            }
            keep[end] = true;
        }
    }
    keep
}

fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

const CAPTION: &str = "Each point is one review round's computed score; a cross (×) marks the area grade the practitioner confirmed in that round. Lower is better: 1 means all needs met, 5 essential needs unmet. Shading shows the bands; a gap in a line means not enough evidence in that round.";
/// The legend's name for the confirmed-grade cross.
const CONFIRMED_LEGEND: &str = "confirmed grade";
/// Half the size of the cross marking a confirmed grade.
const CONFIRMED_HALF_WIDTH: f32 = 4.0;

/// The cross marking a confirmed area grade: unlike every area's marker, and never lost on a
/// grid line (confirmed grades are whole numbers, so they always sit on one); drawn even where
/// the computed score is missing (the confirmed grade leads).
fn confirmed_ops(x: f32, y: f32) -> Vec<Op> {
    let r = CONFIRMED_HALF_WIDTH;
    let mut ops = stroke_ops(&[(x - r, y - r), (x + r, y + r)], &[], 1.6);
    ops.extend(stroke_ops(&[(x - r, y + r), (x + r, y - r)], &[], 1.6));
    ops
}

/// Draws the chart under `heading`, all on one page.
pub(super) fn area_chart(doc: &mut Doc, heading: &str, areas: &[AreaHistory]) {
    let size = doc.style.small;
    let mut names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
    let any_confirmed = areas.iter().any(|a| a.points.iter().any(|p| p.confirmed.is_some()));
    if any_confirmed {
        names.push(CONFIRMED_LEGEND);
    }
    let legend = legend_layout(&names, size, doc.width());
    let legend_rows = legend.last().map_or(0, |&(_, row)| row + 1);
    let legend_height = legend_rows as f32 * size * 1.8;
    let height = PLOT_HEIGHT + DATE_LABELS + legend_height + 8.0;
    doc.heading_keeping(heading, doc.note_height(CAPTION) + height);
    doc.note(CAPTION);
    let (x0, y0) = doc.reserve(height);

    let left = x0 + AXIS_LABELS;
    let right = x0 + doc.width();
    let bottom = y0 + legend_height + DATE_LABELS + 4.0;
    let top = bottom + PLOT_HEIGHT;
    let y_of = |score: f64| top - (score as f32 - 1.0) / 4.0 * PLOT_HEIGHT;

    // Bands, lightest (needs met) at the top where the best grades are.
    let bands = [
        (1.0, Band::NeedsMet, 0.97),
        (2.0, Band::MostlyMet, 0.90),
        (3.0, Band::Concern, 0.80),
        (4.0, Band::SeriousConcern, 0.70),
    ];
    for (from, band, shade) in bands {
        let (band_top, band_bottom) = (y_of(from), y_of(from + 1.0));
        doc.push(rect(left, band_bottom, right - left, band_top - band_bottom, shade));
        let label = band.label();
        doc.text(
            right - text_width(label, Weight::Regular, size) - 4.0,
            band_top - size - 3.0,
            label,
            Weight::Regular,
            size,
        );
    }
    for grade in 1..=5 {
        let y = y_of(f64::from(grade));
        doc.push(stroke_ops(&[(left, y), (right, y)], &[], 0.4));
        let label = grade.to_string();
        doc.text(
            left - 4.0 - text_width(&label, Weight::Regular, size),
            y - size * 0.35,
            &label,
            Weight::Regular,
            size,
        );
    }

    let dates: Vec<NaiveDate> =
        areas.first().map(|a| a.points.iter().map(|p| p.assessed_on).collect()).unwrap_or_default();
    let (data_left, data_right) = (left + 14.0, right - BAND_LABELS);
    let x_of = |d: NaiveDate| match (dates.first(), dates.last()) {
        (Some(&first), Some(&last)) if last > first => {
            data_left + (d - first).num_days() as f32 / (last - first).num_days() as f32 * (data_right - data_left)
        }
        _ => (data_left + data_right) / 2.0,
    };

    let xs: Vec<f32> = dates.iter().map(|&d| x_of(d)).collect();
    let labels: Vec<String> = dates.iter().map(|&d| short_date(d)).collect();
    let widths: Vec<f32> = labels.iter().map(|l| text_width(l, Weight::Regular, size)).collect();
    for ((x, label), (w, keep)) in xs.iter().zip(&labels).zip(widths.iter().zip(readable_labels(&xs, &widths))) {
        doc.push(stroke_ops(&[(*x, bottom), (*x, bottom - 3.0)], &[], 0.6));
        if keep {
            doc.text(x - w / 2.0, bottom - 4.0 - size, label, Weight::Regular, size);
        }
    }
    doc.push(stroke_ops(&[(left, top), (left, bottom), (right, bottom)], &[], 0.7));

    // Areas with equal scores would hide each other: each is nudged sideways a little.
    let spread = 2.2;
    let middle = (areas.len() as f32 - 1.0) / 2.0;
    for (i, area) in areas.iter().enumerate() {
        let (pattern, marker) = look(i);
        let dx = (i as f32 - middle) * spread;
        let points: Vec<Option<(f32, f32)>> =
            area.points.iter().map(|p| p.score.map(|s| (x_of(p.assessed_on) + dx, y_of(s)))).collect();
        // A round without enough evidence breaks the line rather than bridging it.
        for run in points.split(Option::is_none).filter(|r| r.len() > 1) {
            let run: Vec<(f32, f32)> = run.iter().flatten().copied().collect();
            doc.push(stroke_ops(&run, pattern, 1.2));
        }
        for &(x, y) in points.iter().flatten() {
            doc.push(marker_ops(marker, x, y));
        }
        for p in &area.points {
            if let Some(grade) = p.confirmed {
                doc.push(confirmed_ops(x_of(p.assessed_on) + dx, y_of(f64::from(grade))));
            }
        }
    }

    let legend_top = y0 + legend_height;
    for (i, (name, (x, row))) in names.iter().zip(legend).enumerate() {
        let (pattern, marker) = look(i);
        let y = legend_top - row as f32 * size * 1.8 - size * 0.6;
        let x = x0 + x;
        if i == areas.len() {
            doc.push(confirmed_ops(x + LEGEND_SAMPLE / 2.0, y));
        } else {
            doc.push(stroke_ops(&[(x, y), (x + LEGEND_SAMPLE, y)], pattern, 1.2));
            doc.push(marker_ops(marker, x + LEGEND_SAMPLE / 2.0, y));
        }
        doc.text(x + LEGEND_SAMPLE + 5.0, y - size * 0.35, name, Weight::Regular, size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_date_labels_are_dropped_but_the_latest_is_kept() {
        let widths = [40.0; 4];
        assert_eq!(readable_labels(&[0.0, 100.0, 200.0, 300.0], &widths), [true, true, true, true]);
        assert_eq!(readable_labels(&[0.0, 20.0, 100.0, 120.0], &widths), [true, false, false, true]);
        assert_eq!(readable_labels(&[0.0, 10.0], &widths), [false, true]);
    }

    #[test]
    fn every_area_up_to_sixteen_has_its_own_look() {
        // The pattern is PATTERNS[i % 4]; the pair (pattern, marker) must differ for each area.
        let looks: std::collections::HashSet<(usize, Marker)> = (0..16).map(|i| (i % 4, look(i).1)).collect();
        assert_eq!(looks.len(), 16);
    }
}
