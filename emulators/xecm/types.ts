/** Data types of the emulator's xECM model (the seeded configuration, not runtime state). */

/** Attribute data kinds; `date` values are stored as the ISO strings the client sends. */
export type AttributeKind = 'string' | 'integer' | 'date' | 'boolean';

export interface AttributeDef {
  /** Attribute id inside its category (ids start at 2; `{cat}_1` denotes the category itself). */
  id: number;
  /** `{catId}_{attrId}`, the key used on the wire. */
  key: string;
  name: string;
  kind: AttributeKind;
  multiValue: boolean;
  required: boolean;
}

export interface CategoryDef {
  /** Node id of the category definition (type 131) in the Categories volume. */
  id: number;
  name: string;
  attributes: readonly AttributeDef[];
}

export interface FolderDef {
  id: number;
  name: string;
}

export interface WorkspaceTypeDef {
  /** Workspace type id (its own id space, not a node id). */
  id: number;
  name: string;
  boType: string;
  boTypeId: number;
  /** Node id of the workspace template (type 848, in the templates volume). */
  templateId: number;
  templateName: string;
  /** Sub-folders of the template, copied into every new workspace. */
  folders: readonly FolderDef[];
  category: CategoryDef;
  /** Node id of the folder new workspaces go to when no parent_id is given. */
  locationId: number;
  locationName: string;
  rmEnabled: boolean;
  /** Roles every new workspace of this type gets (from its template). */
  roles: readonly RoleDef[];
}

/** A workspace role as the template defines it. */
export interface RoleDef {
  name: string;
  description: string;
  /** The leader role; the workspace creator becomes its member. */
  leader: boolean;
  /** Content Server permission bit mask (see, see contents, modify, …). */
  perms: number;
}

/** A user (type 0) or group (type 1) of the emulated Content Server. */
export interface MemberDef {
  id: number;
  name: string;
  displayName: string;
  type: 0 | 1;
  /** Users: their default group; groups: their leader group (0). */
  groupId: number;
  email: string | null;
}

/** A (non-RM) classification node (type 199) in the Classifications volume. */
export interface ClassificationDef {
  id: number;
  name: string;
}

export interface RmClassificationDef {
  id: number;
  name: string;
  /** Records Series Identifier. */
  rsi: string;
  retentionYears: number;
}

export interface HoldTypeDef {
  name: string;
  description: string;
}

export interface UserDef {
  id: number;
  name: string;
  displayName: string;
  groupId: number;
}

export interface XecmModel {
  extSystemId: string;
  extSystemName: string;
  volumes: { enterprise: number; categories: number; templates: number };
  /** Enterprise Workspace > Shopify: the parent of the creation locations. */
  shopifyFolderId: number;
  /** Categories volume > Shopify: the category folder. */
  categoryFolderId: number;
  workspaceTypes: readonly WorkspaceTypeDef[];
  /** Categories applied to documents rather than workspaces (e.g. "Shopify Compliance Document"), in the category folder. */
  documentCategories: readonly CategoryDef[];
  rmClassifications: readonly RmClassificationDef[];
  holdTypes: readonly HoldTypeDef[];
  /** Classifications volume (type 198) and the Records Management volume (type 550). */
  classificationVolumes: { classifications: number; recordsManagement: number };
  classifications: readonly ClassificationDef[];
  user: UserDef;
  /** Users and groups (the technical user included), for role membership. */
  members: readonly MemberDef[];
}
