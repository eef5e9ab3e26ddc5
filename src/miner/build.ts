/**
 * Steps 3 to 5: from members whose name occurrences are marked, build the template IR.
 *
 * Files are matched across members by their abstracted path (a "role", see roleKey; what differs in
 * the paths of one role becomes a path param). Within a role, lines are aligned center-star: each
 * member against the center member (the one most like the others) by a longest common subsequence
 * over line keys. A center line every member matches is constant; what lies between two constant
 * lines is a region, classified as:
 * - the same in every member: constant;
 * - one line (or the same number of lines) that differs by a few tokens: the lines are aligned
 *   token by token and what differs becomes a value param (`{{pageSize}}`; a quoted string is one
 *   value whole, its default written from the name), an optional part (`{{#if hasAsync}}`), or,
 *   for code holding the name, an inline alternative;
 * - lines all following one pattern in varying number: `{{#each items}}`;
 * - present in some members only: `{{#if flag}}` (an optional block);
 * - lines alike in every member (a varying value in each): aligned token by token, cutting the
 *   region around them;
 * - otherwise one variant per group of members: `{{#if a}}…{{else if b}}…{{else}}…{{/if}}`, the most
 *   common variant last (what a new member gets).
 * Every choice is recorded per member, so rendering each member's params gives it back; params
 * that vary together are linked at the end (link-flags.ts); the params are collected and named in
 * registry.ts, labels and keys written from the name are key-params.ts's.
 *
 * This module finds the roles and the center and puts each file together; the steps are their
 * own modules: a region's alignment (regions.ts), one line token by token (inline-line.ts),
 * repeated items (repeat-region.ts), variants (variant-blocks.ts), lists of items (item-set.ts),
 * paths (path-pieces.ts). What they share (the registry, keys, grouping, line shapes) is
 * build-scope.ts's.
 */
import { words } from '../render/case.js';
import { lcsPairs } from './lcs.js';
import type { Line, Token } from './tokenize.js';
import { flagMembers } from './branches.js';
import { spreadValues } from './spread-values.js';
import { itemsFollowFlags } from './items-follow-flags.js';
import { withArticles } from './name-literals.js';
import { occurrenceClass } from './variants.js';
import { byString } from '../util/text.js';
import type { Built, BuildOptions, BuiltFile, MemberFile, MinedMember } from './ir.js';
import { linkFlags } from './link-flags.js';
import { keyNames, keyPaths, labelAndKeyParams } from './key-params.js';
import { Registry } from './registry.js';
import { buildKeys, buildScope } from './build-scope.js';
import { pathPieces } from './path-pieces.js';
import { cutRegion, lineWeight } from './regions.js';
import { literalText } from './token-text.js';

/**
 * Which file of the template a member's file is: its path with the name reduced to its case class,
 * singular and plural alike (`clients/clients.service.ts` and `company/company.service.ts`), and
 * numbers to `#` (`2025_03_29_071754_create_users_table.php`). What still differs between the
 * members of a role (a timestamp, a plural folder) becomes a param of the path. Coarse even when
 * strict: two roles rendering one path would write the same file twice.
 */
export const roleKey = (tokens: readonly Token[], location?: readonly [number, number]): string =>
  tokens
    .map((token) =>
      location !== undefined && token.start >= location[0] && token.start < location[1]
        ? '\u0003'
        : /^\p{N}+$/u.test(token.text)
        ? '#'
        : token.parts.map((part) => (typeof part === 'string' ? part : `\u0001${occurrenceClass(part)}${part.forms[0]?.slice ?? ''}\u0002`)).join(''),
    )
    .join('');

/** Builds the IR of every file. `members` are in member order. */
export function buildTemplate(members: readonly MinedMember[], options: BuildOptions, entityParam: string): Built {
  const count = members.length;
  const names = members.map((member) => member.name);
  const { lineKey } = buildKeys(options.strict);
  const pathKey = (file: MemberFile) => roleKey(file.pathTokens, file.location);
  // YAML lines, whose plain values are one element of their shape (see line-shapes.ts).
  const yamlLines = new WeakSet<Line>(members.flatMap((member) => member.files.filter((file) => YAML_PATH.test(file.path)).flatMap((file) => file.lines)));

  // Roles: files matched across members by abstracted path.
  const roles = new Map<string, Map<number, MemberFile>>();
  members.forEach((member, m) => {
    for (const file of member.files) {
      let key = pathKey(file);
      while (roles.get(key)?.has(m) === true) key += '#';
      const role = roles.get(key) ?? new Map<number, MemberFile>();
      role.set(m, file);
      roles.set(key, role);
    }
  });

  // The center: the member most like the others over all roles.
  const lineKeys = new Map<MemberFile, string[]>();
  const keysOf = (file: MemberFile) => {
    let keys = lineKeys.get(file);
    if (keys === undefined) {
      keys = file.lines.map(lineKey);
      lineKeys.set(file, keys);
    }
    return keys;
  };
  const score = new Array<number>(count).fill(0);
  const pairScore = new Map<string, number>();
  for (const role of roles.values()) {
    const ids = [...role.keys()];
    for (const a of ids) {
      for (const b of ids) {
        if (b <= a) continue;
        const fa = role.get(a);
        const fb = role.get(b);
        if (fa === undefined || fb === undefined) continue;
        const common = lcsPairs(keysOf(fa), keysOf(fb)).length;
        pairScore.set(`${a}:${b}`, common);
        score[a] = (score[a] ?? 0) + common + 1;
        score[b] = (score[b] ?? 0) + common + 1;
      }
    }
  }
  let center = 0;
  score.forEach((value, m) => {
    if (value > (score[center] ?? 0)) center = m;
  });

  // Members from the most typical to the least.
  const rank = new Map(
    [...score.keys()].sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0) || a - b).map((m, position) => [m, position]),
  );
  const registry = new Registry(count, center, entityParam);
  const scope = buildScope(names, options, registry, rank, yamlLines);
  const { share, zipLines, compatible } = scope;
  // The folders that locate each member's folder (MemberFile.location), without the last slash.
  const locationOf = members.map((member) => {
    const file = member.files.find((candidate) => candidate.location !== undefined);
    return file?.location === undefined ? undefined : file.path.slice(file.location[0], file.location[1] - 1);
  });

  const files: BuiltFile[] = [];
  const roleEntries = [...roles.entries()].sort(([a], [b]) => byString(a, b));
  for (const [, role] of roleEntries) {
    const ids = [...role.keys()].sort((a, b) => a - b);
    // The role's center: the global center if it has the file, else the member most like the others.
    let centerId = ids.includes(center) ? center : (ids[0] ?? 0);
    if (!ids.includes(center)) {
      let best = -1;
      for (const a of ids) {
        let total = 0;
        for (const b of ids) if (a !== b) total += pairScore.get(a < b ? `${a}:${b}` : `${b}:${a}`) ?? 0;
        if (total > best) {
          best = total;
          centerId = a;
        }
      }
    }
    const centerFile = role.get(centerId);
    if (centerFile === undefined) continue;
    const where = centerFile.path;

    // Path pieces.
    let path = pathPieces(scope, locationOf, ids, (id) => role.get(id)?.pathTokens ?? [], centerId, where, centerFile.location);
    if (ids.length < count) {
      // Words of the file name, the entity name left out.
      const baseWords = (file: MemberFile | undefined) => {
        const tokens = file?.pathTokens ?? [];
        let slash = tokens.length - 1;
        while (slash >= 0 && tokens[slash]?.text !== '/') slash--;
        return words(literalText(tokens.slice(slash + 1))).map((word) => word.toLowerCase());
      };
      const words_ = baseWords(centerFile);
      const others = roleEntries.filter(([, other]) => other !== role).map(([, other]) => baseWords([...other.values()][0]));
      const distinct = words_.filter((word) => !others.some((other) => other.includes(word)));
      const hint = (distinct.length > 0 ? distinct : words_.slice(-1)).join(' ');
      const isDefault = ids.length * 2 > count || (ids.length * 2 === count && ids.includes(center));
      const flag = registry.flag(ids, isDefault, 'has', hint, `file ${where} exists in ${share(ids, count)}`);
      path = [{ t: 'if', flag, then: path, else: [], lines: false }];
    }

    // Content pieces: lines aligned against the role's center.
    const centerLines = centerFile.lines;
    const centerKeys = keysOf(centerFile);
    const matches = new Map<number, Int32Array>();
    for (const id of ids) {
      if (id === centerId) continue;
      const file = role.get(id);
      if (file === undefined) continue;
      const match = new Int32Array(centerLines.length).fill(-1);
      for (const [i, j] of lcsPairs(centerKeys, keysOf(file), lineWeight)) match[i] = j;
      matches.set(id, match);
    }
    const at = (id: number, i: number) => (id === centerId ? i : (matches.get(id)?.[i] ?? -1));
    const lineOf = (id: number, i: number) => role.get(id)?.lines[i];
    const stable = (i: number) => {
      if (!ids.every((id) => at(id, i) >= 0)) return false;
      const lines = ids.map((id) => lineOf(id, at(id, i))).filter((line): line is Line => line !== undefined);
      return (lines[0]?.tokens ?? []).every((_, t) => compatible(lines.map((line) => line.tokens[t]).filter((x): x is Token => x !== undefined)));
    };
    const fileLines = new Map<number, readonly Line[]>(ids.map((id) => [id, role.get(id)?.lines ?? []]));
    const content = cutRegion(scope, ids, fileLines, centerLines, centerId, where, -1, centerLines.map((_, i) => stable(i)), at, (i) =>
      zipLines(ids.map((id) => lineOf(id, at(id, i))).filter((line): line is Line => line !== undefined).map((line) => [line]), where),
    );
    const crlfIds = ids.filter((id) => role.get(id)?.windowsLineEnds === true);
    const windowsLineEnds =
      crlfIds.length === 0
        ? undefined
        : crlfIds.length === ids.length
          ? true
          : registry.flag(crlfIds, crlfIds.length * 2 > ids.length, 'windows', 'lineEnds', `${where} has Windows line ends (CRLF) in ${share(crlfIds, ids.length)}`, { apart: 'crlf:' });
    files.push({
      path,
      content: withArticles(content, ids.map((id) => names[id] ?? ''), (param) => registry.templateOf(param)),
      members: ids,
      centerPath: where,
      ...(windowsLineEnds === undefined ? {} : { windowsLineEnds }),
    });
  }
  const flags = flagMembers(registry.params);
  const keys = new Set<string>();
  const tables = new Set<string>();
  const labelled = files.map((file) => ({ ...file, content: labelAndKeyParams(file.content, file.members, registry, names, flags, keys, tables) }));
  const keyed = keyNames(keyPaths(labelled, registry.params, keys, tables, names), registry.params, keys, names, flags);
  const spread = spreadValues(keyed.files, keyed.params, count);
  const listed = itemsFollowFlags(spread, keyed.params, count) ?? { files: spread, params: keyed.params };
  return { files: listed.files, params: linkFlags(listed.params, count, listed.files), conflicts: registry.conflicts, center };
}

/** YAML files (a template's own `.hbs` suffix aside). */
const YAML_PATH = /\.ya?ml(?:\.hbs)?$/iu;
