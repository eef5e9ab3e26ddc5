// Reads the shared files over and over while the writers run, until <stop file> appears: every
// read must be one whole version of a file (its checksum matches); a snapshot of all files may mix
// batches while a commit is being applied (a documented non-guarantee), and is only counted.
//   node observer-child.mjs <root> <files> <stop file>
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const [root, files, stop] = process.argv.slice(2);
let reads = 0;
let torn = 0;
let mixed = 0;
let snapshots = 0;
const examples = [];
while (!existsSync(stop)) {
  const tags = new Set();
  for (let i = 0; i < Number(files); i++) {
    let text;
    try {
      text = readFileSync(`${root}/shared/f${i}.txt`, 'utf8');
    } catch (error) {
      torn += 1;
      if (examples.length < 5) examples.push(`f${i}: ${error.code}`);
      continue;
    }
    reads += 1;
    const at = text.lastIndexOf('sha ');
    const body = text.slice(0, at);
    const tag = /^tag (\S+)\n/.exec(text)?.[1];
    if (tag === undefined || text.slice(at + 4).trim() !== createHash('sha256').update(body).digest('hex')) {
      torn += 1;
      if (examples.length < 5) examples.push(`f${i}: ${JSON.stringify(text.slice(0, 60))}`);
    } else {
      tags.add(tag);
    }
  }
  snapshots += 1;
  if (tags.size > 1) mixed += 1;
}
process.stdout.write(`${JSON.stringify({ reads, torn, mixed, snapshots, examples })}\n`);
