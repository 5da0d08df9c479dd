/** A map that keeps only the `limit` most recently used entries: the in-memory caches' one eviction rule. */
export function createLruMap<K, V>(limit: number) {
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as V;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    has: (key: K): boolean => entries.has(key),
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > limit) entries.delete(entries.keys().next().value as K);
    },
    delete: (key: K): boolean => entries.delete(key),
  };
}
