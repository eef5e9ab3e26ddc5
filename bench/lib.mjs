/**
 * Shared helpers of the wopt benchmarks: deterministic content, statistics, environment facts.
 * Plain ESM JavaScript; nothing here imports wopt.
 */
import { Buffer } from 'node:buffer';
import { createCipheriv, createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';

/** mulberry32: a small, fast, seedable PRNG (deterministic across runs and Node versions). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (() => {
  const next = prng(0x5eed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 512 }, () => Array.from({ length: 2 + Math.floor(next() * 9) }, () => letters[Math.floor(next() * 26)]).join(''));
})();

/** Pseudo-random source-like text of `size` bytes (ASCII, so bytes === characters), deterministic in `seed`. */
export function textOf(seed, size) {
  const next = prng(seed);
  let out = '';
  let line = '';
  while (out.length < size) {
    const word = WORDS[Math.floor(next() * WORDS.length)];
    if (line.length + word.length + 1 > 72) {
      out += `${line}\n`;
      line = '';
    }
    line += line.length === 0 ? `${'  '.repeat(Math.floor(next() * 3))}${word}` : ` ${word}`;
  }
  return out.slice(0, size - 1) + '\n';
}

/**
 * The file set of a scenario: `count` files of about `avgSize` bytes (±12.5%) spread round-robin over
 * `folders` folders named d00..d19. `variant` changes every file's content (for "update" batches).
 */
export function fileSet(count, folders, avgSize = 4096, variant = 0) {
  const next = prng(0xf11e + variant);
  const width = String(folders - 1).length;
  const files = [];
  for (let i = 0; i < count; i++) {
    const folder = `d${String(i % folders).padStart(Math.max(2, width), '0')}`;
    const size = avgSize - avgSize / 8 + Math.floor(next() * (avgSize / 4));
    files.push({
      path: `${folder}/f${String(i).padStart(5, '0')}.txt`,
      content: textOf(i * 7919 + 1 + variant * 104729, size),
    });
  }
  return files;
}

export const foldersOf = (files) => [...new Set(files.map((file) => file.path.split('/')[0]))];

/**
 * A deterministic pseudo-random byte stream: AES-128-CTR over zeros with a fixed key, in chunks of
 * `chunkBytes`, `totalBytes` in all. `onChunk` sees every chunk (to hash what was produced).
 */
export async function* cipherStream(totalBytes, chunkBytes, onChunk) {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 0x42), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(chunkBytes);
  let left = totalBytes;
  while (left > 0) {
    const n = Math.min(chunkBytes, left);
    const chunk = cipher.update(n === chunkBytes ? zeros : zeros.subarray(0, n));
    onChunk?.(chunk);
    left -= n;
    yield chunk;
  }
}

export async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path, {
    highWaterMark: 1 << 20,
  }))
    hash.update(chunk);
  return hash.digest('hex');
}

/** Samples RSS every `intervalMs`; `stop()` gives the peak growth over the RSS at start. */
export function rssSampler(intervalMs = 10) {
  const start = process.memoryUsage.rss();
  let peak = start;
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { start, peak, delta: peak - start, samples };
    },
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const min = (values) => Math.min(...values);

export const mib = (bytes) => bytes / (1 << 20);

/** Filesystem type of a directory (e.g. ext4, tmpfs), as `df` reports it. */
export function fsTypeOf(dir) {
  try {
    const out = execFileSync('df', ['-T', '-P', dir], { encoding: 'utf8' }).trim().split('\n');
    const cols = out[out.length - 1].split(/\s+/);
    return `${cols[1]} (${cols[0]} on ${cols[6]})`;
  } catch {
    return 'unknown';
  }
}

export function freeBytes(dir) {
  const info = fs.statfsSync(dir);
  return info.bavail * info.bsize;
}

export function environment(dir) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    fsType: fsTypeOf(dir),
    threadpool: process.env.UV_THREADPOOL_SIZE ?? '4 (libuv default)',
    loadavg: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

/** Which wopt was measured: the commit, uncommitted changes under src/, and a fingerprint of src/. */
export function codeState(repo) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (fs.statSync(path).isDirectory()) walk(path);
      else hash.update(`${path.slice(repo.length)}\0`).update(fs.readFileSync(path));
    }
  };
  walk(join(repo, 'src'));
  const dirty = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
  return `commit ${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty > 0 ? ` + ${dirty} uncommitted change(s) under src/` : ''}; src/ fingerprint ${hash.digest('hex').slice(0, 12)}`;
}
