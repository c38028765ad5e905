import { describe, expect, it } from 'vitest';
import { cell } from '../../reports/files.js';

describe('cell: how a number is written in CSV', () => {
  it('writes integers whole and other numbers to six decimals, without trailing zeros', () => {
    expect(cell(3)).toBe('3');
    expect(cell(-42)).toBe('-42');
    expect(cell(2.5)).toBe('2.5');
    expect(cell(-2.1)).toBe('-2.1');
    expect(cell(0.1234567)).toBe('0.123457');
    expect(cell(133.33333333333334)).toBe('133.333333');
    expect(cell(100.000001)).toBe('100.000001');
    // Rounds to a whole number at six decimals: no bare point left.
    expect(cell(7.0000001)).toBe('7');
    expect(cell(-7.0000001)).toBe('-7');
    expect(cell(1.5e210)).toBe('1.5e+210');
  });

  it('writes float noise around zero as 0, never -0', () => {
    expect(cell(4e-7)).toBe('0');
    expect(cell(-4e-7)).toBe('0');
    expect(cell(-0)).toBe('0');
    expect(cell(6e-7)).toBe('0.000001');
  });

  it('writes strings as they are, and nothing for undefined or NaN', () => {
    expect(cell('i-7')).toBe('i-7');
    expect(cell(undefined)).toBe('');
    expect(cell(NaN)).toBe('');
    expect(cell(Infinity)).toBe('Infinity');
  });
});
