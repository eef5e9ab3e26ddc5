/**
 * Members grouped by what they hold at one place: equal token keys, and occurrences of the name
 * that one case helper spells for the whole group (see groupsOf). What the alignment (build.ts)
 * asks before it calls a place stable, a variant or a value.
 */
import { ruledForm } from './forms.js';
import type { Token, TokenOccurrence } from './tokenize.js';
import { CASE_HELPERS, caseClass, formKey, occurrenceClass, spell } from './variants.js';

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

/** The letter class each case helper writes a name of several words in. */
const HELPER_CASE = new Map(CASE_HELPERS.map((helper) => [helper, caseClass(spell('Probe Word', { helper, plural: false }))]));

export interface NameGroups {
  /** Whether token lists of equal keys (one per member) allow one form of the name at each occurrence. */
  readonly fits: (lists: readonly (readonly Token[])[]) => boolean;
  /** Whether tokens in one column (one per member) allow one form of the name at each occurrence. */
  readonly compatible: (tokens: readonly Token[]) => boolean;
  /** Members grouped by what they hold at one place (see groupsOf below). */
  readonly groupsOf: (ids: readonly number[], tokensAt: (id: number) => readonly Token[]) => number[][];
}

/**
 * The grouping of one build. `strict`: occurrences compared by their exact set of forms (any form
 * fits); `keyOf`: a token's key as the build reads it; `rank`: members from the most typical (0).
 */
export function nameGroups(strict: boolean, keyOf: (token: Token) => string, rank: ReadonlyMap<number, number>): NameGroups {
  /** Each occurrence of the name in a member's tokens, with the keys of the forms it may take. */
  const slotsOf = (tokens: readonly Token[]): FormSlot[] =>
    tokens.flatMap((token, t) => token.parts.flatMap((part, p) => (typeof part === 'string' ? [] : [{ t, p, forms: [...formKeysOf(part)] }])));
  /** The slots narrowed to the forms another member's tokens (of equal keys) allow too, or undefined when none is left at one. */
  const narrow = (slots: readonly FormSlot[], tokens: readonly Token[]): FormSlot[] | undefined => {
    if (strict) return [...slots];
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
    if (lead === undefined || strict) return true;
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

  return { fits, compatible, groupsOf };
}
