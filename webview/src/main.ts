/** The preview webview's entry: styles, web components, the app, and the host message loop. */
import 'katex/dist/katex.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/grids.css';
import './styles/planes.css';
import './styles/explain.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { isHostMessage } from '../../src/webviewMessageGuards';
import { App } from './app';
import { connectToHost } from './vscodeApi';

const root = document.getElementById('app');
if (root) {
  const app = new App(root, connectToHost());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isHostMessage(event.data)) app.handle(event.data);
  });
  app.start();
}
