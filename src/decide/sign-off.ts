import { z } from "zod";

/** A conductor's sign-off (SPEC §5): who, when, on which commit, approve or override, and why. */
export const signOffSchema = z.object({
  by: z.string(),
  at: z.string(),
  sha: z.string(),
  kind: z.enum(["approve", "override"]),
  reason: z.string(),
});
export type SignOff = z.infer<typeof signOffSchema>;

/**
 * The sign-off that turns this verdict into success, if any: only on the same commit (a new push
 * needs a new one); `approve` covers a conductor verdict, `override` a block (or a conductor one).
 */
export function applicableSignOff(
  signOffs: readonly SignOff[],
  sha: string,
  verdict: "pass" | "conductor" | "block",
): SignOff | undefined {
  if (verdict === "pass") return undefined;
  return [...signOffs].reverse().find((s) => s.sha === sha && (s.kind === "override" || verdict === "conductor"));
}
