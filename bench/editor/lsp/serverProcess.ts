/**
 * The language server as VS Code desktop runs it: dist/server.js forked with an IPC channel and --node-ipc, and
 * a JSON-RPC connection over that channel through vscode-jsonrpc's IPCMessageReader / IPCMessageWriter. That is
 * what vscode-languageclient's TransportKind.ipc sets up (it imports them from vscode-languageserver-protocol/node,
 * which re-exports vscode-jsonrpc/node; so does this file). Then `initialize` with tconv's initializationOptions.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  type ClientCapabilities,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { TconvInitializationOptions, TconvServerSettings } from '../../../src/server/protocol';
import { PublishedDiagnostics } from './publishedDiagnostics';

const root = path.resolve(__dirname, '..', '..', '..');
export const SERVER_SCRIPT = path.join(root, 'dist', 'server.js');

/** What VS Code's client announces for the features the benches use. */
const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    codeLens: {},
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
  },
};

export interface ServerSession {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly diagnostics: PublishedDiagnostics;
  /**
   * Changes settings: workspace/didChangeConfiguration with the whole `tconv` section, as the client's
   * `synchronize.configurationSection` sends it (the server reads a missing setting as its default).
   */
  configure(changed: Partial<TconvServerSettings>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How the IPC channel encodes messages: 'advanced' (v8.serialize's structured clone, which src/vscode/extension.ts
 * passes as a fork option) or 'json' (Node's default, what TransportKind.ipc gets without it).
 */
export type Serialization = 'json' | 'advanced';

export async function startServer(
  settings: Partial<TconvServerSettings>,
  serialization: Serialization = 'advanced',
): Promise<ServerSession> {
  if (!existsSync(SERVER_SCRIPT)) throw new Error(`${SERVER_SCRIPT} missing: run npm run build`);
  // As LanguageClient does for a `module` with TransportKind.ipc: fork, no inherited exec arguments (so not this
  // process's `--import tsx`), stdio piped (to the output channel there, to our stderr here).
  const child = fork(SERVER_SCRIPT, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv: [],
    silent: true,
    cwd: root,
    serialization,
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const diagnostics = new PublishedDiagnostics(connection);
  // After a settings change the server asks for CodeLens to be requested again; the benches' documents are either
  // closed by then or not showing lenses, so the request is acknowledged and nothing more.
  connection.onRequest(CodeLensRefreshRequest.type, () => undefined);
  connection.listen();
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) diagnostics.failAll(new Error(`the server exited (code ${code}, signal ${signal})`));
  });
  let current = settings;
  // As clientOptions() in src/vscode/languageClient.ts sends them (English: no message bundle).
  const initializationOptions: TconvInitializationOptions = {
    docsUrl: pathToFileURL(path.join(root, 'README.md')).href,
    settings,
    tconvExtension: true,
  };
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: CAPABILITIES,
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    child,
    diagnostics,
    configure(changed) {
      current = { ...current, ...changed };
      return connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { tconv: current } });
    },
    async stop() {
      stopping = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await exited;
      connection.dispose();
    },
  };
}
