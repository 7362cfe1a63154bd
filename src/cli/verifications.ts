/**
 * Where `tconv verify` and `tconv show` run a spec's verifications: on two worker threads (dist/verifyWorker.js,
 * the language server's, next to dist/cli.js) sharing the checks, so both cores work and the main thread stays free
 * to draw the progress bar and to end cleanly on Ctrl+C; inline, pausing after each check, where that file is
 * missing (the CLI run from its sources). The main thread evaluates the spec once and hands the evaluated layers to
 * the threads, which start loading before that (`start`), so they are ready when the checks are.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { VerificationThreads } from '../server/threadVerifier';
import type { VerificationInput } from '../specFile/verificationInput';
import { sharedInput } from '../server/sharedInput';
import { drain, verifyInputSteps, type SpecVerification, type VerifyProgressEvent } from '../specFile/verifySpec';

export interface CliVerifier {
  /** Starts the threads now, when a command is about to verify (they load while the specs are evaluated). */
  start(): void;
  run(input: VerificationInput, onProgress: (e: VerifyProgressEvent) => void): Promise<SpecVerification>;
  dispose(): Promise<void>;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function cliVerifier(l10nBundle: Readonly<Record<string, string>> | undefined): CliVerifier {
  const script = path.join(__dirname, 'verifyWorker.js');
  if (existsSync(script)) {
    const threads = new VerificationThreads(script, () => l10nBundle);
    return {
      start: () => threads.start(),
      // A spec that asks for no check (an empty `verify` list) needs no thread.
      run: (input, onProgress) =>
        input.names.length === 0
          ? Promise.resolve(drain(verifyInputSteps(input, { onProgress })))
          : threads.runInput(sharedInput(input), undefined, onProgress),
      dispose: () => threads.dispose(),
    };
  }
  return {
    start() {},
    async run(input, onProgress) {
      const steps = verifyInputSteps(input, { onProgress });
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        await pause();
      }
    },
    dispose: async () => undefined,
  };
}
