/**
 * Reads a top-level field of a JSON object *as written*, without JSON.parse: Shopify's REST ids are
 * numbers that can exceed 2^53, and a parsed number loses digits. Only scalars are returned (the
 * text of a number, or a string's value); nested objects and arrays are skipped over.
 */
export function rawTopLevelField(raw: string, field: string): string | undefined {
  let i = 0;
  const n = raw.length;
  const ws = () => {
    while (i < n && /\s/.test(raw[i] ?? '')) i++;
  };
  const readString = (): string => {
    // i at the opening quote
    let out = '';
    i++;
    while (i < n) {
      const c = raw[i];
      if (c === '\\') {
        out += raw.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"') {
        i++;
        return JSON.parse(`"${out}"`) as string;
      }
      out += c;
      i++;
    }
    throw new Error('unterminated string');
  };
  const skipValue = (): string => {
    ws();
    const c = raw[i];
    if (c === '"') return readString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < n) {
        const d = raw[i];
        if (d === '"') {
          readString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') depth--;
        i++;
        if (depth === 0) return '';
      }
      throw new Error('unterminated container');
    }
    const start = i;
    while (i < n && !/[,}\]\s]/.test(raw[i] ?? '')) i++;
    return raw.slice(start, i);
  };
  try {
    ws();
    if (raw[i] !== '{') return undefined;
    i++;
    for (;;) {
      ws();
      if (raw[i] === '}') return undefined;
      if (raw[i] !== '"') return undefined;
      const key = readString();
      ws();
      if (raw[i] !== ':') return undefined;
      i++;
      ws();
      const isScalar = raw[i] !== '{' && raw[i] !== '[';
      const isString = raw[i] === '"';
      const value = skipValue();
      if (key === field) return isScalar && value !== 'null' && (isString || value !== '') ? value : undefined;
      ws();
      if (raw[i] === ',') i++;
    }
  } catch {
    return undefined;
  }
}
