/** One thing wrong (or doubtful) in a score file, located for a person and for an annotation. */
export interface ScoreProblem {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The key path, as a user writes it: `modules[2].may_use[0]`; empty for the whole file. */
  readonly keyPath: string;
  readonly message: string;
}

export type KeyPath = readonly (string | number)[];

export function formatKeyPath(path: KeyPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/** `.github/maestro.yml:12:9: modules[2].may_use[0]: unknown module "infra2"` */
export function formatScoreProblem(problem: ScoreProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const key = problem.keyPath ? `${problem.keyPath}: ` : "";
  const tag = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${tag}${key}${problem.message}`;
}
