/**
 * tconv/importOnnx: an ONNX model (base64, so every transport carries it) read into a spec. The decoder
 * (protobufjs + onnx-proto) lives in the server, not in the extension host, which only asks.
 */
import { importOnnxModel, OnnxImportError } from '../onnx';
import type { ImportOnnxParams, ImportOnnxResult } from './protocol';

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function importOnnx(params: ImportOnnxParams): ImportOnnxResult {
  try {
    const result = importOnnxModel(bytesOf(params.base64), {
      fileName: params.fileName,
      ...(params.inputShape ? { inputShape: [...params.inputShape] } : {}),
    });
    return { ok: true, text: result.text, layerCounts: result.layerCounts, notes: result.notes };
  } catch (e) {
    if (e instanceof OnnxImportError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
