// Every area over time, drawn as SVG with Preact elements (no HTML strings): one line per area,
// each with its own dash pattern AND marker shape (readable in greyscale), the grade bands shaded
// in greys with their names, a legend, and the same numbers as a table for screen readers.
import type { RefObject } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { AreaHistory } from "../bindings/AreaHistory";
import { changeLabel, scoreWithBand } from "../change";
import {
  BANDS,
  chartBox,
  dateTicks,
  dodge,
  markerPath,
  plotHeight,
  plotWidth,
  SCORE_MAX,
  SCORE_MIN,
  segments,
  seriesStyle,
  xScale,
  yOf,
  type SeriesStyle,
} from "../chart";
import { formatDate } from "../dates";

/** The width of an element in CSS pixels, kept up to date as the window or zoom changes. */
function useWidth(ref: RefObject<HTMLElement>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.floor(el.clientWidth) || fallback);
    update();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return width;
}

/** A short summary of the chart in words, for its accessible description. */
export function chartSummary(areas: AreaHistory[]): string {
  const dates = areas[0]?.points.map((p) => p.assessed_on) ?? [];
  if (dates.length === 0) return "No finalised checklist yet.";
  const span =
    dates.length === 1
      ? `one review round, on ${formatDate(dates[0])}`
      : `${dates.length} review rounds, from ${formatDate(dates[0])} to ${formatDate(dates[dates.length - 1])}`;
  const lines = areas.map((a) => {
    const scores = a.points.map((p) => (p.score === null ? "not enough evidence" : p.score.toFixed(1))).join(", then ");
    const change = a.since_first ? ` (${a.since_first.change} since the first)` : "";
    return `${a.name}: ${scores}${change}.`;
  });
  const confirmed = areas
    .filter((a) => a.points.some((p) => p.confirmed !== null))
    .map((a) => `${a.name}: ${a.points.map((p) => (p.confirmed === null ? "not confirmed" : String(p.confirmed))).join(", then ")}.`);
  const confirmedWords = confirmed.length ? ` Confirmed area grades (crosses): ${confirmed.join(" ")}` : "";
  return `Computed score of each area at ${span}. 1 is best, 5 is worst. ${lines.join(" ")}${confirmedWords}`;
}

function Marker({ style, x, y, label }: { style: SeriesStyle; x: number; y: number; label: string }) {
  return (
    <path
      d={markerPath(style.marker, x, y, 5)}
      fill={style.filled ? style.colour : "#ffffff"}
      stroke={style.colour}
      stroke-width={2}
      data-label={label}
      class="chart-marker"
    />
  );
}

/**
 * The confirmed area grade: a cross, unlike any area's marker and never lost on a grid line
 * (confirmed grades are whole numbers, so they always sit on one). It sets the band shown.
 */
function ConfirmedCross({ x, y, label }: { x: number; y: number; label: string }) {
  const r = 6;
  return (
    <path
      d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`}
      stroke="#111111"
      stroke-width={3}
      data-label={label}
      class="chart-confirmed"
    />
  );
}

/** A sample of a series' line and marker, for the legend. */
function Swatch({ style }: { style: SeriesStyle }) {
  return (
    <svg class="legend-swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
      <line x1="2" y1="8" x2="42" y2="8" stroke={style.colour} stroke-width="2.5" stroke-dasharray={style.dash || undefined} />
      <path d={markerPath(style.marker, 22, 8, 5)} fill={style.filled ? style.colour : "#ffffff"} stroke={style.colour} stroke-width="2" />
    </svg>
  );
}

export function HistoryChart({ areas, childName }: { areas: AreaHistory[]; childName: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const width = useWidth(frame, 760);
  const box = chartBox(width);
  const dates = areas[0]?.points.map((p) => p.assessed_on) ?? [];
  const x = xScale(dates, box);
  const ticks = dateTicks(dates, x, 96);
  const plotRight = box.left + plotWidth(box);
  const plotBottom = box.top + plotHeight(box);
  const titleId = "history-chart-title";
  const descId = "history-chart-desc";

  return (
    <figure class="chart" data-rounds={dates.length}>
      <div class="chart-frame" ref={frame}>
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          width={box.width}
          height={box.height}
          viewBox={`0 0 ${box.width} ${box.height}`}
          class="history-chart"
          focusable="false"
        >
          <title id={titleId}>Area scores over time for {childName}</title>
          <desc id={descId}>{chartSummary(areas)}</desc>

          <g class="chart-bands">
            {BANDS.map((b) => (
              <g key={b.band} data-band={b.band}>
                <rect x={box.left} y={yOf(b.from, box)} width={plotWidth(box)} height={yOf(b.to, box) - yOf(b.from, box)} fill={b.fill} />
                <text
                  class="band-label"
                  x={plotRight + 10}
                  y={(yOf(b.from, box) + yOf(b.to, box)) / 2}
                  dominant-baseline="middle"
                >
                  {b.label}
                </text>
              </g>
            ))}
          </g>

          <g class="chart-axis y-axis">
            {[1, 2, 3, 4, 5].map((s) => (
              <g key={s}>
                <line x1={box.left} x2={plotRight} y1={yOf(s, box)} y2={yOf(s, box)} stroke="#8a939c" stroke-width={s === SCORE_MIN || s === SCORE_MAX ? 1.5 : 0.75} />
                <text x={box.left - 8} y={yOf(s, box)} text-anchor="end" dominant-baseline="middle">
                  {s}
                </text>
              </g>
            ))}
            <text
              class="axis-title"
              transform={`translate(16 ${box.top + plotHeight(box) / 2}) rotate(-90)`}
              text-anchor="middle"
              dominant-baseline="middle"
            >
              Score (1 best, 5 worst)
            </text>
          </g>

          <g class="chart-axis x-axis">
            <line x1={box.left} x2={box.left} y1={box.top} y2={plotBottom} stroke="#4a5561" stroke-width={1.5} />
            {ticks.map((d) => (
              <g key={d}>
                <line x1={x(d)} x2={x(d)} y1={plotBottom} y2={plotBottom + 6} stroke="#4a5561" stroke-width={1.5} />
                <text x={x(d)} y={plotBottom + 20} text-anchor="middle">
                  {formatDate(d)}
                </text>
              </g>
            ))}
            <text class="axis-title" x={box.left + plotWidth(box) / 2} y={box.height - 8} text-anchor="middle">
              Date of the review
            </text>
          </g>

          {areas.map((area, i) => {
            const style = seriesStyle(i);
            const dx = dodge(i, areas.length);
            const pts = area.points.map((p) =>
              p.score === null ? null : { x: x(p.assessed_on) + dx, y: yOf(p.score, box), label: `${p.assessed_on} ${p.score.toFixed(1)}` },
            );
            return (
              <g key={area.id} class="chart-series" data-area-id={area.id}>
                {segments(pts).map((run, k) =>
                  run.length > 1 ? (
                    <polyline
                      key={k}
                      points={run.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ")}
                      fill="none"
                      stroke={style.colour}
                      stroke-width={2.5}
                      stroke-dasharray={style.dash || undefined}
                      stroke-linejoin="round"
                    />
                  ) : null,
                )}
                {pts.map((p, k) => (p ? <Marker key={k} style={style} x={p.x} y={p.y} label={p.label} /> : null))}
                {area.points.map((p, k) =>
                  p.confirmed === null ? null : (
                    <ConfirmedCross key={`c${k}`} x={x(p.assessed_on) + dx} y={yOf(p.confirmed, box)} label={`${p.assessed_on} confirmed ${p.confirmed}`} />
                  ),
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <div class="sr-only">
        <table data-testid="chart-table">
          <caption>Area scores over time for {childName}, as a table</caption>
          <thead>
            <tr>
              <th scope="col">Area</th>
              {dates.map((d, k) => (
                <th scope="col" key={k}>
                  {formatDate(d)}
                </th>
              ))}
              <th scope="col">Since the first review</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                {a.points.map((p, k) => (
                  <td key={k}>
                    {scoreWithBand(p.score)}
                    {p.confirmed !== null && `; confirmed ${p.confirmed}`}
                  </td>
                ))}
                <td>{a.since_first ? changeLabel(a.since_first.change) : "no earlier review"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption>
        <ul class="legend" aria-label="Key to the chart">
          {areas.map((area, i) => (
            <li key={area.id} data-area-id={area.id}>
              <Swatch style={seriesStyle(i)} />
              <span class="legend-name">{area.name}</span> <span class="hint">({seriesStyle(i).words})</span>
            </li>
          ))}
          {areas.some((a) => a.points.some((p) => p.confirmed !== null)) && (
            <li data-legend="confirmed">
              <svg class="legend-swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
                <path d="M16 2L28 14M16 14L28 2" stroke="#111111" stroke-width="3" />
              </svg>
              <span class="legend-name">Confirmed area grade</span> <span class="hint">(a cross beside the area's marker)</span>
            </li>
          )}
        </ul>
        <p class="hint">
          Each point is the computed score of one review round; a cross (×) is the area grade the practitioner
          confirmed that round, which sets the band shown. Higher up is better. Where lines run together the areas
          have the same score, and their markers sit side by side. A gap in a line means there was not enough evidence
          for a score.
        </p>
      </figcaption>
    </figure>
  );
}
