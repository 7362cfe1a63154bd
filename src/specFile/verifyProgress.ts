/**
 * What a verification run says while it runs, the same in the CLI's progress bar, the language server's $/progress
 * reports and VS Code's notification: which layer and check, and how many of the run's checks are done.
 */
import * as l10n from '@vscode/l10n';
import type { CheckRef, VerifyProgressEvent } from './verifySpec';

/** "layer 3/5 up3 · adjoint" */
export function checkLabel(check: CheckRef): string {
  return l10n.t('layer {0}/{1} {2} · {3}', check.layerNumber, check.layerCount, check.layerName, check.name);
}

/** Counts a run's checks as they finish (a layer that cannot be verified counts its checks as done). */
export class VerifyProgressCounter {
  done = 0;
  total = 0;
  /** The check that started last. */
  last: CheckRef | undefined;
  /** Checks started and not finished (two threads run two at a time), by index. */
  private readonly running = new Map<number, CheckRef>();

  /** Takes one event; answers the fraction done (0…1) afterwards. */
  add(event: VerifyProgressEvent): number {
    if (event.kind === 'start') {
      this.running.set(event.check.index, event.check);
      this.last = event.check;
      this.total = event.check.total;
    } else if (event.kind === 'finish') {
      this.done++;
      this.total = event.check.total;
      this.running.delete(event.check.index);
    } else this.done += event.checks;
    return this.fraction;
  }

  /** The running check that started last (undefined between checks). */
  get current(): CheckRef | undefined {
    return [...this.running.values()].pop();
  }

  get fraction(): number {
    return this.total > 0 ? Math.min(1, this.done / this.total) : 0;
  }

  /** "layer 3/5 up3 · adjoint · 12/40 checks", or just the count when no check runs. */
  message(): string {
    const check = this.current;
    const count = l10n.t('{0}/{1} checks', this.done, this.total);
    return check ? `${checkLabel(check)} · ${count}` : count;
  }
}
