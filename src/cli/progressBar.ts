/**
 * The progress bar `tconv verify` and `tconv show` draw on stderr while a spec's checks run, when stderr is a
 * terminal and the output is not --json:
 *
 *   verifying dcgan-generator.tconv.json · layer 3/5 up3 · adjoint ▕████░░░░▏ 12/40 checks
 *
 * One line, redrawn in place and erased before anything else is printed, cut to the terminal's width.
 */
import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import stringWidth from 'string-width';
import { checkLabel, VerifyProgressCounter } from '../specFile/verifyProgress';
import type { VerifyProgressEvent } from '../specFile/verifySpec';

const BAR_CELLS = 8;

export interface ProgressBar {
  /** A new spec's run starts (its checks are counted from zero). */
  begin(path: string): void;
  event(event: VerifyProgressEvent): void;
  /** Erases the line (before other output, at the end, on Ctrl+C). */
  clear(): void;
}

export const noProgressBar: ProgressBar = { begin() {}, event() {}, clear() {} };

/** "▕████░░░░▏" for a fraction 0…1. */
export function barCells(fraction: number, cells = BAR_CELLS): string {
  const full = Math.max(0, Math.min(cells, Math.round(fraction * cells)));
  return `▕${'█'.repeat(full)}${'░'.repeat(cells - full)}▏`;
}

/** The bar's text for a spec's run so far (without terminal codes), cut to `columns` cells. */
export function progressLine(file: string, counter: VerifyProgressCounter, columns: number): string {
  const title = l10n.t('verifying {0}', file);
  // Before the first check (the spec is validated and evaluated): no count yet.
  if (counter.total === 0) return fit(`${title}…`, columns - 1);
  const count = l10n.t('{0}/{1} checks', counter.done, counter.total);
  // Between two checks the last one stays on show, so the line does not flicker.
  const check = counter.current ?? counter.last;
  const head = [title, ...(check ? [checkLabel(check)] : [])].join(' · ');
  const tail = ` ${barCells(counter.fraction)} ${count}`;
  const room = columns - 1 - stringWidth(tail);
  return room <= 0 ? tail.trim() : `${fit(head, room)}${tail}`;
}

/** `text` cut to `room` terminal cells, with an ellipsis when cut. */
function fit(text: string, room: number): string {
  if (stringWidth(text) <= room) return text;
  let cut = text;
  while (cut.length > 0 && stringWidth(cut) > room - 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A bar on `stream` (a terminal). */
export function terminalProgressBar(stream: NodeJS.WriteStream): ProgressBar {
  let file = '';
  let counter = new VerifyProgressCounter();
  let drawn = false;
  const draw = () => {
    stream.write(`\r\x1b[2K${progressLine(file, counter, stream.columns || 80)}`);
    drawn = true;
  };
  return {
    begin(path) {
      file = basename(path);
      counter = new VerifyProgressCounter();
      draw();
    },
    event(event) {
      counter.add(event);
      draw();
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
