/** d2l §14.10 exercise 2 in numbers: W's size, sparsity, storage and FLOPs. */
import type { MatrixPayload } from '../../../src/webviewProtocol';
import { el } from '../dom';
import { bytesText, countText, ratioText } from '../format';
import { t } from '../strings';

export function matrixStatsList(m: MatrixPayload): HTMLElement {
  const s = m.stats;
  const rows: [string, string][] = [
    [`${t('matrix.rows')} × ${t('matrix.cols')}`, `${countText(m.rows)} × ${countText(m.cols)}`],
    [t('matrix.nnz'), countText(s.nnz)],
    [t('matrix.density'), ratioText(s.density)],
    [t('matrix.bytesDense'), bytesText(s.bytesDense)],
    [t('matrix.bytesCsr'), bytesText(s.bytesCsr)],
    [t('matrix.bytesKernel'), bytesText(s.bytesKernel)],
    [t('matrix.flopsDense'), countText(s.flopsDense)],
    [t('matrix.flopsSparse'), countText(s.flopsSparse)],
    [t('matrix.flopsDirect'), countText(s.flopsDirect)],
  ];
  return el(
    'dl',
    { className: 'stats' },
    rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
  );
}
