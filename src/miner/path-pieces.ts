/** The pieces of a role's path (see pathPieces). */
import type { BuildScope } from './build-scope.js';
import type { Piece } from './emit.js';
import type { Token } from './tokenize.js';

/**
 * The pieces of one role's path (`tokensOf`: each member's path tokens, as many for every member
 * since they share a role key). Where the members differ (a timestamp, a sequence number, a
 * plural folder beside singular ones), the differing run, with the separators inside it, is one
 * value param: what a new member passes (`--set timestamp=...`), by default the most common
 * variant, its name written for the new member.
 * `locationOf`: the folders that locate each member's folder (MemberFile.location), without the last slash.
 */
export function pathPieces(
  scope: BuildScope,
  locationOf: readonly (string | undefined)[],
  ids: readonly number[],
  tokensOf: (id: number) => readonly Token[],
  centerId: number,
  where: string,
  location?: readonly [number, number],
): Piece[] {
  const { count, registry, tokenPieces, groupsOf } = scope;
  const centerTokens = tokensOf(centerId);
  // A member's location is a param of every path, even of a file one member has.
  const located = (k: number) => location !== undefined && (centerTokens[k]?.start ?? -1) >= location[0] && (centerTokens[k]?.start ?? -1) < location[1] - 1;
  const column = (t: number) => ids.map((id) => tokensOf(id)[t]).filter((token): token is Token => token !== undefined);
  const agrees = (t: number) => groupsOf(ids, (id) => tokensOf(id).slice(t, t + 1)).length === 1;
  // The runs that vary: differing tokens, single separators between two of them, and the numbers
  // joined to a differing number (`2025_03_29_071754` whole, though every member has `2025`).
  const isNumber = (k: number) => /^\p{N}+$/u.test(centerTokens[k]?.text ?? '');
  const isSeparator = (k: number) => /^[-_.]$/.test(centerTokens[k]?.text ?? '');
  const varies = centerTokens.map((_, k) => located(k) || !agrees(k));
  for (let k = 0; k < varies.length; k++) {
    if (!varies[k] || !isNumber(k)) continue;
    for (let left = k; left >= 2 && isSeparator(left - 1) && isNumber(left - 2); left -= 2) varies[left - 1] = varies[left - 2] = true;
    for (let right = k; right + 2 < varies.length && isSeparator(right + 1) && isNumber(right + 2); right += 2) varies[right + 1] = varies[right + 2] = true;
  }
  for (let k = 1; k + 1 < varies.length; k++) if (!varies[k] && isSeparator(k) && varies[k - 1] === true && varies[k + 1] === true) varies[k] = true;
  const pieces: Piece[] = [];
  let t = 0;
  while (t < centerTokens.length) {
    if (varies[t] !== true) {
      pieces.push(...tokenPieces([column(t)], `path of ${where}`, where));
      t++;
      continue;
    }
    let end = t + 1;
    while (end < centerTokens.length && varies[end] === true) end++;
    const runOf = (id: number) => tokensOf(id).slice(t, end);
    const values = new Array<string | undefined>(count).fill(undefined);
    for (const id of ids) values[id] = runOf(id).map((token) => token.text).join('');
    if (located(t) && located(end - 1) && !located(t - 1) && !located(end)) locationOf.forEach((text, m) => (values[m] = text));
    const groups = groupsOf(ids, runOf).sort((a, b) => b.length - a.length || Number(b.includes(centerId)) - Number(a.includes(centerId)) || (a[0] ?? 0) - (b[0] ?? 0));
    const lead = groups[0] ?? [centerId];
    const template = tokenPieces(
      runOf(lead[0] ?? centerId).map((_, k) => lead.map((id) => runOf(id)[k]).filter((token): token is Token => token !== undefined)),
      `path of ${where}`,
      where,
    );
    const text = values[centerId] ?? '';
    const digits = text.replace(/\P{N}/gu, '').length;
    const hint = /^[\p{N}_.-]+$/u.test(text) ? (digits >= 8 ? 'timestamp' : 'number') : centerTokens.slice(end).some((token) => token.text === '/') ? 'folder' : 'file name';
    pieces.push({ t: 'value', param: registry.value(values, hint, lead[0] ?? centerId, template) });
    t = end;
  }
  return pieces;
}
