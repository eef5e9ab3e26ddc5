// A child process for the crash, kernel and concurrency tests: runs one job read from a JSON file
// (argv[2]) against the built library, and prints one JSON line with the outcome on stdout.
//
//   { "action": "batch", "root": ..., "changes": [...], "options": {...} }   batchWrite
//   { "action": "recover", "root": ... }                                     recover(root)
//   { "action": "wfa", "target": ..., "stream": {...} }                       write-file-atomic, for contrast
//
// When WOPT_FAULT is set, the fs port is wrapped by createFaultPort with its rules (SIGKILL at op k,
// errno at op k, ...). A job may add a `hook` rule that runs a shell command just before an operation
// (e.g. `mount -o remount,ro`), ask for the operation trace, and count renames onto a path pattern.
import { Buffer } from 'node:buffer';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { batchWrite, recover } from '../../dist/index.js';
import { nodeFs } from '../../dist/fs/node.js';
import { createFaultPort, parseFaultSpec } from '../../dist/testing/index.js';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function makePort() {
  const rules = process.env.WOPT_FAULT ? parseFaultSpec(process.env.WOPT_FAULT) : [];
  if (job.hook) {
    rules.push({
      at: job.hook.at,
      operations: job.hook.operations,
      path: job.hook.path === undefined ? undefined : new RegExp(job.hook.path),
      action: {
        kind: 'hook',
        run: (operation, path) => {
          process.stderr.write(`hook before ${operation} ${path}: ${job.hook.command}\n`);
          execSync(job.hook.command, { stdio: 'inherit' });
        },
      },
    });
  }
  const wrapped = rules.length > 0 || job.record || job.countRenames ? createFaultPort(nodeFs, { rules, record: job.record === true || job.countRenames !== undefined }) : undefined;
  if (wrapped === undefined) return { port: nodeFs, wrapped, renamed: () => 0 };
  // Successful renames onto the pattern (the fault port's trace also holds attempts that failed).
  let renamed = 0;
  const pattern = job.countRenames === undefined ? undefined : new RegExp(job.countRenames);
  const port = {
    ...wrapped,
    rename: async (from, to) => {
      await wrapped.rename(from, to);
      if (pattern?.test(to)) renamed += 1;
    },
  };
  return { port, wrapped, renamed: () => renamed };
}

/** `{ stream: { size, chunk, byte } }` content: an async iterable whose size nobody knows in advance. */
function contentOf(change) {
  if (change.stream === undefined) return change.content;
  const { size, chunk, byte } = change.stream;
  return {
    async *[Symbol.asyncIterator]() {
      for (let sent = 0; sent < size; sent += chunk) yield Buffer.alloc(Math.min(chunk, size - sent), byte);
    },
  };
}

function describeError(error) {
  return {
    ok: false,
    code: error?.code,
    errno: error?.errno,
    path: error?.path,
    rolledBack: error?.rolledBack === true,
    message: String(error?.message ?? error),
  };
}

async function main() {
  const { port, wrapped, renamed } = makePort();
  let result;
  if (job.action === 'recover') {
    try {
      const lockTimeoutMs = process.env.WOPT_TEST_LOCK_TIMEOUT_MS === undefined ? undefined : Number(process.env.WOPT_TEST_LOCK_TIMEOUT_MS);
      const concurrency = process.env.WOPT_TEST_CONCURRENCY === undefined ? undefined : Number(process.env.WOPT_TEST_CONCURRENCY);
      const report = await recover(job.root, { fs: port, lockTimeoutMs, concurrency });
      result = { ok: true, report };
    } catch (error) {
      result = describeError(error);
    }
  } else if (job.action === 'wfa') {
    const { default: writeFileAtomic } = await import('write-file-atomic');
    try {
      // write-file-atomic takes a string or Buffer, not a stream: the content is collected first.
      await writeFileAtomic(job.target, await collect(contentOf(job)));
      result = { ok: true };
    } catch (error) {
      result = { ok: false, code: error?.code, message: String(error?.message ?? error) };
    }
  } else {
    const changes = job.changes.map((change) => (change.stream === undefined ? change : { path: change.path, content: contentOf(change) }));
    // The marker a test waits for before it starts a random kill timer: the batch starts now.
    process.stdout.write('BATCH-START\n');
    try {
      const report = await batchWrite(changes, { root: job.root, fs: port, ...job.options });
      result = { ok: true, txid: report.txid, counts: report.counts, fsyncs: report.fsyncs, warnings: report.warnings };
    } catch (error) {
      result = describeError(error);
    }
  }
  if (wrapped !== undefined) {
    result.ops = wrapped.counters.total;
    result.fired = wrapped.counters.fired;
    if (job.record) result.trace = wrapped.trace;
    if (job.countRenames !== undefined) {
      result.renameAttempts = wrapped.trace.filter((op) => op.operation === 'rename' && new RegExp(job.countRenames).test(op.path)).length;
      result.renamed = renamed();
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 2;
}

async function collect(iterable) {
  const chunks = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return Buffer.concat(chunks);
}

await main();
