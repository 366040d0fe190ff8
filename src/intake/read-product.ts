import type { AdminClient } from '../shopify/admin/client.js';
import { PRODUCT_FULL, PRODUCT_FULL_VARIANTS_MORE, PRODUCT_FULL_VARIANTS_PAGE } from '../shopify/admin/operations/product-full.js';
import type { FullVariant } from '../shopify/admin/operations/product-full.js';
import { idFromGid } from '../shopify/ids.js';
import { restProductFullFromGraphql } from './from-graphql.js';

/** A product's GID from its numeric id (as text) or its GID. */
function productGid(productId: string): string {
  const id = /^\d+$/.test(productId) ? productId : idFromGid(productId, 'Product');
  if (id === undefined) throw new TypeError(`not a product id: ${JSON.stringify(productId)}`);
  return `gid://shopify/Product/${id}`;
}

/**
 * Reads one product in full from the Admin API (every variant with its inventory item, paging past
 * the first 50, and its metafields), in the REST shape products/* webhooks carry plus the fields they
 * lack (intake/from-graphql.ts restProductFullFromGraphql). A products/update webhook has no HS
 * codes or countries of origin (they live on the inventory items) and no metafields; job 5 reads
 * them here. `text` is the payload's JSON. Undefined when the product does not exist.
 */
export async function readFullProduct(admin: AdminClient, productId: string): Promise<{ payload: Record<string, unknown>; text: string } | undefined> {
  const id = productGid(productId);
  const { data } = await admin.request(PRODUCT_FULL, { id });
  if (!data.product) return undefined;
  const product = data.product;
  const variants: FullVariant[] = [...product.variants.nodes];
  let page = product.variants.pageInfo;
  while (page.hasNextPage && page.endCursor) {
    const next = await admin.request(PRODUCT_FULL_VARIANTS_PAGE, { id, first: PRODUCT_FULL_VARIANTS_MORE, after: page.endCursor });
    // Deleted between the reads.
    if (!next.data.product) return undefined;
    variants.push(...next.data.product.variants.nodes);
    page = next.data.product.variants.pageInfo;
  }
  const payload = restProductFullFromGraphql({ ...product, variants: { nodes: variants, pageInfo: page } });
  return { payload, text: JSON.stringify(payload) };
}
