/**
 * Where `tconv verify` and `tconv show` run a spec's verifications: on two worker threads (dist/verifyWorker.js,
 * the language server's, next to dist/cli.js) sharing the checks, so both cores work and the main thread stays free
 * to draw the progress bar and to end cleanly on Ctrl+C; inline, pausing after each check, where that file is
 * missing (the CLI run from its sources).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { VerificationThreads, type RawOutcome } from '../server/threadVerifier';
import { verifyTextSteps, type VerifyProgressEvent } from '../specFile/verifySpec';

export interface CliVerifier {
  run(
    text: string,
    memoryBudget: number | undefined,
    onProgress: (e: VerifyProgressEvent) => void,
  ): Promise<RawOutcome>;
  dispose(): Promise<void>;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function cliVerifier(l10nBundle: Readonly<Record<string, string>> | undefined): CliVerifier {
  const script = path.join(__dirname, 'verifyWorker.js');
  if (existsSync(script)) {
    const threads = new VerificationThreads(script, () => l10nBundle);
    return {
      run: (text, memoryBudget, onProgress) => threads.run({ text, memoryBudget }, 'raw', undefined, onProgress),
      dispose: () => threads.dispose(),
    };
  }
  return {
    async run(text, memoryBudget, onProgress) {
      const steps = verifyTextSteps(text, { memoryBudget, onProgress });
      for (;;) {
        const step = steps.next();
        if (step.done) {
          const { plan: _plan, ...raw } = step.value;
          return raw;
        }
        await pause();
      }
    },
    dispose: async () => undefined,
  };
}
