import { describe, expect, it } from 'vitest';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_OBJECT_KEYS } from './json-prescan';

const wide = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

describe('jsonShapeProblem', () => {
  it('passes ordinary bodies, colons and braces inside strings included', () => {
    expect(jsonShapeProblem('{"id":"a:b{c}[d]","q":"\\"x:{\\"","n":[1,2,{"a":1}]}')).toBeNull();
    expect(jsonShapeProblem(wide(MAX_OBJECT_KEYS))).toBeNull();
    expect(jsonShapeProblem(`[${Array.from({ length: 50_000 }, () => '1').join(',')}]`)).toBeNull();
    expect(jsonShapeProblem(`{"a":[${wide(10)},${wide(10)}]}`)).toBeNull();
  });

  it('refuses an object with 100,000 keys, and one just over the cap', () => {
    expect(jsonShapeProblem(wide(100_000))).toBe(`a JSON object with more than ${MAX_OBJECT_KEYS} keys`);
    expect(jsonShapeProblem(`{"x":${wide(MAX_OBJECT_KEYS + 1)}}`)).toMatch(/more than/);
  });

  it('counts keys per object, not across siblings', () => {
    const many = `[${Array.from({ length: 20 }, () => wide(100)).join(',')}]`;
    expect(jsonShapeProblem(many)).toBeNull();
  });

  it('refuses nesting deeper than the cap', () => {
    expect(jsonShapeProblem('['.repeat(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper/);
    expect(jsonShapeProblem('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeNull();
  });
});
