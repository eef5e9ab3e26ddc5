/**
 * Three-way merge of text by lines (node-diff3), with git-style conflict markers.
 *
 * node-diff3 splits strings on whitespace by default (a word merge); wopt merges lines, so it
 * passes arrays of lines, each with its own line ending, and the result is joined back exactly.
 */
import { diff3Merge } from 'node-diff3';

export interface MergeLabels {
  /** After `<<<<<<<`: the file on disk. @default 'yours' */
  readonly ours?: string;
  /** After `>>>>>>>`: the new render. @default 'template' */
  readonly theirs?: string;
}

export interface MergeOutcome {
  /** The merged text; with conflict markers when `conflicts > 0`. */
  readonly content: string;
  /** How many regions conflict. */
  readonly conflicts: number;
}

/** Lines with their terminators (`\n` or `\r\n`); the last one may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const terminated = (lines: readonly string[]): string[] => {
  const last = lines.at(-1);
  return last === undefined || last.endsWith('\n') ? [...lines] : [...lines.slice(0, -1), `${last}\n`];
};

/**
 * Merges the changes from `base` to `ours` and from `base` to `theirs`. Where both changed the
 * same lines differently, the region is written as git writes it:
 *
 * ```
 * <<<<<<< yours
 * (the lines on disk)
 * =======
 * (the lines of the new render)
 * >>>>>>> template@1a2b3c4d5e6f
 * ```
 *
 * Both sides making the same change is not a conflict.
 *
 * @example mergeThreeWay('a\nB\nc\n', 'a\nb\nc\n', 'a\nb\nC\n').content // 'a\nB\nC\n'
 */
export function mergeThreeWay(ours: string, base: string, theirs: string, labels: MergeLabels = {}): MergeOutcome {
  const regions = diff3Merge<string>(splitLines(ours), splitLines(base), splitLines(theirs), { excludeFalseConflicts: true });
  let content = '';
  let conflicts = 0;
  const open = `<<<<<<< ${labels.ours ?? 'yours'}\n`;
  const close = `>>>>>>> ${labels.theirs ?? 'template'}\n`;
  for (const region of regions) {
    if (region.ok !== undefined) content += region.ok.join('');
    else if (region.conflict !== undefined) {
      conflicts += 1;
      if (content !== '' && !content.endsWith('\n')) content += '\n';
      content += `${open}${terminated(region.conflict.a).join('')}=======\n${terminated(region.conflict.b).join('')}${close}`;
    }
  }
  return { content, conflicts };
}
