/**
 * The three mandatory privacy webhooks (Shopify's "compliance topics").
 * Every table that holds a buyer's personal data registers a holder below;
 * the webhooks then describe or erase that data through the holders, so a
 * new table only needs a new holder to be covered.
 * https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
 */
import { z } from "zod";
import { forgetCachedSessions } from "../checkout/checkout-sessions.server";
import { db } from "../lib/db.server";
import { logger } from "../lib/logger.server";

export interface CustomerRef {
  shop: string;
  customerId: number | null;
  email: string | null;
  phone: string | null;
  /** Shopify order ids (numeric) the merchant asks to redact. */
  orderIds: number[];
}

export interface CustomerDataHolder {
  /** What the data is, as the merchant would read it in a data request. */
  name: string;
  describe(customer: CustomerRef): Promise<Record<string, unknown>[]>;
  /** Erases the customer's data; returns how many records were touched. */
  redact(customer: CustomerRef): Promise<number>;
  /** Erases everything held for a shop. */
  redactShop(shop: string): Promise<number>;
}

/**
 * Staff sessions: an online session holds a staff member's name and email,
 * and a staff member can also be a buyer of the shop.
 */
const staffSessions: CustomerDataHolder = {
  name: "staff sessions",
  async describe({ shop, email }) {
    if (!email) return [];
    const rows = await db.session.findMany({
      where: { shop, email },
      select: { id: true, email: true, firstName: true, lastName: true },
    });

    return rows;
  },
  async redact({ shop, email }) {
    if (!email) return 0;
    const { count } = await db.session.deleteMany({ where: { shop, email } });

    return count;
  },
  async redactShop(shop) {
    const { count } = await db.session.deleteMany({ where: { shop } });

    return count;
  },
};

/**
 * Checkout sessions hold what an agent sent for a buyer: name, email,
 * phone and address. Found by the buyer's email.
 */
const checkoutSessions: CustomerDataHolder = {
  name: "checkout sessions",
  async describe({ shop, email }) {
    if (!email) return [];

    return db.checkoutSession.findMany({
      where: { shop, buyerEmail: email },
      select: { id: true, status: true, createdAt: true, request: true },
    });
  },
  async redact({ shop, email }) {
    if (!email) return 0;
    const { count } = await db.checkoutSession.deleteMany({
      where: { shop, buyerEmail: email },
    });
    forgetCachedSessions(shop);

    return count;
  },
  async redactShop(shop) {
    const { count } = await db.checkoutSession.deleteMany({ where: { shop } });
    forgetCachedSessions(shop);

    return count;
  },
};

/**
 * Answers kept for idempotent replay (24 hours) repeat the sessions they
 * answered with, buyer details included.
 */
const storedAnswers: CustomerDataHolder = {
  name: "stored API answers",
  async describe({ shop, email }) {
    if (!email) return [];

    return db.idempotencyRecord.findMany({
      where: { shop, responseBody: { contains: email } },
      select: { endpoint: true, createdAt: true, expiresAt: true },
    });
  },
  async redact({ shop, email }) {
    if (!email) return 0;
    const { count } = await db.idempotencyRecord.deleteMany({
      where: { shop, responseBody: { contains: email } },
    });

    return count;
  },
  async redactShop(shop) {
    const { count } = await db.idempotencyRecord.deleteMany({
      where: { shop },
    });

    return count;
  },
};

export const customerDataHolders: CustomerDataHolder[] = [
  staffSessions,
  checkoutSessions,
  storedAnswers,
];

export interface CustomerDataReport {
  shop: string;
  customerId: number | null;
  data: { holder: string; records: Record<string, unknown>[] }[];
}

/** customers/data_request: everything the app holds about a customer. */
export async function describeCustomerData(
  customer: CustomerRef,
): Promise<CustomerDataReport> {
  const data = await Promise.all(
    customerDataHolders.map(async (holder) => ({
      holder: holder.name,
      records: await holder.describe(customer),
    })),
  );
  logger.info("customer data requested", {
    shop: customer.shop,
    customerId: customer.customerId,
    records: data.reduce((sum, entry) => sum + entry.records.length, 0),
  });

  return { shop: customer.shop, customerId: customer.customerId, data };
}

/** customers/redact: erases a customer's data from every holder. */
export async function redactCustomer(customer: CustomerRef) {
  let records = 0;
  for (const holder of customerDataHolders) {
    records += await holder.redact(customer);
  }
  logger.info("customer redacted", {
    shop: customer.shop,
    customerId: customer.customerId,
    records,
  });

  return records;
}

/**
 * shop/redact, sent 48 hours after an uninstall: erases all the shop's
 * data, its settings row included.
 */
export async function redactShop(shop: string) {
  let records = 0;
  for (const holder of customerDataHolders) {
    records += await holder.redactShop(shop);
  }
  const keys = await db.apiKey.deleteMany({ where: { shop } });
  const { count } = await db.shop.deleteMany({ where: { domain: shop } });
  const total = records + keys.count + count;
  logger.info("shop redacted", { shop, records: total });

  return total;
}

const customerPayload = z.object({
  customer: z
    .object({
      id: z.number().nullish(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
    })
    .nullish(),
  orders_to_redact: z.array(z.number()).nullish(),
  orders_requested: z.array(z.number()).nullish(),
});

/**
 * Reads the customer named in a customers/* webhook payload. The payload is
 * signed by Shopify, so a shape we do not know is a bug to surface, not
 * input to guess at: it throws.
 */
export function customerFromPayload(
  shop: string,
  payload: unknown,
): CustomerRef {
  const body = customerPayload.parse(payload);

  return {
    shop,
    customerId: body.customer?.id ?? null,
    email: body.customer?.email ?? null,
    phone: body.customer?.phone ?? null,
    orderIds: body.orders_to_redact ?? body.orders_requested ?? [],
  };
}
