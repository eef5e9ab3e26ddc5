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
 */
import { words } from '../render/case.js';
import { type Piece } from './emit.js';
import { chooseForm, ruledForm, usesPackageFolders, usesSnakeFileNames } from './forms.js';
import { alikePairs, lcsPairs } from './lcs.js';
import { lineEditDistance } from './score.js';
import type { Line, Token, TokenOccurrence } from './tokenize.js';
import { flagMembers } from './branches.js';
import { IMPORT_LEAD } from './sorted-runs.js';
import { spreadValues } from './spread-values.js';
import { itemsFollowFlags } from './items-follow-flags.js';
import { articleOf, gluedName, sliceForm, withArticles, type SliceMatch } from './name-literals.js';
import { CASE_HELPERS, caseClass, formKey, occurrenceClass, spell, type NameForm } from './variants.js';
import { byString, isSpaces } from '../util/text.js';
import type { Built, BuildOptions, BuiltFile, MemberFile, MinedMember } from './ir.js';
import { linkFlags } from './link-flags.js';
import { keyNames, keyPaths, labelAndKeyParams } from './key-params.js';
import { hintWord, Registry } from './registry.js';
import { declaredHint, placeHint } from './context-hints.js';

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


/** An occurrence of the name at token `t`, part `p` of a line, and the forms a group allows there. */
interface FormSlot {
  readonly t: number;
  readonly p: number;
  readonly forms: readonly string[];
}

/** The keys of an occurrence's forms, computed once: the alignment asks for them member by member. */
const formKeysCache = new WeakMap<TokenOccurrence, ReadonlySet<string>>();
function formKeysOf(occurrence: TokenOccurrence): ReadonlySet<string> {
  let keys = formKeysCache.get(occurrence);
  if (keys === undefined) {
    keys = new Set(occurrence.forms.map(formKey));
    formKeysCache.set(occurrence, keys);
  }
  return keys;
}

/** A line with every run of spaces or tabs after its indentation written as one space. */
const unpadded = (line: string): string => line.replace(/(\S)[ \t]+/gu, '$1 ');


/**
 * Whether a run closes every bracket and string it opens, and opens every one it closes: brackets
 * in code, and the quotes that delimit strings (another kind of quote inside a string, or one
 * between two words of it, is its text).
 */
function balanced(run: readonly Token[]): boolean {
  const open: string[] = [];
  let quote: string | undefined;
  for (const [k, token] of run.entries()) {
    if (token.kind === 'string' && (token.text === "'" || token.text === '"' || token.text === '`')) {
      // A quote between two parts of a string's text is its text (`user's`), not its end.
      if (run[k - 1]?.kind === 'string' && run[k + 1]?.kind === 'string') continue;
      if (quote === undefined) quote = token.text;
      else if (quote === token.text) quote = undefined;
      continue;
    }
    if (token.kind !== 'code') continue;
    for (const char of token.text) {
      const closer = CLOSER_OF.get(char);
      if (closer !== undefined) open.push(closer);
      else if (CLOSING.has(char) && open.pop() !== char) return false;
    }
  }
  return open.length === 0 && quote === undefined;
}

/**
 * Unmarks the stable tokens of a line that would cut a bracket or a quote from its partner in some
 * member's varying text: with `formatPrice(product` on one side of a stable `.` and `price)` on
 * the other, each side takes its default from a different member and the line a new member gets
 * does not parse (`{order.price)}`, `queryByText(user.99')`). The runs between the seams left
 * close what they open.
 */
function balanceSeams(stableAt: boolean[], ids: readonly number[], between: (id: number, a: number, b: number) => readonly Token[]): void {
  let previous = -1;
  for (let i = 0; i < stableAt.length; i++) {
    if (stableAt[i] !== true) continue;
    if (ids.every((id) => balanced(between(id, previous, i)))) previous = i;
    else stableAt[i] = false;
  }
}

/** The most tokens a region's lines may have for inlineCore (see buildTemplate) to try its members. */
const INLINE_CORE_TOKENS = 400;

/** How alike two lines must be (see likeness in buildTemplate) to be one line with varying parts. */
const ALIKE = 0.6;

/** The brackets of a list a line may hold as one value (see listEnd in buildTemplate), opening to closing. */
const LIST_BRACKETS: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
]);

/** Brackets of all kinds, whose commas are not a list's own (`({ a, b })` is one item). */
const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
const OPENING = new Set(CLOSER_OF.keys());
const CLOSING = new Set(CLOSER_OF.values());

/** Tokens read back for a value's hint before the whole line is (see hintBefore in buildTemplate). */
const HINT_WINDOW = 24;
/** A Markdown file's path (see placeHint), as the alignment's `where` names it. */
const MARKDOWN_PATH = /\.(?:md|mdx|markdown)(?:\s|$)/iu;


/** The letter class each case helper writes a name of several words in. */
const HELPER_CASE = new Map(CASE_HELPERS.map((helper) => [helper, caseClass(spell('Probe Word', { helper, plural: false }))]));

/**
 * A run of code that reads as one value: an identifier, a dotted or slashed path, a number
 * (`IRouterStore`, `user.profile`, `v2`), nothing with spaces, brackets or operators.
 */
const isSimpleValue = (run: readonly Token[]): boolean => run.length > 0 && /^[\p{L}\p{N}_$][\p{L}\p{N}_$./-]*$/u.test(run.map((token) => token.text).join(''));

/** A token that joins the parts of a prose word (`aarch64-apple-darwin`, `1.0.5`). */
const isJoiner = (text: string): boolean => /^[-._/:@]$/u.test(text);
/** What ends a prose word (see wordEnd in buildTemplate): whitespace, brackets, quotes, `,`, `*`… */
const isWordBoundary = (text: string): boolean => !isJoiner(text) && !/^[\p{L}\p{N}_$]+$/u.test(text);

/**
 * A token's key for matching the tokens of two lines (`key`: its key as the build reads it): a space
 * inside a string is not a space between code tokens (`Short: "backup",` beside
 * `Short:   "backs up db schema",`: the space after the colon is not the one after `backs`), or the
 * string's opening quote goes unmatched and the string is cut in pieces a new member gets with one
 * quote.
 */
export const matchKey = (token: Token, key: string): string => (token.kind === 'string' && token.text.trim() === '' ? `\u0004${key}` : key);

/** A token holding no part of the name. */
const isPlain = (token: Token): boolean => token.parts.every((part) => typeof part === 'string');
/** Tokens holding a part of the name somewhere. */
const hasName = (tokens: readonly Token[]): boolean => tokens.some((token) => !isPlain(token));

/** A line's first word with the indent before it (`    case`): lines of one list open alike. */
const openingWord = (line: Line | undefined): string | undefined => (line === undefined ? undefined : /^\s*[^\s]+/u.exec(line.text)?.[0]);


/** The text of a run of tokens, as written. */
const tokensText = (tokens: readonly Token[]): string => tokens.map((token) => token.text).join('');

/** Line weight in alignments: a line with a word or a number outweighs blank lines and lone braces. */
const lineWeight = (key: string): number => (/[\p{L}\p{N}]/u.test(key) ? 2 : 1);

const literalText = (tokens: readonly Token[]): string =>
  tokens.map((token) => token.parts.map((part) => (typeof part === 'string' ? part : ' ')).join('')).join('');

/**
 * For each member, a measure summed over every other member (their lines compared): computed once
 * per pair of distinct line sequences, weighted by how many members write each, since members of a
 * large family mostly write a region alike (165 members: a few sequences, not 27,000 pairs).
 */
function sumsOverOthers(ids: readonly number[], keysOf: (id: number) => readonly string[], measure: (a: readonly string[], b: readonly string[]) => number): Map<number, number> {
  const bySequence = new Map<string, { keys: readonly string[]; count: number }>();
  const sequenceOf = new Map<number, string>();
  for (const id of ids) {
    const keys = keysOf(id);
    const sequence = JSON.stringify(keys);
    sequenceOf.set(id, sequence);
    const entry = bySequence.get(sequence);
    if (entry === undefined) bySequence.set(sequence, { keys, count: 1 });
    else entry.count++;
  }
  const totalOf = new Map<string, number>();
  for (const [sequence, { keys, count }] of bySequence) {
    let total = 0;
    for (const [other, entry] of bySequence) total += other === sequence ? (count - 1) * measure(keys, keys) : entry.count * measure(keys, entry.keys);
    totalOf.set(sequence, total);
  }
  return new Map(ids.map((id) => [id, totalOf.get(sequenceOf.get(id) ?? '') ?? 0]));
}

/** Builds the IR of every file. `members` are in member order. */
export function buildTemplate(members: readonly MinedMember[], options: BuildOptions, entityParam: string): Built {
  const count = members.length;
  const names = members.map((member) => member.name);
  // Who has a variant, for the report: "2 of 5 members (User, Company)".
  const share = (having: readonly number[], of: number): string =>
    `${having.length} of ${of} members (${having.map((id) => names[id] ?? String(id)).join(', ')})`;
  const keyOf = (token: Token) => (options.strict ? token.strictKey : token.key);
  const lineKey = (line: Line) => (options.strict ? line.strictKey : line.key);
  const pathKey = (file: MemberFile) => roleKey(file.pathTokens, file.location);
  // YAML lines, whose plain values are one element of their shape (see shapeOf).
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

  /** `pathOf`: the file whose path the occurrences are in (its language names its folders and files). */
  const resolveName = (occurrences: readonly TokenOccurrence[], where: string, pathOf?: string): Piece => {
    const first = occurrences[0];
    let forms: readonly NameForm[] = first?.forms ?? [];
    for (const occurrence of occurrences.slice(1)) {
      const allowed = new Set(occurrence.forms.map(formKey));
      const narrowed = forms.filter((form) => allowed.has(formKey(form)));
      if (narrowed.length === 0) {
        registry.conflicts.push(`${where}: "${first?.text ?? ''}" and "${occurrence.text}" are no one case form of their names`);
        break;
      }
      forms = narrowed;
    }
    const snakeFiles = pathOf !== undefined && usesSnakeFileNames(pathOf);
    return { t: 'name', form: chooseForm(forms, first?.before ?? '', first?.after ?? '', first?.prose ?? false, snakeFiles, {
        packageFolders: pathOf !== undefined && usesPackageFolders(pathOf),
        packageCode: first?.packageCode,
        snakeCode: first?.snakeCode,
        kebabCode: first?.kebabCode,
        next: first?.next,
        lead: first?.lead,
        comment: first?.comment,
        stringForm: first?.stringForm,
        settled: first?.settled,
      }) };
  };

  /** Pieces for aligned tokens: column i holds the i-th token of every member (same keys). */
  const tokenPieces = (columns: readonly (readonly Token[])[], where: string, pathOf?: string): Piece[] => {
    const pieces: Piece[] = [];
    for (const column of columns) {
      const lead = column[0];
      if (lead === undefined) continue;
      lead.parts.forEach((part, p) => {
        if (typeof part === 'string') pieces.push({ t: 'text', text: part });
        else pieces.push(resolveName(column.map((token) => token.parts[p] as TokenOccurrence), where, pathOf));
      });
    }
    return pieces;
  };

  /** Pieces for aligned lines: `lines[m]` are member m's lines (same keys for every member). */
  const zipLines = (lines: readonly (readonly Line[])[], where: string): Piece[] => {
    const lead = lines[0] ?? [];
    const pieces: Piece[] = [];
    lead.forEach((line, l) => {
      const columns = line.tokens.map((_, t) => lines.map((memberLines) => memberLines[l]?.tokens[t]).filter((token): token is Token => token !== undefined));
      pieces.push(...tokenPieces(columns, `${where} line ${line.number}`));
    });
    return pieces;
  };

  /** Each occurrence of the name in a member's tokens, with the keys of the forms it may take. */
  const slotsOf = (tokens: readonly Token[]): FormSlot[] =>
    tokens.flatMap((token, t) => token.parts.flatMap((part, p) => (typeof part === 'string' ? [] : [{ t, p, forms: [...formKeysOf(part)] }])));
  /** The slots narrowed to the forms another member's tokens (of equal keys) allow too, or undefined when none is left at one. */
  const narrow = (slots: readonly FormSlot[], tokens: readonly Token[]): FormSlot[] | undefined => {
    if (options.strict) return [...slots];
    const out: FormSlot[] = [];
    for (const slot of slots) {
      const other = tokens[slot.t]?.parts[slot.p];
      if (other === undefined || typeof other === 'string') return undefined;
      const allowed = formKeysOf(other);
      const forms = slot.forms.filter((form) => allowed.has(form));
      if (forms.length === 0) return undefined;
      out.push({ ...slot, forms });
    }
    return out;
  };

  /** Whether token lists of equal keys (one per member) allow one form of the name at each occurrence. */
  const fits = (lists: readonly (readonly Token[])[]): boolean => {
    const [lead, ...rest] = lists;
    if (lead === undefined || options.strict) return true;
    let slots: readonly FormSlot[] | undefined = slotsOf(lead);
    for (const list of rest) {
      if (slots === undefined || slots.length === 0) break;
      slots = narrow(slots, list);
    }
    return slots !== undefined;
  };
  /** Whether tokens in one column (one per member) allow one form of the name at each occurrence. */
  const compatible = (tokens: readonly Token[]): boolean =>
    tokens[0] === undefined || tokens[0].parts.every((part) => typeof part === 'string') || fits(tokens.map((token) => [token]));

  /**
   * Whether a group's forms of the name include, at every occurrence, the helper the context rules
   * would pick were every helper possible there (words in prose, kebab-case beside a `-`...): of two
   * equally large groups, the one written the natural way is what a new member follows.
   */
  const natural = (lists: readonly (readonly Token[])[]): boolean =>
    (lists[0] ?? []).every((lead, t) =>
      lead.parts.every((part, p) => {
        if (typeof part === 'string') return true;
        const plural = part.forms[0]?.plural ?? false;
        const slice = part.forms[0]?.slice;
        const caseOf = occurrenceClass(part);
        const any = CASE_HELPERS.filter((helper) => HELPER_CASE.get(helper) === caseOf).map((helper) => ({ helper, plural, slice }));
        const ruled = ruledForm(any, part.before, part.after, part.prose, false, part);
        if (ruled === undefined) return true;
        return lists.every((list) => {
          const other = list[t]?.parts[p];
          return typeof other === 'object' && other.forms.some((form) => form.helper === ruled.helper);
        });
      }),
    );

  /**
   * Members grouped by what they hold at one place (`tokensOf`: their tokens there): equal keys, and
   * forms of the name that one case helper spells for all of the group (`a map`, `a set` against
   * `a regexp` and `a typed array`), so a disagreement splits the place into variants instead of
   * failing the whole template. Each group is the largest left (ties: the natural one, then the one
   * led by the most typical member). Groups come in member order.
   */
  const groupsOf = (ids: readonly number[], tokensAt: (id: number) => readonly Token[]): number[][] => {
    const left = [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const tokens = new Map(left.map((id) => [id, tokensAt(id)]));
    const tokensOf = (id: number): readonly Token[] => tokens.get(id) ?? [];
    const keys = new Map(left.map((id) => [id, tokensOf(id).map(keyOf).join('')]));
    // Every member the same: one group, without trying seeds (the common case, on every line).
    if (new Set(keys.values()).size === 1 && fits(left.map(tokensOf))) return [[...ids].sort((a, b) => a - b)];
    const groups: number[][] = [];
    // Seeds that allow the same forms everywhere grow the same group: each is tried once (a large
    // family's members mostly write a line alike, and trying every seed against every member was
    // most of the time of mining one).
    const seedClass = new Map(left.map((id) => [id, `${keys.get(id) ?? ''}\u0000${slotsOf(tokensOf(id)).map((slot) => [...slot.forms].sort().join(',')).join(';')}`]));
    while (left.length > 0) {
      let best: { members: number[]; natural: boolean } | undefined;
      const tried = new Set<string>();
      for (const seed of left) {
        const seedKey = seedClass.get(seed) ?? '';
        if (tried.has(seedKey)) continue;
        tried.add(seedKey);
        const members = [seed];
        // The forms the group still allows at each occurrence, narrowed member by member.
        let slots: readonly FormSlot[] | undefined = slotsOf(tokensOf(seed));
        for (const id of left) {
          if (id === seed || keys.get(id) !== keys.get(seed)) continue;
          const narrowed = narrow(slots, tokensOf(id));
          if (narrowed === undefined) continue;
          members.push(id);
          slots = narrowed;
        }
        const candidate = { members, natural: members.length > 1 && natural(members.map(tokensOf)) };
        if (best === undefined || members.length > best.members.length || (members.length === best.members.length && candidate.natural && !best.natural)) best = candidate;
        if (members.length === left.length) break;
      }
      const chosen = best?.members ?? [];
      groups.push(chosen.sort((a, b) => a - b));
      for (const id of chosen) left.splice(left.indexOf(id), 1);
    }
    return groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  };

  const shapes = new Map<Line, string[]>();
  const shapeOfLine = (line: Line): string[] => {
    let shape = shapes.get(line);
    if (shape === undefined) {
      shape = yamlLines.has(line) ? yamlShapeOf(line.tokens) : shapeOf(line.tokens);
      shapes.set(line, shape);
    }
    return shape;
  };
  const listShapes = new Map<Line, string[]>();
  /** A line's shape with each list of several items one element (see shapeOf): its shape when it has none. */
  const listShapeOfLine = (line: Line): string[] => {
    let shape = listShapes.get(line);
    if (shape === undefined) {
      const plain = shapeOfLine(line);
      const lists = yamlLines.has(line) || !line.tokens.some((token) => token.text === ',') ? plain : shapeOf(line.tokens, true);
      shape = lists.length === plain.length ? plain : lists;
      listShapes.set(line, shape);
    }
    return shape;
  };
  const shareOf = (a: readonly string[], b: readonly string[]): number => {
    const most = Math.max(a.length, b.length);
    return most === 0 ? 0 : lcsPairs(a, b).length / most;
  };
  /** How alike two lines are: the share of their shapes (see shapeOf) in common, 0 to 1. */
  const likeness = (a: Line, b: Line): number => shareOf(shapeOfLine(a), shapeOfLine(b));
  /**
   * Whether two lines are one line with varying parts: alike (see likeness), or alike with their
   * lists as one element each (lines listing different items). Token by token first: a list read
   * as one element hides the items two lines share (`(set, get) => ({` beside `(set) => ({`).
   */
  const oneLine = (a: Line, b: Line): boolean => {
    if (likeness(a, b) >= ALIKE) return true;
    const listsA = listShapeOfLine(a);
    const listsB = listShapeOfLine(b);
    return (listsA !== shapeOfLine(a) || listsB !== shapeOfLine(b)) && shareOf(listsA, listsB) >= ALIKE;
  };

  /**
   * Each member's lines matched to the center's where they are alike (likeness of 0.6 or more), in
   * order, the most alike overall; undefined for regions too large to compare line by line.
   */
  const alikeMatches = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, center: number): Map<number, Int32Array> | undefined => {
    const centerLines = region.get(center) ?? [];
    const matches = new Map<number, Int32Array>();
    for (const id of ids) {
      if (id === center) continue;
      const lines = region.get(id) ?? [];
      if (centerLines.length * lines.length > 10_000) return undefined;
      matches.set(id, alikePairs(centerLines, lines, likeness, ALIKE));
    }
    return matches;
  };

  /**
   * A line's significant token keys, each quoted string (on one line) one element; with `lists`,
   * each list of several items in brackets with none inside (`permit(:title, :description)`) one
   * element too: lines listing different items are one line with a varying list (see listEnd in
   * inlineLine).
   */
  const shapeOf = (tokens: readonly Token[], lists = false): string[] => {
    const shape: string[] = [];
    for (let t = 0; t < tokens.length; t++) {
      const text = tokens[t]?.text ?? '';
      if (text.trim() === '') continue;
      const closeBracket = lists ? LIST_BRACKETS.get(text) : undefined;
      if (closeBracket !== undefined) {
        let close = t + 1;
        while (close < tokens.length && tokens[close]?.text !== closeBracket && !LIST_BRACKETS.has(tokens[close]?.text ?? '') && !(tokens[close]?.text ?? '').includes('\n')) close++;
        if (tokens[close]?.text === closeBracket && tokens.slice(t + 1, close).some((token) => token.text === ',')) {
          shape.push(`${text}…${closeBracket}`);
          t = close;
          continue;
        }
      }
      if (text === '"' || text === "'" || text === '`') {
        let close = t + 1;
        while (close < tokens.length && tokens[close]?.text !== text && tokens[close]?.text !== '\n') close++;
        if (close < tokens.length && tokens[close]?.text === text) {
          shape.push(`${text}…${text}`);
          t = close;
          continue;
        }
      }
      shape.push(keyOf(tokens[t] as Token));
    }
    return shape;
  };

  /**
   * A YAML line's shape: a `key: value` line whose value is a plain scalar (`name: API Gateway`,
   * `image: bookstore-webapp`) is its key and one element for the value, as a quoted string is one
   * element: two such lines with the same key are one line with a varying value, however its words
   * differ.
   */
  const yamlShapeOf = (tokens: readonly Token[]): string[] => {
    const colon = tokens.findIndex((token) => token.text === ':');
    const value = tokens.slice(colon + 1);
    const valueText = tokensText(value).trim();
    const keyText = tokensText(tokens.slice(0, colon)).trim();
    if (colon < 0 || !/^(?:- )?[\w.-]+$/u.test(keyText) || !/^\s/u.test(value[0]?.text ?? '') || valueText === '' || /^["'[{|>&*#!%@`]/u.test(valueText) || valueText.includes(' #')) {
      return shapeOf(tokens);
    }
    return [...shapeOf(tokens.slice(0, colon + 1)), `${keyText}: …`];
  };

  const matchKeyOf = (token: Token): string => matchKey(token, keyOf(token));

  // Token matches between two lines, kept: inlineCore tries the same pairs in several sets.
  const lineMatches = new WeakMap<Line, WeakMap<Line, Int32Array | null>>();
  /**
   * Where each of the center line's tokens is in `line` (-1: nowhere), or undefined when the lines
   * are not alike: most of their significant tokens match, a quoted string counting as one (two
   * `"description": "…",` lines are one line with a varying value, however long the values).
   */
  const lineMatch = (centerLine: Line, line: Line, centerKeys: readonly string[]): Int32Array | undefined => {
    const known = lineMatches.get(centerLine)?.get(line);
    if (known !== undefined) return known ?? undefined;
    let match: Int32Array | null = null;
    if (oneLine(centerLine, line)) {
      match = new Int32Array(centerKeys.length).fill(-1);
      for (const [i, j] of lcsPairs(centerKeys, line.tokens.map(matchKeyOf))) match[i] = j;
    }
    const forCenter = lineMatches.get(centerLine) ?? new WeakMap<Line, Int32Array | null>();
    forCenter.set(line, match);
    lineMatches.set(centerLine, forCenter);
    return match ?? undefined;
  };

  /** Token-level alignment of one line per member; undefined when the lines are too different. */
  const inlineLine = (ids: readonly number[], lines: ReadonlyMap<number, Line>, centerId: number, where: string): Piece[] | undefined => {
    const centerLine = lines.get(centerId);
    if (centerLine === undefined) return undefined;
    const centerTokens = centerLine.tokens;
    const centerKeys = centerTokens.map(matchKeyOf);
    const matches = new Map<number, Int32Array>();
    for (const id of ids) {
      if (id === centerId) continue;
      const line = lines.get(id);
      if (line === undefined) return undefined;
      const match = lineMatch(centerLine, line, centerKeys);
      if (match === undefined) return undefined;
      matches.set(id, match);
    }
    const at = (id: number, i: number) => (id === centerId ? i : (matches.get(id)?.[i] ?? -1));
    const stable = (i: number) =>
      ids.every((id) => at(id, i) >= 0) && compatible(ids.map((id) => lines.get(id)?.tokens[at(id, i)]).filter((t): t is Token => t !== undefined));
    // Defaults come from one member's line, the most common one (ties: the most typical member), so
    // a new member gets a line that exists rather than a mix of values from different members. Lines
    // are counted as the template writes them, the name abstracted: `return userRepository.findAll();`
    // and `return storeRepository.findAll();` are one line, which three members write.
    const lineCounts = new Map<string, number>();
    const lineText = (id: number) => lines.get(id)?.strictKey ?? '';
    for (const id of ids) {
      const text = lineText(id);
      lineCounts.set(text, (lineCounts.get(text) ?? 0) + 1);
    }
    let preferred = centerId;
    for (const id of [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))) {
      if ((lineCounts.get(lineText(id)) ?? 0) > (lineCounts.get(lineText(preferred)) ?? 0)) preferred = id;
    }
    const stableAt = centerTokens.map((_, i) => stable(i));
    const tokenOf = (id: number, i: number) => lines.get(id)?.tokens[at(id, i)];
    const columnAt = (i: number) => ids.map((id) => tokenOf(id, i)).filter((t): t is Token => t !== undefined);
    /** Each member's tokens strictly between center positions `a` and `b` (-1 and length: the ends). */
    const between = (id: number, a: number, b: number): readonly Token[] => {
      const tokens = lines.get(id)?.tokens ?? [];
      return tokens.slice(a < 0 ? 0 : at(id, a) + 1, b >= centerTokens.length ? tokens.length : at(id, b));
    };
    balanceSeams(stableAt, ids, between);
    const differs = (a: number, b: number) => groupsOf(ids, (id) => between(id, a, b)).length > 1;
    /** Each member's text strictly between center positions `a` and `b`, by member index. */
    const valuesBetween = (a: number, b: number): (string | undefined)[] => {
      const values = new Array<string | undefined>(count).fill(undefined);
      for (const id of ids) values[id] = tokensText(between(id, a, b));
      return values;
    };

    /**
     * The quoted string opening at stable position `a`, when its content varies: the position of its
     * closing quote. A varying string is one value whole (a label, a route, a message: what a user
     * would pass), whose default is written from its parts.
     */
    const QUOTES = new Set(['"', "'", '`']);
    /** The quote of a run that is one string literal, opening to closing quote; else undefined. */
    const quoteOf = (run: readonly Token[]): string | undefined => {
      const text = tokensText(run);
      const quote = text[0] ?? '';
      if (!QUOTES.has(quote) || text.length < 2 || !text.endsWith(quote) || text.slice(1, -1).includes(quote)) return undefined;
      if (run[0]?.kind !== 'string' || run.at(-1)?.kind !== 'string') return undefined;
      // Code inside only as a template literal's substitutions.
      return quote === '`' || run.every((token) => token.kind === 'string') ? quote : undefined;
    };
    const stringEnd = (a: number): number | undefined => {
      const quote = centerTokens[a]?.text ?? '';
      if (!QUOTES.has(quote) || stableAt[a] !== true) return undefined;
      // An opening quote: an even number of that quote before it on the line.
      if (centerTokens.slice(0, a).filter((token) => token.text === quote).length % 2 !== 0) return undefined;
      let b = a + 1;
      while (b < centerTokens.length && centerTokens[b]?.text !== quote) b++;
      if (b >= centerTokens.length || stableAt[b] !== true) return undefined;
      const inside = ids.map((id) => between(id, a, b));
      if (inside.some((tokens) => tokens.some((token) => token.text === quote || token.text.includes('\n') || token.text === '\\'))) return undefined;
      // Long ones too (an icon's path data, 300 characters); a text of pages is no value to pass.
      if (inside.some((tokens) => tokensText(tokens).length > 2000) || !differs(a, b)) return undefined;
      return b;
    };

    /**
     * The stable position after a string literal that starts right after stable position `a` and
     * that members quote differently (`'/pet/findByStatus'` beside `` `/pet/${petId}` ``), when each
     * member has one literal there and they differ: a value whole, quotes included.
     */
    const literalEnd = (a: number): number | undefined => {
      const quote = centerTokens[a + 1]?.text ?? '';
      if (stableAt[a] !== true || !QUOTES.has(quote) || centerTokens[a + 1]?.kind !== 'string') return undefined;
      let b = a + 2;
      while (b < centerTokens.length && centerTokens[b]?.text !== quote) b++;
      b++;
      if (b > centerTokens.length || (b < centerTokens.length && stableAt[b] !== true)) return undefined;
      const inside = ids.map((id) => between(id, a, b));
      const quotes = inside.map(quoteOf);
      if (quotes.some((found) => found === undefined) || new Set(quotes).size < 2 || new Set(inside.map(tokensText)).size < 2) return undefined;
      return b;
    };

    /**
     * The prose word starting after stable position `a` (-1: the line's start), when two places or
     * more in it vary: the stable position that ends it (the line's length: its end). A word joined
     * by `-`, `.`, `_`, `/`, `:` or `@` (`aarch64-linux-android`, `1.0.5`, `eu-west-1`) is one value
     * whole, as a quoted string is: one param a user passes, rather than one per part.
     */
    const wordEnd = (a: number): number | undefined => {
      if (a >= 0 && (stableAt[a] !== true || !isWordBoundary(centerTokens[a]?.text ?? ''))) return undefined;
      let b = a + 1;
      while (b < centerTokens.length && !(stableAt[b] === true && isWordBoundary(centerTokens[b]?.text ?? ''))) b++;
      // A sentence's full stop or a trailing `/` ends the word rather than joining it.
      while (b - 1 > a && stableAt[b - 1] === true && isJoiner(centerTokens[b - 1]?.text ?? '')) b--;
      if (b === a + 1) return undefined;
      const inside = ids.map((id) => between(id, a, b));
      if (inside.some((tokens) => tokens.length === 0 || tokens.some((token) => token.kind === 'code' || isWordBoundary(token.text)))) return undefined;
      let varying = 0;
      let previous = a;
      for (let p = a + 1; p <= b; p++) {
        if (p < b && stableAt[p] !== true) continue;
        if (differs(previous, p)) varying++;
        previous = p;
      }
      return varying >= 2 ? b : undefined;
    };

    /**
     * The bracketed list opening at stable position `a` (`permit(:name)` beside
     * `permit(:title, :description, :category_id)`), when the members list different numbers of
     * items, none of them none, and no word inside is every member's: the position of its closing
     * bracket. Such a list is one value whole (the fields a scaffolder was given), not a param per
     * item the center happens to share with a few others.
     */
    const listEnd = (a: number): number | undefined => {
      const open = centerTokens[a]?.text ?? '';
      const close = LIST_BRACKETS.get(open);
      if (close === undefined || stableAt[a] !== true) return undefined;
      let depth = 0;
      let b = a;
      for (; b < centerTokens.length; b++) {
        const text = centerTokens[b]?.text;
        if (text === open) depth++;
        else if (text === close && --depth === 0) break;
      }
      if (b >= centerTokens.length || stableAt[b] !== true) return undefined;
      for (let k = a + 1; k < b; k++) if (stableAt[k] === true && /[\p{L}\p{N}]/u.test(centerTokens[k]?.text ?? '')) return undefined;
      const inside = ids.map((id) => between(id, a, b));
      if (inside.some((tokens) => tokens.some((token) => token.text.includes('\n')) || tokensText(tokens).length > 2000)) return undefined;
      const itemCount = (tokens: readonly Token[]): number => {
        let nested = 0;
        let items = tokens.some((token) => token.text.trim() !== '') ? 1 : 0;
        for (const token of tokens) {
          if (OPENING.has(token.text)) nested++;
          else if (CLOSING.has(token.text)) nested--;
          else if (token.text === ',' && nested === 0) items++;
        }
        return items;
      };
      // A list some members leave empty (`Nodes()` beside `Pods(namespace)`) is an optional part.
      const counts = inside.map(itemCount);
      return !counts.includes(0) && new Set(counts).size > 1 && differs(a, b) ? b : undefined;
    };

    /**
     * The words two members or more read their names into alike that another member writes as it
     * is (`services/` in `services/account-service` and `services/ledger-service` beside
     * `services/audit-logger`): no plural of the names' shared last word, but the same folder for
     * every member. `runs`: every member's run at one place. A word one member reads its name into
     * stays the name, however another writes it (a JSDoc nobody renamed says `customers` in the
     * payment methods).
     */
    const coincidences = (runs: readonly (readonly Token[])[]): ReadonlySet<string> => {
      const plain = new Set(runs.flatMap((run) => run.filter(isPlain).map((token) => token.text)));
      const readAlike = new Map<string, number>();
      for (const run of runs) for (const text of new Set(run.filter((token) => !isPlain(token)).map((token) => token.text))) readAlike.set(text, (readAlike.get(text) ?? 0) + 1);
      return new Set([...readAlike].flatMap(([text, members]) => (members >= 2 && plain.has(text) ? [text] : [])));
    };
    /** Pieces of a run's token columns, the name written for a new member, but for `coincidental` words, kept as written. */
    const piecesAnew = (columns: readonly (readonly Token[])[], coincidental: ReadonlySet<string>): Piece[] =>
      columns.flatMap((column) => {
        const lead = column[0];
        if (lead === undefined) return [];
        return !isPlain(lead) && coincidental.has(lead.text) ? [{ t: 'text' as const, text: lead.text }] : tokenPieces([column], where);
      });
    /** The preferred member's text between stable positions `a` and `b`, written anew (see piecesAnew). */
    const preferredAnew = (a: number, b: number): Piece[] =>
      piecesAnew(
        between(preferred, a, b).map((token) => [token]),
        coincidences(ids.map((id) => between(id, a, b))),
      );

    let slots = 0;
    /**
     * The center line's text before `end`, back to its last two characters that are not spaces:
     * what `[:=]\s*$` and `,\s*$` read of it, without joining a whole line of path data per slot.
     */
    const textBefore = (end: number): string => {
      let text = '';
      for (let k = end - 1; k >= 0 && text.replace(/\s/gu, '').length < 2; k--) text = literalText(centerTokens.slice(k, k + 1)) + text;
      return text;
    };
    /** What to name the value at center position `position` after: its keyword, or the word before it. */
    const hintBefore = (position: number): string => {
      const wordsBefore = (from: number): string[] =>
        literalText(centerTokens.slice(from, position))
          .split(/[^A-Za-z0-9_$]+/)
          .filter((word) => word !== '');
      // The nearest word is in the last few tokens, mostly: read those first (a line of an icon's
      // path data has thousands), their first word aside, which may be the end of a longer one.
      const from = Math.max(0, position - HINT_WINDOW);
      const before = literalText(centerTokens.slice(from, position));
      const declared = declaredHint(before);
      if (declared !== '') return declared;
      if (from > 0) {
        const near = hintWord(wordsBefore(from).slice(1).reverse().join(' '));
        if (near !== '') return near;
      }
      return hintWord(wordsBefore(0).reverse().join(' '));
    };
    /**
     * What to name the value at center positions [position, end) after: `hint`, the word before it
     * (see hintBefore), and failing that `place`, what it is by its place in the line (see placeHint).
     */
    const hintsAt = (position: number, end: number): { hint: string; place: string } => {
      const hint = hintBefore(position);
      if (hint !== '') return { hint, place: '' };
      const from = Math.max(0, position - HINT_WINDOW);
      const before = literalText(centerTokens.slice(from, position));
      return { hint, place: placeHint(before, literalText(centerTokens.slice(end, end + HINT_WINDOW)), from === 0, MARKDOWN_PATH.test(where)) };
    };

    /**
     * Pieces for the center positions [from, to): stable tokens and the varying runs between them.
     * `inString`: inside a string that is a value whole, whose default these pieces write.
     */
    const piecesOf = (from: number, to: number, inString = false): Piece[] | undefined => {
      const pieces: Piece[] = [];
      let previous = from - 1;
      /**
       * The text between stable positions `a` and `b` as one value (a quoted string's content, a
       * prose word), then the token at `b`. Differences inside write its default; they are not
       * slots of the line. One is a part worth its own param (`{{prefix}}-{{kebabCase name}}`,
       * `>={{version}}`); more are unrelated texts, and the default is the preferred member's, its
       * name written anew. `items`: a list's (see listEnd), whose items are never params of their own.
       */
      const whole = (a: number, b: number, items = false): void => {
        const outer = slots;
        const mark = registry.mark();
        let inner = items ? undefined : piecesOf(a + 1, b, true);
        slots = outer;
        const innerParams = registry.mark() - mark;
        if (inner === undefined || innerParams > 1) {
          registry.rollback(mark);
          inner = preferredAnew(a, b);
        }
        // A part that is the whole text is the value itself, not a second param written from it.
        const [only, ...rest] = inner;
        if (only?.t === 'value' && only.helper === undefined && rest.length === 0) pieces.push(only);
        else {
          const { hint, place } = hintsAt(a + 1, b);
          pieces.push({ t: 'value', param: registry.value(valuesBetween(a, b), hint, preferred, inner, place) });
        }
        if (b < centerTokens.length) pieces.push(...tokenPieces([columnAt(b)], where));
        previous = b;
      };
      const lineWord = from === 0 && !inString ? wordEnd(-1) : undefined;
      if (lineWord !== undefined) whole(-1, lineWord);
      for (let i = lineWord ?? from; i <= to; i++) {
        if (i < to && stableAt[i] !== true) continue;
        const read = ids.map((id) => between(id, previous, i < to ? i : to));
        const readGroups = groupsOf(ids, (id) => read[ids.indexOf(id)] ?? []);
        const runs = readNameAlone(read, readGroups.map((group) => group.map((id) => ids.indexOf(id))));
        const runOf = (id: number) => runs[ids.indexOf(id)] ?? [];
        // Grouped again only where a member's run was read as another's text.
        const runGroups = runs === read ? readGroups : groupsOf(ids, runOf);
        const runTexts = new Set(runs.map(tokensText));
        if (runGroups.length > 1 && runTexts.size === 1) {
          // The same text in every member, the name read into it in some (`ServiceAccount` for
          // AccountService, `apiVersion` for ApiGateway): a coincidence, since names differ.
          pieces.push({ t: 'text', text: tokensText(runs[0] ?? []) });
        } else if (runGroups.length > 1) {
          slots++;
          const withName = runs.some(hasName);
          // The most common variant first; of two as common, the one written with the name (the
          // pattern a new member follows, where the other is a literal two members share).
          const nameCount = (members: readonly number[]) => runOf(members[0] ?? 0).filter((token) => !isPlain(token)).length;
          // Variants that differ only in the spaces aligning a column (`ID   int32`, `ID          int32`
          // where the longest field names differ) are one variant as far as a new member goes.
          const shapes = runGroups.map((members) => runOf(members[0] ?? 0).map((token) => (isSpaces(token.text) ? ' ' : token.key)).join(''));
          const shapeCount = new Map<string, number>();
          runGroups.forEach((members, k) => shapeCount.set(shapes[k] ?? '', (shapeCount.get(shapes[k] ?? '') ?? 0) + members.length));
          const shapeSizes = new Map<readonly number[], number>(runGroups.map((members, k) => [members, shapeCount.get(shapes[k] ?? '') ?? 0]));
          const shapeSize = (members: readonly number[]) => shapeSizes.get(members) ?? 0;
          const ranked = runGroups
            .map((members) => [members[0] ?? 0, members] as const)
            .sort(
              ([, a], [, b]) =>
                shapeSize(b) - shapeSize(a) || b.length - a.length || nameCount(b) - nameCount(a) || Number(b.includes(preferred)) - Number(a.includes(preferred)) || (a[0] ?? 0) - (b[0] ?? 0),
            );
          const coincidental = coincidences(ids.map(runOf));
          const content = (members: readonly number[]) => {
            const lead = runOf(members[0] ?? 0);
            return piecesAnew(
              lead.map((_, t) => members.map((id) => runOf(id)[t]).filter((token): token is Token => token !== undefined)),
              coincidental,
            );
          };
          const values = new Array<string | undefined>(count).fill(undefined);
          ids.forEach((id, k) => {
            values[id] = tokensText(runs[k] ?? []);
          });
          const after = centerTokens.slice(i);
          // Failing a word before it, its place names it better than a word after it (`// {{comment}}
          // represents the…`), and its values better than its place (`// {{url}}`).
          const { hint, place } = hintsAt(previous + 1, i);
          const paramHint = hint === '' && place === '' ? hintWord(literalText(after)) : hint;
          if (withName && inString) {
            // The string is the value; its default takes the most common variant.
            pieces.push(...content(ranked[0]?.[1] ?? []));
          } else if (withName && runs.every((run) => run.every((token) => token.kind !== 'code'))) {
            // Words holding the name in some members (prose, a string's part): a value, whose
            // default is the most common variant with the name written for the new member.
            pieces.push({ t: 'value', param: registry.value(values, paramHint, preferred, content(ranked[0]?.[1] ?? []), place) });
          } else if (withName && runs.every(isSimpleValue)) {
            // One identifier or path (`IRouterStore`, `user.profile`): a value too, named after the
            // key it is the value of (`pathParams: never`), else after its own words (`…Store` is a
            // store).
            const keyed = hint !== '' && /[\p{L}\p{N}_$]\s*[:=]\s*$/u.test(textBefore(previous + 1));
            const own = keyed ? '' : hintWord(literalText(runOf(ranked[0]?.[1][0] ?? preferred)));
            pieces.push({ t: 'value', param: registry.value(values, own === '' ? paramHint : own, preferred, content(ranked[0]?.[1] ?? []), place) });
          } else if (withName) {
            // The name is in the differing code: one inline alternative per distinct run.
            if (options.inlineBlocks !== true) return undefined;
            let chain: Piece[] = content(ranked[0]?.[1] ?? []);
            for (const [, members] of ranked.slice(1).reverse()) {
              const text = tokensText(runOf(members[0] ?? 0));
              const flag = registry.flag(members, false, 'with', text, `${where}: a variant inside a line, in ${members.length} of ${ids.length} members`);
              chain = [{ t: 'if', flag, then: content(members), else: chain, lines: false }];
            }
            pieces.push(...chain);
          } else if (runGroups.length === 2 && runs.some((run) => run.length === 0)) {
            // Text some members have and the others not (`namespace string, `, a trailing comma):
            // an optional part, whose flag is the one of the lines that go with it when the same
            // members have those.
            const present = ranked.find(([, members]) => runOf(members[0] ?? 0).length > 0)?.[1] ?? [];
            const flag = registry.flag(present, ranked[0]?.[1] === present, 'has', tokensText(runOf(present[0] ?? 0)), `${where}: text present in ${share(present, ids.length)}`);
            pieces.push({ t: 'if', flag, then: content(present), else: [], lines: false });
          } else {
            const slice = sliceForm(values, names);
            const nextIsName = after[0]?.text === ' ' && typeof after[1]?.parts[0] === 'object';
            const article = nextIsName ? articleOf(values, names) : undefined;
            const glued = slice === undefined && article === undefined ? gluedName(values, names) : undefined;
            if (glued !== undefined) pieces.push(...glued);
            else if (article !== undefined) pieces.push(article);
            else if (slice === undefined) {
              // An identifier with no key before it (none, or a list's comma) is named after its own
              // words (`isSeries` in `import { parse, isSeries }`), not after a neighbour.
              const keyless = hint === '' || /,\s*$/u.test(textBefore(previous + 1));
              const identifiers = runs.every((run) => isSimpleValue(run) || /^[\p{L}\p{N}_$]+(?:,\s*[\p{L}\p{N}_$]+)*$/u.test(tokensText(run)));
              const own = keyless && identifiers ? hintWord(literalText(runOf(ranked[0]?.[1][0] ?? preferred))) : '';
              pieces.push({ t: 'value', param: registry.value(values, own === '' ? paramHint : own, preferred, undefined, place) });
            }
            else pieces.push(...slicePieces(slice, values, paramHint, where));
          }
        } else if ((runs[0]?.length ?? 0) > 0) {
          const columns = (runs[0] ?? []).map((_, t) => runs.map((run) => run[t]).filter((token): token is Token => token !== undefined));
          pieces.push(...tokenPieces(columns, where));
        }
        if (i >= to) break;
        pieces.push(...tokenPieces([columnAt(i)], where));
        previous = i;
        const literal = inString ? undefined : literalEnd(i);
        if (literal !== undefined) {
          // Its default: the preferred member's literal, the name written for the new member.
          slots++;
          const { hint, place } = hintsAt(i + 1, literal);
          pieces.push({ t: 'value', param: registry.value(valuesBetween(i, literal), hint, preferred, preferredAnew(i, literal), place) });
          if (literal >= centerTokens.length) break;
          pieces.push(...tokenPieces([columnAt(literal)], where));
          previous = literal;
          i = literal;
          continue;
        }
        const list = inString ? undefined : listEnd(i);
        if (list !== undefined) {
          whole(i, list, true);
          if (list >= centerTokens.length) break;
          i = list;
          continue;
        }
        const close = stringEnd(i) ?? (inString ? undefined : wordEnd(i));
        if (close !== undefined) {
          whole(i, close);
          if (close >= centerTokens.length) break;
          i = close;
        }
      }
      return pieces;
    };
    const mark = registry.mark();
    const pieces = piecesOf(0, centerTokens.length);
    if (pieces === undefined || slots > 6) {
      registry.rollback(mark);
      return undefined;
    }
    return pieces;
  };

  /**
   * A literal that spells a word slice of each member's name (see sliceForm): the slice, and the
   * members it does not fit keep their own literal behind a flag that is off by default.
   */
  const slicePieces = (slice: SliceMatch, values: readonly (string | undefined)[], hint: string, where: string): Piece[] => {
    const name: Piece = { t: 'name', form: slice.form };
    if (slice.exceptions.length === 0) return [name];
    const own = values.map((value, m) => (slice.exceptions.includes(m) ? value : undefined));
    const distinct = [...new Set(own.filter((value): value is string => value !== undefined))];
    const then: Piece = distinct.length === 1 ? { t: 'text', text: distinct[0] ?? '' } : { t: 'value', param: registry.value(own, hint, slice.exceptions[0] ?? 0) };
    const flag = registry.flag(slice.exceptions, false, 'with', distinct[0] ?? hint, `${where}: a literal that is not a word of the name, in ${slice.exceptions.length} members`);
    return [{ t: 'if', flag, then: [then], else: [name], lines: false }];
  };

  /** `{{#each}}` over lines that all follow one pattern with one varying literal. */
  const repeatRegion = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, where: string): Piece[] | undefined => {
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
  };

  /** Alternatives per group of members with the same lines. */
  const blocks = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string): Piece[] => {
    const tokensOf = (id: number) => (region.get(id) ?? []).flatMap((line) => line.tokens);
    const groups = groupsOf(ids, tokensOf).map((members) => ({ members, lines: members.map((id) => region.get(id) ?? []) }));
    const content = (group: { lines: Array<readonly Line[]> }) => zipLines(group.lines, where);
    const isEmpty = (group: { lines: Array<readonly Line[]> }) => (group.lines[0]?.length ?? 0) === 0;
    const groupText = (group: { lines: Array<readonly Line[]> }) => literalText((group.lines[0] ?? []).flatMap((line) => line.tokens));
    const endsWithNewline = groups.every((group) => {
      const last = group.lines[0]?.at(-1);
      return last === undefined || last.text.endsWith('\n');
    });
    if (groups.length === 1) return content(groups[0] ?? { lines: [] });
    const size = (group: { members: number[] }) => group.members.length;
    // The default variant (what a new member gets): the weighted medoid, i.e. the variant with the
    // fewest line edits to every member's variant; the most common one wins unless it is an outlier.
    // Lines compared as written but for the spaces that align their columns: gofmt pads a struct's
    // fields to its longest name, so members with other fields pad the same field differently.
    const keysOfGroup = (group: { lines: Array<readonly Line[]> }) => (group.lines[0] ?? []).map((line) => unpadded(lineKey(line)));
    const cost = new Map(
      groups.map((group) => [
        group,
        groups.reduce((sum, other) => sum + (other === group ? 0 : size(other) * lineEditDistance(keysOfGroup(group), keysOfGroup(other))), 0),
      ]),
    );
    const ranked = [...groups].sort(
      (a, b) =>
        (cost.get(a) ?? 0) - (cost.get(b) ?? 0) ||
        size(b) - size(a) ||
        // On a tie keep the lines: deleting a line is easier than writing one.
        Number(isEmpty(a)) - Number(isEmpty(b)) ||
        // Between variants equally far from the rest, the shorter one guesses fewer lines wrong.
        (options.split === true ? (a.lines[0]?.length ?? 0) - (b.lines[0]?.length ?? 0) : 0) ||
        Number(b.members.includes(centerId)) - Number(a.members.includes(centerId)) ||
        (a.members[0] ?? 0) - (b.members[0] ?? 0),
    );
    const fallback = ranked[0];
    if (fallback === undefined) return [];
    if (groups.length === 2 && groups.some(isEmpty)) {
      const present = groups.find((group) => !isEmpty(group));
      if (present === undefined) return [];
      const flag = registry.flag(
        present.members,
        present === fallback,
        'has',
        groupText(present),
        `${where}: lines present in ${share(present.members, ids.length)}`,
      );
      return [{ t: 'if', flag, then: content(present), else: [], lines: endsWithNewline }];
    }
    // A variant is named after a word only it has (`withBranchId`, `withErr` beside variants
    // catching `error`), else after one the default variant lacks; not after the first word every
    // variant starts with (`withTry3`).
    const wordsOf = new Map(groups.map((group) => [group, groupText(group).match(/[A-Za-z_$][\w$]*/gu) ?? []]));
    const groupsHaving = new Map<string, number>();
    for (const words of wordsOf.values()) for (const word of new Set(words)) groupsHaving.set(word, (groupsHaving.get(word) ?? 0) + 1);
    const defaultWords = new Set(wordsOf.get(fallback));
    const variantHint = (group: (typeof groups)[number]): string => {
      const own = wordsOf.get(group) ?? [];
      const onlyHere = own.filter((word) => groupsHaving.get(word) === 1);
      const notDefault = own.filter((word) => !defaultWords.has(word));
      return (onlyHere.length > 0 ? onlyHere : notDefault.length > 0 ? notDefault : own).join(' ') || groupText(group);
    };
    let chain: Piece[] = isEmpty(fallback) ? [] : content(fallback);
    for (const group of ranked.slice(1).reverse()) {
      const flag = registry.flag(group.members, false, 'with', variantHint(group), `${where}: a variant of ${share(group.members, ids.length)}`);
      chain = [{ t: 'if', flag, then: isEmpty(group) ? [] : content(group), else: chain, lines: endsWithNewline }];
    }
    return chain;
  };

  const regionPieces = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth = 0): Piece[] => {
    const lists = ids.map((id) => region.get(id) ?? []);
    if (lists.every((lines) => lines.length === 0)) return [];
    // The same text in every member, the name read into it in some (`package account` where
    // DeleteAccount ends in Account): a coincidence, since names differ. Kept as written.
    const texts = lists.map((lines) => tokensText(lines.flatMap((line) => line.tokens)));
    if (new Set(texts).size === 1 && ids.length >= 2) return [{ t: 'text', text: texts[0] ?? '' }];
    const keys = lists.map((lines) => lines.map(lineKey).join('\n'));
    if (keys.every((key) => key === keys[0]) && lists[0]?.every((_, l) => lists.every((lines) => lines[l] !== undefined))) {
      const sameForms = (lists[0] ?? []).every((line, l) =>
        line.tokens.every((_, t) => compatible(lists.map((lines) => lines[l]?.tokens[t]).filter((x): x is Token => x !== undefined))),
      );
      if (sameForms) return zipLines(lists, where);
    }
    const lineCount = lists[0]?.length ?? 0;
    if (options.inline && lineCount > 0 && lists.every((lines) => lines.length === lineCount)) {
      const pieces = inlineLines(ids, region, centerId, where);
      if (pieces !== undefined) return pieces;
    }
    if (options.repeats) {
      const repeated = repeatRegion(ids, region, where);
      if (repeated !== undefined) return repeated;
    }
    if (options.split === true && depth < 6) {
      const split = splitRegion(ids, region, centerId, where, depth);
      if (split !== undefined) return split;
    }
    if (options.inline && depth < 6) {
      const core = inlineCore(ids, region, centerId, where, depth);
      if (core !== undefined) return core;
    }
    return blocks(ids, region, centerId, where);
  };

  /** The members' lines inlined line by line (see inlineLine); undefined when one cannot be or a member lacks it. */
  const inlineLines = (members: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string): Piece[] | undefined => {
    const pieces: Piece[] = [];
    const lineCount = region.get(centerId)?.length ?? 0;
    for (let l = 0; l < lineCount; l++) {
      const lines = new Map<number, Line>();
      for (const id of members) {
        const line = region.get(id)?.[l];
        if (line === undefined) return undefined;
        lines.set(id, line);
      }
      const inline = inlineLine(members, lines, centerId, where);
      if (inline === undefined) return undefined;
      pieces.push(...inline);
    }
    return pieces;
  };

  /**
   * Most members' lines inlined (the same lines, values varying), the others a variant of their
   * own: one member writing a line its own way (`val dropsources: Dropsource?` beside
   * `val quirks: List<NemesisQuirk>?`) should not make every member a variant, each a literal a
   * new member cannot take. Undefined unless the center's lines inline with those of more than half
   * the members, and not with all.
   */
  const inlineCore = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth: number): Piece[] | undefined => {
    const lineCount = region.get(centerId)?.length ?? 0;
    if (lineCount === 0 || ids.length < 3) return undefined;
    // Lines of thousands of tokens (an icon's path data) are data, not a line a member writes its
    // own way: not worth a trial per member.
    if ((region.get(centerId) ?? []).reduce((sum, line) => sum + line.tokens.length, 0) > INLINE_CORE_TOKENS) return undefined;
    const inlines = (members: readonly number[]): boolean => {
      const mark = registry.mark();
      const conflicts = registry.conflicts.length;
      const ok = inlineLines(members, region, centerId, where) !== undefined;
      registry.rollback(mark);
      registry.conflicts.splice(conflicts);
      return ok;
    };
    // Members inlining with the center alone first: a set cannot hold a member its pair refuses.
    // Given up as soon as fewer than half the members could be in it.
    const others = [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)).filter((id) => id !== centerId);
    const candidates: number[] = [];
    for (const [k, id] of others.entries()) {
      if ((1 + candidates.length + others.length - k) * 2 <= ids.length) return undefined;
      if (region.get(id)?.length === lineCount && inlines([centerId, id])) candidates.push(id);
    }
    if ((candidates.length + 1) * 2 <= ids.length) return undefined;
    // All of them at once, mostly; one by one (a trial per member) only when that fails.
    let core = [centerId, ...candidates];
    if (!inlines(core)) {
      core = [centerId];
      for (const [k, id] of candidates.entries()) {
        if ((core.length + candidates.length - k) * 2 <= ids.length) return undefined;
        if (inlines([...core, id])) core.push(id);
      }
    }
    if (core.length === ids.length || core.length * 2 <= ids.length) return undefined;
    const corePieces = inlineLines(core, region, centerId, where);
    if (corePieces === undefined) return undefined;
    const rest = ids.filter((id) => !core.includes(id));
    const restRegion = new Map(rest.map((id) => [id, region.get(id) ?? []]));
    const restPieces = regionPieces(rest, restRegion, regionCenter(rest, restRegion), where, depth + 1);
    const endsWithNewline = ids.every((id) => {
      const last = region.get(id)?.at(-1);
      return last === undefined || last.text.endsWith('\n');
    });
    const text = literalText((region.get(rest[0] ?? 0) ?? []).flatMap((line) => line.tokens));
    const flag = registry.flag(rest, false, 'with', text, `${where}: a variant of ${share(rest, ids.length)}`);
    return [{ t: 'if', flag, then: restPieces, else: corePieces, lines: endsWithNewline }];
  };

  /** The member of `ids` whose region lines are most like the others' (ties: the most typical). */
  const regionCenter = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>): number => {
    let best = ids[0] ?? 0;
    let bestScore = -1;
    const totals = sumsOverOthers(ids, (id) => (region.get(id) ?? []).map(lineKey), (a, b) => lcsPairs(a, b).length);
    for (const a of [...ids].sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0))) {
      const total = totals.get(a) ?? 0;
      if (total > bestScore) {
        bestScore = total;
        best = a;
      }
    }
    return best;
  };

  /**
   * A region that lists items each member picks from one stock (the fields of generated event
   * structs: `channel`, `event_ts`, `user` in some, `domain`, `url` in another, in one sorted
   * order): a line per item, present where its members have it, under the flag of those members
   * (`{{#if hasChannel}}`), shared by every place that lists the same items (the struct's
   * properties and its coding keys). Aligned as slots instead, one member's `channel` would be
   * another's `domain`, and a new member could only get the center's fields renamed. Needs lines
   * alike in shape (a list, not code), none twice in a member, one order all members keep, and two
   * items at least that some members have and others not, each had by two members or more.
   */
  const itemSet = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, where: string): Piece[] | undefined => {
    const lists = ids.map((id) => region.get(id) ?? []);
    const all = lists.flat();
    // A list, where some member has two items at least: one line per member is a slot of one value.
    if (all.length < 3 || ids.length < 3 || !lists.some((lines) => lines.length >= 2)) return undefined;
    // An item is its text: the same text in several members is one item, even where one of them
    // reads its name into it (`case ship` in ShipArrived and in CargoLoaded).
    const itemKey = (line: Line) => line.text;
    const keysOf = lists.map((lines) => lines.map(itemKey));
    if (keysOf.some((keys) => new Set(keys).size !== keys.length)) return undefined;
    // Alike, or opening with the same word at the same indent (`case channel` beside
    // `case eventTs = "event_ts"`): items of one list, not lines of code.
    const first = all[0];
    if (first === undefined || !all.every((line) => likeness(first, line) >= ALIKE || (openingWord(line) !== undefined && openingWord(line) === openingWord(first)))) return undefined;
    // Imports name what a member's code uses, which the code's own alignment decides (a response
    // model imported in one place each member fills): not a stock of items.
    if (all.some((line) => IMPORT_LEAD.test(line.text))) return undefined;
    // An item only its member lists, spelling its name (`val quirks` in LichQuirks), is that
    // member's own, written from its name: a list of such is no stock of items.
    const listedBy = new Map<string, number>();
    for (const line of all) listedBy.set(itemKey(line), (listedBy.get(itemKey(line)) ?? 0) + 1);
    if (all.some((line) => hasName(line.tokens) && listedBy.get(itemKey(line)) === 1)) return undefined;
    // Sorted in every member (a generator's or a formatter's order, not a hand-made sequence).
    const sortedText = (line: Line) => line.text.trim().toLowerCase();
    if (!lists.every((lines) => lines.every((line, l) => l === 0 || sortedText(lines[l - 1] as Line) <= sortedText(line)))) return undefined;
    // One order for all: the items sorted (each member's are), which every member must keep (two
    // items sorting alike could be written either way round). Linear in the lines: lists of
    // thousands of items (icon sets, translations) come here too.
    const textOf = new Map(all.map((line) => [itemKey(line), sortedText(line)]));
    const order = [...textOf.keys()].sort((a, b) => byString(textOf.get(a) ?? '', textOf.get(b) ?? '') || byString(a, b));
    const rank = new Map(order.map((key, k) => [key, k]));
    if (!keysOf.every((keys) => keys.every((key, k) => k === 0 || (rank.get(keys[k - 1] ?? '') ?? 0) < (rank.get(key) ?? 0)))) return undefined;
    const holding = new Map<string, number[]>();
    keysOf.forEach((keys, k) =>
      keys.forEach((key) => {
        const members = holding.get(key) ?? [];
        members.push(ids[k] ?? k);
        holding.set(key, members);
      }),
    );
    const holders = (key: string) => holding.get(key) ?? [];
    const varying = order.filter((key) => holders(key).length >= 2 && holders(key).length < ids.length);
    if (varying.length < 2) return undefined;
    const wordsOf = (line: Line) => new Set(itemKey(line).split(/[^\p{L}\p{N}_$]+/u).filter((word) => word !== ''));
    const shared = new Set([...wordsOf(first)].filter((word) => all.every((line) => wordsOf(line).has(word))));
    const pieces: Piece[] = [];
    for (const key of order) {
      const having = holders(key);
      // The same text in every member listing it: kept as written (a name read into it is chance).
      const line: Piece[] = [{ t: 'text', text: key }];
      if (having.length === ids.length) {
        pieces.push(...line);
        continue;
      }
      // Named after its own words, not those every item has (`case channel`: `hasChannel`).
      const text = key.split(/([^\p{L}\p{N}_$]+)/u).filter((word) => !shared.has(word)).join('');
      const flag = registry.flag(having, having.length * 2 > ids.length, 'has', text, `${where}: an item of a list, listed by ${share(having, ids.length)}`);
      const last = pieces.at(-1);
      // Items the same members have are one block (`latest` and `ts`).
      if (last?.t === 'if' && last.flag === flag) pieces[pieces.length - 1] = { ...last, then: [...last.then, ...line] };
      else pieces.push({ t: 'if', flag, then: line, else: [], lines: true });
    }
    return pieces;
  };

  /**
   * A region cut at the anchors (center lines every member matches): the lines between two
   * anchors, each span aligned on its own (regionPieces), then the anchor's lines. Where anchors
   * are items of a list around them (`public var eventTs`, which every event carries, among the
   * fields each picks), the list is read whole (see itemSet), not cut at them.
   */
  const cutRegion = (
    ids: readonly number[],
    region: ReadonlyMap<number, readonly Line[]>,
    centerLines: readonly Line[],
    center: number,
    where: string,
    depth: number,
    anchors: readonly boolean[],
    matchOf: (id: number, i: number) => number,
    anchorPieces: (i: number) => Piece[],
  ): Piece[] => {
    const cuts = centerLines.flatMap((_, i) => (anchors[i] === true ? [i] : []));
    // Member `id`'s lines from the one after cut `from - 1` to the one before cut `to`.
    const span = (from: number, to: number): Map<number, readonly Line[]> =>
      new Map(
        ids.map((id) => {
          const lines = region.get(id) ?? [];
          const start = from === 0 ? 0 : matchOf(id, cuts[from - 1] ?? 0) + 1;
          const end = to < cuts.length ? matchOf(id, cuts[to] ?? 0) : lines.length;
          return [id, lines.slice(start, end)];
        }),
      );
    const itemLike = (k: number) => {
      const i = cuts[k] ?? 0;
      const own = openingWord(centerLines[i]);
      return own !== undefined && (openingWord(centerLines[i - 1]) === own || openingWord(centerLines[i + 1]) === own);
    };
    const pieces: Piece[] = [];
    for (let k = 0; k <= cuts.length; ) {
      let last = k;
      while (last < cuts.length && itemLike(last)) last++;
      let merged: { to: number; pieces: Piece[] } | undefined;
      for (let to = last; to > k && merged === undefined; to--) {
        const items = itemSet(ids, span(k, to), where);
        if (items !== undefined) merged = { to, pieces: items };
      }
      const to = merged?.to ?? k;
      pieces.push(...(merged?.pieces ?? regionPieces(ids, span(k, k), center, where, depth + 1)));
      if (to < cuts.length) pieces.push(...anchorPieces(cuts[to] ?? 0));
      k = to + 1;
    }
    return pieces;
  };

  /**
   * A variant region split further (see BuildOptions.split); undefined when it cannot be, and the
   * region becomes one alternative per group of members.
   */
  const splitRegion = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth: number): Piece[] | undefined => {
    const present = ids.filter((id) => (region.get(id)?.length ?? 0) > 0);
    if (present.length === 0) return [];
    const items = itemSet(ids, region, where);
    if (items !== undefined) return items;
    if (present.length < ids.length) {
      // Some members have lines here, others none: an optional block around what the first share.
      if (present.length < 2) return undefined;
      if (!present.every((id) => region.get(id)?.at(-1)?.text.endsWith('\n') === true)) return undefined;
      const sub = new Map(present.map((id) => [id, region.get(id) ?? []]));
      const subCenter = present.includes(centerId) ? centerId : regionCenter(present, sub);
      const inner = regionPieces(present, sub, subCenter, where, depth + 1);
      // Present by default when that predicts more lines than it adds in vain: the lines the members
      // that have them share with the most typical variant, against the lines the others would get
      // for nothing (weighted 0.7: an extra line is cheaper to delete than a missing one to write).
      const keys = new Map(present.map((id) => [id, (sub.get(id) ?? []).map(lineKey)]));
      const costs = sumsOverOthers(present, (id) => keys.get(id) ?? [], lineEditDistance);
      let medoid = present[0] ?? 0;
      let medoidCost = Infinity;
      for (const a of present) {
        const cost = costs.get(a) ?? 0;
        if (cost < medoidCost) {
          medoidCost = cost;
          medoid = a;
        }
      }
      const medoidKeys = keys.get(medoid) ?? [];
      let predicted = 0;
      for (const id of present) {
        const other = keys.get(id) ?? [];
        predicted += Math.max(medoidKeys.length, other.length) - lineEditDistance(medoidKeys, other);
      }
      const isDefault = predicted >= 0.7 * (ids.length - present.length) * medoidKeys.length;
      const text = literalText((sub.get(subCenter) ?? []).flatMap((line) => line.tokens));
      const flag = registry.flag(present, isDefault, 'has', text, `${where}: lines present in ${share(present, ids.length)}`);
      return [{ t: 'if', flag, then: inner, else: [], lines: true }];
    }
    // Every member has lines: align the variants against each other.
    const center = regionCenter(ids, region);
    const centerLines = region.get(center) ?? [];
    const centerKeys = centerLines.map(lineKey);
    const matches = new Map<number, Int32Array>();
    for (const id of ids) {
      if (id === center) continue;
      const match = new Int32Array(centerLines.length).fill(-1);
      for (const [i, j] of lcsPairs(centerKeys, (region.get(id) ?? []).map(lineKey), lineWeight)) match[i] = j;
      matches.set(id, match);
    }
    const at = (id: number, i: number) => (id === center ? i : (matches.get(id)?.[i] ?? -1));
    const anchor = (i: number) => {
      if (!ids.every((id) => at(id, i) >= 0)) return false;
      const lines = ids.map((id) => region.get(id)?.[at(id, i)]).filter((line): line is Line => line !== undefined);
      return (lines[0]?.tokens ?? []).every((_, t) => compatible(lines.map((line) => line.tokens[t]).filter((x): x is Token => x !== undefined)));
    };
    /** The region cut at the anchors: the lines between two anchors, then the anchor's lines. */
    const cutAt = (anchors: readonly boolean[], matchOf: (id: number, i: number) => number, anchorPieces: (i: number) => Piece[]): Piece[] =>
      cutRegion(ids, region, centerLines, center, where, depth, anchors, matchOf, anchorPieces);
    const anchors = centerLines.map((_, i) => anchor(i));
    if (anchors.some((isAnchor) => isAnchor)) {
      return cutAt(anchors, at, (i) => zipLines(ids.map((id) => region.get(id)?.[at(id, i)]).filter((line): line is Line => line !== undefined).map((line) => [line]), where));
    }
    // No line in common: lines alike in every member (`"description": "…",` with other values, an
    // import of another module) anchor the cut instead, each aligned token by token.
    const alike = alikeMatches(ids, region, center);
    if (alike !== undefined) {
      const alikeAt = (id: number, i: number) => (id === center ? i : (alike.get(id)?.[i] ?? -1));
      const linesAt = (i: number) => new Map(ids.map((id) => [id, region.get(id)?.[alikeAt(id, i)]]).filter((entry): entry is [number, Line] => entry[1] !== undefined));
      const fits = centerLines.map((_, i) => {
        if (!ids.every((id) => alikeAt(id, i) >= 0)) return false;
        const mark = registry.mark();
        const inline = inlineLine(ids, linesAt(i), center, where);
        registry.rollback(mark);
        return inline !== undefined;
      });
      if (fits.some((fit) => fit)) return cutAt(fits, alikeAt, (i) => inlineLine(ids, linesAt(i), center, where) ?? []);
    }
    // No line in common: the same number of lines everywhere is compared line by line.
    const count_ = centerLines.length;
    if (count_ > 1 && ids.every((id) => region.get(id)?.length === count_)) {
      const pieces: Piece[] = [];
      for (let l = 0; l < count_; l++) {
        const sub = new Map<number, readonly Line[]>(ids.map((id) => [id, (region.get(id) ?? []).slice(l, l + 1)]));
        pieces.push(...regionPieces(ids, sub, center, where, depth + 1));
      }
      return pieces;
    }
    return undefined;
  };

  /**
   * The pieces of one role's path (`tokensOf`: each member's path tokens, as many for every member
   * since they share a role key). Where the members differ (a timestamp, a sequence number, a
   * plural folder beside singular ones), the differing run, with the separators inside it, is one
   * value param: what a new member passes (`--set timestamp=...`), by default the most common
   * variant, its name written for the new member.
   */
  // The folders that locate each member's folder (MemberFile.location), without the last slash.
  const locationOf = members.map((member) => {
    const file = member.files.find((candidate) => candidate.location !== undefined);
    return file?.location === undefined ? undefined : file.path.slice(file.location[0], file.location[1] - 1);
  });
  const pathPieces = (ids: readonly number[], tokensOf: (id: number) => readonly Token[], centerId: number, where: string, location?: readonly [number, number]): Piece[] => {
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
  };

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
    let path = pathPieces(ids, (id) => role.get(id)?.pathTokens ?? [], centerId, where, centerFile.location);
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
    const content = cutRegion(ids, fileLines, centerLines, centerId, where, -1, centerLines.map((_, i) => stable(i)), at, (i) =>
      zipLines(ids.map((id) => lineOf(id, at(id, i))).filter((line): line is Line => line !== undefined).map((line) => [line]), where),
    );
    const crlfIds = ids.filter((id) => role.get(id)?.windowsLineEnds === true);
    const windowsLineEnds =
      crlfIds.length === 0
        ? undefined
        : crlfIds.length === ids.length
          ? true
          : registry.flag(crlfIds, crlfIds.length * 2 > ids.length, 'windows', 'lineEnds', `${where} has Windows line ends (CRLF) in ${share(crlfIds, ids.length)}`, 'crlf:');
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

/**
 * Runs of tokens (one per member) where a member that alone reads its name into a text another
 * member writes without the name (`isCandlestickData` in the candlestick chart, beside the boxplot
 * chart's) reads that text as the other member does: literal text two members share, not a
 * pattern no other member follows (`is{{pascalCase name}}Data`). `groups`: indexes of the runs
 * alike, as groupsOf makes them. The runs themselves when no member's run changes.
 */
function readNameAlone(runs: readonly (readonly Token[])[], groups: readonly (readonly number[])[]): readonly (readonly Token[])[] {
  let out: (readonly Token[])[] | undefined;
  for (const group of groups) {
    const [only] = group;
    if (group.length !== 1 || only === undefined || !hasName(runs[only] ?? [])) continue;
    const text = tokensText(runs[only] ?? []);
    const literal = runs.find((run, k) => k !== only && !hasName(run) && tokensText(run) === text);
    if (literal === undefined) continue;
    out ??= [...runs];
    out[only] = literal;
  }
  return out ?? runs;
}

/** YAML files (a template's own `.hbs` suffix aside). */
const YAML_PATH = /\.ya?ml(?:\.hbs)?$/iu;
