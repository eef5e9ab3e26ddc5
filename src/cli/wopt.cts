#!/usr/bin/env node
/**
 * CommonJS launcher for the `wopt` bin. It exists for one line: UV_THREADPOOL_SIZE must be set
 * before libuv starts its threadpool, and on Node 20 loading an ES module entry (bin.js) already
 * starts it (the ESM loader reads files through the pool), while a CommonJS entry is read
 * synchronously. So this file sets the variable, then loads the real bin (bundled: see below).
 */
if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = '16';
// dist/bin/ is the CLI bundled by esbuild (npm run bundle): one start-up pays for a handful of
// files instead of ~80 modules. The specifier is a variable because tsc does not know that folder.
const bundledBin = '../bin/bin.js';
void import(bundledBin);
