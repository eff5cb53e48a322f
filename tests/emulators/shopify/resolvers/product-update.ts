/**
 * `productUpdate(product: ProductUpdateInput)` (and the deprecated
 * `input: ProductInput`): changes the product's own fields and sends
 * `products/update`, as the admin does when a merchant edits a product.
 */
import type { EmulatorContext, FieldResolver } from "../context";
import type { ProductRecord } from "../store";
import { productWebhookPayload } from "../webhook-payloads";
import { productView } from "./catalog-views";

interface ProductChanges {
  id?: string;
  title?: string;
  handle?: string;
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  tags?: string[];
}

// Other inputs (seo, metafields, collections) have no record to land in.
const editableFields = [
  "title",
  "handle",
  "descriptionHtml",
  "vendor",
  "productType",
  "status",
  "tags",
] as const;

interface UserError {
  field: string[] | null;
  message: string;
}

export const productUpdate: FieldResolver = (_root, args, ctx) => {
  const changes = (args["product"] ?? args["input"] ?? {}) as ProductChanges;
  const identifier = args["identifier"] as { id?: string } | undefined;
  const id = changes.id ?? identifier?.id;
  const product = id ? ctx.shop.products.get(id) : undefined;

  if (!product) {
    return failed([{ field: ["id"], message: "Product does not exist" }]);
  }
  const errors = validate(changes);
  if (errors.length > 0) return failed(errors);

  apply(product, changes, ctx);
  ctx.webhooks.emit(
    ctx.shop,
    "products/update",
    productWebhookPayload(ctx.shop, product),
  );

  return { product: productView(product), userErrors: [] };
};

function validate(changes: ProductChanges): UserError[] {
  if (changes.title !== undefined && changes.title.trim() === "") {
    return [{ field: ["title"], message: "Title can't be blank" }];
  }

  return [];
}

function apply(
  product: ProductRecord,
  changes: ProductChanges,
  ctx: EmulatorContext,
): void {
  for (const key of editableFields) {
    const value = changes[key];
    if (value !== undefined && value !== null) {
      Object.assign(product, { [key]: value });
    }
  }

  product.updatedAt = ctx.now().toISOString();
}

function failed(userErrors: UserError[]) {
  return { product: null, userErrors };
}
