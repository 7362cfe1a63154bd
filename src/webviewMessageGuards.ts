/** Checks of what crosses the webview boundary (src/webviewProtocol.ts): both sides treat the other's messages as input. */
import {
  VIEW_IDS,
  WEBVIEW_COMMANDS,
  type HostMessage,
  type PreviewState,
  type ViewId,
  type WebviewMessage,
} from './webviewProtocol';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isViewId(value: unknown): value is ViewId {
  return isOneOf(VIEW_IDS, value);
}

export function isPreviewState(value: unknown): value is PreviewState {
  return (
    isRecord(value) &&
    (value.documentUri === null || typeof value.documentUri === 'string') &&
    isViewId(value.view) &&
    (value.layerId === null || typeof value.layerId === 'string') &&
    isIndex(value.batch) &&
    isIndex(value.inChannel) &&
    isIndex(value.outChannel) &&
    isIndex(value.step) &&
    typeof value.zoom === 'number' &&
    Number.isFinite(value.zoom) &&
    (value.depth === undefined || isIndex(value.depth))
  );
}

function isFocus(value: Record<string, unknown>): boolean {
  return (
    typeof value.layerId === 'string' &&
    isIndex(value.batch) &&
    isIndex(value.inChannel) &&
    isIndex(value.outChannel) &&
    (value.depth === undefined || isIndex(value.depth))
  );
}

function isStringMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Checks the envelope of what arrives from the host; the payload's inside is trusted (the host built it). */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'render':
      return (
        isIndex(value.version) &&
        typeof value.documentUri === 'string' &&
        typeof value.fileName === 'string' &&
        isRecord(value.payload) &&
        Array.isArray(value.payload.layers)
      );
    case 'error':
      return (
        isIndex(value.version) &&
        typeof value.documentUri === 'string' &&
        typeof value.fileName === 'string' &&
        typeof value.message === 'string' &&
        Array.isArray(value.diagnostics)
      );
    case 'setView':
      return isViewId(value.view) && (value.layerId === undefined || typeof value.layerId === 'string');
    case 'strings':
      return isStringMap(value.strings);
    case 'verification':
      return isIndex(value.version) && isRecord(value.verification) && Array.isArray(value.verification.layers);
    case 'planes':
      return isIndex(value.version) && isRecord(value.focus) && isFocus(value.focus) && isRecord(value.planes);
    default:
      return false;
  }
}

/** Checks everything that arrives from the webview: the host treats it as untrusted input. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return isIndex(value.protocol) && (value.state === null || isPreviewState(value.state));
    case 'reveal':
      return isIndex(value.offset) && isIndex(value.length);
    case 'command':
      return isOneOf(WEBVIEW_COMMANDS, value.command);
    case 'selection':
    case 'requestPlanes':
      return isFocus(value);
    case 'copy':
      return typeof value.text === 'string' && value.text.length <= 1_000_000;
    default:
      return false;
  }
}
