/**
 * The get-or-make behind the memo caches of src/iam. Each caches a pure function of records that
 * are never changed once read, keyed by the objects it reads (WeakMaps, so an entry goes with them).
 */

interface MapLike<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `map`'s value for `key`; the first time, `make(key)`'s, stored. */
export function getOrMake<K, V>(map: MapLike<K, V>, key: K, make: (key: K) => NoInfer<V>): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    map.set(key, value);
  }
  return value;
}

/** The inner level of a nested cache (a module-level function: no closure per lookup). */
export const newWeakMap = <K extends WeakKey, V>(): WeakMap<K, V> => new WeakMap();
export const newMap = <K, V>(): Map<K, V> => new Map();
