/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), written from its rules
 * (prometheus.io/docs/instrumenting/exposition_formats): any departure throws, naming the line.
 *
 * - `# HELP name text` (text escapes `\\` and `\n`), `# TYPE name type` (counter, gauge, histogram,
 *   summary, untyped), at most one of each per name, TYPE before the family's first sample; other
 *   `#` lines are comments; empty lines are ignored.
 * - A sample: `name{label="value",…} value [timestamp]`; names match `[a-zA-Z_:][a-zA-Z0-9_:]*`,
 *   label names `[a-zA-Z_][a-zA-Z0-9_]*` (not `__…`), label values escape `\\`, `\"` and `\n` only;
 *   a label appears once per sample and a series once per exposition.
 * - Values are floats as Go's ParseFloat reads them, `NaN`, `+Inf` and `-Inf` included (in any case, as
 *   ParseFloat allows); a timestamp is an integer.
 * - Every sample belongs to a family declared by a TYPE line before it (histogram and summary
 *   samples by their `_bucket`, `_sum`, `_count` suffixes), and a family's lines form one group.
 * - A histogram's series: `_bucket` counts not decreasing with `le`, ending with `le="+Inf"` equal to
 *   `_count`, with a `_sum`; a counter is never negative, NaN or -Inf.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export class PromTextError extends Error {}

function fail(lineNo: number, line: string, why: string): never {
  throw new PromTextError(`line ${lineNo}: ${why}: ${JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line)}`);
}

/**
 * A value as Go's strconv.ParseFloat reads it (decimal notation): NaN and the infinities in any case
 * (`NaN`, `Nan`, `+Inf`, `-inf`, `Infinity`); prom-client writes NaN as `Nan`.
 */
export function parseFloatStrict(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  if (!FLOAT.test(text)) return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

/** HELP text: `\\` and `\n` are the only escapes. */
function unescapeHelp(text: string, lineNo: number, line: string): string {
  return text.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    return fail(lineNo, line, `invalid escape \\${c} in HELP`);
  });
}

/** Reads `{a="x",b="y"}` starting at `i` (the `{`); returns the labels and the index after `}`. */
function readLabels(line: string, start: number, lineNo: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    if (line[i] === '}') return { labels, end: i + 1 };
    const eq = line.indexOf('=', i);
    if (eq < 0) fail(lineNo, line, 'label without =');
    const name = line.slice(i, eq);
    if (!LABEL_NAME.test(name)) fail(lineNo, line, `invalid label name ${JSON.stringify(name)}`);
    if (name.startsWith('__')) fail(lineNo, line, `reserved label name ${name}`);
    if (Object.hasOwn(labels, name)) fail(lineNo, line, `label ${name} twice`);
    if (line[eq + 1] !== '"') fail(lineNo, line, `label ${name}: value not quoted`);
    let value = '';
    let j = eq + 2;
    for (;;) {
      const c = line[j];
      if (c === undefined) fail(lineNo, line, `label ${name}: unterminated value`);
      if (c === '"') break;
      if (c === '\\') {
        const e = line[j + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else fail(lineNo, line, `label ${name}: invalid escape \\${e ?? ''}`);
        j += 2;
        continue;
      }
      value += c;
      j += 1;
    }
    labels[name] = value;
    i = j + 1;
    if (line[i] === ',') {
      i += 1;
      continue;
    }
    if (line[i] !== '}') fail(lineNo, line, 'expected , or } after a label');
  }
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(name: string, families: Map<string, Family>, typed: ReadonlySet<string>): { family: Family; suffix: string } | undefined {
  const own = families.get(name);
  if (own && typed.has(name) && (own.type === 'counter' || own.type === 'gauge' || own.type === 'untyped' || own.type === 'summary'))
    return { family: own, suffix: '' };
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const f = families.get(name.slice(0, -suffix.length));
    if (!f || !typed.has(f.name)) continue;
    if (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket')) return { family: f, suffix };
  }
  return undefined;
}

/** Parses an exposition; throws PromTextError on the first departure from the format. */
export function parsePromText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const helps = new Set<string>();
  const typed = new Set<string>();
  const series = new Set<string>();
  const closed = new Set<string>();
  let current: string | undefined;
  const enter = (name: string, lineNo: number, line: string): void => {
    if (current === name) return;
    if (closed.has(name)) fail(lineNo, line, `the lines of ${name} are not one group`);
    if (current !== undefined) closed.add(current);
    current = name;
  };
  if (text !== '' && !text.endsWith('\n')) throw new PromTextError('the exposition does not end with a line feed');
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] ?? '';
    const lineNo = k + 1;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!m) continue; // a comment
      const [, kind, name = '', rest = ''] = m;
      if (!METRIC_NAME.test(name)) fail(lineNo, line, `invalid metric name ${JSON.stringify(name)}`);
      if (kind === 'HELP') {
        if (helps.has(name)) fail(lineNo, line, `second HELP for ${name}`);
        helps.add(name);
        const help = unescapeHelp(rest, lineNo, line);
        const f = families.get(name);
        if (f) f.help = help;
        else families.set(name, { name, type: 'untyped', help, samples: [] });
        enter(name, lineNo, line);
        continue;
      }
      const type = rest.trim();
      if (!TYPES.has(type)) fail(lineNo, line, `unknown type ${JSON.stringify(type)}`);
      const f = families.get(name);
      if (typed.has(name)) fail(lineNo, line, `second TYPE for ${name}`);
      typed.add(name);
      enter(name, lineNo, line);
      if (f) f.type = type as MetricType;
      else families.set(name, { name, type: type as MetricType, help: undefined, samples: [] });
      continue;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) fail(lineNo, line, 'a sample must start with a metric name');
    const name = nameMatch[0];
    let i = name.length;
    let labels: Record<string, string> = {};
    if (line[i] === '{') ({ labels, end: i } = readLabels(line, i, lineNo));
    const rest = line.slice(i);
    const parts = /^[ \t]+(\S+)(?:[ \t]+(\S+))?[ \t]*$/.exec(rest);
    if (!parts) fail(lineNo, line, 'expected a value (and an optional timestamp) after the name and labels');
    const value = parseFloatStrict(parts[1] ?? '');
    if (value === undefined) fail(lineNo, line, `invalid value ${JSON.stringify(parts[1])}`);
    let timestamp: number | undefined;
    if (parts[2] !== undefined) {
      if (!/^-?\d+$/.test(parts[2])) fail(lineNo, line, `invalid timestamp ${JSON.stringify(parts[2])}`);
      timestamp = Number(parts[2]);
    }
    const owner = familyOf(name, families, typed);
    if (!owner) fail(lineNo, line, `sample of ${name} without a TYPE line before it`);
    const { family, suffix } = owner;
    enter(family.name, lineNo, line);
    if (family.type === 'histogram' && suffix === '_bucket' && labels.le === undefined) fail(lineNo, line, 'a histogram bucket without le');
    if (family.type === 'histogram' && suffix !== '_bucket' && labels.le !== undefined) fail(lineNo, line, 'le on a histogram sample that is not a bucket');
    if (family.type === 'counter' && (Number.isNaN(value) || value < 0)) fail(lineNo, line, 'a counter must not be negative or NaN');
    const key = `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    if (series.has(key)) fail(lineNo, line, 'the same series twice');
    series.add(key);
    family.samples.push({ name, labels, value, ...(timestamp !== undefined ? { timestamp } : {}) });
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** One histogram's series: buckets cumulative, ending in +Inf equal to _count, with a _sum. */
function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: Array<{ le: number; value: number }>; sum?: number; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { buckets: [] }));
    if (s.name.endsWith('_bucket')) {
      const bound = parseFloatStrict(le ?? '');
      if (bound === undefined || Number.isNaN(bound)) throw new PromTextError(`${f.name}${key}: invalid le ${JSON.stringify(le)}`);
      g.buckets.push({ le: bound, value: s.value });
    } else if (s.name.endsWith('_sum')) g.sum = s.value;
    else g.count = s.value;
  }
  for (const [key, g] of groups) {
    const where = `${f.name}${key}`;
    if (g.buckets.length === 0) throw new PromTextError(`${where}: no buckets`);
    for (let i = 1; i < g.buckets.length; i++) {
      const a = g.buckets[i - 1];
      const b = g.buckets[i];
      if (!a || !b) continue;
      if (!(b.le > a.le)) throw new PromTextError(`${where}: bucket bounds not increasing (${a.le} then ${b.le})`);
      if (b.value < a.value) throw new PromTextError(`${where}: bucket counts decrease (le ${b.le})`);
    }
    const last = g.buckets[g.buckets.length - 1];
    if (last?.le !== Number.POSITIVE_INFINITY) throw new PromTextError(`${where}: the last bucket is not le="+Inf"`);
    if (g.count === undefined || g.sum === undefined) throw new PromTextError(`${where}: _count or _sum missing`);
    if (last.value !== g.count) throw new PromTextError(`${where}: le="+Inf" (${last.value}) is not _count (${g.count})`);
  }
}

/** The samples of `name` (a family's own name or a suffixed one) whose labels include `labels`. */
export function samples(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): Sample[] {
  const out: Sample[] = [];
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) out.push(s);
    }
  }
  return out;
}

/** The sum of the values of `samples(…)` (0 when there is none). */
export function total(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  return samples(families, name, labels).reduce((n, s) => n + s.value, 0);
}
