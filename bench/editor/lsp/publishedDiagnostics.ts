/**
 * textDocument/publishDiagnostics as they arrive, for a bench that waits for the diagnostics of one version of a
 * document (or for the empty set the server sends when a document closes). Register the wait right after sending
 * the notification that causes it, before yielding: a publication nobody waits for is dropped.
 */
import { performance } from 'node:perf_hooks';
import {
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface Published {
  readonly params: PublishDiagnosticsParams;
  /** performance.now() when the client's handler received it (after the channel parsed it). */
  readonly receivedAt: number;
}

const keyOf = (uri: string, version: number | undefined) => `${uri}\n${version ?? 'closed'}`;

export class PublishedDiagnostics {
  private readonly waiting = new Map<
    string,
    { resolve: (published: Published) => void; reject: (error: Error) => void }
  >();

  constructor(connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const receivedAt = performance.now();
      const key = keyOf(params.uri, params.version);
      const waiter = this.waiting.get(key);
      this.waiting.delete(key);
      waiter?.resolve({ params, receivedAt });
    });
  }

  /** The diagnostics of `version` of the document, or (no version) the empty set published when it closes. */
  wait(uri: string, version?: number): Promise<Published> {
    const key = keyOf(uri, version);
    if (this.waiting.has(key)) throw new Error(`already waiting for the diagnostics of ${uri} version ${version}`);
    return new Promise((resolve, reject) => this.waiting.set(key, { resolve, reject }));
  }

  /** Every pending wait fails (the server exited). */
  failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
