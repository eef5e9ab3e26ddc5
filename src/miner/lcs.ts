/**
 * Pairwise alignment: a longest common subsequence over keys (dynamic programming after trimming the
 * common head and tail), deterministic in its tie-breaking.
 */

/**
 * Matched index pairs [i in a, j in b], increasing in both. With `weight`, the matched keys' total
 * weight is maximized rather than their count (so a line of code outweighs a blank line or a lone
 * brace, which would otherwise pull the alignment off).
 */
export function lcsPairs(a: readonly string[], b: readonly string[], weight?: (key: string) => number): Array<[number, number]> {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n > 0 && m > 0) {
    // Intern keys so comparisons are integer compares.
    const ids = new Map<string, number>();
    const intern = (key: string) => {
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return id;
    };
    const x = Int32Array.from({ length: n }, (_, i) => intern(a[head + i] ?? ''));
    const y = Int32Array.from({ length: m }, (_, j) => intern(b[head + j] ?? ''));
    const weights = new Int32Array(ids.size);
    for (const [key, id] of ids) weights[id] = weight === undefined ? 1 : Math.max(1, Math.round(weight(key)));
    // table[i][j] = LCS length of x[i..] and y[j..]
    const width = m + 1;
    const table = new Int32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] =
          x[i] === y[j]
            ? Math.max((table[(i + 1) * width + j + 1] ?? 0) + (weights[x[i] ?? 0] ?? 1), table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0)
            : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      const here = table[i * width + j] ?? 0;
      if (x[i] === y[j] && here === (table[(i + 1) * width + j + 1] ?? 0) + (weights[x[i] ?? 0] ?? 1)) {
        pairs.push([head + i, head + j]);
        i++;
        j++;
      } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
      else j++;
    }
  }
  for (let t = tail; t > 0; t--) pairs.push([a.length - t, b.length - t]);
  return pairs;
}

/** The length of the longest common subsequence. */
export const lcsLength = (a: readonly string[], b: readonly string[]): number => lcsPairs(a, b).length;
