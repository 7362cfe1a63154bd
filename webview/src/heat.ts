/** Heat-map colours for table cells: a class per sign and level, coloured in CSS from theme variables. */

export const HEAT_LEVELS = 8;
const HEAT_CLASSES = [
  'heat-zero',
  ...Array.from({ length: HEAT_LEVELS }, (_, i) => [`heat-p${i + 1}`, `heat-n${i + 1}`]).flat(),
];

/** "heat-p3" for a positive value at 3/8 of maxAbs, "heat-n8" for the most negative, "heat-zero" for 0. */
export function heatClass(value: number, maxAbs: number): string {
  if (value === 0 || !Number.isFinite(value) || maxAbs <= 0) return 'heat-zero';
  const level = Math.max(1, Math.min(HEAT_LEVELS, Math.ceil((Math.abs(value) / maxAbs) * HEAT_LEVELS)));
  return `heat-${value > 0 ? 'p' : 'n'}${level}`;
}

export function setHeatClass(node: Element, className: string): void {
  if (node.classList.contains(className)) return;
  node.classList.remove(...HEAT_CLASSES);
  node.classList.add(className);
}
