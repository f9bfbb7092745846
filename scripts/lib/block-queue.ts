/**
 * Blocks of work handed out to threads as each asks for one: a counter in shared memory that
 * every thread advances atomically. A thread that starts late, or works slower, simply takes
 * fewer blocks, so no thread waits for another's share.
 */
export class BlockQueue {
  /** [the next block to hand out, the threads ready to take blocks]. */
  private readonly counters: Int32Array;

  constructor(
    readonly blocks: number,
    readonly memory: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
  ) {
    this.counters = new Int32Array(memory);
  }

  /** The next block no thread has taken, or undefined when all are taken. */
  take(): number | undefined {
    const block = Atomics.add(this.counters, 0, 1);
    return block < this.blocks ? block : undefined;
  }

  /** Says that this thread is ready to take blocks. */
  ready(): void {
    Atomics.add(this.counters, 1, 1);
    Atomics.notify(this.counters, 1);
  }

  /**
   * Waits until `threads` threads have said they are ready, or `limitMs` has passed: a thread
   * that never starts must not hold the others, which then simply take its blocks.
   */
  waitForReady(threads: number, limitMs: number): void {
    const until = Date.now() + limitMs;
    for (let now = Atomics.load(this.counters, 1); now < threads; ) {
      const left = until - Date.now();
      if (left <= 0) return;
      Atomics.wait(this.counters, 1, now, left);
      now = Atomics.load(this.counters, 1);
    }
  }
}
