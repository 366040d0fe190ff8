/// <reference types="@shopify/ui-extensions/admin.order-details.block.render" />
// The admin's web components (s-admin-block, s-section, …) in JSX, for the block's target.
export {};
