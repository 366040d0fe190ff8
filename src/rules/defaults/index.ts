import { J1_ORDER_RULES } from './j1-order.js';
import { J2_CASE_RULES } from './j2-case.js';
import { J3_ACCOUNT_RULES } from './j3-account.js';
import { J4_EXCEPTION_RULES } from './j4-exception.js';
import { J5_PRODUCT_RULES } from './j5-product.js';

/**
 * The shipped rules, one file per job (j1-order.ts, j2-case.ts, j3-account.ts, j4-exception.ts,
 * j5-product.ts; j7-archive joins as that job is built). j5-product.ts also ships the compliance
 * checklist (`compliance` in the configuration). They are the base layer of the
 * configuration: `shopify-xecm.yaml` overrides any part by name, e.g.
 *
 *   rules:
 *     order-workspace:
 *       criteria:
 *         high value: "$number(total_price) >= 2000"
 *
 * Expressions are JSONata (https://jsonata.org) evaluated against the change's payload (the REST
 * shape webhooks carry), with the helpers in rules/functions.ts bound ($money, $utc, $gidId, $tags,
 * $party, $shop). Timeline rules (j2, j4) read their workspace's folded view instead (rules/timeline.ts).
 */
export const DEFAULT_RULES = { ...J1_ORDER_RULES, ...J2_CASE_RULES, ...J3_ACCOUNT_RULES, ...J4_EXCEPTION_RULES, ...J5_PRODUCT_RULES } as const;

export { J5_COMPLIANCE_DEFAULTS } from './j5-product.js';
