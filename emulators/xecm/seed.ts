import type { AttributeDef, AttributeKind, CategoryDef, MemberDef, RoleDef, WorkspaceTypeDef, XecmModel } from './types.js';

/** Shorthand: `name`, `name:date`, `name:boolean`, `name[]` (multi-value string). */
type AttrSpec = string;

interface TypeSpec {
  name: string;
  boType: string;
  location: string;
  folders: string[];
  attributes: AttrSpec[];
}

const TYPES: TypeSpec[] = [
  {
    name: 'Shopify Order',
    boType: 'shopify_order',
    location: 'Orders',
    folders: ['Confirmation and Invoices', 'Communications', 'Contracts', 'Shipping', 'Approvals', 'Archive'],
    attributes: [
      'Order Number',
      'Order Name',
      'Shop',
      'Customer',
      'Customer Email',
      'Company',
      'PO Number',
      'Total',
      'Currency',
      'Financial Status',
      'Fulfillment Status',
      'Order Date:date',
      'Tags[]',
      'B2B:boolean',
    ],
  },
  {
    name: 'Shopify Case',
    boType: 'shopify_case',
    location: 'Cases',
    folders: ['Photos', 'Invoices', 'Return Labels', 'Inspection Notes', 'Refund Approvals', 'Correspondence'],
    attributes: [
      'Case Type',
      'Case Number',
      'Order Number',
      'Customer',
      'Status',
      'Status History[]',
      'Reason',
      'Amount',
      'Currency',
      'Opened:date',
      'Closed:date',
      'Evidence Due:date',
      'Shop',
    ],
  },
  {
    name: 'Shopify Customer Account',
    boType: 'shopify_account',
    location: 'Accounts',
    folders: ['Signed Agreements', 'Pricing Schedules', 'Tax Exemption Certificates', 'Credit Documentation'],
    attributes: [
      'Account Name',
      'External ID',
      'Payment Terms',
      'Tax Exempt:boolean',
      'Tax Registration',
      'Locations[]',
      'Main Contact',
      'Customer Since:date',
      'Shop',
    ],
  },
  {
    name: 'Shopify Order Exception',
    boType: 'shopify_order_exception',
    location: 'Exceptions',
    folders: ['Carrier Correspondence', 'Warehouse Notes', 'Packing Instructions', 'Approvals'],
    attributes: [
      'Order Number',
      'Exception Type[]',
      'Status',
      'Resolved:boolean',
      'Status History[]',
      'Reason',
      'Carrier',
      'Tracking Numbers[]',
      'Opened:date',
      'Resolved On:date',
      'Shop',
    ],
  },
  {
    name: 'Shopify Product',
    boType: 'shopify_product',
    location: 'Products',
    folders: ['Safety Data Sheets', 'Certifications', 'Labeling', 'Import Documentation'],
    attributes: [
      'Product Title',
      'Product Type',
      'Vendor',
      'SKUs[]',
      'HS Codes[]',
      'Countries of Origin[]',
      'Hazmat Class',
      'Compliance Marks[]',
      'Tags[]',
      'Product Class[]',
      'Required Documents[]',
      'Present Documents[]',
      'Missing Documents[]',
      'Expired Documents[]',
      'Checklist Status',
      'Last Checked:date',
      'Shop',
    ],
  },
];

/**
 * Fixed node ids. Content Server's own volumes keep their classic ids (Enterprise 2000, Categories 2006);
 * everything the emulator seeds lives in 3000–3299, and nodes created at run time start at 10000.
 */
export const SEED_IDS = {
  enterpriseVolume: 2000,
  categoriesVolume: 2006,
  templatesVolume: 2100,
  shopifyFolder: 3000,
  /** + type index (1..5) */
  locationBase: 3000,
  categoryFolder: 3010,
  /** + type index (1..5) */
  categoryBase: 3010,
  /** The document category "Shopify Compliance Document" (job 5). */
  complianceDocumentCategory: 3019,
  /** + type index (1..5) */
  templateBase: 3020,
  /** + type index * 10 + folder index (0-based) */
  templateFolderBase: 3100,
  rmClassification: 3200,
  /** Non-RM classifications: 3210, 3211. */
  classificationBase: 3210,
  classificationsVolume: 2200,
  recordsManagementVolume: 2300,
  /** Workspace type ids are their own id space: 101..105. */
  workspaceTypeBase: 100,
  /** Business object type ids: 201..205. */
  boTypeBase: 200,
  firstDynamicNode: 10000,
} as const;

/**
 * Categories for documents (not a workspace type's): what a document is and until when it is valid.
 * Administrators (or users filing a certificate) apply "Shopify Compliance Document" to a document in
 * a product workspace; job 5's checklist reads it by name.
 */
const DOCUMENT_CATEGORIES: Array<{ id: number; name: string; attributes: AttrSpec[] }> = [
  {
    id: SEED_IDS.complianceDocumentCategory,
    name: 'Shopify Compliance Document',
    attributes: ['Document Type', 'Valid Until:date', 'Issued By', 'Reference Number'],
  },
];

/** Content Server permission bits (the `perms` mask of roles). */
export const PERMS = {
  see: 2,
  seeContents: 36865,
  modify: 65536,
  editAttributes: 131072,
  addItems: 4,
  reserve: 8192,
  addMajorVersion: 4194304,
  deleteVersions: 16384,
  delete: 8,
  editPermissions: 16,
} as const;

const ALL_PERMS = Object.values(PERMS).reduce((a, b) => a + b, 0);

/** Roles of every template: the leader role gets the creator. */
export const DEFAULT_ROLES: readonly RoleDef[] = [
  { name: 'Owner', description: 'Owns the workspace', leader: true, perms: ALL_PERMS },
  {
    name: 'Account Manager',
    description: 'Manages the customer relationship',
    leader: false,
    perms: PERMS.see + PERMS.seeContents + PERMS.modify + PERMS.editAttributes + PERMS.addItems + PERMS.reserve + PERMS.addMajorVersion,
  },
  { name: 'Support Agent', description: 'Serves customers; reads the workspace', leader: false, perms: PERMS.see + PERMS.seeContents },
];

const MEMBERS: readonly MemberDef[] = [
  { id: 1000, name: 'Admin', displayName: 'Admin', type: 0, groupId: 1001, email: null },
  { id: 1001, name: 'DefaultGroup', displayName: 'DefaultGroup', type: 1, groupId: 0, email: null },
  { id: 1002, name: 'agent1', displayName: 'Agent One', type: 0, groupId: 1004, email: 'agent1@example.com' },
  { id: 1003, name: 'agent2', displayName: 'Agent Two', type: 0, groupId: 1004, email: 'agent2@example.com' },
  { id: 1004, name: 'Support', displayName: 'Support', type: 1, groupId: 0, email: null },
];

function parseAttr(spec: AttrSpec, catId: number, attrId: number): AttributeDef {
  let name = spec;
  let kind: AttributeKind = 'string';
  let multiValue = false;
  if (name.endsWith('[]')) {
    multiValue = true;
    name = name.slice(0, -2);
  }
  const colon = name.lastIndexOf(':');
  if (colon > 0) {
    kind = name.slice(colon + 1) as AttributeKind;
    name = name.slice(0, colon);
  }
  return { id: attrId, key: `${catId}_${attrId}`, name, kind, multiValue, required: false };
}

/** Workspace type name → {default attribute name → the name this Content Server's category gives it}. */
export type AttributeRenames = Readonly<Record<string, Readonly<Record<string, string>>>>;

function buildType(spec: TypeSpec, index: number, renames: AttributeRenames): WorkspaceTypeDef {
  const n = index + 1;
  const catId = SEED_IDS.categoryBase + n;
  const renamed = renames[spec.name] ?? {};
  const category: CategoryDef = {
    id: catId,
    name: spec.name,
    attributes: spec.attributes.map((a, i) => {
      const attr = parseAttr(a, catId, i + 2);
      return { ...attr, name: renamed[attr.name] ?? attr.name };
    }),
  };
  return {
    id: SEED_IDS.workspaceTypeBase + n,
    name: spec.name,
    boType: spec.boType,
    boTypeId: SEED_IDS.boTypeBase + n,
    templateId: SEED_IDS.templateBase + n,
    templateName: `${spec.name} Template`,
    folders: spec.folders.map((name, i) => ({ id: SEED_IDS.templateFolderBase + n * 10 + i, name })),
    category,
    locationId: SEED_IDS.locationBase + n,
    locationName: spec.location,
    rmEnabled: true,
    roles: DEFAULT_ROLES,
  };
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * Builds the default model, optionally without some workspace types (by name) and with some category
 * attributes named differently (an administrator's model that differs a little).
 */
export function buildModel(omitWorkspaceTypes: readonly string[] = [], renameAttributes: AttributeRenames = {}): XecmModel {
  return {
    extSystemId: 'shopify',
    extSystemName: 'Shopify',
    volumes: {
      enterprise: SEED_IDS.enterpriseVolume,
      categories: SEED_IDS.categoriesVolume,
      templates: SEED_IDS.templatesVolume,
    },
    shopifyFolderId: SEED_IDS.shopifyFolder,
    categoryFolderId: SEED_IDS.categoryFolder,
    workspaceTypes: TYPES.map((t, i) => buildType(t, i, renameAttributes)).filter((t) => !omitWorkspaceTypes.includes(t.name)),
    documentCategories: DOCUMENT_CATEGORIES.map((c) => ({ id: c.id, name: c.name, attributes: c.attributes.map((a, i) => parseAttr(a, c.id, i + 2)) })),
    rmClassifications: [{ id: SEED_IDS.rmClassification, name: 'Shopify Transaction Records', rsi: 'SHOPIFY-TX-10Y', retentionYears: 10 }],
    holdTypes: [{ name: 'Legal', description: 'Legal hold for Shopify disputes' }],
    classificationVolumes: { classifications: SEED_IDS.classificationsVolume, recordsManagement: SEED_IDS.recordsManagementVolume },
    classifications: [
      { id: SEED_IDS.classificationBase, name: 'Shopify Transactions' },
      { id: SEED_IDS.classificationBase + 1, name: 'Shopify Correspondence' },
    ],
    user: { id: 1000, name: 'Admin', displayName: 'Admin', groupId: 1001 },
    members: MEMBERS,
  };
}

/** The model the emulator seeds by default: external system, workspace types, templates, categories. */
export const DEFAULT_MODEL: XecmModel = deepFreeze(buildModel());
