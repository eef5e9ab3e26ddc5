#!/usr/bin/env node
/**
 * CommonJS launcher for the `wopt` bin. It exists for one line: UV_THREADPOOL_SIZE must be set
 * before libuv starts its threadpool, and on Node 20 loading an ES module entry (bin.js) already
 * starts it (the ESM loader reads files through the pool), while a CommonJS entry is read
 * synchronously. So this file sets the variable, then loads the real bin (bundled: see below).
 */
if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = '16';
// dist/bin/bin.js is the whole CLI bundled by esbuild into one file (npm run bundle): a start-up
// reads one file instead of ~80 modules (measured: one file beat per-command chunks too, since V8
// only pre-parses what does not run). The specifier is a variable: tsc does not know that file.
const bundledBin = '../bin/bin.js';
void import(bundledBin);
