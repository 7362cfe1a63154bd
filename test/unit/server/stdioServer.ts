/**
 * `node dist/cli.js lsp --stdio` as another editor runs it, driven over its stdin and stdout with vscode-jsonrpc:
 * every wait has a deadline whose failure says what was awaited, and stdout is checked to carry nothing but LSP.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
// vscode-languageserver-protocol/node is vscode-jsonrpc/node (a dependency of it, not of tconv) plus LSP's types.
import {
  createMessageConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const WAIT_MS = 10_000;

/** `promise`, or a failure naming what was awaited (`what`, read when the deadline passes) after `ms`. */
function within<T>(what: () => string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what()}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export class StdioServer {
  readonly connection: MessageConnection;
  /** Errors reading the server's stdout (anything that is not an LSP message lands here). */
  readonly streamErrors: string[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(cli: string, cwd: string) {
    const child = (this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd, stdio: 'pipe' }));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onError(([error]) => this.streamErrors.push(error.message));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const listener of [...this.listeners]) listener();
    });
    this.connection.listen();
  }

  /** The first diagnostics published for `uri` at `version` (including those already received). */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    let check = () => {};
    const found = new Promise<PublishDiagnosticsParams>((resolve) => {
      check = () => {
        const params = this.published.find((p) => p.uri === uri && p.version === version);
        if (params) resolve(params);
      };
    });
    this.listeners.add(check);
    check();
    const sofar = () =>
      this.published
        .filter((p) => p.uri === uri)
        .map((p) => `v${p.version}`)
        .join(', ') || 'none';
    return this.wait(
      () => `publishDiagnostics for ${uri} version ${version} (for this uri so far: ${sofar()})`,
      found,
    ).finally(() => this.listeners.delete(check));
  }

  /** `promise` within the deadline; a timeout names `what` and tells what the server wrote outside LSP. */
  wait<T>(what: string | (() => string), promise: Promise<T>): Promise<T> {
    return within(
      () =>
        `${typeof what === 'string' ? what : what()}; stdout errors: ${this.streamErrors.join(' | ') || 'none'}; stderr: ${this.stderr.trim() || 'empty'}`,
      promise,
    );
  }

  /** The exit code once the process has ended. */
  exitCode(what: string): Promise<number | null> {
    return this.wait(what, this.exited);
  }

  /** What the server wrote to stderr, for failure messages. */
  get log(): string {
    return this.stderr;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
