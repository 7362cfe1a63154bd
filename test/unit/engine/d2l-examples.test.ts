import { strict as assert } from 'node:assert';
import { conv2d, convTranspose2d, corr2d, fromNested, kernel2matrix, toNested, transConv } from '../../../src/engine';

// The numbers printed in Dive into Deep Learning §14.10 (Transposed Convolution).
const X = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);
const K = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);

describe('d2l §14.10 examples, exact', () => {
  it('basic transposed convolution', () => {
    assert.deepEqual(toNested(convTranspose2d(X, K)), [
      [
        [
          [0, 0, 1],
          [0, 4, 6],
          [4, 12, 9],
        ],
      ],
    ]);
    assert.deepEqual(
      transConv(
        [
          [0, 1],
          [2, 3],
        ],
        [
          [0, 1],
          [2, 3],
        ],
      ),
      [
        [0, 0, 1],
        [0, 4, 6],
        [4, 12, 9],
      ],
    );
  });
  it('padding 1 removes the outer ring', () => {
    assert.deepEqual(toNested(convTranspose2d(X, K, null, { padding: 1 })), [[[[4]]]]);
  });
  it('stride 2 spreads the intermediate tensors', () => {
    assert.deepEqual(toNested(convTranspose2d(X, K, null, { stride: 2 })), [
      [
        [
          [0, 0, 0, 1],
          [0, 0, 2, 3],
          [0, 2, 0, 3],
          [4, 6, 6, 9],
        ],
      ],
    ]);
  });
  it('corr2d with K = [[1, 2], [3, 4]] on arange(9)', () => {
    const X9 = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ];
    const K2 = [
      [1, 2],
      [3, 4],
    ];
    assert.deepEqual(corr2d(X9, K2), [
      [27, 37],
      [57, 67],
    ]);
    assert.deepEqual(toNested(conv2d(fromNested([[X9]]), fromNested([[K2]]))), [
      [
        [
          [27, 37],
          [57, 67],
        ],
      ],
    ]);
  });
  it('exercise 1: Z = tconv(conv(X)) has the shape of X but not its values', () => {
    const X9 = fromNested([
      [
        [
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ],
      ],
    ]);
    const K2 = fromNested([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    const Z = convTranspose2d(conv2d(X9, K2), K2);
    assert.deepEqual(toNested(Z), [
      [
        [
          [27, 91, 74],
          [138, 400, 282],
          [171, 429, 268],
        ],
      ],
    ]);
  });
  it("kernel2matrix gives d2l's 4×9 matrix", () => {
    assert.deepEqual(
      kernel2matrix(
        [
          [1, 2],
          [3, 4],
        ],
        3,
        3,
      ),
      [
        [1, 2, 0, 3, 4, 0, 0, 0, 0],
        [0, 1, 2, 0, 3, 4, 0, 0, 0],
        [0, 0, 0, 1, 2, 0, 3, 4, 0],
        [0, 0, 0, 0, 1, 2, 0, 3, 4],
      ],
    );
  });
});
