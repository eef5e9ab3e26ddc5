#!/usr/bin/env node
/**
 * The `wopt` executable: the only module that touches `process`. It hands the real world to
 * `main()` and sets `process.exitCode` (never `process.exit`, so stdout is flushed).
 */

// libuv sizes its threadpool once, when the pool is first used, from UV_THREADPOOL_SIZE. Every
// fs call (and each fsync, which blocks a thread for milliseconds) runs on that pool, so the default
// 4 threads would cap a batch at 4 fsyncs in flight against the writer's default concurrency of 16.
// Caveat: on Node 20 the ESM loader reads this very file through the pool, so by now the pool may
// already exist with 4 threads; the CommonJS launcher `wopt.cjs` sets the variable before any
// module loads, and is the one to use as the package bin (this line still covers loaders that
// read modules synchronously). Everything else is imported dynamically below, after this line.
if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = '16';

const { WoptError } = await import('../errors.js');

// The first SIGINT/SIGTERM aborts: a batch not yet committed rolls back and wopt exits 130. The
// handlers are `once`, so a second signal gets Node's default and kills the process at once; the
// journal stays and the next wopt run recovers.
const controller = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  process.stderr.write(`\nwopt: ${signal}: stopping; a batch that has not committed is rolled back (send it again to stop at once)\n`);
  controller.abort(new WoptError('E_ABORTED', `Interrupted by ${signal} before the batch committed; every file of it was restored.`));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// `wopt status | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

async function run(): Promise<number> {
  const { main } = await import('./main.js');
  const { reportError } = await import('./exit.js');
  let fs;
  const faultSpec = process.env.WOPT_FAULT;
  if (faultSpec !== undefined && faultSpec !== '') {
    // Test hook for crash tests of the real binary (see fs/fault.ts); never set in production.
    const [{ createFaultPort, parseFaultSpec }, { nodeFs }] = await Promise.all([import('../fs/fault.js'), import('../fs/node.js')]);
    try {
      fs = createFaultPort(nodeFs, { rules: parseFaultSpec(faultSpec) });
    } catch (error) {
      return reportError(error, process.stderr);
    }
    process.stderr.write(`wopt: WOPT_FAULT=${faultSpec}: injecting filesystem faults (testing only)\n`);
  }
  return main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    ...(fs === undefined ? {} : { fs }),
  });
}

process.exitCode = await run();
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
