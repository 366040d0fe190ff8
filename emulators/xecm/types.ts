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
  rmClassifications: readonly RmClassificationDef[];
  holdTypes: readonly HoldTypeDef[];
  user: UserDef;
}
