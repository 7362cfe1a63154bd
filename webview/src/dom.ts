/**
 * Element building. Text goes in with textContent only; attributes are set one by one from code, never
 * from markup, so nothing from a spec can become an element, a handler or a style.
 */

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
  children?: readonly (Node | null)[],
): HTMLElementTagNameMap[K];
/** Custom elements (the @vscode-elements ones) by tag name. */
export function el(tag: string, options?: ElementOptions, children?: readonly (Node | null)[]): HTMLElement;
export function el(tag: string, options: ElementOptions = {}, children: readonly (Node | null)[] = []): HTMLElement {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Sets text only when it changed (keeps selections and avoids layout work). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Text from a spec: isolated so right-to-left overrides cannot reorder the text around it. */
export function userText(text: string, className = ''): HTMLSpanElement {
  return el('span', { className: `user-text ${className}`.trim(), text });
}

/** A button that looks like a link (for reveal and navigation). */
export function linkButton(text: string, title: string, onClick: () => void, className = ''): HTMLButtonElement {
  const button = el('button', { className: `link-button ${className}`.trim(), text, title, attrs: { type: 'button' } });
  button.addEventListener('click', onClick);
  return button;
}
