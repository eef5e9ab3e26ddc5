/**
 * Errors of the miner.
 */
import { WoptError } from '../errors.js';

const NOT_A_FAMILY = 'E_NOT_A_FAMILY';

export const minerErrors = {
  /** The examples share no structure a template could capture. */
  notAFamily: (why: string, paths: readonly string[]) =>
    new WoptError(
      NOT_A_FAMILY,
      `These ${paths.length} files are not a family: ${why}. Pass files that are variations of one thing (e.g. --from 'src/components/*/*' for one folder per component, or 'src/routes/*.routes.ts'), at least two of them; or pass --unit file|folder if the grouping was guessed wrong.`,
      { path: paths[0], paths },
    ),
  /** Nothing to mine. */
  noExamples: () =>
    new WoptError('E_INVALID_INPUT', 'No example files were given to mine. Pass at least two files (or two member folders) of one kind.'),
} as const;
