/** Engine CSR matrices as JSON arrays. */
import type { CsrMatrix } from '../engine';
import type { CsrPayload } from '../webviewProtocol';
import { finiteArray } from './numbers';

export function csrPayload(m: CsrMatrix): CsrPayload {
  return { rowPtr: Array.from(m.rowPtr), colIdx: Array.from(m.colIdx), values: finiteArray(m.values) };
}
