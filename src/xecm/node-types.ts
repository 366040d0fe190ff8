/**
 * Content Server node subtypes by name (otcs-api.md §0.4). Use these names instead of bare numbers
 * (the emulator, being the server side, keeps its own table).
 */
export const NODE_TYPES = {
  folder: 0,
  shortcut: 1,
  url: 140,
  document: 144,
  businessWorkspace: 848,
} as const;

export type NodeTypeName = keyof typeof NODE_TYPES;
/** One of the subtype numbers in NODE_TYPES. */
export type NodeType = (typeof NODE_TYPES)[NodeTypeName];
