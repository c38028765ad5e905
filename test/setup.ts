/** Runs beside every test file: the temporary folders its tests made go when the file ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(() => {
  removeTempDirs();
});
