/**
 * Catalog seeding: `addProduct` builds one product with its variants,
 * inventory and media from a few fields; `seedDemoCatalog` builds the same
 * varied demo store every time (no randomness), for tests and the sandbox.
 */
import type {
  InventoryItemRecord,
  MediaImageRecord,
  ProductRecord,
  ShopState,
  VariantRecord,
} from "./store";
import { legacyId, nextGid } from "./store";

export interface VariantSeed {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  price?: string;
  compareAtPrice?: string | null;
  taxable?: boolean;
  inventoryPolicy?: VariantRecord["inventoryPolicy"];
  selectedOptions?: { name: string; value: string }[];
  /** Available at the shop's first location. */
  inventory?: number;
  tracked?: boolean;
  requiresShipping?: boolean;
  weightGrams?: number;
  /** Index into the product's images. */
  imageIndex?: number | null;
}

export interface ProductSeed {
  title: string;
  handle?: string;
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  tags?: string[];
  options?: { name: string; values: string[] }[];
  variants?: VariantSeed[];
  images?: { url: string; altText?: string | null }[];
  metafields?: {
    namespace: string;
    key: string;
    type: string;
    value: string;
  }[];
  createdAt?: string;
  updatedAt?: string;
  publishedAt?: string | null;
}

const defaultTimestamp = "2026-01-05T10:00:00.000Z";

/** Adds a product with everything it needs to be read and sold. */
export function addProduct(shop: ShopState, seed: ProductSeed): ProductRecord {
  const id = nextGid(shop, "Product");
  const createdAt = seed.createdAt ?? defaultTimestamp;
  const handle = uniqueHandle(shop, seed.handle ?? slug(seed.title));

  const product: ProductRecord = {
    id,
    legacyResourceId: legacyId(id),
    title: seed.title,
    handle,
    descriptionHtml: seed.descriptionHtml ?? `<p>${seed.title}.</p>`,
    vendor: seed.vendor ?? shop.name,
    productType: seed.productType ?? "",
    status: seed.status ?? "ACTIVE",
    tags: seed.tags ?? [],
    options: seed.options ?? [{ name: "Title", values: ["Default Title"] }],
    media: (seed.images ?? []).map((image) => mediaOf(shop, image, seed)),
    variantIds: [],
    createdAt,
    updatedAt: seed.updatedAt ?? createdAt,
    publishedAt: seed.publishedAt === undefined ? createdAt : seed.publishedAt,
    onlineStoreUrl: `${shop.primaryDomainUrl}/products/${handle}`,
  };
  shop.products.set(id, product);

  const variants = seed.variants?.length ? seed.variants : [{}];
  variants.forEach((v, index) => addVariant(shop, product, v, index));
  for (const m of seed.metafields ?? []) addMetafield(shop, id, m, createdAt);

  return product;
}

function mediaOf(
  shop: ShopState,
  image: { url: string; altText?: string | null },
  seed: ProductSeed,
): MediaImageRecord {
  return {
    id: nextGid(shop, "MediaImage"),
    url: image.url,
    altText: image.altText === undefined ? seed.title : image.altText,
    width: 1200,
    height: 1200,
  };
}

function addVariant(
  shop: ShopState,
  product: ProductRecord,
  seed: VariantSeed,
  index: number,
): VariantRecord {
  const id = nextGid(shop, "ProductVariant");
  const inventoryItemId = nextGid(shop, "InventoryItem");
  const selectedOptions = seed.selectedOptions ?? [
    { name: "Title", value: "Default Title" },
  ];
  const imageIndex = seed.imageIndex === undefined ? 0 : seed.imageIndex;

  const variant: VariantRecord = {
    id,
    legacyResourceId: legacyId(id),
    productId: product.id,
    title: seed.title ?? selectedOptions.map((o) => o.value).join(" / "),
    sku: seed.sku === undefined ? `${product.handle}-${index + 1}` : seed.sku,
    barcode: seed.barcode ?? null,
    price: seed.price ?? "10.00",
    compareAtPrice: seed.compareAtPrice ?? null,
    taxable: seed.taxable ?? true,
    inventoryPolicy: seed.inventoryPolicy ?? "DENY",
    inventoryItemId,
    selectedOptions,
    position: index + 1,
    imageId:
      imageIndex === null ? null : (product.media[imageIndex]?.id ?? null),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
  shop.variants.set(id, variant);
  product.variantIds.push(id);

  shop.inventoryItems.set(
    inventoryItemId,
    inventoryItemOf(shop, variant, seed),
  );
  return variant;
}

function inventoryItemOf(
  shop: ShopState,
  variant: VariantRecord,
  seed: VariantSeed,
): InventoryItemRecord {
  const location = shop.locations[0];
  const levels = location
    ? [
        {
          locationId: location.id,
          available: seed.inventory ?? 10,
          reserved: 0,
          committed: 0,
        },
      ]
    : [];

  return {
    id: variant.inventoryItemId,
    variantId: variant.id,
    sku: variant.sku,
    tracked: seed.tracked ?? true,
    requiresShipping: seed.requiresShipping ?? true,
    weightGrams: seed.weightGrams ?? 250,
    countryCodeOfOrigin: null,
    levels,
  };
}

function addMetafield(
  shop: ShopState,
  ownerId: string,
  metafield: { namespace: string; key: string; type: string; value: string },
  updatedAt: string,
): void {
  shop.metafields.push({
    id: nextGid(shop, "Metafield"),
    ownerId,
    ...metafield,
    updatedAt,
  });
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function uniqueHandle(shop: ShopState, handle: string): string {
  const taken = new Set([...shop.products.values()].map((p) => p.handle));
  let candidate = handle;
  for (let n = 1; taken.has(candidate); n += 1) candidate = `${handle}-${n}`;

  return candidate;
}

// ---- The demo store -------------------------------------------------------

interface Kind {
  type: string;
  nouns: string[];
  basePrice: number;
  grams: number;
}

const kinds: Kind[] = [
  {
    type: "T-Shirt",
    nouns: ["Tee", "Pocket Tee", "Crew Tee"],
    basePrice: 24,
    grams: 180,
  },
  {
    type: "Hoodie",
    nouns: ["Hoodie", "Zip Hoodie"],
    basePrice: 58,
    grams: 520,
  },
  {
    type: "Mug",
    nouns: ["Mug", "Camp Mug", "Travel Mug"],
    basePrice: 16,
    grams: 350,
  },
  {
    type: "Candle",
    nouns: ["Candle", "Soy Candle"],
    basePrice: 22,
    grams: 400,
  },
  {
    type: "Backpack",
    nouns: ["Backpack", "Daypack"],
    basePrice: 89,
    grams: 900,
  },
  {
    type: "Water Bottle",
    nouns: ["Bottle", "Flask"],
    basePrice: 28,
    grams: 300,
  },
  { type: "Blanket", nouns: ["Throw", "Blanket"], basePrice: 74, grams: 1200 },
  { type: "Socks", nouns: ["Socks", "Hiking Socks"], basePrice: 12, grams: 80 },
];

/** Where Shopify's CDN would serve the demo store's images. */
const imageBase = "https://cdn.shopify.com/s/files/1/0600/0001/files";

const adjectives = [
  "Classic",
  "Everyday",
  "Alpine",
  "Harbor",
  "Meadow",
  "Summit",
  "Coastal",
  "Ember",
  "Juniper",
  "Granite",
  "Willow",
];

const vendors = [
  "Northwind Goods",
  "Acme Outfitters",
  "Blue Heron Studio",
  "Copperleaf",
  "Tidewater Supply",
];

export interface DemoCatalogOptions {
  count?: number;
}

/**
 * A varied, repeatable catalog: 1–4 variants and 1–3 images per product,
 * one sold-out product (0 in stock, DENY), one digital product (no
 * shipping), one draft and one archived product, tags and metafields.
 */
export function seedDemoCatalog(
  shop: ShopState,
  { count = 44 }: DemoCatalogOptions = {},
): ProductRecord[] {
  return Array.from({ length: count }, (_, i) =>
    addProduct(shop, demoProduct(shop, i)),
  );
}

/** Positions of the special products, stable across counts. */
export const demoSpecials = { soldOut: 3, digital: 5, draft: 7, archived: 11 };

function demoProduct(shop: ShopState, i: number): ProductSeed {
  if (i === demoSpecials.digital) return digitalProduct(shop, i);

  const kind = cycle(kinds, i);
  const noun = cycle(kind.nouns, Math.floor(i / kinds.length));
  const title = `${cycle(adjectives, i)} ${noun}`;
  const handle = slug(title);
  const imageCount = 1 + (i % 3);

  return {
    title,
    descriptionHtml:
      `<p>The <strong>${title}</strong> from our ` +
      `${kind.type.toLowerCase()} range.</p><p>Made to last.</p>`,
    vendor: cycle(vendors, i),
    productType: kind.type,
    status: demoStatus(i),
    tags: demoTags(kind, i),
    images: Array.from({ length: imageCount }, (_, k) => ({
      url: `${imageBase}/${handle}-${k + 1}.jpg`,
      altText: `${title}, view ${k + 1}`,
    })),
    ...demoVariants(kind, i, imageCount),
    metafields: demoMetafields(i),
    createdAt: demoTime(i),
  };
}

function demoStatus(i: number): ProductRecord["status"] {
  if (i === demoSpecials.draft) return "DRAFT";
  if (i === demoSpecials.archived) return "ARCHIVED";

  return "ACTIVE";
}

function demoTags(kind: Kind, i: number): string[] {
  const tags = [kind.type.toLowerCase().replace(/\s+/g, "-"), "demo"];
  if (i % 4 === 0) tags.push("bestseller");
  if (i % 6 === 1) tags.push("new");

  return tags;
}

function demoVariants(
  kind: Kind,
  i: number,
  imageCount: number,
): Pick<ProductSeed, "options" | "variants"> {
  const combos = optionCombos(1 + (i % 4));
  const base = kind.basePrice + (i % 5);
  const soldOut = i === demoSpecials.soldOut;

  const variants = combos.values.map((selected, k) => ({
    selectedOptions: selected,
    price: (base + k * 2).toFixed(2),
    compareAtPrice: i % 5 === 2 ? (base + k * 2 + 10).toFixed(2) : null,
    barcode: `0${String(700000000000 + i * 10 + k)}`,
    inventory: soldOut ? 0 : 4 + ((i * 13 + k * 7) % 37),
    inventoryPolicy: "DENY" as const,
    weightGrams: kind.grams,
    imageIndex: k % imageCount,
  }));

  return { options: combos.options, variants };
}

type Selected = { name: string; value: string }[];

function optionCombos(count: number): {
  options: { name: string; values: string[] }[];
  values: Selected[];
} {
  if (count === 1) {
    return {
      options: [{ name: "Title", values: ["Default Title"] }],
      values: [[{ name: "Title", value: "Default Title" }]],
    };
  }
  if (count === 4) {
    const sizes = ["S", "M"];
    const colors = ["Black", "Sand"];
    return {
      options: [
        { name: "Size", values: sizes },
        { name: "Color", values: colors },
      ],
      values: sizes.flatMap((size) =>
        colors.map((color) => [
          { name: "Size", value: size },
          { name: "Color", value: color },
        ]),
      ),
    };
  }

  const sizes = ["S", "M", "L"].slice(0, count);
  return {
    options: [{ name: "Size", values: sizes }],
    values: sizes.map((size) => [{ name: "Size", value: size }]),
  };
}

function digitalProduct(shop: ShopState, i: number): ProductSeed {
  return {
    title: "Field Guide E-book",
    descriptionHtml: "<p>A downloadable guide to the outdoors (PDF).</p>",
    vendor: shop.name,
    productType: "Digital",
    tags: ["digital", "demo"],
    images: [
      {
        url: `${imageBase}/field-guide-e-book-1.jpg`,
        altText: "Field Guide E-book cover",
      },
    ],
    variants: [
      {
        price: "9.99",
        requiresShipping: false,
        tracked: false,
        inventory: 0,
        weightGrams: 0,
      },
    ],
    metafields: [
      {
        namespace: "custom",
        key: "format",
        type: "single_line_text_field",
        value: "PDF",
      },
    ],
    createdAt: demoTime(i),
  };
}

function demoMetafields(i: number): ProductSeed["metafields"] {
  if (i % 3 !== 0) return [];

  return [
    {
      namespace: "custom",
      key: "material",
      type: "single_line_text_field",
      value: i % 2 ? "Recycled polyester" : "Organic cotton",
    },
    {
      namespace: "custom",
      key: "care",
      type: "multi_line_text_field",
      value: "Machine wash cold.\nDry flat.",
    },
  ];
}

function cycle<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error("cycle() over an empty list");

  return item;
}

/** One product an hour from the shop's opening, for stable sort orders. */
function demoTime(i: number): string {
  return new Date(Date.parse(defaultTimestamp) + i * 3_600_000).toISOString();
}
