/**
 * One line per member aligned token by token (see inlineLine): the center's tokens every member
 * matches are stable, and what varies between them becomes a value param, an optional part, an
 * inline alternative or a word slice of the name. A quoted string, a prose word and a list of
 * items that vary are each one value whole, what a user would pass (value-spans.ts); a value is
 * named after the words before it or its place (value-hints.ts).
 */
import type { Piece } from './emit.js';
import type { BuildScope } from './build-scope.js';
import { articleOf, gluedName, sliceForm, type SliceMatch } from './name-literals.js';
import { hintWord, type Registry } from './registry.js';
import type { Line, Token } from './tokenize.js';
import { hasName, isPlain, literalText, tokensText } from './token-text.js';
import { hintAfter, hintsAt, textBefore } from './value-hints.js';
import { balanceSeams, listEnd, literalEnd, stringEnd, wordEnd, type AlignedLine } from './value-spans.js';
import { isSpaces } from '../util/text.js';
import { countValues, groupBy } from '../util/collect.js';

/**
 * A run of code that reads as one value: an identifier, a dotted or slashed path, a number
 * (`IRouterStore`, `user.profile`, `v2`), nothing with spaces, brackets or operators.
 */
const isSimpleValue = (run: readonly Token[]): boolean => run.length > 0 && /^[\p{L}\p{N}_$][\p{L}\p{N}_$./-]*$/u.test(run.map((token) => token.text).join(''));

/**
 * For each member, how many members write its line as the template would (itself included): the
 * same line with the name in one form for both. A one-word name allows forms a longer one tells
 * apart (`site` is camelCase and lowerCase; `typeMedicament` is camelCase only), so lines are
 * alike when their forms meet, not only when they are the same: else a line three members write
 * counts as two and one, and loses to a line two members write.
 */
function alikeLineCounts(ids: readonly number[], lines: ReadonlyMap<number, Line>, scope: BuildScope): Map<number, number> {
  const { lineKey, fits } = scope;
  const keyOf = (id: number) => {
    const line = lines.get(id);
    return line === undefined ? '' : lineKey(line);
  };
  const counts = new Map<number, number>();
  for (const [, group] of groupBy(ids, keyOf)) {
    const strictKeys = new Set(group.map((id) => lines.get(id)?.strictKey));
    for (const id of group) {
      const own = lines.get(id);
      const count =
        strictKeys.size === 1 || own === undefined
          ? group.length
          : group.filter((other) => {
              const line = lines.get(other);
              return line !== undefined && (line.strictKey === own.strictKey || fits([own.tokens, line.tokens]));
            }).length;
      counts.set(id, count);
    }
  }
  return counts;
}

/** Token-level alignment of one line per member; undefined when the lines are too different. */
export function inlineLine(scope: BuildScope, ids: readonly number[], lines: ReadonlyMap<number, Line>, centerId: number, where: string): Piece[] | undefined {
  const { count, registry, rank, tokenPieces, groupsOf, compatible, lineMatch, matchKeyOf } = scope;
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
  const alike = alikeLineCounts(ids, lines, scope);
  let preferred = centerId;
  for (const id of [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))) {
    if ((alike.get(id) ?? 0) > (alike.get(preferred) ?? 0)) preferred = id;
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
  const aligned: AlignedLine = { ids, centerTokens, stableAt, between, differs };
  /** Each member's text of its run (`runOf`), by member index. */
  const textsOf = (runOf: (id: number) => readonly Token[]): (string | undefined)[] => {
    const values = new Array<string | undefined>(count).fill(undefined);
    for (const id of ids) values[id] = tokensText(runOf(id));
    return values;
  };
  /** Each member's text strictly between center positions `a` and `b`, by member index. */
  const valuesBetween = (a: number, b: number): (string | undefined)[] => textsOf((id) => between(id, a, b));
  /** The preferred member's run (`runOf`), written anew (see piecesAnew). */
  const runAnew = (runOf: (id: number) => readonly Token[]): Piece[] =>
    piecesAnew(
      scope,
      where,
      runOf(preferred).map((token) => [token]),
      coincidences(ids.map(runOf)),
    );

  /** The preferred member's text between stable positions `a` and `b`, written anew (see piecesAnew). */
  const preferredAnew = (a: number, b: number): Piece[] => runAnew((id) => between(id, a, b));

  /**
   * A string literal members quote differently, each in plain quotes (`'centered'` beside
   * `"centered"`): the quote is a param of its own and the text between the quotes the value, so
   * that a value passed is a text (`layout=fullscreen`), not code to quote by hand.
   */
  const requoted = (a: number, b: number, quotes: readonly (string | undefined)[], hint: string, place: string): Piece[] => {
    const quote: Piece = { t: 'value', param: registry.quoteMark(quotes, preferred) };
    const inside = (id: number) => between(id, a, b).slice(1, -1);
    const texts = textsOf(inside);
    const inner: Piece[] =
      new Set(ids.map((id) => texts[id])).size === 1
        ? [{ t: 'text', text: texts[preferred] ?? '' }]
        : [{ t: 'value', param: registry.value(texts, hint, preferred, runAnew(inside), place) }];
    return [quote, ...inner, quote];
  };

  let slots = 0;

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
        const { hint, place } = hintsAt(centerTokens, a + 1, b, where);
        pieces.push({ t: 'value', param: registry.value(valuesBetween(a, b), hint, preferred, inner, place) });
      }
      if (b < centerTokens.length) pieces.push(...tokenPieces([columnAt(b)], where));
      previous = b;
    };
    const lineWord = from === 0 && !inString ? wordEnd(aligned, -1) : undefined;
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
        const varying = varyingRun({ scope, ids, where, centerTokens, preferred, inString }, runs, runGroups, previous, i);
        if (varying === undefined) return undefined;
        pieces.push(...varying);
      } else if ((runs[0]?.length ?? 0) > 0) {
        const columns = (runs[0] ?? []).map((_, t) => runs.map((run) => run[t]).filter((token): token is Token => token !== undefined));
        pieces.push(...tokenPieces(columns, where));
      }
      if (i >= to) break;
      pieces.push(...tokenPieces([columnAt(i)], where));
      previous = i;
      const literal = inString ? undefined : literalEnd(aligned, i);
      if (literal !== undefined) {
        // Its default: the preferred member's literal, the name written for the new member.
        slots++;
        const { hint, place } = hintsAt(centerTokens, i + 1, literal, where);
        const literals = valuesBetween(i, literal);
        const quotes = plainQuotes(literals, ids);
        if (quotes !== undefined) pieces.push(...requoted(i, literal, quotes, hint, place));
        else pieces.push({ t: 'value', param: registry.value(literals, hint, preferred, preferredAnew(i, literal), place) });
        if (literal >= centerTokens.length) break;
        pieces.push(...tokenPieces([columnAt(literal)], where));
        previous = literal;
        i = literal;
        continue;
      }
      const list = inString ? undefined : listEnd(aligned, i);
      if (list !== undefined) {
        whole(i, list, true);
        if (list >= centerTokens.length) break;
        i = list;
        continue;
      }
      const close = stringEnd(aligned, i) ?? (inString ? undefined : wordEnd(aligned, i));
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
}

/**
 * Each member's quote, by member index, when each writes one literal in plain single or double
 * quotes or in backquotes with nothing substituted, and no quote of any kind, escape or `${`
 * inside it (any quote then holds any member's text as it is); undefined otherwise.
 */
function plainQuotes(literals: readonly (string | undefined)[], ids: readonly number[]): (string | undefined)[] | undefined {
  const quotes = new Array<string | undefined>(literals.length).fill(undefined);
  for (const id of ids) {
    const literal = literals[id] ?? '';
    const quote = literal[0];
    if ((quote !== "'" && quote !== '"' && quote !== '`') || literal.length < 2 || !literal.endsWith(quote) || /['"`\\]|\$\{/u.test(literal.slice(1, -1))) return undefined;
    quotes[id] = quote;
  }
  return quotes;
}

/**
 * The words two members or more read their names into alike that another member writes as it
 * is (`services/` in `services/account-service` and `services/ledger-service` beside
 * `services/audit-logger`): no plural of the names' shared last word, but the same folder for
 * every member. `runs`: every member's run at one place. A word one member reads its name into
 * stays the name, however another writes it (a JSDoc nobody renamed says `customers` in the
 * payment methods).
 */
function coincidences(runs: readonly (readonly Token[])[]): ReadonlySet<string> {
  const plain = new Set(runs.flatMap((run) => run.filter(isPlain).map((token) => token.text)));
  // Each member's run counts a text once.
  const readAlike = countValues(runs.flatMap((run) => [...new Set(run.filter((token) => !isPlain(token)).map((token) => token.text))]));
  return new Set([...readAlike].flatMap(([text, members]) => (members >= 2 && plain.has(text) ? [text] : [])));
}
/** Pieces of a run's token columns, the name written for a new member, but for `coincidental` words, kept as written. */
function piecesAnew(scope: BuildScope, where: string, columns: readonly (readonly Token[])[], coincidental: ReadonlySet<string>): Piece[] {
  return columns.flatMap((column) => {
    const lead = column[0];
    if (lead === undefined) return [];
    return !isPlain(lead) && coincidental.has(lead.text) ? [{ t: 'text' as const, text: lead.text }] : scope.tokenPieces([column], where);
  });
}

/** A line's alignment as a varying run's pieces read it (see varyingRun). */
interface RunPlace {
  readonly scope: BuildScope;
  readonly ids: readonly number[];
  readonly where: string;
  readonly centerTokens: readonly Token[];
  /** The member whose line is the most common, whose values are the defaults. */
  readonly preferred: number;
  /** Inside a string that is a value whole, whose default these pieces write. */
  readonly inString: boolean;
}

/**
 * The pieces of a run that members write differently between stable center positions `previous`
 * and `i` (`runs`: each member's, by its index in `ids`; `runGroups`: the members alike there): a
 * value, an optional part, inline alternatives, a word slice of the name or an article; undefined
 * where the name is in differing code and inline alternatives are off.
 */
function varyingRun(context: RunPlace, runs: readonly (readonly Token[])[], runGroups: readonly number[][], previous: number, i: number): Piece[] | undefined {
  const { scope, ids, where, centerTokens, preferred, inString } = context;
  const { count, names, options, registry, share } = scope;
  const pieces: Piece[] = [];
  const runOf = (id: number) => runs[ids.indexOf(id)] ?? [];
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
      scope,
      where,
      lead.map((_, t) => members.map((id) => runOf(id)[t]).filter((token): token is Token => token !== undefined)),
      coincidental,
    );
  };
  const values = new Array<string | undefined>(count).fill(undefined);
  ids.forEach((id, k) => {
    values[id] = tokensText(runs[k] ?? []);
  });
  const after = centerTokens.slice(i);
  // Failing a word before it, its place names it (`// {{comment}} represents the…`), and its
  // values better than its place (`// {{url}}`); failing both, the word after it may (hintAfter).
  const { hint, place } = hintsAt(centerTokens, previous + 1, i, where);
  const paramHint = hint !== '' || place !== '' ? hint : hintAfter(values, after);
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
    const keyed = hint !== '' && /[\p{L}\p{N}_$]\s*[:=]\s*$/u.test(textBefore(centerTokens, previous + 1));
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
      const keyless = hint === '' || /,\s*$/u.test(textBefore(centerTokens, previous + 1));
      const identifiers = runs.every((run) => isSimpleValue(run) || /^[\p{L}\p{N}_$]+(?:,\s*[\p{L}\p{N}_$]+)*$/u.test(tokensText(run)));
      const own = keyless && identifiers ? hintWord(literalText(runOf(ranked[0]?.[1][0] ?? preferred))) : '';
      pieces.push({ t: 'value', param: registry.value(values, own === '' ? paramHint : own, preferred, undefined, place) });
    }
    else pieces.push(...slicePieces(registry, slice, values, paramHint, where));
  }
  return pieces;
}

function slicePieces(registry: Registry, slice: SliceMatch, values: readonly (string | undefined)[], hint: string, where: string): Piece[] {
  const name: Piece = { t: 'name', form: slice.form };
  if (slice.exceptions.length === 0) return [name];
  const own = values.map((value, m) => (slice.exceptions.includes(m) ? value : undefined));
  const distinct = [...new Set(own.filter((value): value is string => value !== undefined))];
  const then: Piece = distinct.length === 1 ? { t: 'text', text: distinct[0] ?? '' } : { t: 'value', param: registry.value(own, hint, slice.exceptions[0] ?? 0) };
  const flag = registry.flag(slice.exceptions, false, 'with', distinct[0] ?? hint, `${where}: a literal that is not a word of the name, in ${slice.exceptions.length} members`);
  return [{ t: 'if', flag, then: [then], else: [name], lines: false }];
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
