/**
 * One big streamed file written by wopt, in a process of its own so that its RSS is not polluted by
 * other benchmarks. Prints one JSON line with the result on stdout.
 *
 *   node bench/stream.mjs --dir /tmp/x [--mib 1024] [--chunk-kib 1024] [--durability full]
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { batchWrite } from '../dist/index.js';
import { cipherStream, freeBytes, mib, rssSampler, sha256File } from './lib.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    mib: { type: 'string', default: '1024' },
    'chunk-kib': { type: 'string', default: '1024' },
    durability: { type: 'string', default: 'full' },
    keep: { type: 'boolean', default: false },
  },
});
if (values.dir === undefined) throw new Error('--dir is required');
const totalBytes = Number(values.mib) * (1 << 20);
const chunkBytes = Number(values['chunk-kib']) * 1024;
const root = values.dir;
fs.mkdirSync(root, { recursive: true });

const needed = totalBytes + (256 << 20);
const free = freeBytes(root);
if (free < needed) {
  console.log(
    JSON.stringify({
      skipped: true,
      reason: `only ${mib(free).toFixed(0)} MiB free in ${root}, need ${mib(needed).toFixed(0)} MiB`,
    }),
  );
} else {
  await measure();
}

async function measure() {
  // Warm up: load every lazily imported module and JIT the write path, so that the measured growth is
  // the streaming itself and not first-use overhead.
  fs.mkdirSync(join(root, 'warmup-root'), { recursive: true });
  await batchWrite([{ path: 'warmup/a.bin', content: cipherStream(4 << 20, chunkBytes) }], { root: join(root, 'warmup-root'), durability: 'process' });
  fs.rmSync(join(root, 'warmup-root'), { recursive: true, force: true });
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));

  const produced = createHash('sha256');
  const sampler = rssSampler(10);
  const started = performance.now();
  const report = await batchWrite(
    [
      {
        path: 'big/stream.bin',
        content: cipherStream(totalBytes, chunkBytes, (chunk) => produced.update(chunk)),
      },
    ],
    {
      root,
      durability: values.durability,
    },
  );
  const durationMs = performance.now() - started;
  const rss = sampler.stop();
  const expected = produced.digest('hex');
  const target = join(root, 'big/stream.bin');
  const size = fs.statSync(target).size;
  const actual = await sha256File(target);
  if (!values.keep) fs.rmSync(target, { force: true });

  console.log(
    JSON.stringify({
      skipped: false,
      bytes: totalBytes,
      chunkBytes,
      durability: values.durability,
      durationMs,
      mibPerSec: mib(totalBytes) / (durationMs / 1000),
      rssStart: rss.start,
      rssPeak: rss.peak,
      peakRssDelta: rss.delta,
      samples: rss.samples,
      woptPeakRssDeltaBytes: report.peakRssDeltaBytes,
      fsyncs: report.fsyncs,
      size,
      sha256Expected: expected,
      sha256Actual: actual,
      sha256Match: expected === actual && size === totalBytes,
      freeBytesBefore: free,
    }),
  );
}
