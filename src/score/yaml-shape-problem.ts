import { isAlias, isMap, isPair, isSeq, type Document, type Node as YamlNode } from "yaml";
import { SCORE_LIMITS } from "./score-limits.js";

export interface ShapeProblem {
  /** Where in the text: the node that nests too deep, or the alias that goes too far. */
  readonly offset: number;
  readonly message: string;
}

class Found extends Error {
  constructor(readonly problem: ShapeProblem) {
    super(problem.message);
  }
}

/**
 * What in a parsed YAML document would make reading its data unbounded or impossible: nesting
 * deeper than a score needs, an alias with no anchor before it, an alias inside the node it names
 * (endless data), and aliases that expand to more values than SCORE_LIMITS allows (an "alias
 * bomb": nine aliases of nine aliases of … are a billion values from a few hundred bytes).
 */
export function yamlShapeProblem(doc: Document): ShapeProblem | undefined {
  return deepNode(doc.contents) ?? aliasProblem(doc.contents);
}

/** Walked with its own stack, so that the walks after it may recurse. */
function deepNode(root: unknown): ShapeProblem | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > SCORE_LIMITS.depth) {
      return {
        offset: start(node),
        message: `the score nests deeper than ${SCORE_LIMITS.depth} levels here; a score needs five`,
      };
    }
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Counts the values the data will hold, each alias counting the values of the node it names. */
function aliasProblem(root: unknown): ShapeProblem | undefined {
  const anchors = new Map<string, unknown>();
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const limit = SCORE_LIMITS.expandedValues;
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined)
        throw new Found({
          offset: start(node),
          message: `*${node.source} names no anchor &${node.source} set before it`,
        });
      if (open.has(target))
        throw new Found({
          offset: start(node),
          message: `*${node.source} is inside the node &${node.source} it names, which would make it endless`,
        });
      return sizes.get(target) ?? 0;
    }
    const anchor = (node as YamlNode | null)?.anchor;
    // As the yaml library does: an alias names the last anchor of that name before it.
    if (anchor) anchors.set(anchor, node);
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      for (const item of node.items) {
        const children = isPair(item) ? [item.key, item.value] : [item];
        for (const child of children) {
          total += size(child);
          if (total > limit) throw new Found({ offset: start(child), message: tooManyValues(isAlias(child)) });
        }
      }
      open.delete(node);
    }
    sizes.set(node, total);
    return total;
  };
  try {
    size(root);
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.problem;
    throw error;
  }
}

function tooManyValues(byAlias: boolean): string {
  const most = `more than ${SCORE_LIMITS.expandedValues.toLocaleString("en-US")} values`;
  if (!byAlias) return `the score holds ${most}, which Maestro does not read; a real score holds a few thousand`;
  return `this alias brings the score to ${most}, which Maestro does not read: an alias of a list of aliases multiplies them (an "alias bomb"), so write the lists out instead`;
}

function start(node: unknown): number {
  return (node as YamlNode | null)?.range?.[0] ?? 0;
}
