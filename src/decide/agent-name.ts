import type { Subject } from "./detect-agent.js";

/**
 * The name a PR's author plays under: its part's name (agents.parts) when one matched, so a team reads "copilot"
 * whatever login or branch it came by; else the login itself, which may be a human's.
 */
export function agentName(subject: Pick<Subject, "part">, login: string): string {
  return subject.part?.name ?? login;
}
