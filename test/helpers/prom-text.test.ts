import { describe, expect, it } from 'vitest';
import { parsePromText, PromTextError, samples } from './prom-text.js';

const ok = `# HELP a_total Things, with a \\\\ and a \\n.
# TYPE a_total counter
a_total{k="x \\"q\\" \\\\ \\n",j="2",} 3 1712000000000
a_total 1e3
# TYPE h histogram
h_bucket{le="0.1"} 1
h_bucket{le="1"} 2
h_bucket{le="+Inf"} 2
h_sum 0.6
h_count 2
# TYPE g gauge
g NaN
g{s="b"} -Inf
g{s="c"} +Inf
`;

describe('parsePromText (the text exposition format)', () => {
  it('reads HELP, TYPE, labels with escapes, values with NaN and infinities, timestamps and histograms', () => {
    const f = parsePromText(ok);
    expect(f.get('a_total')?.help).toBe('Things, with a \\ and a \n.');
    expect(samples(f, 'a_total')).toEqual([
      { name: 'a_total', labels: { k: 'x "q" \\ \n', j: '2' }, value: 3, timestamp: 1712000000000 },
      { name: 'a_total', labels: {}, value: 1000 },
    ]);
    expect(samples(f, 'h_bucket').map((s) => s.value)).toEqual([1, 2, 2]);
    expect(samples(f, 'g').map((s) => s.value)).toEqual([Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });

  it.each([
    ['a sample without a TYPE before it', 'x 1\n'],
    ['a TYPE after the samples', '# TYPE x gauge\nx 1\n# TYPE x gauge\n'],
    ['an invalid metric name', '# TYPE 1x gauge\n1x 1\n'],
    ['an invalid label name', '# TYPE x gauge\nx{1a="b"} 1\n'],
    ['a reserved label name', '# TYPE x gauge\nx{__a="b"} 1\n'],
    ['an invalid escape', '# TYPE x gauge\nx{a="\\t"} 1\n'],
    ['an unterminated label value', '# TYPE x gauge\nx{a="b} 1\n'],
    ['a label twice', '# TYPE x gauge\nx{a="b",a="c"} 1\n'],
    ['a value that is not a float', '# TYPE x gauge\nx 1,5\n'],
    ['a timestamp that is not an integer', '# TYPE x gauge\nx 1 1.5\n'],
    ['the same series twice', '# TYPE x gauge\nx{a="b"} 1\nx{a="b"} 2\n'],
    ['a family split in two', '# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a="b"} 1\n'],
    ['a negative counter', '# TYPE x counter\nx -1\n'],
    ['an unknown type', '# TYPE x meter\n'],
    ['decreasing buckets', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['+Inf not equal to _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
    ['a missing final line feed', '# TYPE x gauge\nx 1'],
  ])('refuses %s', (_why, text) => {
    expect(() => parsePromText(text)).toThrow(PromTextError);
  });
});
