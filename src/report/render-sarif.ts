import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { VerifiedFinding } from "../analyse/reader/index.js";
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
            rules: [
              ...RULES.map(({ id, explanation, setting }) => ({
                id,
                name: explanation.title.replace(/\s+/g, ""),
                shortDescription: { text: explanation.title },
                fullDescription: { text: explanation.meaning },
                help: { text: explanation.fix, markdown: explanation.fix },
                defaultConfiguration: { level: setting.default === "warn" ? ("warning" as const) : ("error" as const) },
              })),
              // After the conformance rules, so their indexes stay the registry's.
              ...(verdict.secondReader ? [SECOND_READER_RULE] : []),
            ],
          },
        },
        automationDetails: { id: `maestro/${context.scope}/` },
        results: [...verdict.violations.map(result), ...(verdict.secondReader?.findings ?? []).map(findingResult)],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

const SECOND_READER_RULE: ReportingDescriptor = {
  id: "second-reader",
  name: "SecondReader",
  shortDescription: { text: "Second reader" },
  fullDescription: {
    text: "A risk an LLM found in the diff, verified by Maestro: its file is changed and its quote is on the changed line.",
  },
  help: { text: "Read the finding at its line: fix it, or have a conductor sign off." },
  defaultConfiguration: { level: "warning" },
};

function findingResult(f: VerifiedFinding): Result {
  return {
    ruleId: SECOND_READER_RULE.id,
    ruleIndex: RULE_IDS.length,
    level: f.severity === "high" ? "error" : f.severity === "medium" ? "warning" : "note",
    message: { text: `${f.severity} ${f.kind}: ${f.explanation}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: "%SRCROOT%" },
          region: { startLine: f.line, snippet: { text: f.evidence } },
        },
      },
    ],
    properties: { kind: f.kind, severity: f.severity },
  };
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
