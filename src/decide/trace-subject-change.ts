import type { Verdict } from "./verdict.js";

/**
 * A PR judged as an agent's last time and as a human's now (a label removed, a branch renamed) is
 * not silently let off: the verdict says what changed, so a conductor can see it.
 */
export function traceSubjectChange(verdict: Verdict, previous: Verdict | undefined): Verdict {
  if (!previous?.subject.agent || verdict.subject.agent) return verdict;
  const trace = `judged as a human's PR this time, but the previous review judged it as an agent's (${previous.subject.reason}): what marked it as an agent's no longer matches`;
  return { ...verdict, reasons: [...verdict.reasons, trace] };
}
