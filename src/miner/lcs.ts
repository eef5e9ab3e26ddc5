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

/**
 * An order-keeping matching of `a` to `b` that maximizes the summed likeness of matched pairs, only
 * pairs at least `threshold` alike being allowed: `match[i]` is the index in `b` matched to `a[i]`,
 * or -1. O(|a|·|b|) likeness calls.
 */
export function alikePairs<T>(a: readonly T[], b: readonly T[], likeness: (x: T, y: T) => number, threshold: number): Int32Array {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const like = new Float64Array(n * m);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const x = a[i] as T;
      const y = b[j] as T;
      const score = likeness(x, y);
      like[i * m + j] = score;
      const skip = Math.max(best[(i + 1) * width + j] ?? 0, best[i * width + j + 1] ?? 0);
      const take = score >= threshold ? score + (best[(i + 1) * width + j + 1] ?? 0) : -1;
      best[i * width + j] = Math.max(skip, take);
    }
  }
  const match = new Int32Array(n).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const score = like[i * m + j] ?? 0;
    if (score >= threshold && (best[i * width + j] ?? 0) === score + (best[(i + 1) * width + j + 1] ?? 0)) {
      match[i] = j;
      i++;
      j++;
    } else if ((best[(i + 1) * width + j] ?? 0) >= (best[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return match;
}
