import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Not a comment line: "as any" in prose is no cast. */
const CODE_LINE = String.raw`^(?!\s*(?:\/\/|\/?\*))`;
/** `x as any`, `as any[]`, `as any as T`; not "as any other" in a trailing comment. */
const AS_ANY = new RegExp(String.raw`${CODE_LINE}.*\bas\s+any\b(?=\s*(?:$|[^\w\s]|as\b))`);
/**
 * `<any>x`, the old cast, only where an expression starts (after `(`, `,`, `=`, an operator or `return`): a generic
 * argument (`Promise<any>`, `new Handles<any>()`) follows a name, and is no cast.
 */
const ANY_CAST = new RegExp(String.raw`${CODE_LINE}(?:|.*(?:[(,=:?!&|[{;]|\breturn|=>))\s*<any>\s*[\w$(['"\`]`);

/** Each pattern, and the files it means something in. */
const SUPPRESSIONS: readonly { readonly pattern: RegExp; readonly name: string; readonly files: RegExp }[] = [
  { pattern: /@ts-ignore\b/, name: "@ts-ignore", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /@ts-expect-error\b/, name: "@ts-expect-error", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /@ts-nocheck\b/, name: "@ts-nocheck", files: /\.[cm]?[jt]sx?$/ },
  { pattern: /eslint-disable/, name: "eslint-disable", files: /\.[cm]?[jt]sx?$|\.vue$/ },
  { pattern: AS_ANY, name: "as any", files: /\.[cm]?tsx?$/ },
  { pattern: ANY_CAST, name: "<any> cast", files: /\.[cm]?ts$/ },
  { pattern: /#\s*type:\s*ignore|#\s*noqa\b|#\s*pylint:\s*disable/, name: "# type: ignore", files: /\.py$/ },
  { pattern: /\/\/\s*nolint\b/, name: "nolint", files: /\.go$/ },
  { pattern: /#\[allow\(/, name: "#[allow]", files: /\.rs$/ },
  { pattern: /@SuppressWarnings\b/, name: "@SuppressWarnings", files: /\.(java|kt)$/ },
];

/** Added lines that switch a checker off. */
export const suppressions = defineSignal({
  id: "suppressions",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.488, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 10,
  explanation: {
    title: "Suppressions",
    meaning:
      "Added lines that switch a checker off in judged files (not ignored): `@ts-ignore`, `@ts-expect-error`, `eslint-disable`, `as any` and `<any>x` casts (not generic arguments such as `Promise<any>`), `# type: ignore`, `nolint`.",
    fix: "Fix the underlying type or lint error instead of silencing it.",
  },
  evaluate({ files, lines, modules }) {
    const evidence: Evidence[] = [];
    for (const file of files) {
      // The score's `ignore` says these files are never judged: tests may cast as they need.
      if (file.status === "removed" || modules.isIgnored(file.path)) continue;
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
