import { describe, expect, it } from 'vitest';
import { CHECKLIST_ATTRIBUTES, PRODUCT_CLASS_ATTRIBUTE } from '../rules/checklist.js';
import { J5_PRODUCT_RULES } from '../rules/defaults/j5-product.js';
import { EXPECTED_MODEL } from '../xecm/model.js';

describe('product checklist job: the "Shopify Product" category it needs', () => {
  it('expects every attribute the product rule and the checklist write (so `check` names any the category lacks)', () => {
    const written = [...Object.keys(J5_PRODUCT_RULES['product-workspace'].attributes), PRODUCT_CLASS_ATTRIBUTE, ...CHECKLIST_ATTRIBUTES];
    expect([...new Set(written)].sort()).toEqual([...EXPECTED_MODEL.product.attributes].sort());
  });
});
