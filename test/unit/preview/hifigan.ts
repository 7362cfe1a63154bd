/** HiFi-GAN V1's upsampling path (test/fixtures/hifigan-v1.tconv.json): the 1-D layers the preview's strips are for. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HIFIGAN = readFileSync(join(__dirname, '../../fixtures/hifigan-v1.tconv.json'), 'utf8');
