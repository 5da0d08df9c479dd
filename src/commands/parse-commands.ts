import { z } from "zod";

/** A `/maestro …` command found in a PR comment (SPEC §5). */
export const commandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("re-review") }),
  z.object({ kind: z.literal("approve"), reason: z.string() }),
  z.object({ kind: z.literal("override"), reason: z.string() }),
  z.object({ kind: z.literal("explain"), topic: z.string().optional() }),
  z.object({ kind: z.literal("help") }),
  z.object({ kind: z.literal("unknown"), text: z.string() }),
]);
export type Command = z.infer<typeof commandSchema>;

const LINE = /^ {0,3}\/maestro\b(.*)$/i;
/** An HTML comment, closed or left open to the end: GitHub shows neither, so neither commands. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * How many commands one comment may carry. Each costs GitHub writes (a reaction, a reply) from the
 * installation's shared rate limit, and anyone may comment: a comment of 5,000 `/maestro help`
 * lines must not starve the check runs of every repository.
 */
export const MAX_COMMANDS_PER_COMMENT = 5;

/**
 * The commands in a comment: one per line, at the start of a line (up to three spaces before it),
 * in any case, among other text; repeats count once, and only the first five are read. What a
 * reader does not see as a command is not one: lines inside fenced or indented code blocks (four
 * spaces or a tab), quotes, and HTML comments.
 */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  const seen = new Set<string>();
  let fenced = false;
  for (const line of body.replace(HTML_COMMENT, "").split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || /^\s*>/.test(line) || /^( {4}|\t)/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const command = parseCommand((match[1] ?? "").trim());
    const key = JSON.stringify(command);
    if (seen.has(key)) continue;
    seen.add(key);
    commands.push(command);
    if (commands.length === MAX_COMMANDS_PER_COMMENT) break;
  }
  return commands;
}

function parseCommand(rest: string): Command {
  const [verb = "", ...words] = rest.split(/\s+/);
  const argument = words.join(" ").trim();
  switch (verb.toLowerCase()) {
    case "re-review":
    case "rereview":
    case "review":
      return { kind: "re-review" };
    case "approve":
      return { kind: "approve", reason: argument };
    case "override":
      return { kind: "override", reason: argument };
    case "explain":
      return argument ? { kind: "explain", topic: argument.toLowerCase() } : { kind: "explain" };
    case "help":
    case "":
      return { kind: "help" };
    default:
      return { kind: "unknown", text: rest };
  }
}
