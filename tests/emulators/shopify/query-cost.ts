/**
 * Shopify's calculated query cost (shopify.dev "GraphQL Admin API rate
 * limits"): scalars and enums cost 0, objects 1, a connection 2 plus its
 * page size times the cost of one node, nested connections multiply, a
 * mutation field 10 plus its selection, and an abstract selection the most
 * expensive of its fragments. The requested cost is worked out from the
 * document before execution; the actual cost from the data returned.
 */
import {
  getNamedType,
  isCompositeType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

const mutationFieldCost = 10;
const connectionBaseCost = 2;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Data is walked alongside the document, keyed by response name. */
type Data = Record<string, unknown>;

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const ctx = { schema, fragments, variables };
  const root = rootType(schema, operation);
  if (!root) return 0;

  if (operation.operation !== "mutation") {
    return selectionCost(ctx, root, operation.selectionSet);
  }

  return fieldsOf(ctx, root, operation.selectionSet).reduce(
    (sum, { node, field }) =>
      sum + mutationFieldCost + childCost(ctx, field, node),
    0,
  );
}

export function actualQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  data: Data | null | undefined,
): number {
  const ctx = { schema, fragments, variables: {} };
  const root = rootType(schema, operation);
  if (!root || !data) return 0;

  if (operation.operation !== "mutation") {
    return actualSelectionCost(ctx, root, operation.selectionSet, data);
  }

  return fieldsOf(ctx, root, operation.selectionSet).reduce(
    (sum, { node, field }) => {
      const value = data[responseKey(node)];
      return sum + mutationFieldCost + actualChildCost(ctx, field, node, value);
    },
    0,
  );
}

function rootType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLCompositeType | null | undefined {
  if (operation.operation === "mutation") return schema.getMutationType();
  if (operation.operation === "subscription") {
    return schema.getSubscriptionType();
  }

  return schema.getQueryType();
}

interface SelectedField {
  node: FieldNode;
  field: GraphQLField<unknown, unknown>;
}

/** The fields selected directly on `type`, fragments on it included. */
function fieldsOf(
  ctx: CostContext,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
): SelectedField[] {
  const found: SelectedField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldDefinition(type, selection.name.value);
      if (field) found.push({ node: selection, field });
      continue;
    }

    const fragment = fragmentOf(ctx, selection);
    if (fragment && fragment.on.name === type.name) {
      found.push(...fieldsOf(ctx, type, fragment.selectionSet));
    }
  }

  return found;
}

function fieldDefinition(
  type: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (!("getFields" in type)) return undefined;

  return type.getFields()[name];
}

interface FragmentView {
  on: GraphQLCompositeType;
  selectionSet: SelectionSetNode;
}

function fragmentOf(
  ctx: CostContext,
  selection: SelectionSetNode["selections"][number],
): FragmentView | null {
  if (selection.kind === Kind.INLINE_FRAGMENT) {
    const on = selection.typeCondition
      ? ctx.schema.getType(selection.typeCondition.name.value)
      : null;
    return { on: compositeOr(on), selectionSet: selection.selectionSet };
  }

  if (selection.kind !== Kind.FRAGMENT_SPREAD) return null;
  const definition = ctx.fragments.get(selection.name.value);
  if (!definition) return null;

  const on = ctx.schema.getType(definition.typeCondition.name.value);
  return { on: compositeOr(on), selectionSet: definition.selectionSet };
}

/** An untyped inline fragment applies to its parent; marked by a stand-in. */
const sameType = { name: "" } as GraphQLCompositeType;

function compositeOr(type: GraphQLNamedType | null | undefined) {
  return type && isCompositeType(type) ? type : sameType;
}

/**
 * Fields on the type itself add up; fragments on other (narrower) types
 * are alternatives, so only the dearest one counts.
 */
function selectionCost(
  ctx: CostContext,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
): number {
  let own = 0;
  let dearestAlternative = 0;

  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldDefinition(type, selection.name.value);
      own += field ? fieldCost(ctx, field, selection) : 0;
      continue;
    }

    const fragment = fragmentOf(ctx, selection);
    if (!fragment) continue;
    const on = narrowTo(type, fragment.on);
    const cost = selectionCost(ctx, on, fragment.selectionSet);
    if (on === type) own += cost;
    else dearestAlternative = Math.max(dearestAlternative, cost);
  }

  return own + dearestAlternative;
}

function narrowTo(
  type: GraphQLCompositeType,
  on: GraphQLCompositeType,
): GraphQLCompositeType {
  if (on === sameType || on.name === type.name) return type;
  if (isObjectType(type)) return type;

  return on;
}

function fieldCost(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;

  if (isConnection(named)) {
    return (
      connectionBaseCost + pageSize(ctx, node) * nodeCost(ctx, named, node)
    );
  }

  return 1 + childCost(ctx, field, node);
}

function childCost(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  const named = getNamedType(field.type);
  if (!node.selectionSet || !isCompositeType(named)) return 0;

  return selectionCost(ctx, named, node.selectionSet);
}

export function isConnection(type: GraphQLNamedType): boolean {
  return (
    isObjectType(type) &&
    type.name.endsWith("Connection") &&
    "pageInfo" in type.getFields()
  );
}

/**
 * The cost of one node of a connection: `nodes { … }` and
 * `edges { node { … } }` describe the same objects, so the dearer counts.
 */
function nodeCost(
  ctx: CostContext,
  connection: GraphQLNamedType,
  node: FieldNode,
): number {
  if (!node.selectionSet || !isObjectType(connection)) return 0;

  let dearest = 0;
  for (const { node: child, field } of fieldsOf(
    ctx,
    connection,
    node.selectionSet,
  )) {
    if (child.name.value === "nodes") {
      dearest = Math.max(dearest, 1 + childCost(ctx, field, child));
    }
    if (child.name.value === "edges") {
      dearest = Math.max(dearest, edgeNodeCost(ctx, field, child));
    }
  }

  return dearest;
}

function edgeNodeCost(
  ctx: CostContext,
  edges: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  const edgeType = getNamedType(edges.type);
  if (!node.selectionSet || !isObjectType(edgeType)) return 0;

  const inner = fieldsOf(ctx, edgeType, node.selectionSet).find(
    ({ node: child }) => child.name.value === "node",
  );
  return inner ? 1 + childCost(ctx, inner.field, inner.node) : 0;
}

/** `first` or `last`; a bulk query without either costs one page of 1. */
function pageSize(ctx: CostContext, node: FieldNode): number {
  for (const name of ["first", "last"]) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    const value = argument && intValue(ctx, argument.value);
    if (typeof value === "number") return value;
  }

  return 1;
}

function intValue(ctx: CostContext, value: ValueNode): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return null;

  const variable = ctx.variables[value.name.value];
  return typeof variable === "number" ? variable : null;
}

function responseKey(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}

function actualSelectionCost(
  ctx: CostContext,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  data: Data,
): number {
  let own = 0;
  let dearestAlternative = 0;

  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldDefinition(type, selection.name.value);
      const key = responseKey(selection);
      if (field && key in data) {
        own += actualFieldCost(ctx, field, selection, data[key]);
      }
      continue;
    }

    const fragment = fragmentOf(ctx, selection);
    if (!fragment) continue;
    const on = narrowTo(type, fragment.on);
    const cost = actualSelectionCost(ctx, on, fragment.selectionSet, data);
    if (on === type) own += cost;
    else dearestAlternative = Math.max(dearestAlternative, cost);
  }

  return own + dearestAlternative;
}

function actualFieldCost(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
): number {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;

  if (isConnection(named)) {
    return connectionBaseCost + actualNodesCost(ctx, named, node, value);
  }

  return 1 + actualChildCost(ctx, field, node, value);
}

function actualChildCost(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
): number {
  const named = getNamedType(field.type);
  const selectionSet = node.selectionSet;
  if (!selectionSet || !isCompositeType(named)) return 0;

  return asObjects(value).reduce(
    (sum, item) => sum + actualSelectionCost(ctx, named, selectionSet, item),
    0,
  );
}

function actualNodesCost(
  ctx: CostContext,
  connection: GraphQLNamedType,
  node: FieldNode,
  value: unknown,
): number {
  const [data] = asObjects(value);
  if (!data || !node.selectionSet || !isObjectType(connection)) return 0;

  let dearest = 0;
  for (const { node: child, field } of fieldsOf(
    ctx,
    connection,
    node.selectionSet,
  )) {
    const items = data[responseKey(child)];
    const cost =
      child.name.value === "nodes"
        ? asObjects(items).length + actualChildCost(ctx, field, child, items)
        : actualEdgesCost(ctx, field, child, items);
    dearest = Math.max(dearest, cost);
  }

  return dearest;
}

function actualEdgesCost(
  ctx: CostContext,
  edges: GraphQLField<unknown, unknown>,
  node: FieldNode,
  items: unknown,
): number {
  const edgeType = getNamedType(edges.type);
  if (node.name.value !== "edges" || !isObjectType(edgeType)) return 0;
  if (!node.selectionSet) return 0;

  const inner = fieldsOf(ctx, edgeType, node.selectionSet).find(
    ({ node: child }) => child.name.value === "node",
  );
  if (!inner) return 0;

  const nodes = asObjects(items).map((edge) => edge[responseKey(inner.node)]);
  return (
    asObjects(nodes).length +
    actualChildCost(ctx, inner.field, inner.node, nodes)
  );
}

function asObjects(value: unknown): Data[] {
  const list = Array.isArray(value) ? value.flat(Infinity) : [value];

  return list.filter(
    (item): item is Data => typeof item === "object" && item !== null,
  );
}
