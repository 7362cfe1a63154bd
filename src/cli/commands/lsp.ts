/**
 * `tconv lsp --stdio`: the language server the extension runs, for other editors (Neovim, Helix, Zed…), over this
 * process's stdin and stdout. stdout then carries only LSP messages, so console output goes to stderr.
 */
import { Console } from 'node:console';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startNodeServer } from '../../server/nodeServer';

export interface LspOptions {
  stdio?: boolean;
}

/** Starts the server (it runs until the client sends exit or closes stdin); returns the exit code to set otherwise. */
export function runLsp(options: LspOptions): number | undefined {
  if (options.stdio !== true) {
    process.stderr.write(
      "tconv lsp: stdio is the only transport; run `tconv lsp --stdio` from your editor's language-server settings\n",
    );
    return 2;
  }
  Object.assign(console, new Console({ stdout: process.stderr, stderr: process.stderr }));
  // Streams rather than readers: the library then exits when the client closes stdin (0 after shutdown, else 1).
  startNodeServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  return undefined;
}
