// One of the concurrent writers (reliability.md H7): runs `batches` batches over the same files,
// each file's content tagged "<writer>:<batch>" and ending with a checksum of the rest, and logs
// when it held the project lock and when it wrote its COMMIT record (CLOCK_MONOTONIC, shared by
// every process on the machine). Prints one JSON line.
//   node writer-child.mjs <root> <writer id> <batches> <files>
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { batchWrite } from '../../dist/index.js';
import { nodeFs } from '../../dist/fs/node.js';

const [root, writer, batches, files] = process.argv.slice(2);
const lockPath = `${root}/.wopt/lock`;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const events = [];
let current;

// The real filesystem, watched: the lock appears (open, link or rename onto it) and disappears (unlink).
const port = {
  ...nodeFs,
  open: async (path, mode, fileMode) => {
    const handle = await nodeFs.open(path, mode, fileMode);
    if (path === lockPath && mode === 'create-exclusive') current = { acquired: now() };
    return handle;
  },
  link: async (from, to) => {
    await nodeFs.link(from, to);
    if (to === lockPath) current = { acquired: now() };
  },
  unlink: async (path) => {
    if (path === lockPath && current !== undefined) {
      current.released = now();
      events.push(current);
      current = undefined;
    }
    await nodeFs.unlink(path);
  },
  write: async (handle, data, offset, length) => {
    const text = Buffer.from(data.subarray(offset, offset + length)).toString('utf8');
    const written = await nodeFs.write(handle, data, offset, length);
    if (handle.path.endsWith('/journal') && text.includes('"type":"COMMIT"') && current !== undefined) current.commit = now();
    return written;
  },
};

export function content(tag, file) {
  const body = `tag ${tag}\nfile ${file}\n${`payload ${tag} ${file} `.repeat(40)}\n`;
  return `${body}sha ${createHash('sha256').update(body).digest('hex')}\n`;
}

const failures = [];
for (let batch = 0; batch < Number(batches); batch++) {
  const tag = `${writer}:${batch}`;
  const changes = Array.from({ length: Number(files) }, (_, i) => ({ path: `shared/f${i}.txt`, content: content(tag, i) }));
  try {
    await batchWrite(changes, { root, fs: port, lockTimeoutMs: 120_000, command: `writer ${tag}` });
  } catch (error) {
    failures.push(`${tag}: ${error.code} ${error.message}`);
  }
}
process.stdout.write(`${JSON.stringify({ writer, pid: process.pid, events, failures })}\n`);
