import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Seals what Maestro remembers in its sticky comment. Anyone with write access can edit any comment,
 * and text from the change reaches the comment's body, so a sign-off is believed only when it carries
 * an HMAC made with a secret of the app, over the repository, the PR and the sign-offs themselves.
 */
export interface SignOffSeal {
  seal(scope: string, payload: string): string;
  verify(scope: string, payload: string, mac: string): boolean;
}

export function createSignOffSeal(secret: string): SignOffSeal {
  // A key of its own, derived from the app's secret: the webhook secret itself never signs anything else.
  const key = createHmac("sha256", secret).update("maestro sign-offs v1").digest();
  const mac = (scope: string, payload: string) =>
    createHmac("sha256", key).update(`${scope}\n${payload}`).digest("hex");
  return {
    seal: mac,
    verify: (scope, payload, given) => {
      const expected = Buffer.from(mac(scope, payload), "hex");
      const actual = Buffer.from(/^[0-9a-f]{64}$/.test(given) ? given : "", "hex");
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}

/** Without a configured secret: sign-offs hold for this process only, never forgeable. */
export function createEphemeralSignOffSeal(): SignOffSeal {
  return createSignOffSeal(randomBytes(32).toString("hex"));
}
