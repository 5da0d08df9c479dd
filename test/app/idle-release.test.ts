import { jest } from "@jest/globals";
import { createIdleRelease, fullCollection, IDLE_MS, MIN_INTERVAL_MS } from "../../src/app/idle-release.js";

describe("memory given back once the queue is empty", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("collects once the queue has stayed empty for a moment, never while jobs are queued", () => {
    let queued = 1;
    const collect = jest.fn();
    const idle = createIdleRelease(
      () => queued === 0,
      collect,
      () => Date.now(),
    );
    idle.jobEnded();
    jest.advanceTimersByTime(IDLE_MS);
    expect(collect).not.toHaveBeenCalled();
    queued = 0;
    idle.jobEnded();
    jest.advanceTimersByTime(IDLE_MS - 1);
    expect(collect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("a busy queue that keeps emptying collects at most once in MIN_INTERVAL_MS, and still collects after the last job", () => {
    const collect = jest.fn();
    const idle = createIdleRelease(
      () => true,
      collect,
      () => Date.now(),
    );
    for (let i = 0; i < 5; i++) {
      idle.jobEnded();
      jest.advanceTimersByTime(IDLE_MS);
    }
    expect(collect).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(MIN_INTERVAL_MS);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it("finds V8's full collection in a process started without --expose-gc", () => {
    // Jest's own globals may hold `gc` once an earlier file in this worker turned the flag on (each file is a new
    // context): what must hold is that the process was not started with it.
    expect([...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ")).not.toContain("expose-gc");
    const gc = fullCollection();
    expect(typeof gc).toBe("function");
    expect(() => gc?.()).not.toThrow();
  });
});
