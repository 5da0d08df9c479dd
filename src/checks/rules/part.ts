import { defineRule } from "../rule-definition.js";
import type { PlacedFinding } from "../rule-finding.js";
import type { Severity } from "../severity.js";

/** The part of the agent whose PR this is: its name and the modules it may change. */
export interface AgentPart {
  readonly name: string;
  readonly modules: readonly string[];
}

/** A changed file as the part rule reads it: its path and module at head, and at base for a rename. */
export interface PartChange {
  readonly path: string;
  /** The module the path belongs to; null when it belongs to none. */
  readonly module: string | null;
  /** A renamed file's path and module at base: a move out of the part's modules changes them too. */
  readonly previous?: { readonly path: string; readonly module: string | null };
}

export const part = defineRule({
  id: "part",
  setting: {
    key: "part",
    default: "error",
    description:
      "A PR by an agent with a part (agents.parts) that changes a file outside that part's modules, or in no module.",
  },
  explanation: {
    title: "Outside the agent's part",
    meaning:
      "The score gives this agent a part, the modules its PRs may change, and the PR adds, modifies, deletes or renames a file in another module or in none. Agents working side by side stay out of each other's way only if each keeps to its part.",
    fix: "Leave the file to whoever owns its module, and split that change into its own PR; or, if this agent should own that code, add its module to the part's `modules` in `agents.parts` (a file in no module first needs a module's `paths`).",
  },
  /** A changed file outside the part, placed at its first line; a rename is outside if either of its paths is. */
  judge(change: PartChange, agentPart: AgentPart, severity: Severity): PlacedFinding[] {
    if (severity === "off") return [];
    const sides = [change, ...(change.previous ? [change.previous] : [])];
    const outside = sides.filter((side) => side.module === null || !agentPart.modules.includes(side.module));
    if (outside.length === 0) return [];
    const where = outside
      .map((side) => `${side.path} ${side.module === null ? "belongs to no module" : `is in module ${side.module}`}`)
      .join(", and ");
    const message = `${where}: outside part "${agentPart.name}", whose PRs may change only modules ${agentPart.modules.join(", ")} (agents.parts)`;
    return [
      {
        rule: "part",
        severity,
        file: change.path,
        line: 1,
        column: 1,
        from: outside[0]?.module ?? null,
        to: null,
        specifier: null,
        edge: change.path,
        message,
      },
    ];
  },
});
