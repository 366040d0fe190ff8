import { isoLocal, isoZ } from './envelopes.js';
import type { NodeRow, VersionRow, XecmState } from './state.js';
import type { WorkspaceTypeDef } from './types.js';

/** Property objects as the REST endpoints render them. */

const TYPE_NAMES: Record<number, string> = {
  0: 'Folder',
  1: 'Shortcut',
  131: 'Category',
  132: 'Category Folder',
  133: 'Categories Volume',
  141: 'Enterprise Workspace',
  144: 'Document',
  198: 'Classifications Volume',
  199: 'Classification',
  550: 'Records Management',
  551: 'RM Classification',
  848: 'Business Workspace',
  20541: 'Document Templates',
};

const CONTAINERS = new Set([0, 848, 136, 199, 132, 141, 198, 20541, 133]);

export const typeName = (type: number): string => TYPE_NAMES[type] ?? `Subtype ${type}`;
export const isContainer = (type: number): boolean => CONTAINERS.has(type);

export function workspaceType(state: XecmState, id: number | null): WorkspaceTypeDef | undefined {
  return id === null ? undefined : state.model.workspaceTypes.find((t) => t.id === id);
}

/** `data.properties` of node endpoints (timestamps with `Z`). */
export function nodeProperties(state: XecmState, n: NodeRow): Record<string, unknown> {
  const container = isContainer(n.type);
  const latest = n.type === 144 ? state.latestVersion(n.id) : undefined;
  const size = container ? state.countChildren(n.id) : (latest?.file_size ?? 0);
  const props: Record<string, unknown> = {
    container,
    container_size: size,
    create_date: isoZ(n.create_date),
    create_user_id: n.owner_user_id,
    description: n.description,
    description_multilingual: { en: n.description },
    external_create_date: null,
    external_identity: '',
    external_identity_type: '',
    external_modify_date: null,
    external_source: '',
    favorite: false,
    hidden: false,
    icon: `/img/webdoc/${n.type === 848 ? 'bw' : container ? 'folder' : 'document'}.gif`,
    id: n.id,
    mime_type: latest?.mime_type ?? null,
    modify_date: isoZ(n.modify_date),
    modify_user_id: n.owner_user_id,
    name: n.name,
    name_multilingual: { en: n.name },
    owner: 'Admin',
    owner_group_id: 1001,
    owner_user_id: n.owner_user_id,
    parent_id: n.parent_id,
    reserved: false,
    reserved_date: null,
    reserved_user_id: 0,
    size,
    size_formatted: container ? `${size} Items` : latest ? formatSize(size) : '',
    type: n.type,
    type_name: typeName(n.type),
    versionable: n.type === 144,
    versions_control_advanced: false,
    volume_id: n.volume_id,
  };
  if (n.type === 848) {
    props.wnf_wksp_type_id = n.wksp_type_id;
    props.wnf_wksp_template_id = n.template_id;
  }
  return props;
}

/** Content Server's size column: `1 KB` (rounded up), `3 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${Math.ceil(bytes / (1024 * 1024))} MB`;
  return `${Math.ceil(bytes / (1024 * 1024 * 1024))} GB`;
}

/**
 * `data.versions` of the version endpoints (no checksum: OTCS exposes none). Fields the spec types
 * as dates or integers are left out rather than sent as null.
 */
export function versionInfo(v: VersionRow): Record<string, unknown> {
  return {
    create_date: isoZ(v.create_date),
    description: v.description,
    external_identity: '',
    external_identity_type: '',
    external_source: '',
    file_create_date: isoZ(v.create_date),
    file_modify_date: isoZ(v.create_date),
    file_name: v.file_name,
    file_size: v.file_size,
    file_type: v.file_name.includes('.') ? (v.file_name.split('.').pop() ?? '').toLowerCase() : '',
    has_generation: false,
    id: v.node_id,
    locked: 0,
    mime_type: v.mime_type,
    modify_date: isoZ(v.create_date),
    name: v.file_name,
    owner_id: v.owner_id,
    provider_id: v.id,
    version_id: v.id,
    version_major_number: v.major,
    version_minor_number: v.minor,
    version_number: v.version_number,
    version_number_major: v.major,
    version_number_minor: v.minor,
    version_number_name: String(v.version_number),
  };
}

/** `data.properties` of business-workspace endpoints (timestamps without a zone). */
export function workspaceProperties(state: XecmState, n: NodeRow): Record<string, unknown> {
  const t = workspaceType(state, n.wksp_type_id);
  const size = state.countChildren(n.id);
  return {
    container: true,
    container_size: size,
    create_date: isoLocal(n.create_date),
    create_user_id: n.owner_user_id,
    description: n.description,
    favorite: false,
    icon: '/img/webdoc/bw.gif',
    id: n.id,
    modify_date: isoLocal(n.modify_date),
    modify_user_id: n.owner_user_id,
    name: n.name,
    owner_user_id: n.owner_user_id,
    parent_id: n.parent_id,
    perm_add_major_version: true,
    perm_create: true,
    perm_delete: true,
    perm_delete_versions: true,
    perm_modify: true,
    perm_modify_attributes: true,
    perm_modify_permissions: true,
    perm_reserve: true,
    perm_see: true,
    perm_see_contents: true,
    reserved: false,
    reserved_date: null,
    reserved_user_id: 0,
    rm_enabled: t?.rmEnabled ?? false,
    size,
    size_formatted: `${size} Items`,
    type: 848,
    type_name: 'Business Workspace',
    user_id: n.owner_user_id,
    volume_id: n.volume_id,
    wksp_type_name: t?.name ?? null,
    wnf_wksp_template_id: n.template_id,
    wnf_wksp_type_id: n.wksp_type_id,
    wnf_wksp_type_id_formatted: t?.name ?? '',
  };
}

export function workspaceActions(href: string): Record<string, unknown> {
  return {
    data: { open: { body: '', content_type: '', form_href: '', href, method: 'GET', name: 'Open' } },
    map: { default_action: 'open' },
    order: ['open'],
  };
}
