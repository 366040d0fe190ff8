/**
 * Job 5, product compliance (DESIGN.md §1): a regulated product gets one "Shopify Product" workspace
 * with its facts (title, vendor, type, SKUs, HS codes and countries of origin of its inventory items,
 * hazmat class, compliance marks, tags) and its classes; the checklist of required documents per
 * class (`compliance` in the configuration, shipped below) is kept on it by the `product-checklist`
 * follow-up and the scheduled re-check (jobs/product-checklist.ts).
 *
 * Expressions read the product in full, as the Admin API gives it (intake/read-product.ts), in the
 * REST shape products/* webhooks carry plus what they lack: each variant's inventory item
 * (`harmonized_system_code`, `country_code_of_origin`, `province_code_of_origin`) and `metafields`
 * (namespace, key, type, value). Criteria, e.g. for a product type or a metafield, in shopify-xecm.yaml:
 *
 *   rules:
 *     product-workspace:
 *       criteria:
 *         chemicals: "product_type = 'Chemicals'"
 *         metafield: "$count(metafields[namespace = 'compliance' and key = 'regulated' and value = 'true']) > 0"
 */
const HAZMAT_PREFIX = "$tags(tags)[$substring($lowercase($), 0, 7) = 'hazmat:']";
// `hazmat:none` (a merchant's way to say "checked, not dangerous goods") regulates but is no hazard class.
const HAZMAT_TAGS = "$tags(tags)[$substring($lowercase($), 0, 7) = 'hazmat:' and $not($lowercase($) in ['hazmat:none', 'hazmat:n/a'])]";
const COMPLIANCE_TAGS = "$tags(tags)[$substring($lowercase($), 0, 11) = 'compliance:']";
const HAZMAT_METAFIELD = "metafields[namespace = 'compliance' and key = 'hazmat_class'].value";

export const J5_PRODUCT_RULES = {
  'product-workspace': {
    resource: 'product',
    workspace: 'product',
    criteria: {
      'regulated tag': "'regulated' in $tags(tags).$lowercase($)",
      'compliance tag': `$count(${COMPLIANCE_TAGS}) > 0`,
      'hazmat tag': `$count(${HAZMAT_PREFIX}) > 0`,
    },
    boId: '$gidId(admin_graphql_api_id)',
    name: 'title',
    attributes: {
      'Product Title': 'title',
      'Product Type': 'product_type',
      Vendor: 'vendor',
      // Variants' fields: a payload without variants (or without their inventory items) leaves them as they are.
      SKUs: 'variants ? [$distinct(variants[sku].sku)] : $missing',
      'HS Codes': '$exists(variants.harmonized_system_code) ? [$distinct(variants[harmonized_system_code].harmonized_system_code)] : $missing',
      // ISO 3166-1 country, or ISO 3166-2 country-province when the province is known (US-PA).
      'Countries of Origin':
        "$exists(variants.country_code_of_origin) ? [$distinct(variants[country_code_of_origin].(country_code_of_origin & (province_code_of_origin ? '-' & province_code_of_origin : '')))] : $missing",
      // `hazmat:class-3` → 3; else the metafield compliance.hazmat_class.
      'Hazmat Class': `$count(${HAZMAT_TAGS}) > 0 ? $replace($substringAfter(${HAZMAT_TAGS}[0], ':'), /^class[- ]?/i, '') : (${HAZMAT_METAFIELD} ? ${HAZMAT_METAFIELD}[0] : null)`,
      // `compliance:CE` → CE
      'Compliance Marks': `[${COMPLIANCE_TAGS}.$substringAfter($, ':')]`,
      Tags: '$tags(tags)',
      // The classes the checklist (`compliance.classes`) is kept by: hazmat, and each compliance mark.
      'Product Class': `[$distinct([($count(${HAZMAT_TAGS}) > 0 or $exists(${HAZMAT_METAFIELD}) ? 'hazmat'), ${COMPLIANCE_TAGS}.$substringAfter($, ':')])]`,
      Shop: '$shop',
    },
    documents: [],
    // The folders the shipped checklist counts documents in (the template usually has them already).
    folders: [{ name: 'Safety Data Sheets' }, { name: 'Certifications' }, { name: 'Labeling' }, { name: 'Import Documentation' }],
    relations: [],
    followUps: ['product-checklist'],
  },
} as const;

/**
 * The shipped checklist (`compliance` in shopify-xecm.yaml overrides it by class; a class set to null
 * is removed): hazardous goods need a safety data sheet and a UN transport declaration, CE-marked
 * products an EU declaration of conformity, every regulated product its country labels. Each says
 * where it counts as present: a folder of the "Shopify Product" template (with a name pattern), or a
 * document anywhere in the workspace whose document category gives its Document Type.
 */
export const J5_COMPLIANCE_DEFAULTS = {
  classes: {
    hazmat: {
      documents: [
        { name: 'Safety Data Sheet', folder: 'Safety Data Sheets', documentType: 'Safety Data Sheet' },
        {
          name: 'UN Transport Declaration',
          folder: 'Import Documentation',
          match: '\\bUN\\b|dangerous goods|transport',
          documentType: 'UN Transport Declaration',
        },
      ],
    },
    CE: {
      documents: [{ name: 'EU Declaration of Conformity', folder: 'Certifications', match: 'conformity|\\bDoC\\b', documentType: 'Declaration of Conformity' }],
    },
    every: {
      documents: [{ name: 'Country Labels', folder: 'Labeling', documentType: 'Country Label' }],
    },
  },
} as const;
