/**
 * The plain single-channel operations of Dive into Deep Learning §14.10 and §7.2, kept literal so
 * the general engine can be checked against them.
 */
export type Matrix = number[][];

function zerosMatrix(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** d2l's trans_conv: Y[i:i+h, j:j+w] += X[i, j] · K (stride 1, no padding). */
export function transConv(X: Matrix, K: Matrix): Matrix {
  const h = K.length;
  const w = K[0].length;
  const Y = zerosMatrix(X.length + h - 1, X[0].length + w - 1);
  for (let i = 0; i < X.length; i++) {
    for (let j = 0; j < X[0].length; j++) {
      for (let a = 0; a < h; a++) for (let b = 0; b < w; b++) Y[i + a][j + b] += X[i][j] * K[a][b];
    }
  }
  return Y;
}

/** d2l's corr2d: Y[i, j] = Σ X[i:i+h, j:j+w] ⊙ K. */
export function corr2d(X: Matrix, K: Matrix): Matrix {
  const h = K.length;
  const w = K[0].length;
  const Y = zerosMatrix(X.length - h + 1, X[0].length - w + 1);
  for (let i = 0; i < Y.length; i++) {
    for (let j = 0; j < Y[0].length; j++) {
      let s = 0;
      for (let a = 0; a < h; a++) for (let b = 0; b < w; b++) s += X[i + a][j + b] * K[a][b];
      Y[i][j] = s;
    }
  }
  return Y;
}

/** d2l's kernel2matrix: the (outputs × inputs) matrix W with W·vec(X) = vec(corr2d(X, K)). */
export function kernel2matrix(K: Matrix, inRows: number, inCols: number): Matrix {
  const h = K.length;
  const w = K[0].length;
  const outRows = inRows - h + 1;
  const outCols = inCols - w + 1;
  const W = zerosMatrix(outRows * outCols, inRows * inCols);
  for (let i = 0; i < outRows; i++) {
    for (let j = 0; j < outCols; j++) {
      for (let a = 0; a < h; a++) for (let b = 0; b < w; b++) W[i * outCols + j][(i + a) * inCols + j + b] = K[a][b];
    }
  }
  return W;
}
