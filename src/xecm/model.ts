import type { WorkspaceKind } from '../vocabulary.js';

/**
 * What the connector writes into each workspace kind's category (attribute names) and which folders
 * it files into. `check` verifies these against Content Server; the jobs resolve names to keys.
 */
export const EXPECTED_MODEL: Record<WorkspaceKind, { attributes: readonly string[]; folders: readonly string[] }> = {
  order: {
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
      'Order Date',
      'Tags',
      'B2B',
    ],
    folders: ['Confirmation and Invoices', 'Communications', 'Contracts', 'Shipping', 'Approvals', 'Archive'],
  },
  case: {
    attributes: [
      'Case Type',
      'Case Number',
      'Order Number',
      'Customer',
      'Status',
      'Status History',
      'Reason',
      'Amount',
      'Currency',
      'Opened',
      'Closed',
      'Evidence Due',
      'Shop',
    ],
    folders: ['Photos', 'Invoices', 'Return Labels', 'Inspection Notes', 'Refund Approvals', 'Correspondence'],
  },
  account: {
    attributes: ['Account Name', 'External ID', 'Payment Terms', 'Tax Exempt', 'Tax Registration', 'Locations', 'Main Contact', 'Customer Since', 'Shop'],
    folders: ['Signed Agreements', 'Pricing Schedules', 'Tax Exemption Certificates', 'Credit Documentation'],
  },
  exception: {
    attributes: [
      'Order Number',
      'Exception Type',
      'Status',
      'Resolved',
      'Status History',
      'Reason',
      'Carrier',
      'Tracking Numbers',
      'Opened',
      'Resolved On',
      'Shop',
    ],
    folders: ['Carrier Correspondence', 'Warehouse Notes', 'Packing Instructions', 'Approvals'],
  },
  product: {
    attributes: [
      'Product Title',
      'Product Type',
      'Vendor',
      'SKUs',
      'HS Codes',
      'Countries of Origin',
      'Hazmat Class',
      'Compliance Marks',
      'Tags',
      'Product Class',
      'Required Documents',
      'Present Documents',
      'Missing Documents',
      'Expired Documents',
      'Checklist Status',
      'Last Checked',
      'Shop',
    ],
    folders: ['Safety Data Sheets', 'Certifications', 'Labeling', 'Import Documentation'],
  },
};
