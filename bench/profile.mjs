/**
 * Where does a wopt batch spend its time? Runs one batch through a port that counts every operation
 * and records when each kind of operation first started and last finished, and how many were in
 * flight at most, then prints a timeline. Not part of `npm run bench`; for investigation.
 *
 *   UV_THREADPOOL_SIZE=16 node bench/profile.mjs [--scenario create|rewrite|rollback] [--durability full]
 *                                                [--files 1000] [--concurrency 16]
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { batchWrite } from '../dist/index.js';
import { createFaultPort } from '../dist/testing/index.js';
import { nodeFs } from '../dist/fs/node.js';
import { fileSet } from './lib.mjs';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'create' },
    durability: { type: 'string', default: 'full' },
    files: { type: 'string', default: '1000' },
    folders: { type: 'string', default: '20' },
    concurrency: { type: 'string' },
    dir: { type: 'string' },
  },
});
const n = Number(values.files);
const root = fs.mkdtempSync(join(values.dir ?? tmpdir(), 'wopt-profile-'));
const files = fileSet(n, Number(values.folders), 4096, 0);
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);

function timingPort(inner) {
  const stats = new Map();
  const port = Object.create(inner);
  let t0 = performance.now();
  for (const key of Object.keys(inner)) {
    if (typeof inner[key] !== 'function' || key === 'readStream' || key === 'self' || key === 'isAlive') continue;
    port[key] = async (...a) => {
      const s = stats.get(key) ?? {
        count: 0,
        first: Infinity,
        last: 0,
        inflight: 0,
        maxInflight: 0,
        busy: 0,
      };
      stats.set(key, s);
      const started = performance.now();
      s.count += 1;
      s.first = Math.min(s.first, started - t0);
      s.inflight += 1;
      s.maxInflight = Math.max(s.maxInflight, s.inflight);
      try {
        return await inner[key](...a);
      } finally {
        s.inflight -= 1;
        const ended = performance.now();
        s.busy += ended - started;
        s.last = Math.max(s.last, ended - t0);
      }
    };
  }
  port.reset = () => {
    stats.clear();
    t0 = performance.now();
  };
  port.stats = stats;
  return port;
}

async function setupOld(list) {
  for (const folder of new Set(list.map((f) => f.path.split('/')[0]))) fs.mkdirSync(join(root, folder), { recursive: true });
  for (const file of list) fs.writeFileSync(join(root, file.path), file.content);
}

let port = timingPort(nodeFs);
let run;
if (values.scenario === 'create') {
  run = () =>
    batchWrite(files, {
      root,
      durability: values.durability,
      fs: port,
      concurrency,
    });
} else if (values.scenario === 'rewrite') {
  await setupOld(files);
  run = () =>
    batchWrite(files, {
      root,
      durability: values.durability,
      fs: port,
      concurrency,
    });
} else if (values.scenario === 'rollback') {
  await setupOld(files);
  const faulty = createFaultPort(nodeFs, {
    rules: [
      {
        at: n,
        operations: ['rename'],
        action: { kind: 'errno', errno: 'EIO' },
      },
    ],
  });
  port = timingPort(faulty);
  const next = fileSet(n, Number(values.folders), 4096, 1);
  run = () =>
    batchWrite(next, {
      root,
      durability: values.durability,
      fs: port,
      concurrency,
    });
} else {
  throw new Error(`unknown scenario ${values.scenario}`);
}
const { execFileSync } = await import('node:child_process');
execFileSync('sync');
port.reset();
const started = performance.now();
let outcome;
try {
  const report = await run();
  outcome = `ok: ${JSON.stringify(report.counts)}, fsyncs ${report.fsyncs}`;
} catch (error) {
  outcome = `failed: ${error.code} ${error.message.slice(0, 100)} rolledBack=${error.rolledBack}`;
}
const total = performance.now() - started;
console.log(
  `${values.scenario} ${n} files, durability ${values.durability}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? 4}: ${total.toFixed(0)} ms, ${outcome}`,
);
console.log('op            count   first ms   last ms  max in flight  sum of latencies ms');
for (const [key, s] of [...port.stats.entries()].sort((a, b) => a[1].first - b[1].first)) {
  console.log(
    `${key.padEnd(12)} ${String(s.count).padStart(6)} ${s.first.toFixed(1).padStart(10)} ${s.last.toFixed(1).padStart(9)} ${String(s.maxInflight).padStart(14)} ${s.busy.toFixed(0).padStart(20)}`,
  );
}
fs.rmSync(root, { recursive: true, force: true });
