/**
 * PROXY for `wopt gen <template> --name <Name> --root <dir> --yes` while the CLI has no `gen`
 * command: what that command has to do, through wopt's public modules in dist/. Loads the template
 * folder, then generates one item as one `full` (default durability) transaction, with
 * batchWriteFromTemplate when dist/generate exists, else createRenderer + renderTemplate + batchWrite.
 * No argument parsing, help, prompts, config or output: a lower bound for the real command.
 *
 *   node bench/generate-fixtures/wopt-gen-proxy.mjs <template dir> <Name> <root>
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = '16';
const [templateDir, name, root] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { nodeFs } = await import(new URL('fs/node.js', dist));
const { readTemplateFolder } = await import(new URL('library/index.js', dist));
const template = await readTemplateFolder(nodeFs, templateDir);
if (existsSync(join(new URL('generate/', dist).pathname, 'index.js'))) {
  const { batchWriteFromTemplate } = await import(new URL('generate/index.js', dist));
  await batchWriteFromTemplate(template, [{ name }], { root });
} else {
  const { batchWrite } = await import(new URL('index.js', dist));
  const { createRenderer } = await import(new URL('render/index.js', dist));
  const { renderTemplate } = await import(new URL('library/index.js', dist));
  const { files } = await renderTemplate(createRenderer(), template, { name });
  await batchWrite(files.map((file) => ({ path: file.path, content: file.content })), { root });
}
