/** Lines that all follow one pattern with one varying literal, in varying number: `{{#each}}`. */
import type { BuildScope } from './build-scope.js';
import type { Piece } from './emit.js';
import { hintWord } from './registry.js';
import type { Line, Token } from './tokenize.js';
import { literalText } from './token-text.js';

/** `{{#each}}` over lines that all follow one pattern with one varying literal. */
export function repeatRegion(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, where: string): Piece[] | undefined {
  const { count, registry, keyOf, tokenPieces, compatible } = scope;
  const all = ids.flatMap((id) => region.get(id) ?? []);
  const pattern = all[0];
  if (pattern === undefined || all.length < 2 || !pattern.text.endsWith('\n')) return undefined;
  const patternKeys = pattern.tokens.map(keyOf);
  // One slot: every line equals the pattern except one token position.
  let slot = -1;
  for (const line of all) {
    if (line.tokens.length !== pattern.tokens.length) return undefined;
    for (let t = 0; t < patternKeys.length; t++) {
      const token = line.tokens[t];
      if (token === undefined) return undefined;
      if (keyOf(token) === patternKeys[t]) continue;
      if (token.parts.some((part) => typeof part !== 'string') || pattern.tokens[t]?.parts.some((part) => typeof part !== 'string')) return undefined;
      if (slot === -1) slot = t;
      else if (slot !== t) return undefined;
    }
  }
  if (slot === -1) return undefined;
  for (let t = 0; t < patternKeys.length; t++) {
    if (t !== slot && !compatible(all.map((line) => line.tokens[t]).filter((token): token is Token => token !== undefined))) return undefined;
  }
  const values = new Array<string[] | undefined>(count).fill(undefined);
  for (const id of ids) values[id] = (region.get(id) ?? []).map((line) => line.tokens[slot]?.text ?? '');
  const hint = hintWord(literalText(pattern.tokens.slice(0, slot)).split(/[^A-Za-z0-9_$]+/).reverse().join(' '));
  const param = registry.itemsParam(values, hint);
  const body: Piece[] = [];
  pattern.tokens.forEach((token, t) => {
    if (t === slot) body.push({ t: 'item' });
    else body.push(...tokenPieces([all.map((line) => line.tokens[t]).filter((x): x is Token => x !== undefined)], where));
  });
  return [{ t: 'each', param, body, lines: true }];
}
