/**
 * A one-line progress bar on stderr, driven by the library's `onProgress` callbacks. Shown only on
 * a terminal and never in CI (logs get no carriage returns); redrawn at most every 100 ms.
 */
import type { Output } from './io.js';

export interface ProgressState {
  readonly phase: string;
  /** Items done so far. */
  readonly done: number;
  /** Items in all, when known. */
  readonly total?: number | undefined;
  /** Files staged by the writer. */
  readonly staged?: number | undefined;
}

export interface ProgressBar {
  update(state: ProgressState): void;
  /** Erases the bar (before printing a prompt or the result). */
  clear(): void;
}

const WIDTH = 24;
const INTERVAL_MS = 100;

/** Whether a progress bar belongs on this stream: a terminal, and not CI. */
export const wantsProgress = (stream: Output, env: Readonly<Record<string, string | undefined>>): boolean =>
  stream.isTTY === true && (env.CI === undefined || env.CI === '' || env.CI === 'false') && env.TERM !== 'dumb';

/** The text of one frame, e.g. `[#########---------------]  40% 400/1000 items · 1200 files staged · rendering`. */
export function progressLine(state: ProgressState): string {
  const staged = state.staged === undefined ? '' : ` · ${state.staged} files staged`;
  if (state.total === undefined || state.total === 0) return `${state.done} items${staged} · ${state.phase}`;
  const ratio = Math.min(1, state.done / state.total);
  const filled = Math.round(ratio * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${state.done}/${state.total} items${staged} · ${state.phase}`;
}

/**
 * @example const bar = createProgressBar(io.stderr, wantsProgress(io.stderr, io.env)); bar.update({ phase: 'rendering', done: 1, total: 10 });
 */
export function createProgressBar(stream: Output, enabled: boolean, now: () => number = Date.now): ProgressBar {
  if (!enabled) return { update: () => undefined, clear: () => undefined };
  let last = -Infinity;
  let shown = false;
  return {
    update(state) {
      const time = now();
      const final = state.phase === 'committing' || state.phase === 'done';
      if (!final && time - last < INTERVAL_MS) return;
      last = time;
      shown = true;
      stream.write(`\r\u001b[2K${progressLine(state)}`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
