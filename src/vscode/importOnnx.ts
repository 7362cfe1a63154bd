/**
 * Import ONNX Model as Spec: reads a .onnx file (through workspace.fs, so virtual workspaces work too), writes
 * <model>.tconv.json next to it (in a virtual workspace, or when that file exists, it asks first) and opens it.
 */
import * as vscode from 'vscode';
import type { ImportNote } from '../onnx';
import type { ImportOnnxResult } from '../server/protocol';
import type { TconvClient } from './languageClient';
import { fileExists } from './fileExists';

/** The .onnx file the command applies to: its argument (the Explorer's URI), else the one the user picks. */
async function modelUri(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('ONNX models')]: ['onnx'] },
    openLabel: vscode.l10n.t('Import'),
  });
  return picked?.[0];
}

function specUriFor(model: vscode.Uri): vscode.Uri {
  return model.with({ path: `${model.path.replace(/\.onnx$/i, '')}.tconv.json` });
}

/** "1, 3, 64, 64" → [1, 3, 64, 64], or undefined. */
function parseShape(text: string): number[] | undefined {
  const dims = text
    .split(/[,x×\s]+/)
    .filter(Boolean)
    .map(Number);
  return dims.length >= 3 && dims.every((d) => Number.isInteger(d) && d >= 1) ? dims : undefined;
}

/** Where to write: next to the model; in a virtual workspace, or over an existing file, only after asking. */
async function chooseTarget(model: vscode.Uri): Promise<vscode.Uri | undefined> {
  const target = specUriFor(model);
  if (model.scheme !== 'file')
    return vscode.window.showSaveDialog({
      defaultUri: target,
      filters: { [vscode.l10n.t('tconv specs')]: ['tconv.json'] },
      saveLabel: vscode.l10n.t('Write Spec'),
    });
  if (!(await fileExists(target))) return target;
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} exists. Replace it with the imported spec?', vscode.workspace.asRelativePath(target)),
    { modal: true },
    replace,
  );
  return answer === replace ? target : undefined;
}

function summary(result: Extract<ImportOnnxResult, { ok: true }>, model: vscode.Uri): string {
  const layers = Object.values(result.layerCounts).reduce((a, b) => a + b, 0);
  const name = model.path.split('/').pop() ?? '';
  const left = result.notes.filter((n: ImportNote) => n.kind === 'notModelled' || n.kind === 'branch');
  const stop = result.notes.find((n) => n.kind === 'stopped');
  const parts = [vscode.l10n.t('Imported {0} layers from {1}.', layers, name)];
  if (left.length > 0)
    parts.push(vscode.l10n.t('Left out (not modelled): {0}.', [...new Set(left.map((n) => n.op))].join(', ')));
  if (stop) parts.push(stop.message);
  return parts.join(' ');
}

/** The bytes as base64 (btoa over chunks: a binary string of the whole model would be built in one call otherwise). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Returns the spec written, or undefined when the user cancelled or the model could not be imported. The language
 * server reads the model (tconv/importOnnx): the ONNX decoder stays out of the extension host.
 */
export async function importOnnxModelCommand(client: TconvClient, arg?: unknown): Promise<vscode.Uri | undefined> {
  const model = await modelUri(arg);
  if (!model) return undefined;
  const base64 = base64Of(await vscode.workspace.fs.readFile(model));
  let inputShape: number[] | undefined;
  let result = await client.importOnnx({ base64, fileName: model.path });
  while (!result.ok) {
    if (result.code !== 'input-shape' || inputShape) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', model.path, result.message));
      return undefined;
    }
    const answer = await vscode.window.showInputBox({
      prompt: result.message,
      placeHolder: '1, 3, 64, 64',
      validateInput: (text) =>
        parseShape(text) ? undefined : vscode.l10n.t('Positive integers separated by commas: N, C, H, W'),
    });
    inputShape = answer === undefined ? undefined : parseShape(answer);
    if (!inputShape) return undefined;
    result = await client.importOnnx({ base64, fileName: model.path, inputShape });
  }
  const target = await chooseTarget(model);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(summary(result, model));
  return target;
}
