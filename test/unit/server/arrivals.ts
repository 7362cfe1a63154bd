/**
 * Messages from the server in the order they arrived, and waits for one of them: each wait has a deadline whose
 * failure names what was awaited and lists what did arrive.
 */
export const WAIT_MS = 5_000;

export class Arrivals<T> {
  readonly all: T[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly describe: (item: T) => string) {}

  add(item: T): void {
    this.all.push(item);
    for (const listener of [...this.listeners]) listener();
  }

  /** The first item at index `from` or later that matches (one that came already counts). */
  waitFor(what: string, match: (item: T) => boolean, from = 0, ms = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = () => {
        const found = this.all.slice(from).find(match);
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.all.slice(from).map(this.describe).join('; ') || 'nothing';
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; arrived: ${seen}`));
      }, ms);
      this.listeners.add(check);
      check();
    });
  }
}
