/**
 * Records every module a process loads: `node --import <this file> <entry> ...` with
 * WOPT_TRACE_MODULES=<output file>. ES modules through a `load` hook (hooks run on their own
 * thread), CommonJS modules from require.cache at exit. One URL or path per line.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let out = process.env.WOPT_TRACE_MODULES;

/** Hook (loader thread). */
export async function initialize(data) {
  out = data.out;
}

/** Hook (loader thread): every ES module (and CommonJS module imported from ESM) loaded. */
export async function load(url, context, next) {
  if (out) appendFileSync(out, `esm ${url}\n`);
  return next(url, context);
}

if (isMainThread && out && !globalThis.__woptTraceRegistered) {
  globalThis.__woptTraceRegistered = true;
  register(import.meta.url, { data: { out } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(out, Object.keys(cache).map((path) => `cjs ${path}\n`).join('')));
}
