import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type ConfigError, parseConfig } from '../../src/config/config-file.ts';

const rubricOf = (weights: number[]) =>
  stringify({
    rubric: {
      criteria: weights.map((weight, index) => ({
        key: `c${index}`,
        name: `C${index}`,
        weight,
        description: 'd',
        exemplary: 'e',
        deficient: 'f',
      })),
    },
  });

describe('rubric weights (property)', () => {
  it('when positive integer weights add up to 100, then the rubric is accepted', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        // Scale to 100 as decimals; the last weight absorbs the remainder.
        const weights = parts.map((part) => Math.round((part / total) * 100 * 1000) / 1000);
        const last = 100 - weights.slice(0, -1).reduce((a, b) => a + b, 0);
        fc.pre(last > 0);
        weights[weights.length - 1] = last;
        expect(parseConfig(rubricOf(weights), 't.yml').rubric.criteria).toHaveLength(weights.length);
      }),
    );
  });

  it('when positive weights do not add up to 100, then exactly one issue names the sum on the last weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }), (weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        fc.pre(sum !== 100);
        try {
          parseConfig(rubricOf(weights), 't.yml');
          expect.unreachable();
        } catch (error) {
          expect((error as ConfigError).issues).toEqual([
            `rubric.criteria[${weights.length - 1}].weight: weights must sum to 100, got ${sum}`,
          ]);
        }
      }),
    );
  });
});
