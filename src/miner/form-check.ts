/**
 * A check of the name's case forms alone, on real member contents: every member whose name has
 * several words is copied under three one-word names (an exact rename: the multi-word original
 * settles every form), a template is mined from the copies alone, and the member is generated back
 * from its own name. Whatever differs is a form the miner guessed wrong where one-word members leave
 * it open (`cart` could be `orderItem`, `order-item`, `order_item` or "order item"), the common case
 * of a family of mostly one-word entities (User, Product) getting an OrderItem.
 */
import { words } from '../render/case.js';
import type { FamilyInput } from './evaluate.js';
import { generateMember } from './generate.js';
import { mineTemplate } from './mine.js';
import { compareFiles, renameCopy } from './score.js';

/** Names no family member is likely to have, so that renaming into them is exact. */
const ONE_WORD_NAMES = ['Cart', 'Theme', 'Badge'] as const;

export interface FormCheck {
  readonly id: string;
  /** Multi-word members checked. */
  readonly checked: number;
  /** Those generated back byte for byte. */
  readonly exact: number;
  /** The names of the members that were not. */
  readonly missed: readonly string[];
}

/** The form check over one family (pure). */
export function formCheck(family: FamilyInput): FormCheck {
  let checked = 0;
  let exact = 0;
  const missed: string[] = [];
  for (const member of family.members) {
    if (words(member.name).length < 2) continue;
    checked++;
    const copies = ONE_WORD_NAMES.flatMap((name) => renameCopy(member.files, member.name, name));
    try {
      const mined = mineTemplate(copies, { unit: family.unit });
      if (compareFiles(generateMember(mined.template, { name: member.name }), member.files).exact) exact++;
      else missed.push(member.name);
    } catch {
      missed.push(member.name);
    }
  }
  return { id: family.id, checked, exact, missed };
}
