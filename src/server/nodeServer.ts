/** The language server on Node (VS Code desktop over IPC, `tconv lsp --stdio`): verifications in a worker thread. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { startTconvServer, type TconvServer } from './server';
import { threadVerifier } from './threadVerifier';
import { inlineVerifier } from './verifier';

/** dist/verifyWorker.js sits next to the bundle that runs this (dist/server.js, dist/cli.js). */
const script = path.join(__dirname, 'verifyWorker.js');

export function startNodeServer(connection: Connection): TconvServer {
  return startTconvServer(connection, {
    createVerifier: (bundle) => (existsSync(script) ? threadVerifier(script, () => bundle) : inlineVerifier),
  });
}
