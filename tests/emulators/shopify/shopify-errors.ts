/**
 * graphql-js reports problems in its own words; Shopify runs graphql-ruby
 * and answers with other messages and an `extensions.code`. The app's error
 * handling must meet Shopify's shapes, so every error is rewritten here
 * (notes on the Admin API, §4.2: captured bodies).
 */
import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  isNonNullType,
  Kind,
  typeFromAST,
  valueFromAST,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
  type VariableDefinitionNode,
} from "graphql";
import type { AccessRequirement } from "./access-scopes";

export interface ShopifyError {
  message: string;
  locations?: readonly SourceLocation[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

const rateLimitDocs = "https://shopify.dev/api/usage/rate-limits";
const accessScopeDocs = "https://shopify.dev/api/usage/access-scopes";

export function parseError(error: GraphQLError): ShopifyError {
  const [location] = error.locations ?? [];
  const found = /found (.+)\.$/.exec(error.message)?.[1];
  const unexpected =
    !found || found === "<EOF>" ? "end of file" : found.replace(/^"|"$/g, "");
  const at = location ? ` at [${location.line}, ${location.column}]` : "";

  return {
    message: `syntax error, unexpected ${unexpected}${at}`,
    locations: error.locations ?? [],
    extensions: { code: "PARSE_ERROR" },
  };
}

type Rewrite = (
  match: RegExpExecArray,
  error: GraphQLError,
  document: DocumentNode,
) => Pick<ShopifyError, "message" | "extensions">;

const validationRewrites: [RegExp, Rewrite][] = [
  [
    /^Cannot query field "(.+?)" on type "(.+?)"\./,
    ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  ],
  [
    /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/,
    ([, field, type]) => ({
      message:
        `Field must have selections (field '${field}' returns ${type} but ` +
        `has no selections. Did you mean '${field} { ... }'?)`,
      extensions: {
        code: "selectionMismatch",
        nodeName: `field '${field}'`,
        typeName: type,
      },
    }),
  ],
  [
    /^Field "(.+?)" must not have a selection since type "(.+?)" has/,
    ([, field, type], error) => ({
      message:
        `Selections can't be made on scalars (field '${field}' returns ` +
        `${type} but has selections [${selectedNames(error)}])`,
      extensions: {
        code: "selectionMismatch",
        nodeName: `field '${field}'`,
        typeName: type,
      },
    }),
  ],
  [
    /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"\./,
    ([, argument, , field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: {
        code: "argumentNotAccepted",
        name: field,
        typeName: "Field",
        argumentName: argument,
      },
    }),
  ],
  [
    /^Field "(.+?)" argument "(.+?)" of type ".+?" is required/,
    ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: {
        code: "missingRequiredArguments",
        className: "Field",
        name: field,
        arguments: argument,
      },
    }),
  ],
  [
    /^Variable "\$(.+?)" is never used(?: in operation "(.+?)")?\./,
    ([, variable, operation]) => ({
      message:
        `Variable $${variable} is declared by ` +
        `${operation ?? "anonymous query"} but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(.+?)" is not defined(?: by operation "(.+?)")?\./,
    ([, variable, operation]) => ({
      message:
        `Variable $${variable} is used by ` +
        `${operation ?? "anonymous query"} but not declared`,
      extensions: { code: "variableNotDefined", variableName: variable },
    }),
  ],
  [
    /^(?:Expected value of type "(.+?)", found .+?[.;]|(\w+) cannot represent)/,
    (match, error, document) => invalidLiteral(match, error, document),
  ],
];

export function validationError(
  error: GraphQLError,
  document: DocumentNode,
): ShopifyError {
  const path = astPath(document, error.nodes?.[0]);
  const base = { locations: error.locations ?? [], path };

  for (const [pattern, rewrite] of validationRewrites) {
    const match = pattern.exec(error.message);
    if (!match) continue;

    const { message, extensions } = rewrite(match, error, document);
    return { message, ...base, extensions };
  }

  // graphql-js rules without a captured Shopify counterpart keep their text.
  return {
    message: error.message,
    ...base,
    extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
  };
}

function selectedNames(error: GraphQLError): string {
  // graphql-js points at the selection set itself.
  const [node] = error.nodes ?? [];
  const selectionSet = node?.kind === Kind.FIELD ? node.selectionSet : node;
  if (selectionSet?.kind !== Kind.SELECTION_SET) return "";

  return selectionSet.selections
    .map((s) => (s.kind === Kind.FIELD ? `"${s.name.value}"` : '"..."'))
    .join(", ");
}

function invalidLiteral(
  match: RegExpExecArray,
  error: GraphQLError,
  document: DocumentNode,
): Pick<ShopifyError, "message" | "extensions"> {
  const path = astPath(document, error.nodes?.[0]);
  const argument = String(path.at(-1) ?? "");
  const field = String(path.at(-2) ?? "");
  const type = match[1] ?? match[2] ?? "";
  const value = error.nodes?.[0]?.loc?.startToken.value ?? "";

  return {
    message:
      `Argument '${argument}' on Field '${field}' has an invalid value ` +
      `(${value}). Expected type '${type}'.`,
    extensions: {
      code: "argumentLiteralsIncompatible",
      typeName: "Argument",
      argumentName: argument,
    },
  };
}

/**
 * graphql-ruby's error path: the operation ("query Name"), then the field
 * and argument names leading to the node.
 */
export function astPath(
  document: DocumentNode,
  target: ASTNode | undefined,
): string[] {
  let found: string[] = [];
  if (!target) return found;

  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (node !== target) return undefined;
      // graphql-js lists the ancestors above the parent, not the parent.
      const chain = [...ancestors, parent, node].filter(
        (a): a is ASTNode =>
          a !== undefined && !Array.isArray(a) && typeof a === "object",
      );
      found = chain.flatMap(pathLabel);

      return false;
    },
  });

  return found;
}

function pathLabel(node: ASTNode): string[] {
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
      return [[node.operation, node.name?.value].filter(Boolean).join(" ")];
    case Kind.FRAGMENT_DEFINITION:
      return [`fragment ${node.name.value}`];
    case Kind.FIELD:
      return [node.alias?.value ?? node.name.value];
    case Kind.ARGUMENT:
    case Kind.OBJECT_FIELD:
      return [node.name.value];
    default:
      return [];
  }
}

export interface CoercedVariables {
  values: Record<string, unknown>;
  errors: ShopifyError[];
}

/** Coerces variables like graphql-js, reporting like graphql-ruby. */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): CoercedVariables {
  const result: CoercedVariables = { values: {}, errors: [] };

  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const problems = coerceOne(schema, definition, inputs, result.values);
    if (problems.length === 0) continue;

    result.errors.push({
      message:
        `Variable $${name} of type ${printTypeNode(definition)} was ` +
        `provided invalid value`,
      locations: definition.loc
        ? [
            {
              line: definition.loc.startToken.line,
              column: definition.loc.startToken.column,
            },
          ]
        : [],
      extensions: {
        code: "INVALID_VARIABLE",
        value: inputs[name] ?? null,
        problems,
      },
    });
  }

  return result;
}

interface Problem {
  path: (string | number)[];
  explanation: string;
}

function coerceOne(
  schema: GraphQLSchema,
  definition: VariableDefinitionNode,
  inputs: Record<string, unknown>,
  values: Record<string, unknown>,
): Problem[] {
  const name = definition.variable.name.value;
  const type = typeFromAST(schema, definition.type);
  if (!type || !isInputType(type)) return [];

  const given = Object.hasOwn(inputs, name);
  if (!given && definition.defaultValue) {
    values[name] = valueFromAST(definition.defaultValue, type);
    return [];
  }
  if (!given || inputs[name] === null) {
    if (isNonNullType(type)) return [notNull([])];
    if (given) values[name] = null;
    return [];
  }

  const problems: Problem[] = [];
  values[name] = coerceInputValue(inputs[name], type, (path, _v, error) => {
    problems.push(rubyProblem([...path], error.message));
  });

  return problems;
}

function notNull(path: (string | number)[]): Problem {
  return { path, explanation: "Expected value to not be null" };
}

function rubyProblem(path: (string | number)[], message: string): Problem {
  const missing = /^Field "(.+?)" of required type ".+?" was not provided/;
  const undefinedField = /^Field "(.+?)" is not defined by type "(.+?)"/;
  const uncoercible = /(\w+) cannot represent .*?: (.+)$/;

  const missingField = missing.exec(message)?.[1];
  if (missingField) return notNull([...path, missingField]);
  if (/not to be null/.test(message)) return notNull(path);

  const unknown = undefinedField.exec(message);
  if (unknown) {
    return {
      path: [...path, unknown[1] ?? ""],
      explanation: `Field is not defined on ${unknown[2]}`,
    };
  }

  const [, type, value] = uncoercible.exec(message) ?? [];
  if (value && type) {
    return { path, explanation: `Could not coerce value ${value} to ${type}` };
  }

  return { path, explanation: message };
}

function printTypeNode(definition: VariableDefinitionNode): string {
  const source = definition.type.loc?.source.body;
  const { loc } = definition.type;

  return source && loc ? source.slice(loc.start, loc.end) : "";
}

export function accessDenied(
  fieldName: string,
  requirement: AccessRequirement,
): GraphQLError {
  return new GraphQLError(
    `Access denied for ${fieldName} field. Required access: ` +
      requirement.description,
    {
      extensions: {
        code: "ACCESS_DENIED",
        documentation: accessScopeDocs,
        requiredAccess: requirement.description,
      },
    },
  );
}

export function throttledError(): ShopifyError {
  return {
    message: "Throttled",
    extensions: { code: "THROTTLED", documentation: rateLimitDocs },
  };
}

export function maxCostError(cost: number, maxCost: number): ShopifyError {
  return {
    message:
      `Query cost is ${cost}, which exceeds the single query max cost ` +
      `limit (${maxCost}).\n\nSee ${rateLimitDocs} for more information on ` +
      `how the cost of a query is calculated.\n\nTo query larger amounts ` +
      `of data with fewer limits, bulk operations should be used instead.\n` +
      `See https://shopify.dev/api/usage/bulk-operations/queries for usage ` +
      `details.\n`,
    extensions: {
      code: "MAX_COST_EXCEEDED",
      cost,
      maxCost,
      documentation: rateLimitDocs,
    },
  };
}
