/**
 * The same generation through the API: the params list streamed line by line into one transaction,
 * with a progress callback. `test/generate/example.test.ts` runs it.
 */
import { createNodeFs } from '../../src/fs/node.js';
import type { GenerateReport } from '../../src/generate/index.js';
import { batchWriteFromTemplate, paramsFromFile } from '../../src/generate/index.js';
import { openLibrary } from '../../src/library/index.js';

/** Generates every resource of `params.jsonl` under `root` (a copy of this folder). */
export async function generateResources(root: string, onProgress?: (items: number) => void): Promise<GenerateReport> {
  const fs = createNodeFs();
  const library = openLibrary({ fs, root, builtinDir: false });
  const { items, label } = paramsFromFile(fs, `${root}/params.jsonl`, 'params.jsonl');
  return batchWriteFromTemplate('api-resource', items, {
    root,
    fs,
    library,
    parallel: 4,
    itemLabel: label,
    onProgress: (progress) => onProgress?.(progress.items),
  });
}
