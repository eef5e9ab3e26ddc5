/**
 * Ordered, bounded look-ahead over a lazy source: up to `limit` items are being worked on at once,
 * results come out in input order, and the source is read no further ahead than that.
 */

/** Any list of items, read lazily. */
export type Items<T> = Iterable<T> | AsyncIterable<T>;

export async function* toAsync<T>(items: Items<T>): AsyncGenerator<T> {
  if (Symbol.asyncIterator in items) yield* items as AsyncIterable<T>;
  else yield* items as Iterable<T>;
}

/**
 * Maps `work` over `items` with at most `limit` calls in flight, yielding results in order. The
 * first failure (in input order) is thrown; later failures are settled quietly.
 */
export async function* mapAhead<T, R>(items: Items<T>, limit: number, work: (item: T, index: number) => Promise<R>): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  const start = (item: T, index: number): void => {
    const promise = work(item, index);
    // Handled here so that a failure of a later item, while an earlier one is awaited, is not an
    // unhandled rejection; it is still thrown when its turn comes.
    promise.catch(() => undefined);
    window.push(promise);
  };
  let index = 0;
  try {
    for await (const item of toAsync(items)) {
      start(item, index++);
      if (window.length >= limit) yield await (window.shift() as Promise<R>);
    }
    while (window.length > 0) yield await (window.shift() as Promise<R>);
  } finally {
    // Stopped early (a failure, or the consumer returned): let work in flight finish before going on.
    await Promise.allSettled(window.splice(0));
  }
}
