/**
 * The demo's product compliance activity (job 5), played the way a merchant's admin would through the
 * Admin API: a new hazardous product set up with its variant's customs data (productSet), and a
 * seeded product given a CE mark (productUpdate). Each makes the emulator send products/create or
 * products/update; the connector reads the product in full and keeps its "Shopify Product" workspace
 * with its checklist of required documents. The demo's high-value order then relates to the product
 * it contains.
 */

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Did = (mutation: string, what: string) => void;

interface UserError {
  field: string[] | null;
  message: string;
}

const check = (mutation: string, errors: UserError[] | undefined): void => {
  if (errors && errors.length > 0) throw new Error(`${mutation}: ${errors.map((e) => e.message).join('; ')}`);
};

const PRODUCT_SET = `mutation DemoProductSet($input: ProductSetInput!) {
  productSet(input: $input) { product { id title } userErrors { field message } }
}`;
const PRODUCTS = `query DemoProducts($query: String) { products(first: 5, query: $query) { nodes { id title tags } } }`;
const PRODUCT_UPDATE = `mutation DemoProductUpdate($p: ProductUpdateInput!) { productUpdate(product: $p) { product { id } userErrors { field message } } }`;

/** The new product: lithium batteries (UN 3480, class 9) with a CE mark, made in China. */
const NEW_PRODUCT = {
  title: 'Lithium Storage Rack LR-200',
  productType: 'Batteries',
  vendor: 'Acme Industrial',
  tags: ['hazmat:class-9', 'compliance:CE'],
  productOptions: [{ name: 'Capacity', values: [{ name: '10 kWh' }] }],
  variants: [
    {
      optionValues: [{ optionName: 'Capacity', name: '10 kWh' }],
      price: '1450.00',
      inventoryItem: { sku: 'LR-200-10', harmonizedSystemCode: '850760', countryCodeOfOrigin: 'CN' },
    },
  ],
};

/** The seeded product that gets a CE mark (the demo's high-value order contains it). */
const MARKED = 'Control Cabinet CC-12';

/** Plays the product activity; returns how many actions it took. */
export async function playProducts(gql: Graphql, did: Did): Promise<number> {
  const set = await gql<{ productSet: { product: { id: string; title: string } | null; userErrors: UserError[] } }>(PRODUCT_SET, { input: NEW_PRODUCT });
  check('productSet', set.productSet.userErrors);
  did('productSet', `${NEW_PRODUCT.title}  hazmat class 9, CE; HS 850760, made in CN`);
  const found = await gql<{ products: { nodes: Array<{ id: string; title: string; tags: string[] }> } }>(PRODUCTS, { query: `title:'${MARKED}'` });
  const cabinet = found.products.nodes.find((p) => p.title === MARKED);
  if (!cabinet) throw new Error(`the seeded shop has no ${MARKED}`);
  const tags = [...new Set([...cabinet.tags, 'compliance:CE'])];
  const upd = await gql<{ productUpdate: { userErrors: UserError[] } }>(PRODUCT_UPDATE, { p: { id: cabinet.id, tags } });
  check('productUpdate', upd.productUpdate.userErrors);
  did('productUpdate', `${MARKED}  tagged compliance:CE (${tags.join(', ')})`);
  return 2;
}
