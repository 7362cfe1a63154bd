/**
 * Real-scale specs (issue 14): a 1×64×960×640 U-Net segment and a StyleGAN2 layer at 1024 px, through what a user
 * runs. Shapes: validateSpec (the check, hovers and the shape walk read it). Values: evaluateSpec within the
 * default memory budget. Preview: the payload for the layer with the output plane the webview shows focused.
 * Targets: shapes instantly (≤ 50 ms), values within 2 s. Median of --runs (default 3); no test asserts a timing.
 *
 *   node --expose-gc --import tsx bench/scale.ts [--runs 3] [--out bench/results/scale.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildPreviewPayload } from '../src/preview/buildPayload';
import { evaluateSpec, validateSpec } from '../src/specFile';
import { formatBytes } from '../src/specFile/memoryBudget';
import { layerIdOf } from '../src/preview/layerIds';

export const SCALE_SPECS: readonly { name: string; text: string }[] = [
  {
    name: 'U-Net segment 1×128×480×320 → up-conv → 1×64×960×640',
    text: JSON.stringify({
      input: { shape: [1, 128, 480, 320] },
      layers: [{ name: 'up1', outChannels: 64, kernelSize: 2, stride: 2 }],
    }),
  },
  {
    name: 'StyleGAN2 1×64×512×512 → ConvTranspose2d(k3 s2) → 1×32×1024×1024',
    text: JSON.stringify({
      input: { shape: [1, 64, 512, 512] },
      layers: [{ name: 'up1024', outChannels: 32, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 }],
    }),
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time<T>(run: () => T): [T, number] {
  const from = performance.now();
  const value = run();
  return [value, performance.now() - from];
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, out: { type: 'string' } } });
  const runs = Number(values.runs ?? 3);
  const rows = SCALE_SPECS.map(({ name, text }) => {
    const shapes: number[] = [];
    const evaluation: number[] = [];
    const preview: number[] = [];
    let bytes = 0;
    for (let r = 0; r < runs; r++) {
      gc();
      const [result, shapeMs] = time(() => validateSpec(text));
      shapes.push(shapeMs);
      const { spec, plan } = result;
      if (!spec || !plan?.complete) throw new Error(`${name}: not planned`);
      if (!plan.values.complete) throw new Error(`${name}: beyond the default memory budget`);
      bytes = plan.values.steps[0].bytes;
      const [evaluated, valuesMs] = time(() => evaluateSpec(spec, plan));
      if (evaluated.values !== 'all') throw new Error(`${name}: values not computed`);
      evaluation.push(valuesMs);
      gc();
      const focus = { layerId: layerIdOf(0), batch: 0, inChannel: 0, outChannel: 0 };
      const [payload, previewMs] = time(() => buildPreviewPayload(text, { focus }));
      if (!payload.ok) throw new Error(`${name}: ${payload.message}`);
      preview.push(previewMs);
    }
    return {
      name,
      bytes,
      shapesMs: median(shapes),
      valuesMs: median(evaluation),
      previewFocusedMs: median(preview),
    };
  });
  for (const r of rows)
    console.log(
      `${r.name}\n  shapes ${r.shapesMs.toFixed(1)} ms (target ≤ 50 ms) · values ${r.valuesMs.toFixed(0)} ms (target ≤ 2000 ms, ${formatBytes(r.bytes)} of the 1 GiB budget) · preview, focused plane ${r.previewFocusedMs.toFixed(0)} ms`,
    );
  writeFileSync(values.out ?? 'bench/results/scale.json', `${JSON.stringify({ runs, rows }, null, 2)}\n`);
}

main();
