/**
 * What every resolver receives, and the shape resolver modules export.
 * emulator.ts builds the context per request; resolvers/*.ts implement the
 * fields the app uses. A field without a resolver reads the property of the
 * same name from its parent object (graphql-js's default), so plain records
 * shaped like the schema type need no resolver at all. Abstract types
 * (interfaces, unions) resolve from a `__typename` property.
 */
import type { DocumentNode, GraphQLResolveInfo, GraphQLSchema } from "graphql";
import type { BulkOperationRecord, ShopState } from "./store";

export interface WebhookEmitter {
  /**
   * Queues a webhook for every subscription of the shop to `topic`
   * ("orders/updated", "products/update", ...), signed like Shopify's.
   */
  emit(shop: ShopState, topic: string, payload: unknown): void;
}

export interface EmulatorContext {
  shop: ShopState;
  /** "2026-07", from the request URL. */
  apiVersion: string;
  scopes: ReadonlySet<string>;
  onlineToken: boolean;
  webhooks: WebhookEmitter;
  now(): Date;
  /** Base URL of the emulator itself, for bulk operation result files. */
  origin: string;
  /** The key of an `@idempotent(key:)` directive on the mutation field. */
  idempotencyKey: string | null;
  /** The schema of `apiVersion`; bulk operations validate against it. */
  schema?: GraphQLSchema;
  /**
   * True while a bulk operation runs its query: connections then return
   * every node instead of requiring `first` or `last`.
   */
  bulk?: boolean;
  /** Emulator services for work that outlives the request. */
  services?: EmulatorServices;
}

export interface EmulatorServices {
  /** Runs a validated bulk query in the background; see bulk-runner.ts. */
  startBulkQuery(
    context: EmulatorContext,
    operation: BulkOperationRecord,
    document: DocumentNode,
  ): void;
  /** Bulk queries a shop may run at once in this API version. */
  bulkQueryConcurrency(apiVersion: string): number;
}

export type FieldResolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: EmulatorContext,
  info: GraphQLResolveInfo,
) => unknown;

/** Resolvers by GraphQL type name ("QueryRoot", "Mutation", "Product"). */
export type ResolverMap = Record<string, Record<string, FieldResolver>>;
