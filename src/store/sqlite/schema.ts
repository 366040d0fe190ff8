/**
 * The store's row shapes are one set for every backend (src/store/schema.ts); this name stays for
 * the code that imports them from here.
 */
export type * from '../schema.js';
