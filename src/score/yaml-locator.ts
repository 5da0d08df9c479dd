import { isMap, isSeq, LineCounter, type Document, type Node as YamlNode } from "yaml";
import type { KeyPath } from "./score-problem.js";

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where a key path sits in the YAML source. A path that does not exist (a missing
 * required key) is placed at its deepest existing parent, so every problem has a position.
 * `atKey` points at the key itself rather than its value (for unknown keys).
 */
export function createYamlLocator(doc: Document, lineCounter: LineCounter) {
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return function locate(path: KeyPath, atKey = false): Position {
    let node: unknown = doc.contents;
    let best = rangeStart(node) ?? 0;
    for (const [i, part] of path.entries()) {
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => scalarValue(item.key) === part);
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        if (isLast && atKey && keyStart !== undefined) return toPosition(keyStart);
        node = pair.value;
        best = rangeStart(node) ?? keyStart ?? best;
      } else if (isSeq(node) && typeof part === "number") {
        const item = node.items[part];
        if (item === undefined) break;
        node = item;
        best = rangeStart(node) ?? best;
      } else {
        break;
      }
    }
    return toPosition(best);
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function scalarValue(node: unknown): unknown {
  return node !== null && typeof node === "object" && "value" in node ? node.value : node;
}
