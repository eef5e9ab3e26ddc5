/**
 * Samples the resident set size while a run is under way, so a report can say how much memory the
 * run itself added at its peak (streaming must keep this flat however large the batch is).
 */
export interface RssSampler {
  /** Bytes above the RSS at start, at the highest sample so far. */
  stop(): number;
}

export function sampleRss(intervalMs = 20): RssSampler {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak - start;
    },
  };
}
