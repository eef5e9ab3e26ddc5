#!/usr/bin/env node
/**
 * The writer's own bookkeeping per file: live heap (after a forced GC) when a streamed batch of N
 * small files reaches its commit. Run with `node --expose-gc bench/writer-memory.mjs [N]` after
 * `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchWrite } from '../dist/index.js';

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const count = Number(process.argv[2] ?? 30000);
const root = mkdtempSync(join(tmpdir(), 'wopt-memory-'));
async function* changes() {
  for (let i = 0; i < count; i++) yield { path: `c${i % 1000}/f${i}.txt`, content: `${'x'.repeat(1000)}${i}` };
}
gc();
const base = process.memoryUsage().heapUsed;
let atCommit = 0;
await batchWrite(changes(), {
  root,
  durability: 'none',
  backup: 0,
  onProgress: (progress) => {
    if (progress.phase !== 'committing') return;
    gc();
    atCommit = process.memoryUsage().heapUsed - base;
  },
});
rmSync(root, { recursive: true, force: true });
console.log(`${count} streamed files: live heap growth at commit ${(atCommit / 1048576).toFixed(1)} MiB = ${Math.round(atCommit / count)} bytes per file`);
