import { recoverySettings } from "../../src/app/recovery-settings.js";

describe("crash recovery settings from the environment", () => {
  it("regression: a stale-check timeout of 0 is refused at start-up, naming the variable (every review in flight would be queued again on every sweep)", () => {
    expect(() => recoverySettings({ MAESTRO_STALE_CHECK_SECONDS: "0" })).toThrow(
      'MAESTRO_STALE_CHECK_SECONDS must be a number of seconds (1 or more), not "0"',
    );
    expect(
      recoverySettings({ MAESTRO_STALE_CHECK_SECONDS: "30", MAESTRO_RECONCILE_INTERVAL_SECONDS: "0" }).reconcile,
    ).toMatchObject({ staleSeconds: 30, intervalSeconds: 0 });
  });
});
