/** What the miner refuses before it mines: examples it cannot read as files, and files that are no family. */
import { WoptError } from '../errors.js';
import { roleKey } from './build.js';
import { minerErrors } from './errors.js';
import type { MinedMember } from './ir.js';
import { lcsPairs } from './lcs.js';
import { groupBy } from '../util/collect.js';
import type { Example } from './types.js';

/** The least mean share of common lines between members that still makes a family. */
const MIN_SHARED_LINES = 0.1;

/** Refuses examples that are no list of distinct files with relative paths. */
export function checkExamples(examples: readonly Example[]): void {
  if (examples.length === 0) throw minerErrors.noExamples();
  const seen = new Set<string>();
  for (const example of examples) {
    if (typeof example.path !== 'string' || typeof example.content !== 'string') {
      throw new WoptError('E_INVALID_INPUT', 'Every example needs a string `path` and a string `content`. Pass {path, content} objects.');
    }
    if (example.path === '' || example.path.startsWith('/') || example.path.includes('\\') || example.path.split('/').some((part) => part === '..' || part === '')) {
      throw new WoptError('E_INVALID_INPUT', `Example path ${JSON.stringify(example.path)} is not a relative "/"-separated path. Pass paths relative to the project root.`, {
        path: example.path,
      });
    }
    if (seen.has(example.path)) {
      throw new WoptError('E_INVALID_INPUT', `Example ${JSON.stringify(example.path)} is given twice. Pass each file once.`, { path: example.path });
    }
    seen.add(example.path);
  }
}

/** How many other files each file of a large family is measured against (see checkFamily). */
const FAMILY_CHECK_NEIGHBOURS = 6;

/** Refuses examples that share no structure. */
export function checkFamily(members: readonly MinedMember[], allPaths: readonly string[]): void {
  if (members.length < 2) return;
  const roles = groupBy(
    members.flatMap((member, m) => member.files.map((file) => ({ m, file }))),
    ({ file }) => roleKey(file.pathTokens, file.location),
  );
  const shared = [...roles.values()].filter((inRole) => new Set(inRole.map(({ m }) => m)).size >= 2);
  if (shared.length === 0) {
    throw minerErrors.notAFamily(
      `no file path is shared by two members once their names are abstracted (members ${members.map((member) => JSON.stringify(member.key)).join(', ')}, read as ${members.map((member) => member.name).join(', ')})`,
      allPaths,
    );
  }
  // Contents: the mean share of common lines between members over shared files.
  let total = 0;
  let pairs = 0;
  for (const inRole of shared) {
    const files = inRole.map(({ file }) => file);
    // Every pair in a small family; in a large one each file beside the next few, so the measure
    // grows with the members instead of with their square (165 members: 13,530 pairs, against 990).
    const partners = files.length <= FAMILY_CHECK_NEIGHBOURS * 2 ? files.length - 1 : FAMILY_CHECK_NEIGHBOURS;
    for (let a = 0; a < files.length; a++) {
      for (let step = 1; step <= partners; step++) {
        const b = files.length <= FAMILY_CHECK_NEIGHBOURS * 2 ? a + step : (a + step) % files.length;
        if (b >= files.length) break;
        const fa = files[a];
        const fb = files[b];
        if (fa === undefined || fb === undefined) continue;
        const longest = Math.max(fa.lines.length, fb.lines.length);
        const common = lcsPairs(
          fa.lines.map((line) => line.key),
          fb.lines.map((line) => line.key),
        ).length;
        let ratio = longest === 0 ? 1 : common / longest;
        if (ratio < 0.5 && longest <= 40) {
          // Short files: compare tokens, since one differing literal makes a whole line differ.
          // Words only: brackets and semicolons are shared by any two files of one language.
          const words = (file: typeof fa): string[] => file.lines.flatMap((line) => line.tokens.filter((token) => /[\p{L}\p{N}]/u.test(token.text)).map((token) => token.key));
          const ta = words(fa);
          const tb = words(fb);
          ratio = Math.max(ratio, lcsPairs(ta, tb).length / Math.max(1, ta.length, tb.length));
        }
        total += ratio;
        pairs++;
      }
    }
  }
  // Real families can be loose: public route modules and UI components measured 12-46% (two
  // families of files copied from each other, 80-90%). Below a tenth there is nothing to mine.
  if (pairs > 0 && total / pairs < MIN_SHARED_LINES) {
    throw minerErrors.notAFamily(`their contents have almost no lines in common (${((100 * total) / pairs).toFixed(1)}% on average, at least ${100 * MIN_SHARED_LINES}% is needed)`, allPaths);
  }
}
