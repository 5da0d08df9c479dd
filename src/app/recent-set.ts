/** Remembers the last `limit` keys: enough to know a redelivered webhook when it comes back. */
export function createRecentSet(limit = 5000) {
  const seen = new Set<string>();
  return {
    /** True the first time a key is offered, false on every repeat while it is remembered. */
    add(key: string): boolean {
      if (seen.has(key)) return false;
      seen.add(key);
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}
