/**
 * The language server as VS Code desktop starts it (--node-ipc); vscode-languageserver reads the transport from
 * the command line.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startNodeServer } from './nodeServer';

startNodeServer(createConnection(ProposedFeatures.all));
