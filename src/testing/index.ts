/**
 * `wopt/testing`: helpers for testing code that writes through wopt.
 */
import { memorySource, Tree } from '../tree/tree.js';

export { createFaultPort, parseFaultSpec } from '../fs/fault.js';
export type { FaultAction, FaultCounters, FaultPort, FaultPortOptions, FaultRule } from '../fs/fault.js';

/**
 * A Tree over files held in memory: nothing touches the disk.
 *
 * @example
 * const tree = createTestTree({ 'src/a.ts': 'export {};\n' });
 * tree.write('src/b.ts', 'export const b = 1;\n');
 * expect(await tree.dump()).toEqual({ 'src/b.ts': 'export const b = 1;\n' });
 */
export function createTestTree(files: Readonly<Record<string, string | Uint8Array>> = {}): Tree {
  return new Tree(memorySource(files));
}
