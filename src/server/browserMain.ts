/** The language server in a Web Worker (VS Code for the Web): messages go through the worker's own port. */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startTconvServer } from './server';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startTconvServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)));
