/**
 * Executes a validated operation over the store with graphql-js: resolvers
 * from resolvers/*.ts merged by type name, the default property resolver
 * elsewhere, abstract types by `__typename`, and every field checked
 * against the token's scopes before it resolves.
 */
import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import { fieldRequirements, isGranted, typeRequirement } from "./access-scopes";
import type { AdminSchema } from "./admin-schema";
import type { EmulatorContext, ResolverMap } from "./context";
import { accessDenied } from "./shopify-errors";

export function mergeResolvers(modules: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};

  for (const module of modules) {
    for (const [typeName, fields] of Object.entries(module)) {
      const target = (merged[typeName] ??= {});
      for (const [fieldName, resolver] of Object.entries(fields)) {
        // Two modules resolving one field would hide each other's work.
        if (target[fieldName]) {
          throw new Error(`Two resolvers for ${typeName}.${fieldName}`);
        }
        target[fieldName] = resolver;
      }
    }
  }

  return merged;
}

export interface RunOperationInput {
  admin: AdminSchema;
  resolvers: ResolverMap;
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  context: EmulatorContext;
}

export async function runOperation(
  input: RunOperationInput,
): Promise<ExecutionResult> {
  const { admin, resolvers, context } = input;

  return execute({
    schema: admin.schema,
    document: input.document,
    operationName: input.operationName,
    variableValues: input.variables,
    rootValue: {},
    contextValue: context,
    fieldResolver: fieldResolverFor(admin, resolvers),
    typeResolver: typeResolverFor(admin),
  });
}

function fieldResolverFor(
  admin: AdminSchema,
  resolvers: ResolverMap,
): GraphQLFieldResolver<unknown, EmulatorContext> {
  return (source, args, context, info) => {
    const typeName = info.parentType.name;
    const requirements = fieldRequirements(
      admin.access,
      admin.schema,
      typeName,
      info.fieldName,
    );
    const missing = requirements.find((r) => !isGranted(context.scopes, r));
    if (missing) throw accessDenied(info.fieldName, missing);

    const resolver = resolvers[typeName]?.[info.fieldName];
    if (resolver) return resolver(source, args, context, info);

    return defaultFieldResolver(source, args, context, info);
  };
}

/** Records carry `__typename`; the concrete type's own scopes apply too. */
function typeResolverFor(
  admin: AdminSchema,
): GraphQLTypeResolver<unknown, EmulatorContext> {
  return (value, context, info) => {
    const typeName =
      typeof value === "object" && value !== null && "__typename" in value
        ? String(value.__typename)
        : undefined;
    if (!typeName) {
      throw new GraphQLError(`No __typename on a ${info.returnType} value`);
    }

    const requirement = typeRequirement(admin.access, typeName);
    if (requirement && !isGranted(context.scopes, requirement)) {
      throw accessDenied(info.fieldName, requirement);
    }

    return typeName;
  };
}
