// Rate-limits a stream of values (a drag) to one per interval; the last value always goes.

export interface Clock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Throttle<T> {
  private last = -Infinity;
  private timer: unknown = null;
  private latest: { value: T } | null = null;
  private sent: { value: T } | null = null;

  constructor(
    private readonly interval: number,
    private readonly send: (value: T) => void,
    private readonly clock: Clock = realClock,
  ) {}

  /** A new value: sent now if the interval has passed, else when it has (if still latest). */
  push(value: T): void {
    this.latest = { value };
    const wait = this.last + this.interval - this.clock.now();
    if (wait <= 0) this.flush();
    else if (this.timer === null) {
      this.timer = this.clock.later(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }
  }

  /** The gesture ended: send the latest value unless it already went. */
  end(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
    this.flush();
    this.latest = null;
    this.sent = null;
    this.last = -Infinity;
  }

  private flush(): void {
    const latest = this.latest;
    if (latest === null) return;
    if (this.sent !== null && Object.is(this.sent.value, latest.value)) return;
    this.sent = latest;
    this.last = this.clock.now();
    this.send(latest.value);
  }
}
