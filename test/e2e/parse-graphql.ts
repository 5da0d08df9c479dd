/**
 * Just enough of GraphQL for the emulator to answer Maestro's queries field by field: the
 * selection of a query (aliases, arguments, nested selections), its arguments with variables
 * resolved, and where a field sits, as GraphQL errors say it.
 */

/** A query the emulator cannot answer: GitHub's answer to a bad query, `errors` and no data. */
export class GraphqlError extends Error {}

export interface GraphqlField {
  alias?: string;
  name: string;
  /** The text between the field's parentheses. */
  args: string;
  selection: GraphqlField[];
  /** Where the field starts in the query. */
  at: number;
}

/** The selection of a GraphQL query (an operation's header, fragments and directives aside). */
export function parseGraphql(source: string): GraphqlField[] {
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < source.length && /[\s,]/.test(source[i] as string)) i++;
      if (source[i] !== "#") return;
      while (i < source.length && source[i] !== "\n") i++;
    }
  };
  const name = (): string => {
    skip();
    const found = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i));
    if (!found) throw new GraphqlError(`the emulator cannot parse the query at "${source.slice(i, i + 20)}"`);
    i += found[0].length;
    return found[0];
  };
  const args = (): string => {
    skip();
    if (source[i] !== "(") return "";
    const start = ++i;
    for (let depth = 1; depth > 0; i++) {
      if (i >= source.length) throw new GraphqlError("the emulator cannot parse the query: unbalanced (");
      if (source[i] === "(") depth++;
      else if (source[i] === ")") depth--;
    }
    return source.slice(start, i - 1);
  };
  const selection = (): GraphqlField[] => {
    skip();
    if (source[i] !== "{") return [];
    i++;
    const fields: GraphqlField[] = [];
    for (;;) {
      skip();
      if (source[i] === "}") {
        i++;
        return fields;
      }
      if (i >= source.length) throw new GraphqlError("the emulator cannot parse the query: unbalanced {");
      const at = i;
      let first = name();
      skip();
      let alias: string | undefined;
      if (source[i] === ":") {
        i++;
        alias = first;
        first = name();
      }
      fields.push({ ...(alias ? { alias } : {}), name: first, args: args(), selection: selection(), at });
    }
  };
  skip();
  if (/^query\b/.test(source.slice(i))) {
    name();
    skip();
    if (source[i] !== "(" && source[i] !== "{") name();
    args();
  }
  return selection();
}

/** A field's arguments, variables resolved. */
export function graphqlArguments(text: string, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [, key, value] of text.matchAll(/(\w+)\s*:\s*(\$\w+|"(?:[^"\\]|\\.)*"|-?\d+|\w+)/g)) {
    const raw = value as string;
    args[key as string] = raw.startsWith("$")
      ? variables[raw.slice(1)]
      : raw.startsWith('"')
        ? (JSON.parse(raw) as string)
        : /^-?\d+$/.test(raw)
          ? Number(raw)
          : raw;
  }
  return args;
}

/** Line and column (1-based) of an offset in the query, as GraphQL errors give them. */
export function location(source: string, at: number): { line: number; column: number } {
  const before = source.slice(0, at).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
