/**
 * The language server over Node: VS Code desktop starts it with --node-ipc, other editors with --stdio
 * (`tconv lsp --stdio`); vscode-languageserver reads the transport from the command line.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startTconvServer } from './server';

startTconvServer(createConnection(ProposedFeatures.all));
