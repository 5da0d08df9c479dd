import { progressBar } from "../../eval/progress-bar.js";

describe("progressBar", () => {
  it("shows commits done of the total, the share, and no ETA before the first", () => {
    expect(progressBar({ done: 0, total: 400, failed: 0, elapsedMs: 0 }, 10)).toBe(
      "[----------] 0/400 0% · 0s elapsed · ETA …",
    );
  });

  it("estimates what is left from the mean time per commit so far", () => {
    expect(progressBar({ done: 100, total: 400, failed: 0, elapsedMs: 250_000 }, 10)).toBe(
      "[###-------] 100/400 25% · 4m10s elapsed · ETA 12m30s",
    );
  });

  it("counts failed commits where they can be seen", () => {
    expect(progressBar({ done: 400, total: 400, failed: 2, elapsedMs: 3_700_000 }, 10)).toBe(
      "[##########] 400/400 100% · 2 failed · 1h01m elapsed · ETA 0s",
    );
  });
});
