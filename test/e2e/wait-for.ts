/**
 * Polls `condition` until it returns something truthy, and returns that. A fixed sleep is either
 * too short on a slow machine (a flaky red) or long enough to hide a second, late write (a false
 * green); a wait on the thing itself is neither. Throws naming what it waited for, and `detail()`
 * (e.g. the server's log) when given.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeout = 30_000, what, detail }: { timeout?: number; what: string; detail?: () => string },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline)
      throw new Error(`waited ${timeout} ms for ${what}, in vain${detail ? `\n${detail()}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
