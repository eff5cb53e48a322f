/**
 * Webhook subscriptions made through the API (the app's configuration adds
 * the others, see emulator options). Deliveries read them from ShopState.
 */
import { connectionOf } from "../connection";
import type { FieldResolver, ResolverMap } from "../context";
import { registerNodeLoader } from "../node-loaders";
import type { WebhookSubscriptionRecord } from "../store";
import { legacyId, nextGid } from "../store";

interface SubscriptionInput {
  uri?: string | null;
  callbackUrl?: string | null;
  format?: "JSON" | null;
}

function subscriptionView(
  record: WebhookSubscriptionRecord,
  apiVersion: string,
) {
  return {
    ...record,
    __typename: "WebhookSubscription",
    uri: record.callbackUrl,
    legacyResourceId: String(legacyId(record.id)),
    endpoint: {
      __typename: "WebhookHttpEndpoint",
      callbackUrl: record.callbackUrl,
    },
    apiVersion: {
      handle: apiVersion,
      displayName: apiVersion,
      supported: true,
    },
    includeFields: [],
    metafieldNamespaces: [],
    metafields: [],
    filter: null,
    name: null,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

registerNodeLoader("WebhookSubscription", (shop, id) => {
  const record = shop.webhookSubscriptions.find((s) => s.id === id);
  return record ? subscriptionView(record, "2026-07") : null;
});

const webhookSubscriptionCreate: FieldResolver = (_root, args, ctx) => {
  const topic = String(args["topic"]);
  const input = args["webhookSubscription"] as SubscriptionInput;
  const uri = input.uri ?? input.callbackUrl ?? "";

  if (!/^https?:\/\/[^/]+/.test(uri)) {
    return refused(
      ["webhookSubscription", "callbackUrl"],
      "Address is invalid",
    );
  }
  const taken = ctx.shop.webhookSubscriptions.some(
    (s) => s.topic === topic && s.callbackUrl === uri,
  );
  if (taken) {
    return refused(
      ["webhookSubscription", "callbackUrl"],
      "Address for this topic has already been taken",
    );
  }

  const record: WebhookSubscriptionRecord = {
    id: nextGid(ctx.shop, "WebhookSubscription"),
    topic,
    callbackUrl: uri,
    format: "JSON",
  };
  ctx.shop.webhookSubscriptions.push(record);

  return {
    webhookSubscription: subscriptionView(record, ctx.apiVersion),
    userErrors: [],
  };
};

function refused(field: string[], message: string) {
  return { webhookSubscription: null, userErrors: [{ field, message }] };
}

const webhookSubscriptionDelete: FieldResolver = (_root, args, ctx) => {
  const id = String(args["id"]);
  const before = ctx.shop.webhookSubscriptions.length;
  ctx.shop.webhookSubscriptions = ctx.shop.webhookSubscriptions.filter(
    (s) => s.id !== id,
  );

  if (ctx.shop.webhookSubscriptions.length === before) {
    return {
      deletedWebhookSubscriptionId: null,
      userErrors: [
        { field: ["id"], message: "Webhook subscription does not exist" },
      ],
    };
  }
  return { deletedWebhookSubscriptionId: id, userErrors: [] };
};

const webhookSubscriptions: FieldResolver = (_root, args, ctx) => {
  const topics = args["topics"] as string[] | null | undefined;
  const found = ctx.shop.webhookSubscriptions.filter(
    (s) => !topics || topics.includes(s.topic),
  );
  const views = found.map((s) => subscriptionView(s, ctx.apiVersion));

  return connectionOf(views, args, ctx, { idOf: (s) => s.id });
};

export const webhookSubscriptionResolvers: ResolverMap = {
  QueryRoot: { webhookSubscriptions },
  Mutation: { webhookSubscriptionCreate, webhookSubscriptionDelete },
};
