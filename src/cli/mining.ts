/**
 * What the CLI says around mining. Mining a large input takes long (see LARGE_INPUT in
 * src/miner/from-glob.ts), and a glob that matches hundreds of files or megabytes is often wider
 * than meant (`src/**\/*` for `src/components/*\/*`): said before the wait, not after it.
 */
import type { LargeInput } from '../miner/from-glob.js';
import type { Output } from './io.js';

export const largeInputNotice =
  (stderr: Output, pattern: string) =>
  ({ files, bytes }: LargeInput): void => {
    const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
    stderr.write(
      `wopt: mining ${files} files (${size}) matched by ${JSON.stringify(pattern)} as one family; this may take a while. A family is usually a few to a few dozen members: narrow the glob if it matches more than you meant.\n`,
    );
  };
