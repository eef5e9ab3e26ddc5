/**
 * Bulk generation streams: 10,000 items × 3 files of ~4 KiB (about 120 MiB of output) are rendered
 * lazily and handed to the writer in chunks, so live memory stays far below what holding the
 * output would take.
 *
 * RSS alone cannot tell retention from garbage not yet collected (V8 lets the heap grow before a
 * major GC), so the sampler here forces a GC before each sample and measures live memory (heap +
 * array buffers); the report's `peakRssDeltaBytes` is checked too, against a looser bound. Eager
 * rendering fails both the look-ahead check and the live-memory limit (the output alone is 120 MiB on
 * top of the bookkeeping; the limit is 100 MiB in all).
 */
import * as fs from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/fs/node.js';
import { batchWriteFromTemplate, readRecord } from '../../src/generate/index.js';
import type { Template } from '../../src/library/index.js';
import { tempProject } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const live = (): number => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const ITEMS = 10_000;
const FILES = 3;
const PARALLEL = 8;
// ~4 KiB of body per file: the output is ITEMS * FILES * 4 KiB ≈ 120 MiB.
const body = Array.from({ length: 64 }, (_, i) => `// line ${String(i).padStart(2, '0')} of {{pascalCase name}}: ${'x'.repeat(40)}\n`).join('');
const template: Template = {
  manifest: { name: 'bulk', params: { name: { type: 'string' } } },
  files: [
    {
      path: 'src/{{kebabCase name}}/index.ts',
      content: `export const {{camelCase name}} = 1;\n${body}`,
    },
    {
      path: 'src/{{kebabCase name}}/{{kebabCase name}}.test.ts',
      content: `// test {{name}}\n${body}`,
    },
    {
      path: 'docs/{{kebabCase name}}.md',
      content: `# {{titleCase name}}\n${body}`,
    },
  ],
};

describe('bulk generation memory', () => {
  it(`streams ${ITEMS} items × ${FILES} files in one transaction with bounded memory`, async () => {
    const root = tempProject();
    let pulled = 0;
    async function* items() {
      for (let i = 0; i < ITEMS; i++) {
        pulled += 1;
        yield { name: `entity number ${i}` };
      }
    }
    const outputBytes = ITEMS * FILES * Buffer.byteLength(body);
    const before = live();
    let peakLive = 0;
    let maxAhead = 0;
    const report = await batchWriteFromTemplate(template, items(), {
      root,
      durability: 'none',
      backup: 0,
      parallel: PARALLEL,
      onProgress: (progress) => {
        maxAhead = Math.max(maxAhead, pulled - progress.items);
        if (progress.items % 500 === 0) peakLive = Math.max(peakLive, live() - before);
      },
    });
    expect(report.counts.created).toBe(ITEMS * FILES + 1);
    expect(report.items).toBe(ITEMS);
    expect((await readRecord(nodeFs, root)).length).toBe(ITEMS * FILES);
    expect(fs.readFileSync(`${root}/docs/entity-number-9999.md`, 'utf8')).toContain('# Entity Number 9999');
    // The source is read at most `parallel` items ahead of what has been rendered.
    expect(maxAhead).toBeLessThanOrEqual(PARALLEL);
    expect(outputBytes).toBeGreaterThan(110 * 1024 * 1024);
    // Live memory (after GC) at its peak: the transaction's bookkeeping (the writer keeps about 2.5
    // KiB per planned file, ≈75 MiB for 30,000 files) and the record, not the output: eager rendering
    // would add the whole 120 MiB on top.
    expect(peakLive).toBeGreaterThan(0);
    expect(peakLive).toBeLessThan(100 * 1024 * 1024);
    // Peak RSS, garbage included, as the report measures it: still below the output's size.
    expect(report.peakRssDeltaBytes).toBeGreaterThan(0);
    expect(report.peakRssDeltaBytes).toBeLessThan(outputBytes * 1.5);
    console.log(
      `live peak ${(peakLive / 2 ** 20).toFixed(1)} MiB, RSS peak ${(report.peakRssDeltaBytes / 2 ** 20).toFixed(1)} MiB, output ${(outputBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  });
});
