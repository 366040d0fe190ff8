import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { keptStatements } from '../../src/util/kept-statements.js';
import { buildModel, DEFAULT_ROLES, SEED_IDS } from './seed.js';
import type { RoleDef, XecmModel } from './types.js';
import type { AttributeRenames } from './seed.js';

/**
 * Emulator state in SQLite (a file, or `:memory:`). The schema is created at open; the seeded model is
 * stored as JSON in `meta` so a file-backed emulator keeps the model it was seeded with across restarts.
 */

export interface NodeRow {
  id: number;
  parent_id: number;
  name: string;
  type: number;
  description: string;
  create_date: number;
  modify_date: number;
  owner_user_id: number;
  volume_id: number;
  wksp_type_id: number | null;
  template_id: number | null;
  is_template: number;
}

export interface BoLinkRow {
  ws_id: number;
  ext_system_id: string;
  bo_type: string;
  bo_id: string;
  linked_at: number;
}

export interface VersionRow {
  id: number;
  node_id: number;
  version_number: number;
  major: number;
  minor: number;
  file_name: string;
  file_size: number;
  mime_type: string;
  sha256: string;
  blob: string;
  description: string;
  create_date: number;
  owner_id: number;
}

export interface RoleRow {
  id: number;
  ws_id: number;
  name: string;
  description: string;
  leader: number;
  perms: number;
}

export interface HoldRow {
  id: number;
  name: string;
  type: string;
  comment: string;
  alternate_id: string | null;
  parent_id: number | null;
  date_applied: string;
  date_to_remove: string | null;
  date_removed: string | null;
  active: number;
  edit_date: number;
}

export interface RmRow {
  node_id: number;
  class_id: number;
  status: string;
  official: number;
  token: string;
  applied_at: number;
}

/** A new version's file (already in the content store). */
export interface NewVersionFile {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  blob: string;
  description?: string;
  major?: boolean;
}

export interface StateOptions {
  dbPath?: string;
  omitWorkspaceTypes?: readonly string[];
  /** Category attributes seeded under other names (see buildModel). */
  renameAttributes?: AttributeRenames;
  /** Login name of the emulated technical user. */
  userName?: string;
}

export interface NewNode {
  parentId: number;
  name: string;
  type: number;
  description?: string;
  wkspTypeId?: number | null;
  templateId?: number | null;
  isTemplate?: boolean;
  id?: number;
}

export interface NewWorkspace {
  parentId: number;
  name: string;
  description: string;
  typeId: number;
  templateId: number;
  folders: readonly string[];
  categories: ReadonlyArray<{ catId: number; values: Record<string, unknown> }>;
  bo?: { extSystemId: string; boType: string; boId: string };
  /** Roles from the template; the leader role gets the creator (Admin, 1000). */
  roles?: readonly RoleDef[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  type INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  create_date INTEGER NOT NULL,
  modify_date INTEGER NOT NULL,
  owner_user_id INTEGER NOT NULL,
  volume_id INTEGER NOT NULL,
  wksp_type_id INTEGER,
  template_id INTEGER,
  is_template INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS nodes_parent ON nodes (parent_id);
CREATE INDEX IF NOT EXISTS nodes_type ON nodes (type);
CREATE TABLE IF NOT EXISTS category_values (
  node_id INTEGER NOT NULL,
  cat_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  vals TEXT NOT NULL,
  PRIMARY KEY (node_id, cat_id)
);
CREATE TABLE IF NOT EXISTS bo_links (
  ws_id INTEGER NOT NULL,
  ext_system_id TEXT NOT NULL,
  bo_type TEXT NOT NULL,
  bo_id TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  UNIQUE (ext_system_id, bo_type, bo_id)
);
CREATE INDEX IF NOT EXISTS bo_links_ws ON bo_links (ws_id);
CREATE TABLE IF NOT EXISTS relations (
  ws_id INTEGER NOT NULL,
  rel_ws_id INTEGER NOT NULL,
  rel_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ws_id, rel_ws_id, rel_type)
);
CREATE TABLE IF NOT EXISTS tickets (
  ticket TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expired INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS recent (node_id INTEGER PRIMARY KEY, accessed_at INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL,
  version_number INTEGER NOT NULL,
  major INTEGER NOT NULL,
  minor INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  mime_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  blob TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  create_date INTEGER NOT NULL,
  owner_id INTEGER NOT NULL,
  UNIQUE (node_id, version_number)
);
CREATE TABLE IF NOT EXISTS roles (
  id INTEGER PRIMARY KEY,
  ws_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  leader INTEGER NOT NULL,
  perms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS roles_ws ON roles (ws_id);
CREATE TABLE IF NOT EXISTS role_members (role_id INTEGER NOT NULL, member_id INTEGER NOT NULL, added_at INTEGER NOT NULL, PRIMARY KEY (role_id, member_id));
CREATE TABLE IF NOT EXISTS holds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  alternate_id TEXT,
  parent_id INTEGER,
  date_applied TEXT NOT NULL,
  date_to_remove TEXT,
  date_removed TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  edit_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS node_holds (node_id INTEGER NOT NULL, hold_id INTEGER NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (node_id, hold_id));
CREATE TABLE IF NOT EXISTS rm_records (
  node_id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  official INTEGER NOT NULL DEFAULT 0,
  token TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS node_classifications (node_id INTEGER NOT NULL, class_id INTEGER NOT NULL, PRIMARY KEY (node_id, class_id));
`;

const DATA_TABLES = [
  'nodes',
  'category_values',
  'bo_links',
  'relations',
  'tickets',
  'recent',
  'meta',
  'versions',
  'roles',
  'role_members',
  'holds',
  'node_holds',
  'rm_records',
  'node_classifications',
];

/** Tables keyed by a node id, cleaned when the node is deleted. */
const NODE_TABLES: ReadonlyArray<[table: string, column: string]> = [
  ['category_values', 'node_id'],
  ['recent', 'node_id'],
  ['versions', 'node_id'],
  ['node_holds', 'node_id'],
  ['rm_records', 'node_id'],
  ['node_classifications', 'node_id'],
  ['bo_links', 'ws_id'],
  ['relations', 'ws_id'],
  ['relations', 'rel_ws_id'],
];

/** Statements kept prepared, by SQL text; past this many, the least recently used is dropped. */
const KEPT_STATEMENTS = 512;

/** The emulator runs the same few SQL texts over and over: each is prepared once and kept. */
function keepPrepared(db: Db): Db {
  db.prepare = keptStatements(db.prepare.bind(db), KEPT_STATEMENTS).prepare as Db['prepare'];
  return db;
}

export type TicketCheck = { ok: true; userName: string } | { ok: false };

export class XecmState {
  readonly db: Db;
  readonly #opts: StateOptions;
  #model: XecmModel;
  #seq = 0;

  constructor(opts: StateOptions = {}) {
    this.#opts = opts;
    this.db = keepPrepared(new Database(opts.dbPath ?? ':memory:'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    const stored = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('model') as { value: string } | undefined;
    if (stored) {
      // A file seeded by an older emulator lacks newer model parts: take them from the default model.
      const base = buildModel(opts.omitWorkspaceTypes ?? [], opts.renameAttributes ?? {});
      const model = { ...base, ...(JSON.parse(stored.value) as Partial<XecmModel>) };
      this.#model = { ...model, workspaceTypes: model.workspaceTypes.map((t) => ({ ...t, roles: t.roles ?? DEFAULT_ROLES })) };
      const row = this.db.prepare('SELECT MAX(seq) AS s FROM recent').get() as { s: number | null };
      this.#seq = row.s ?? 0;
    } else {
      this.#model = this.#seed();
    }
  }

  get model(): XecmModel {
    return this.#model;
  }

  close(): void {
    this.db.close();
  }

  /** Drops everything and seeds the model again (tickets are cleared too). */
  reset(): void {
    this.db.transaction(() => {
      for (const t of DATA_TABLES) this.db.exec(`DELETE FROM ${t}`);
      this.#model = this.#seed();
    })();
    this.#seq = 0;
  }

  #seed(): XecmModel {
    const base = buildModel(this.#opts.omitWorkspaceTypes ?? [], this.#opts.renameAttributes ?? {});
    const model: XecmModel = {
      ...base,
      user: { ...base.user, name: this.#opts.userName ?? base.user.name, displayName: this.#opts.userName ?? base.user.displayName },
    };
    const ins = (id: number, parentId: number, name: string, type: number, extra: Partial<NewNode> = {}): void => {
      this.insertNode({ id, parentId, name, type, ...extra });
    };
    this.db.transaction(() => {
      ins(model.volumes.enterprise, -1, 'Enterprise Workspace', 141);
      ins(model.volumes.categories, -1, 'Categories', 133);
      ins(model.volumes.templates, -1, 'Document Templates', 20541);
      ins(model.shopifyFolderId, model.volumes.enterprise, 'Shopify', 0);
      ins(model.categoryFolderId, model.volumes.categories, 'Shopify', 132);
      for (const t of model.workspaceTypes) {
        ins(t.locationId, model.shopifyFolderId, t.locationName, 0);
        ins(t.category.id, model.categoryFolderId, t.category.name, 131);
        ins(t.templateId, model.volumes.templates, t.templateName, 848, { wkspTypeId: t.id, isTemplate: true });
        for (const f of t.folders) ins(f.id, t.templateId, f.name, 0);
      }
      for (const c of model.documentCategories) ins(c.id, model.categoryFolderId, c.name, 131);
      ins(model.classificationVolumes.classifications, -1, 'Classifications', 198);
      for (const c of model.classifications) ins(c.id, model.classificationVolumes.classifications, c.name, 199);
      ins(model.classificationVolumes.recordsManagement, -1, 'Records Management', 550);
      for (const c of model.rmClassifications) ins(c.id, model.classificationVolumes.recordsManagement, c.name, 551);
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('model', JSON.stringify(model));
    })();
    return model;
  }

  // ---- tickets -------------------------------------------------------------------------------

  issueTicket(userName: string, now = Date.now()): string {
    // Real tickets are long base64 strings with `/`, `+` and `=`; clients must URL-encode nothing but
    // must pass them through unchanged.
    const ticket = randomBytes(61).toString('base64');
    this.db.prepare('INSERT INTO tickets (ticket, user_name, created_at, last_used_at) VALUES (?, ?, ?, ?)').run(ticket, userName, now, now);
    return ticket;
  }

  /** Validates a ticket and, when valid, records this use (idle expiry counts from the last use). */
  useTicket(ticket: string, idleMs: number, now = Date.now()): TicketCheck {
    const row = this.db.prepare('SELECT user_name, last_used_at, expired FROM tickets WHERE ticket = ?').get(ticket) as
      { user_name: string; last_used_at: number; expired: number } | undefined;
    if (!row || row.expired || now - row.last_used_at > idleMs) return { ok: false };
    this.db.prepare('UPDATE tickets SET last_used_at = ? WHERE ticket = ?').run(now, ticket);
    return { ok: true, userName: row.user_name };
  }

  deleteTicket(ticket: string): void {
    this.db.prepare('DELETE FROM tickets WHERE ticket = ?').run(ticket);
  }

  expireAllTickets(): number {
    return this.db.prepare('UPDATE tickets SET expired = 1 WHERE expired = 0').run().changes;
  }

  countTickets(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE expired = 0').get() as { n: number }).n;
  }

  // ---- nodes ---------------------------------------------------------------------------------

  getNode(id: number): NodeRow | undefined {
    return this.db.prepare('SELECT * FROM nodes WHERE id = ?').get(id) as NodeRow | undefined;
  }

  /**
   * A container's children. `nameContains` filters by a case-insensitive substring of the name in
   * the query itself (as Content Server's `where_name` does in its database), so that a lookup in a
   * folder of many thousands does not read them all; SQLite's LIKE folds ASCII only, so a needle
   * beyond ASCII is filtered here instead.
   */
  children(parentId: number, opts: { nameContains?: string } = {}): NodeRow[] {
    const needle = opts.nameContains;
    if (needle === undefined || needle === '') return this.db.prepare('SELECT * FROM nodes WHERE parent_id = ? ORDER BY id').all(parentId) as NodeRow[];
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(needle))
      return this.db
        .prepare("SELECT * FROM nodes WHERE parent_id = ? AND name LIKE ? ESCAPE '\\' ORDER BY id")
        .all(parentId, `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as NodeRow[];
    const lower = needle.toLowerCase();
    return this.children(parentId).filter((r) => r.name.toLowerCase().includes(lower));
  }

  countChildren(parentId: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM nodes WHERE parent_id = ?').get(parentId) as { n: number }).n;
  }

  /** Names are unique per container (documents, folders and workspaces share the namespace). */
  childByName(parentId: number, name: string): NodeRow | undefined {
    return this.db.prepare('SELECT * FROM nodes WHERE parent_id = ? AND name = ?').get(parentId, name) as NodeRow | undefined;
  }

  insertNode(n: NewNode, now = Date.now()): number {
    const parent = n.parentId > 0 ? this.getNode(n.parentId) : undefined;
    const id = n.id ?? this.#nextNodeId();
    const volumeId = parent ? parent.volume_id : -id;
    this.db
      .prepare(
        `INSERT INTO nodes (id, parent_id, name, type, description, create_date, modify_date, owner_user_id, volume_id,
           wksp_type_id, template_id, is_template) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, n.parentId, n.name, n.type, n.description ?? '', now, now, 1000, volumeId, n.wkspTypeId ?? null, n.templateId ?? null, n.isTemplate ? 1 : 0);
    return id;
  }

  updateNode(id: number, patch: { name?: string; description?: string; parentId?: number }, now = Date.now()): void {
    const node = this.getNode(id);
    if (!node) return;
    const parent = patch.parentId !== undefined ? this.getNode(patch.parentId) : undefined;
    this.db
      .prepare('UPDATE nodes SET name = ?, description = ?, parent_id = ?, volume_id = ?, modify_date = ? WHERE id = ?')
      .run(patch.name ?? node.name, patch.description ?? node.description, parent?.id ?? node.parent_id, parent?.volume_id ?? node.volume_id, now, id);
  }

  /** Nodes, roles and holds share one id space, as objects do in Content Server. */
  #nextNodeId(): number {
    const row = this.db
      .prepare('SELECT MAX(m) AS m FROM (SELECT MAX(id) AS m FROM nodes UNION ALL SELECT MAX(id) FROM roles UNION ALL SELECT MAX(id) FROM holds)')
      .get() as { m: number | null };
    return Math.max(SEED_IDS.firstDynamicNode, (row.m ?? 0) + 1);
  }

  /** The node and its containers up to the volume, nearest first. */
  ancestors(id: number): NodeRow[] {
    const out: NodeRow[] = [];
    let n = this.getNode(id);
    const seen = new Set<number>();
    while (n && !seen.has(n.id)) {
      seen.add(n.id);
      out.push(n);
      n = n.parent_id > 0 ? this.getNode(n.parent_id) : undefined;
    }
    return out;
  }

  /** Ids of the node and everything below it. */
  subtreeIds(id: number): number[] {
    return (
      this.db.prepare('WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN t ON n.parent_id = t.id) SELECT id FROM t').all(id) as Array<{
        id: number;
      }>
    ).map((r) => r.id);
  }

  /** Deletes the node and its subtree with everything attached; returns the content blobs to remove. */
  deleteSubtree(id: number): string[] {
    return this.db.transaction(() => {
      const ids = this.subtreeIds(id);
      const blobs: string[] = [];
      for (const nid of ids) {
        for (const v of this.versions(nid)) blobs.push(v.blob);
        for (const [table, col] of NODE_TABLES) this.db.prepare(`DELETE FROM ${table} WHERE ${col} = ?`).run(nid);
        const roleIds = (this.db.prepare('SELECT id FROM roles WHERE ws_id = ?').all(nid) as Array<{ id: number }>).map((r) => r.id);
        for (const r of roleIds) this.db.prepare('DELETE FROM role_members WHERE role_id = ?').run(r);
        this.db.prepare('DELETE FROM roles WHERE ws_id = ?').run(nid);
        this.db.prepare('DELETE FROM nodes WHERE id = ?').run(nid);
      }
      return blobs;
    })();
  }

  // ---- workspaces ----------------------------------------------------------------------------

  /** All business workspaces (type 848), templates excluded. */
  workspaces(): NodeRow[] {
    return this.db.prepare('SELECT * FROM nodes WHERE type = 848 AND is_template = 0 ORDER BY id').all() as NodeRow[];
  }

  createWorkspace(w: NewWorkspace, now = Date.now()): number {
    return this.db.transaction(() => {
      const id = this.insertNode(
        { parentId: w.parentId, name: w.name, type: 848, description: w.description, wkspTypeId: w.typeId, templateId: w.templateId },
        now,
      );
      for (const f of w.folders) this.insertNode({ parentId: id, name: f, type: 0 }, now);
      for (const c of w.categories) this.setCategoryValues(id, c.catId, c.values);
      if (w.bo) {
        this.db
          .prepare('INSERT INTO bo_links (ws_id, ext_system_id, bo_type, bo_id, linked_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, w.bo.extSystemId, w.bo.boType, w.bo.boId, now);
      }
      this.#createRoles(id, w.roles ?? [], now);
      this.touchRecent(id, now);
      return id;
    })();
  }

  boLinks(wsId: number): BoLinkRow[] {
    return this.db.prepare('SELECT * FROM bo_links WHERE ws_id = ? ORDER BY linked_at, rowid').all(wsId) as BoLinkRow[];
  }

  /** The workspaces linked to a business object that has every part given (one indexed query). */
  workspaceIdsByBo(bo: { extSystemId?: string | undefined; boType?: string | undefined; boId?: string | undefined }): Set<number> {
    const where: string[] = [];
    const args: string[] = [];
    for (const [column, value] of [
      ['ext_system_id', bo.extSystemId],
      ['bo_type', bo.boType],
      ['bo_id', bo.boId],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      args.push(value);
    }
    const rows = this.db.prepare(`SELECT DISTINCT ws_id FROM bo_links${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`).all(...args) as Array<{
      ws_id: number;
    }>;
    return new Set(rows.map((r) => r.ws_id));
  }

  findByBo(extSystemId: string, boType: string, boId: string): BoLinkRow | undefined {
    return this.db.prepare('SELECT * FROM bo_links WHERE ext_system_id = ? AND bo_type = ? AND bo_id = ?').get(extSystemId, boType, boId) as
      BoLinkRow | undefined;
  }

  addBoLink(wsId: number, extSystemId: string, boType: string, boId: string, now = Date.now()): void {
    this.db.prepare('INSERT INTO bo_links (ws_id, ext_system_id, bo_type, bo_id, linked_at) VALUES (?, ?, ?, ?, ?)').run(wsId, extSystemId, boType, boId, now);
  }

  removeBoLink(wsId: number, extSystemId: string, boType: string, boId: string): boolean {
    return (
      this.db.prepare('DELETE FROM bo_links WHERE ws_id = ? AND ext_system_id = ? AND bo_type = ? AND bo_id = ?').run(wsId, extSystemId, boType, boId).changes >
      0
    );
  }

  // ---- relations (one row per relation: ws_id is the parent, rel_ws_id the child) ----------------

  addRelation(parentId: number, childId: number, now = Date.now()): boolean {
    return (
      this.db.prepare("INSERT OR IGNORE INTO relations (ws_id, rel_ws_id, rel_type, created_at) VALUES (?, ?, 'child', ?)").run(parentId, childId, now)
        .changes > 0
    );
  }

  removeRelation(parentId: number, childId: number): boolean {
    return this.db.prepare('DELETE FROM relations WHERE ws_id = ? AND rel_ws_id = ?').run(parentId, childId).changes > 0;
  }

  /** Related workspaces of `wsId` with the relation type seen from `wsId`. */
  related(wsId: number): Array<{ id: number; relType: 'child' | 'parent' }> {
    const children = this.db.prepare('SELECT rel_ws_id AS id FROM relations WHERE ws_id = ? ORDER BY created_at, rowid').all(wsId) as Array<{ id: number }>;
    const parents = this.db.prepare('SELECT ws_id AS id FROM relations WHERE rel_ws_id = ? ORDER BY created_at, rowid').all(wsId) as Array<{ id: number }>;
    return [...children.map((r) => ({ id: r.id, relType: 'child' as const })), ...parents.map((r) => ({ id: r.id, relType: 'parent' as const }))];
  }

  allRelations(): Array<{ parent: number; child: number }> {
    return (this.db.prepare('SELECT ws_id, rel_ws_id FROM relations ORDER BY created_at, rowid').all() as Array<{ ws_id: number; rel_ws_id: number }>).map(
      (r) => ({ parent: r.ws_id, child: r.rel_ws_id }),
    );
  }

  // ---- roles and members ------------------------------------------------------------------------

  #createRoles(wsId: number, roles: readonly RoleDef[], now: number): void {
    for (const r of roles) {
      const id = this.#nextNodeId();
      this.db
        .prepare('INSERT INTO roles (id, ws_id, name, description, leader, perms) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, wsId, r.name, r.description, r.leader ? 1 : 0, r.perms);
      if (r.leader) this.db.prepare('INSERT INTO role_members (role_id, member_id, added_at) VALUES (?, ?, ?)').run(id, this.#model.user.id, now);
    }
  }

  /** Roles of a workspace; a workspace from an older file gets its template's roles on first use. */
  roles(wsId: number, templateRoles: readonly RoleDef[] = []): RoleRow[] {
    const list = (): RoleRow[] => this.db.prepare('SELECT * FROM roles WHERE ws_id = ? ORDER BY id').all(wsId) as RoleRow[];
    const rows = list();
    if (rows.length > 0 || templateRoles.length === 0) return rows;
    this.db.transaction(() => this.#createRoles(wsId, templateRoles, Date.now()))();
    return list();
  }

  roleMembers(roleId: number): number[] {
    return (this.db.prepare('SELECT member_id FROM role_members WHERE role_id = ? ORDER BY added_at, rowid').all(roleId) as Array<{ member_id: number }>).map(
      (r) => r.member_id,
    );
  }

  addRoleMember(roleId: number, memberId: number, now = Date.now()): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO role_members (role_id, member_id, added_at) VALUES (?, ?, ?)').run(roleId, memberId, now).changes > 0;
  }

  removeRoleMember(roleId: number, memberId: number): boolean {
    return this.db.prepare('DELETE FROM role_members WHERE role_id = ? AND member_id = ?').run(roleId, memberId).changes > 0;
  }

  // ---- documents and versions ------------------------------------------------------------------

  createDocument(d: { parentId: number; name: string; description: string; file: NewVersionFile }, now = Date.now()): number {
    return this.db.transaction(() => {
      const id = this.insertNode({ parentId: d.parentId, name: d.name, type: 144, description: d.description }, now);
      this.addVersion(id, d.file, now);
      return id;
    })();
  }

  addVersion(nodeId: number, f: NewVersionFile, now = Date.now()): VersionRow {
    const last = this.latestVersion(nodeId);
    const number = (last?.version_number ?? 0) + 1;
    const major = last === undefined ? 1 : f.major ? last.major + 1 : last.major;
    const minor = last === undefined || f.major ? 0 : last.minor + 1;
    this.db
      .prepare(
        `INSERT INTO versions (node_id, version_number, major, minor, file_name, file_size, mime_type, sha256, blob, description, create_date, owner_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(nodeId, number, major, minor, f.fileName, f.size, f.mimeType, f.sha256, f.blob, f.description ?? '', now, this.#model.user.id);
    this.db.prepare('UPDATE nodes SET modify_date = ? WHERE id = ?').run(now, nodeId);
    const row = this.version(nodeId, number);
    if (!row) throw new Error('version insert failed');
    return row;
  }

  versions(nodeId: number): VersionRow[] {
    return this.db.prepare('SELECT * FROM versions WHERE node_id = ? ORDER BY version_number').all(nodeId) as VersionRow[];
  }

  version(nodeId: number, number: number): VersionRow | undefined {
    return this.db.prepare('SELECT * FROM versions WHERE node_id = ? AND version_number = ?').get(nodeId, number) as VersionRow | undefined;
  }

  latestVersion(nodeId: number): VersionRow | undefined {
    return this.db.prepare('SELECT * FROM versions WHERE node_id = ? ORDER BY version_number DESC LIMIT 1').get(nodeId) as VersionRow | undefined;
  }

  countVersions(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM versions').get() as { n: number }).n;
  }

  // ---- holds ------------------------------------------------------------------------------------

  createHold(h: Omit<HoldRow, 'id' | 'active' | 'edit_date' | 'date_removed'>, now = Date.now()): number {
    const id = this.#nextNodeId();
    this.db
      .prepare(
        `INSERT INTO holds (id, name, type, comment, alternate_id, parent_id, date_applied, date_to_remove, active, edit_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(id, h.name, h.type, h.comment, h.alternate_id, h.parent_id, h.date_applied, h.date_to_remove, now);
    return id;
  }

  holds(): HoldRow[] {
    return this.db.prepare('SELECT * FROM holds ORDER BY id').all() as HoldRow[];
  }

  hold(id: number): HoldRow | undefined {
    return this.db.prepare('SELECT * FROM holds WHERE id = ?').get(id) as HoldRow | undefined;
  }

  holdByName(name: string): HoldRow | undefined {
    return this.db.prepare('SELECT * FROM holds WHERE name = ?').get(name) as HoldRow | undefined;
  }

  applyHold(nodeId: number, holdId: number, now = Date.now()): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO node_holds (node_id, hold_id, applied_at) VALUES (?, ?, ?)').run(nodeId, holdId, now).changes > 0;
  }

  removeHold(nodeId: number, holdId: number): boolean {
    return this.db.prepare('DELETE FROM node_holds WHERE node_id = ? AND hold_id = ?').run(nodeId, holdId).changes > 0;
  }

  /** Holds applied directly to a node. */
  nodeHolds(nodeId: number): Array<HoldRow & { applied_at: number }> {
    return this.db
      .prepare('SELECT h.*, nh.applied_at FROM node_holds nh JOIN holds h ON h.id = nh.hold_id WHERE nh.node_id = ? ORDER BY nh.applied_at, h.id')
      .all(nodeId) as Array<HoldRow & { applied_at: number }>;
  }

  /** Items a hold is applied to directly. */
  holdItems(holdId: number): number[] {
    return (this.db.prepare('SELECT node_id FROM node_holds WHERE hold_id = ? ORDER BY applied_at').all(holdId) as Array<{ node_id: number }>).map(
      (r) => r.node_id,
    );
  }

  // ---- records management and classifications ---------------------------------------------------

  rmRecord(nodeId: number): RmRow | undefined {
    return this.db.prepare('SELECT * FROM rm_records WHERE node_id = ?').get(nodeId) as RmRow | undefined;
  }

  setRmRecord(nodeId: number, classId: number, status: string, official: boolean, now = Date.now()): RmRow {
    const token = randomBytes(12).toString('hex');
    this.db
      .prepare('INSERT OR REPLACE INTO rm_records (node_id, class_id, status, official, token, applied_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(nodeId, classId, status, official ? 1 : 0, token, now);
    const row = this.rmRecord(nodeId);
    if (!row) throw new Error('rm insert failed');
    return row;
  }

  classificationIds(nodeId: number): number[] {
    return (this.db.prepare('SELECT class_id FROM node_classifications WHERE node_id = ? ORDER BY class_id').all(nodeId) as Array<{ class_id: number }>).map(
      (r) => r.class_id,
    );
  }

  setClassifications(nodeId: number, classIds: readonly number[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM node_classifications WHERE node_id = ?').run(nodeId);
      for (const c of classIds) this.db.prepare('INSERT OR IGNORE INTO node_classifications (node_id, class_id) VALUES (?, ?)').run(nodeId, c);
    })();
  }

  // ---- categories ----------------------------------------------------------------------------

  /** Applied categories of a node, in the order they were applied. */
  categoryValues(nodeId: number): Array<{ catId: number; values: Record<string, unknown> }> {
    const rows = this.db.prepare('SELECT cat_id, vals FROM category_values WHERE node_id = ? ORDER BY seq').all(nodeId) as Array<{
      cat_id: number;
      vals: string;
    }>;
    return rows.map((r) => ({ catId: r.cat_id, values: JSON.parse(r.vals) as Record<string, unknown> }));
  }

  setCategoryValues(nodeId: number, catId: number, values: Record<string, unknown>): void {
    const existing = this.db.prepare('SELECT seq FROM category_values WHERE node_id = ? AND cat_id = ?').get(nodeId, catId) as { seq: number } | undefined;
    const seq =
      existing?.seq ?? (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM category_values WHERE node_id = ?').get(nodeId) as { s: number }).s;
    this.db.prepare('INSERT OR REPLACE INTO category_values (node_id, cat_id, seq, vals) VALUES (?, ?, ?, ?)').run(nodeId, catId, seq, JSON.stringify(values));
  }

  // ---- recently accessed ---------------------------------------------------------------------

  touchRecent(nodeId: number, now = Date.now()): void {
    this.#seq += 1;
    this.db.prepare('INSERT OR REPLACE INTO recent (node_id, accessed_at, seq) VALUES (?, ?, ?)').run(nodeId, now, this.#seq);
  }

  /** Node ids, most recently accessed first. */
  recentIds(): number[] {
    return (this.db.prepare('SELECT node_id FROM recent ORDER BY seq DESC').all() as Array<{ node_id: number }>).map((r) => r.node_id);
  }

  clearRecent(): void {
    this.db.exec('DELETE FROM recent');
  }
}
