import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerPayload, PreviewPayload } from '../../../src/webviewProtocol';
import { buildPreviewPayload, type PreviewBuildOptions } from '../../../src/preview/buildPayload';

export const EXAMPLES_DIR = join(__dirname, '../../../examples');

export function example(name: string): string {
  return readFileSync(join(EXAMPLES_DIR, `${name}.tconv.json`), 'utf8');
}

export function payloadOf(text: string, options: PreviewBuildOptions = {}): PreviewPayload {
  const result = buildPreviewPayload(text, options);
  assert.ok(result.ok, result.ok ? '' : `expected a payload, got: ${result.message}`);
  return result.payload;
}

export function layerOf(payload: PreviewPayload, id: string): LayerPayload {
  const layer = payload.layers.find((l) => l.id === id);
  assert.ok(layer, `no layer ${id} in ${payload.layers.map((l) => l.id).join(', ')}`);
  return layer;
}

/** A spec as text from a plain object. */
export function spec(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
