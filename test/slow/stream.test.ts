/**
 * Streamed content keeps memory flat (reliability.md row 25, at a size that fits in `npm test`): a
 * 128 MiB file given as an async generator of 1 MiB chunks goes through batchWrite (`full`) while
 * the process's RSS is sampled every 10 ms; its peak growth must stay under 64 MiB, and the file
 * must hash to exactly what was generated. A buffering writer would hold 128 MiB and fail.
 *
 * The first test checks the meter itself: the same sampler must see a buffer of that size held in
 * memory, so a sampler that never fires or reads the wrong number cannot make the real test pass.
 */
import { createCipheriv, createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchWrite } from '../../src/index.js';

const MIB = 1 << 20;
const TOTAL = 128 * MIB;
const CHUNK = MIB;
const LIMIT = 64 * MIB;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = fs.mkdtempSync(join(tmpdir(), 'wopt-slow-stream-'));
  made.push(root);
  return root;
}

/** Deterministic pseudo-random bytes (AES-128-CTR over zeros), `total` bytes in `chunk`-byte pieces. */
async function* generated(total: number, chunk: number, onChunk?: (bytes: Buffer) => void): AsyncGenerator<Uint8Array> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 0x42), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(chunk);
  for (let left = total; left > 0; left -= chunk) {
    const bytes = cipher.update(left >= chunk ? zeros : zeros.subarray(0, left));
    onChunk?.(bytes);
    yield bytes;
  }
}

/** Peak RSS growth over the RSS at start, sampled every 10 ms. */
function sampleRss(): { stop(): { delta: number; samples: number } } {
  const start = process.memoryUsage.rss();
  let peak = start;
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { delta: peak - start, samples };
    },
  };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path, { highWaterMark: MIB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

describe('streamed content', () => {
  it('the RSS sampler sees 128 MiB held in memory (the meter works)', async () => {
    const sampler = sampleRss();
    const held: Buffer[] = [];
    for await (const chunk of generated(TOTAL, CHUNK)) held.push(chunk as Buffer);
    await tick();
    const { delta, samples } = sampler.stop();
    expect(held.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(TOTAL);
    expect(samples).toBeGreaterThan(0);
    expect(delta).toBeGreaterThan(LIMIT);
    held.length = 0;
  });

  it('writes 128 MiB through batchWrite with peak RSS growth under 64 MiB and the exact bytes', async () => {
    const root = tempRoot();
    // Warm up (module code paths, JIT) so the measurement is the streaming itself.
    await batchWrite([{ path: 'warmup.bin', content: generated(4 * MIB, CHUNK) }], { root, durability: 'process' });
    await tick();

    const produced = createHash('sha256');
    const sampler = sampleRss();
    const report = await batchWrite(
      [
        {
          path: 'big/stream.bin',
          content: generated(TOTAL, CHUNK, (bytes) => produced.update(bytes)),
        },
      ],
      { root },
    );
    const { delta, samples } = sampler.stop();

    const target = join(root, 'big/stream.bin');
    expect(report.counts.created).toBe(1);
    expect(report.bytesWritten).toBe(TOTAL);
    expect(fs.statSync(target).size).toBe(TOTAL);
    expect(await sha256Of(target)).toBe(produced.digest('hex'));
    expect(samples).toBeGreaterThan(0);
    expect(delta, `peak RSS growth ${(delta / MIB).toFixed(1)} MiB`).toBeLessThan(LIMIT);
    expect(report.peakRssDeltaBytes, `wopt's own peakRssDeltaBytes ${(report.peakRssDeltaBytes / MIB).toFixed(1)} MiB`).toBeLessThan(LIMIT);
    expect(fs.readdirSync(join(root, 'big'))).toEqual(['stream.bin']);
  });
});
