import { LRUCache } from "lru-cache";

/** Remembers the last `limit` keys: enough to know a redelivered webhook when it comes back. */
export function createRecentSet(limit = 5000) {
  const seen = new LRUCache<string, true>({ max: limit });
  return {
    /** True the first time a key is offered, false on every repeat while it is remembered. */
    add(key: string): boolean {
      if (seen.has(key)) return false;
      seen.set(key, true);
      return true;
    },
    delete(key: string): void {
      seen.delete(key);
    },
  };
}
