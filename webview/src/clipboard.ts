/** Copy to the clipboard; when the webview may not (permissions, focus), the host copies instead. */
import type { WebviewMessage } from '../../src/webviewProtocol';

/** True when navigator.clipboard took it; false when it was handed to the host. */
export async function copyText(text: string, post: (message: WebviewMessage) => void): Promise<boolean> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    post({ type: 'copy', text });
    return false;
  }
}
