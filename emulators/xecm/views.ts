import { isoLocal, isoZ } from './envelopes.js';
import type { NodeRow, XecmState } from './state.js';
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
  const size = container ? state.countChildren(n.id) : 0;
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
    mime_type: null,
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
    size_formatted: container ? `${size} Items` : '',
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
