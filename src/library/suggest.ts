/**
 * "Did you mean": the closest candidates to a misspelt name, by edit distance.
 */

/** Levenshtein distance (insertions, deletions, substitutions; an adjacent swap counts once). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The candidates close enough to `input` to be what was meant, closest first (at most `limit`).
 * Close enough: within a third of the longer length (at least 1, at most 3 edits), or one contains
 * the other.
 *
 * @example closest('reqired', ['required', 'prompt']) // ['required']
 */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = input.toLowerCase();
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const other = candidate.toLowerCase();
    const distance = editDistance(lower, other);
    const threshold = Math.min(3, Math.max(1, Math.floor(Math.max(lower.length, other.length) / 3)));
    if (distance <= threshold || (lower.length >= 3 && (other.includes(lower) || lower.includes(other)))) scored.push({ candidate, distance });
  }
  return scored
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const found = closest(input, candidates, 1);
  return found.length === 0 ? '' : ` Did you mean ${JSON.stringify(found[0])}?`;
}
