/**
 * Prepared statements kept by SQL text, for a driver that would prepare each query anew (Kysely's
 * SQLite driver, the xECM emulator's state): the same few statements run over and over, and
 * preparing one can cost more than running it. Past `size` statements the least recently used is
 * dropped. `keep` says which texts are kept (the others are prepared each time). SQLite prepares a
 * kept statement again by itself when the schema changes under it. A kept statement is shared by
 * every caller of its SQL: none may switch its mode (better-sqlite3's `pluck`, `raw`, `expand`).
 */
export function keptStatements<S>(
  prepare: (source: string) => S,
  size: number,
  keep: (source: string) => boolean = () => true,
): { prepare: (source: string) => S; clear: () => void } {
  const cache = new Map<string, S>();
  return {
    prepare: (source) => {
      const kept = cache.get(source);
      if (kept !== undefined) {
        cache.delete(source);
        cache.set(source, kept);
        return kept;
      }
      const stmt = prepare(source);
      if (keep(source)) {
        cache.set(source, stmt);
        if (cache.size > size) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return stmt;
    },
    clear: () => cache.clear(),
  };
}
