import type { Architecture, ArchitectureEdge, ArchitectureModule } from "./architecture-of.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedModule {
  readonly module: ArchitectureModule;
  readonly column: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: ArchitectureEdge;
  /** SVG path data, ending where the arrow points. */
  readonly path: string;
  /** Where its count is written: just past the module it leaves, where edges are still apart. */
  readonly label: Point;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly modules: readonly PlacedModule[];
  readonly edges: readonly PlacedEdge[];
}

/** Sizes in pixels for 13 px text: a name's width is guessed from its length, as no font is measured. */
const CHAR_WIDTH = 7.8;
const NAME_PADDING = 28;
const MIN_WIDTH = 80;
const MIN_HEIGHT = 34;
/** Room per edge on a module's side: counts written beside each other stay apart. */
const PORT_GAP = 14;
const COLUMN_GAP = 120;
/** Half the gap around a module, and around an edge passing through a column. */
const MODULE_SPACE = 13;
const PASSING_SPACE = 4;
export const MARGIN = 24;
const ORDERING_SWEEPS = 8;

/** A module, or a point where a longer edge passes through a column (drawn as a line, ordered like a module). */
interface Slot {
  readonly column: number;
  readonly height: number;
  readonly module: boolean;
}

/**
 * Modules in columns by depth, each one column right of the deepest module importing it, so arrows run left to right
 * from importer to imported; an edge longer than one column passes between the modules of the columns it crosses. A
 * cycle is broken where a depth-first walk in the score's order meets it again: the edge that closes it (any edge
 * that does not run rightwards) is drawn as a loop under its two modules. Within a column, modules are ordered by the
 * mean place of their neighbours, sweeping both ways, ties kept in the score's order. Every choice is a function of
 * the architecture alone: the same facts give the same picture, to the byte.
 */
export function layerLayout(architecture: Architecture): Layout {
  const { modules, edges } = architecture;
  const index = new Map(modules.map((m, i) => [m.name, i]));
  const ends = edges.map((e) => [index.get(e.from) as number, index.get(e.to) as number] as const);
  const outgoing: number[][] = modules.map(() => []);
  ends.forEach(([from], e) => outgoing[from]?.push(e));

  const { back, topological } = breakCycles(modules.length, outgoing, ends);
  const column: number[] = modules.map(() => 0);
  for (const v of topological)
    for (const e of outgoing[v] ?? [])
      if (!back.has(e)) {
        const to = at(ends, e)[1];
        column[to] = Math.max(at(column, to), at(column, v) + 1);
      }
  const rightwards = (e: number) => at(column, at(ends, e)[0]) < at(column, at(ends, e)[1]);

  // Each rightward edge is a chain of slots: its module, a slot in each column it crosses, the module it imports.
  const incoming = modules.map(() => 0);
  const leaving = modules.map(() => 0);
  for (const [e, [from, to]] of ends.entries())
    if (rightwards(e)) {
      leaving[from] = at(leaving, from) + 1;
      incoming[to] = at(incoming, to) + 1;
    }
  const slots: Slot[] = modules.map((_, v) => ({
    column: at(column, v),
    // A module is tall enough for its edges to arrive and leave apart.
    height: Math.max(MIN_HEIGHT, PORT_GAP * (Math.max(at(incoming, v), at(leaving, v)) + 1)),
    module: true,
  }));
  const chains = new Map<number, number[]>();
  ends.forEach(([from, to], e) => {
    if (!rightwards(e)) return;
    const chain = [from];
    for (let c = at(column, from) + 1; c < at(column, to); c++) {
      chain.push(slots.length);
      slots.push({ column: c, height: 0, module: false });
    }
    chains.set(e, [...chain, to]);
  });

  const columns = orderColumns(slots, [...chains.values()]);
  const top = placeVertically(slots, columns);
  const width = Math.max(MIN_WIDTH, ...modules.map((m) => Math.ceil(m.name.length * CHAR_WIDTH) + NAME_PADDING));
  const left = (s: number) => MARGIN + at(slots, s).column * (width + COLUMN_GAP);
  const middle = (s: number) => at(top, s) + at(slots, s).height / 2;

  // Ports: a module's edges leave its right side and arrive on its left side in the order of where they go next, so
  // they fan out without crossing at the module; loops share its bottom side.
  const rightPorts = new Map<number, number>();
  const leftPorts = new Map<number, number>();
  const bottomPorts = new Map<string, number>();
  modules.forEach((_, v) => {
    const out = [...chains].filter(([, chain]) => chain[0] === v);
    spread(out, ([, chain]) => middle(at(chain, 1)), rightPorts);
    const into = [...chains].filter(([, chain]) => chain[chain.length - 1] === v);
    spread(into, ([, chain]) => middle(at(chain, chain.length - 2)), leftPorts);
    const loops = [...ends.entries()].filter(([e, [from, to]]) => !rightwards(e) && (from === v || to === v));
    const ports = new Map<number, number>();
    spread(loops, ([, [from, to]]) => left(from === v ? to : from), ports);
    for (const [e, share] of ports) bottomPorts.set(`${e}:${v}`, share);
  });

  const placedEdges: PlacedEdge[] = edges.map((edge, e) => {
    const [from, to] = at(ends, e);
    const chain = chains.get(e);
    if (!chain)
      return loopUnder(edge, {
        start: {
          x: left(from) + width * (bottomPorts.get(`${e}:${from}`) ?? 0.5),
          y: at(top, from) + at(slots, from).height,
        },
        end: { x: left(to) + width * (bottomPorts.get(`${e}:${to}`) ?? 0.5), y: at(top, to) + at(slots, to).height },
      });
    const points: Point[] = [
      { x: left(from) + width, y: at(top, from) + at(slots, from).height * (rightPorts.get(e) ?? 0.5) },
    ];
    for (const s of chain.slice(1, -1)) points.push({ x: left(s), y: middle(s) }, { x: left(s) + width, y: middle(s) });
    points.push({ x: left(to), y: at(top, to) + at(slots, to).height * (leftPorts.get(e) ?? 0.5) });
    // Between columns a curve with level ends; through a column, a straight line between its modules.
    let path = `M${xy(points[0] as Point)}`;
    for (let i = 1; i < points.length; i++) {
      const [p, q] = [points[i - 1] as Point, points[i] as Point];
      path +=
        i % 2 === 1
          ? ` C${xy({ x: p.x + COLUMN_GAP / 2, y: p.y })} ${xy({ x: q.x - COLUMN_GAP / 2, y: q.y })} ${xy(q)}`
          : ` L${xy(q)}`;
    }
    const [p, q] = [points[0] as Point, points[1] as Point];
    return {
      edge,
      path,
      label: bezier([p, { x: p.x + COLUMN_GAP / 2, y: p.y }, { x: q.x - COLUMN_GAP / 2, y: q.y }, q], 0.25),
    };
  });

  const columnCount = Math.max(0, ...column.map((c) => c + 1));
  const lowest = Math.max(0, ...slots.map((s, i) => at(top, i) + s.height), ...placedEdges.map((e) => e.label.y + 8));
  return {
    width: round(MARGIN * 2 + columnCount * width + Math.max(0, columnCount - 1) * COLUMN_GAP),
    height: round(lowest + MARGIN),
    modules: modules.map((module, v) => ({
      module,
      column: at(column, v),
      x: round(left(v)),
      y: round(at(top, v)),
      width,
      height: at(slots, v).height,
    })),
    edges: placedEdges,
  };
}

/** An edge that does not run rightwards: a curve leaving the bottom of one module and arriving under the other. */
function loopUnder(edge: ArchitectureEdge, { start, end }: { start: Point; end: Point }): PlacedEdge {
  const depth = Math.max(start.y, end.y) + 30 + Math.abs(end.x - start.x) * 0.1;
  const curve = [start, { x: start.x, y: depth }, { x: end.x, y: depth }, end] as const;
  return { edge, path: `M${xy(start)} C${xy(curve[1])} ${xy(curve[2])} ${xy(end)}`, label: bezier(curve, 0.5) };
}

/** The edges that close a cycle, found by an iterative depth-first walk in the score's order; and a topological order. */
function breakCycles(
  count: number,
  outgoing: readonly number[][],
  ends: readonly (readonly [number, number])[],
): { back: Set<number>; topological: number[] } {
  const state = new Array<"new" | "open" | "done">(count).fill("new");
  const back = new Set<number>();
  const finished: number[] = [];
  for (let root = 0; root < count; root++) {
    if (state[root] !== "new") continue;
    state[root] = "open";
    const stack = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: number; next: number };
      const e = outgoing[frame.node]?.[frame.next++];
      if (e === undefined) {
        state[frame.node] = "done";
        finished.push(frame.node);
        stack.pop();
        continue;
      }
      const to = at(ends, e)[1];
      if (state[to] === "open") back.add(e);
      else if (state[to] === "new") {
        state[to] = "open";
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return { back, topological: finished.reverse() };
}

/** Each column's slots, top to bottom, by the barycentre of their neighbours in the next column over. */
function orderColumns(slots: readonly Slot[], chains: readonly number[][]): number[][] {
  const columns: number[][] = [];
  slots.forEach((s, i) => (columns[s.column] ??= []).push(i));
  for (let c = 0; c < columns.length; c++) columns[c] ??= [];
  const before: number[][] = slots.map(() => []);
  const after: number[][] = slots.map(() => []);
  for (const chain of chains)
    for (let i = 1; i < chain.length; i++) {
      after[at(chain, i - 1)]?.push(at(chain, i));
      before[at(chain, i)]?.push(at(chain, i - 1));
    }
  const place = new Map<number, number>();
  const measure = (c: readonly number[]) => c.forEach((s, i) => place.set(s, (i + 0.5) / c.length));
  columns.forEach(measure);
  for (let sweep = 0; sweep < ORDERING_SWEEPS; sweep++) {
    const forwards = sweep % 2 === 0;
    const neighbours = forwards ? before : after;
    for (let step = 0; step < columns.length; step++) {
      const c = forwards ? step : columns.length - 1 - step;
      const centre = (s: number) => {
        const near = neighbours[s] ?? [];
        return near.length === 0
          ? (place.get(s) as number)
          : near.reduce((sum, n) => sum + (place.get(n) as number), 0) / near.length;
      };
      const keyed = at(columns, c).map((s, i) => ({ s, i, centre: centre(s) }));
      keyed.sort((a, b) => a.centre - b.centre || a.i - b.i);
      columns[c] = keyed.map((k) => k.s);
      measure(at(columns, c));
    }
  }
  return columns;
}

/** Each slot's top: columns stacked, each centred on the tallest. */
function placeVertically(slots: readonly Slot[], columns: readonly number[][]): number[] {
  const space = (s: number) => (at(slots, s).module ? MODULE_SPACE : PASSING_SPACE);
  const extent = columns.map((c) => c.reduce((sum, s) => sum + at(slots, s).height + 2 * space(s), 0));
  const tallest = Math.max(0, ...extent);
  const top: number[] = slots.map(() => 0);
  columns.forEach((c, i) => {
    let y = MARGIN - MODULE_SPACE + (tallest - at(extent, i)) / 2;
    for (const s of c) {
      top[s] = y + space(s);
      y += at(slots, s).height + 2 * space(s);
    }
  });
  return top;
}

/** Shares of a side (1/(n+1), 2/(n+1)…) for the items in the order `by` gives, ties in their own order. */
function spread<T extends readonly [number, unknown]>(items: T[], by: (item: T) => number, into: Map<number, number>) {
  items
    .map((item, i) => ({ item, i, key: by(item) }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .forEach(({ item }, rank) => into.set(item[0], (rank + 1) / (items.length + 1)));
}

function bezier([p0, p1, p2, p3]: readonly [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t;
  const mix = (a: number, b: number, c: number, d: number) =>
    u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
  return { x: round(mix(p0.x, p1.x, p2.x, p3.x)), y: round(mix(p0.y, p1.y, p2.y, p3.y)) };
}

/** Coordinates to a tenth of a pixel: the SVG's text is the same on every machine. */
function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function xy(p: Point): string {
  return `${round(p.x)},${round(p.y)}`;
}

/** An index known to be in range (the layout's arrays are all sized from the architecture). */
function at<T>(list: readonly T[], i: number): T {
  return list[i] as T;
}
