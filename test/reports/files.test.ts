import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, OutputSet, type Cell } from '../../reports/files.js';
import { tempDir } from '../helpers.js';

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

describe('OutputSet.csv: rows streamed through fast-csv, in place only once committed', () => {
  const rows = function* (n: number, failAt = Infinity): Generator<Cell[]> {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw new Error(`row ${i} could not be made`);
      yield [`j-${i}`, i * 0.5, i % 3 === 0 ? 'a,b' : 'c'];
    }
  };

  it('writes every row, however many pauses the formatter needs, and renames on commit', async () => {
    const dir = tempDir('fleetlab-csv-');
    const out = new OutputSet(dir);
    // Far more rows than the formatter buffers (16), so writing waits for it to drain many times.
    await out.csv('items.csv', ['id', 'x', 'tag'], rows(50_000));
    expect(existsSync(join(dir, 'items.csv'))).toBe(false);
    expect(out.commit()).toEqual([join(dir, 'items.csv')]);
    const lines = readFileSync(join(dir, 'items.csv'), 'utf8').split('\n');
    expect(lines.length).toBe(50_001);
    expect(lines[0]).toBe('id,x,tag');
    expect(lines[1]).toBe('j-0,0,"a,b"');
    expect(lines[2]).toBe('j-1,0.5,c');
    expect(lines[50_000]).toBe('j-49999,24999.5,c');
  });

  it('fails with the error of a row that could not be made, and abandoning leaves nothing', async () => {
    const dir = tempDir('fleetlab-csv-');
    const out = new OutputSet(dir);
    await expect(out.csv('items.csv', ['id', 'x', 'tag'], rows(50_000, 20_000))).rejects.toThrow('row 20000 could not be made');
    out.abandon();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when the file cannot be written', async () => {
    const dir = tempDir('fleetlab-csv-');
    // A folder where the temporary file should go.
    mkdirSync(join(dir, `items.csv.tmp-${process.pid}`));
    const out = new OutputSet(dir);
    await expect(out.csv('items.csv', ['id', 'x', 'tag'], rows(50_000))).rejects.toThrow(/EISDIR/);
  });
});
