import { createHash } from "node:crypto";
import type { Log, Result } from "sarif";
import type { Violation } from "../analyse/violation.js";
import type { Verdict } from "../decide/verdict.js";
import { RULE_IDS, RULES } from "../checks/rules/index.js";
import type { ReportContext } from "./report-context.js";

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: one run, the rules with help text, each violation a
 * result at its file and line; `baselineState` tells new from already-at-base.
 */
export function renderSarif(verdict: Verdict, context: ReportContext): string {
  const sarif: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Maestro",
            version: context.maestroVersion,
            semanticVersion: context.maestroVersion,
            rules: RULES.map(({ id, explanation, setting }) => ({
              id,
              name: explanation.title.replace(/\s+/g, ""),
              shortDescription: { text: explanation.title },
              fullDescription: { text: explanation.meaning },
              help: { text: explanation.fix, markdown: explanation.fix },
              defaultConfiguration: { level: setting.default === "warn" ? "warning" : "error" },
            })),
          },
        },
        automationDetails: { id: `maestro/${context.scope}/` },
        results: verdict.violations.map(result),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(v: Violation): Result {
  return {
    ruleId: v.rule,
    ruleIndex: RULE_IDS.indexOf(v.rule),
    level: v.severity === "error" ? "error" : "warning",
    message: { text: v.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(v.file), uriBaseId: "%SRCROOT%" },
          region: { startLine: v.line, startColumn: v.column },
        },
      },
    ],
    baselineState: v.introduced ? "new" : "unchanged",
    // Stable across line moves, so code scanning keeps one alert per edge.
    partialFingerprints: {
      "maestroEdge/v1": createHash("sha256")
        .update([v.rule, v.file, v.from, v.to, v.specifier].join("\0"))
        .digest("hex")
        .slice(0, 32),
    },
  };
}
