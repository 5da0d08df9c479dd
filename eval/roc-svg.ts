import type { RocPoint } from "./roc-curve.js";

export interface RocSeries {
  readonly label: string;
  readonly points: readonly RocPoint[];
  readonly color: string;
}

const SIZE = 360;
const MARGIN = 48;

/**
 * ROC curves as a standalone SVG: false-positive rate across, true-positive rate up, the chance
 * diagonal dashed, one polyline per series with its label in the legend. With no points (a class
 * was empty) it says so in the plot instead of drawing an empty frame.
 */
export function rocSvg(title: string, series: readonly RocSeries[]): string {
  const x = (rate: number) => (MARGIN + rate * SIZE).toFixed(1);
  const y = (rate: number) => (MARGIN + (1 - rate) * SIZE).toFixed(1);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const drawn = series.filter((s) => s.points.length > 0);
  const width = SIZE + 2 * MARGIN;
  const height = SIZE + 2 * MARGIN + 20 * series.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="${MARGIN / 2}" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#888"/>`,
    ...ticks.map(
      (t) =>
        `<text x="${x(t)}" y="${MARGIN + SIZE + 16}" text-anchor="middle">${t}</text>` +
        `<text x="${MARGIN - 6}" y="${Number(y(t)) + 4}" text-anchor="end">${t}</text>`,
    ),
    `<text x="${MARGIN + SIZE / 2}" y="${MARGIN + SIZE + 34}" text-anchor="middle">false-positive rate (other commits flagged)</text>`,
    `<text x="14" y="${MARGIN + SIZE / 2}" text-anchor="middle" transform="rotate(-90 14 ${MARGIN + SIZE / 2})">true-positive rate (bad commits flagged)</text>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#aaa" stroke-dasharray="4 4"/>`,
    ...drawn.map(
      (s) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points.map((p) => `${x(p.falsePositiveRate)},${y(p.truePositiveRate)}`).join(" ")}"/>`,
    ),
    ...(drawn.length === 0
      ? [`<text x="${x(0.5)}" y="${y(0.5)}" text-anchor="middle">no curve: one class is empty</text>`]
      : []),
    ...series.map(
      (s, i) =>
        `<rect x="${MARGIN}" y="${MARGIN + SIZE + 46 + 20 * i}" width="14" height="4" fill="${s.color}"/>` +
        `<text x="${MARGIN + 20}" y="${MARGIN + SIZE + 52 + 20 * i}">${escapeXml(s.label)}</text>`,
    ),
    `</svg>`,
    "",
  ].join("\n");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
