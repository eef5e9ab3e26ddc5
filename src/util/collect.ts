/** Counting and grouping values by a key, each in one pass. */

/** How many values have each key, in the order keys are first met. */
export function countBy<T, K>(values: Iterable<T>, keyOf: (value: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const value of values) {
    const key = keyOf(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** How many times each value occurs, in the order values are first met. */
export const countValues = <T>(values: Iterable<T>): Map<T, number> => countBy(values, (value) => value);

/** The values with each key, in their order, the keys in the order they are first met. */
export function groupBy<T, K>(values: Iterable<T>, keyOf: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [value]);
    else group.push(value);
  }
  return groups;
}
