import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Each pattern, and the files it means something in. */
const SUPPRESSIONS: readonly { readonly pattern: RegExp; readonly name: string; readonly files: RegExp }[] = [
  { pattern: /@ts-ignore\b/, name: "@ts-ignore", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /@ts-expect-error\b/, name: "@ts-expect-error", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /@ts-nocheck\b/, name: "@ts-nocheck", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /eslint-disable/, name: "eslint-disable", files: /\.[cm]?[jt]sx?$|\.vue$/ },
  { pattern: /\bas\s+any\b|<any>/, name: "as any", files: /\.[cm]?tsx?$/ },
  { pattern: /#\s*type:\s*ignore|#\s*noqa\b|#\s*pylint:\s*disable/, name: "# type: ignore", files: /\.py$/ },
  { pattern: /\/\/\s*nolint\b/, name: "nolint", files: /\.go$/ },
  { pattern: /#\[allow\(/, name: "#[allow]", files: /\.rs$/ },
  { pattern: /@SuppressWarnings\b/, name: "@SuppressWarnings", files: /\.(java|kt)$/ },
];

/** Added lines that switch a checker off. */
export const suppressions = defineSignal({
  id: "suppressions",
  points: 25,
  explanation: {
    title: "Suppressions",
    meaning:
      "Added lines that switch a checker off: `@ts-ignore`, `@ts-expect-error`, `eslint-disable`, `as any`, `# type: ignore`, `nolint`.",
    fix: "Fix the underlying type or lint error instead of silencing it.",
  },
  evaluate({ files, lines }) {
    const evidence: Evidence[] = [];
    for (const file of files) {
      if (file.status === "removed") continue;
      const kinds = SUPPRESSIONS.filter((s) => s.files.test(file.path));
      if (kinds.length === 0) continue;
      for (const { line, text } of lines(file).added) {
        const found = kinds.find((k) => k.pattern.test(text));
        if (found) evidence.push({ file: file.path, line, what: found.name });
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.2),
      detail: `${plural(evidence.length, "suppression")} added: ${places(evidence)}`,
      evidence,
    };
  },
});
