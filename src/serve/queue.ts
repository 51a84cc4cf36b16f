/** Thrown by WorkQueue.run when every slot is busy and the waiting line is full. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super('the server is busy: the scan queue is full');
  }
}

/**
 * A bounded work queue: at most `concurrency` jobs run at a time and at most `maxWaiting` wait
 * their turn, in order. A job beyond that is refused at once (the caller answers 429), so that a
 * burst cannot pile up memory; a job that waits is never dropped.
 */
export class WorkQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** moving average of a job's duration, for Retry-After */
  private averageMs = 1000;
  completed = 0;

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Seconds until a slot is likely free: the line ahead divided among the slots, at least 1. */
  retryAfter(): number {
    const ahead = this.waiting.length + this.active;
    return Math.max(1, Math.ceil((ahead * this.averageMs) / this.concurrency / 1000));
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.retryAfter());
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      this.completed++;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line: `active` does not change.
      if (next) next();
      else this.active--;
    }
  }

  /** Resolves when nothing runs and nothing waits (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.active > 0 || this.waiting.length > 0) await new Promise((r) => setTimeout(r, 20));
  }
}
