/**
 * Drift: how far each member of a family is from what its template generates for it. Pure: the
 * caller reads the files.
 *
 * A member is rendered from its name and, for a mined template, its own literals (value and item
 * params: data such as a URL or a page size, which is the member's own business); flags (optional
 * and alternative blocks, optional files) stay at the template's defaults, which is what the
 * family does most. So a member drifts when its structure differs from the family's, and a member
 * whose edit the others do not share is named.
 */
import { diffLines } from 'diff';
import type { Template } from '../library/template.js';
import { generateMember } from './generate.js';
import type { Example, ParamValue } from './types.js';

export interface DriftMember {
  /** How the member is called in the report (its name). */
  readonly name: string;
  /** The member's files on disk (paths relative to the root). */
  readonly files: readonly Example[];
  /** The params to render it with (the rest take the template's defaults). */
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface FileDrift {
  readonly path: string;
  /** `changed`: on disk and generated, different; `missing`: generated, not on disk; `extra`: on disk only. */
  readonly status: 'changed' | 'missing' | 'extra';
  /** Lines the file on disk has that the template would not write. */
  readonly added: number;
  /** Lines the template would write that the file on disk lacks. */
  readonly removed: number;
  /** What the template writes for this file (absent for an `extra` file): the other side of a diff. */
  readonly expected?: string | undefined;
}

export interface MemberDrift {
  readonly name: string;
  readonly files: readonly string[];
  readonly drifted: boolean;
  readonly differences: readonly FileDrift[];
  /** Set when the template could not be rendered for this member. */
  readonly error?: string | undefined;
}

const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/**
 * Compares every member with what the template generates for it.
 *
 * @example
 * driftOf(template, [{ name: 'User', files: [{ path: 'src/user.ts', content }], params: { name: 'User' } }]);
 * // [{ name: 'User', drifted: false, differences: [], files: ['src/user.ts'] }]
 * @throws never: a member the template cannot render is reported as drifted, with `error`.
 */
export function driftOf(template: Template, members: readonly DriftMember[]): MemberDrift[] {
  return members.map((member) => {
    const files = member.files.map((file) => file.path);
    let generated: Example[];
    try {
      generated = generateMember(template, member.params);
    } catch (error) {
      return { name: member.name, files, drifted: true, differences: [], error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
    }
    const onDisk = new Map(member.files.map((file) => [file.path, file.content]));
    const differences: FileDrift[] = [];
    for (const file of generated) {
      const actual = onDisk.get(file.path);
      if (actual === undefined) {
        differences.push({ path: file.path, status: 'missing', added: 0, removed: lineCount(file.content), expected: file.content });
        continue;
      }
      if (actual === file.content) continue;
      let added = 0;
      let removed = 0;
      for (const change of diffLines(file.content, actual)) {
        if (change.added) added += change.count ?? lineCount(change.value);
        else if (change.removed) removed += change.count ?? lineCount(change.value);
      }
      differences.push({ path: file.path, status: 'changed', added, removed, expected: file.content });
    }
    const generatedPaths = new Set(generated.map((file) => file.path));
    for (const file of member.files) {
      if (!generatedPaths.has(file.path)) differences.push({ path: file.path, status: 'extra', added: lineCount(file.content), removed: 0 });
    }
    differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { name: member.name, files, drifted: differences.length > 0, differences };
  });
}
