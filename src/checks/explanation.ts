/**
 * What a rule or a signal means, as `/maestro explain <id>` says it; SARIF's rules and docs/score.md's tables read it
 * too.
 */
export interface Explanation {
  readonly title: string;
  /** What it means, in one sentence. */
  readonly meaning: string;
  /** How to fix the code, or declare the edge in the score if it is intended. */
  readonly fix: string;
}
