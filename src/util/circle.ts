/**
 * The first node (in the map's order) that reads itself back through the others, with the nodes on
 * the way, in reading order (`a` reads `b` reads `a`: `['a', 'b']`); undefined when no node does.
 * Defaults that read each other this way never render (see circularDefaults in library/validate.ts
 * and circularValueDefaults in miner/mine.ts).
 */
export function circleIn(reads: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  for (const start of reads.keys()) {
    const path: string[] = [];
    const seen = new Set<string>();
    const walk = (name: string): boolean => {
      for (const next of reads.get(name) ?? []) {
        if (next === start) return true;
        if (seen.has(next)) continue;
        seen.add(next);
        path.push(next);
        if (walk(next)) return true;
        path.pop();
      }
      return false;
    };
    if (walk(start)) return [start, ...path];
  }
  return undefined;
}
