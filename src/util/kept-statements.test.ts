import { describe, expect, it } from 'vitest';
import { keptStatements } from './kept-statements.js';

describe('keptStatements', () => {
  it('prepares a kept text once, drops the least recently used past its size, and prepares the others each time', () => {
    const prepared: string[] = [];
    const kept = keptStatements(
      (source) => (prepared.push(source), { source }),
      2,
      (source) => !source.startsWith('create'),
    );
    const a = kept.prepare('select a');
    expect(kept.prepare('select a')).toBe(a);
    kept.prepare('select b');
    kept.prepare('select a'); // a is now the most recently used
    kept.prepare('select c'); // drops b
    kept.prepare('select b');
    expect(kept.prepare('select a')).not.toBe(a); // dropped by b's return
    kept.prepare('create table t (x)');
    kept.prepare('create table t (x)');
    expect(prepared).toEqual(['select a', 'select b', 'select c', 'select b', 'select a', 'create table t (x)', 'create table t (x)']);
    kept.clear();
    kept.prepare('select c');
    expect(prepared.at(-1)).toBe('select c');
  });
});
