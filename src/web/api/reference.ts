/**
 * Reads the generated OpenAPI document into the plain shapes the reference page shows, so the
 * page can never drift from what the routes actually accept and return.
 */

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

type OpenApiParameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type OpenApiMedia = { schema?: JsonSchema };
type OpenApiOperation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, unknown>>;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, OpenApiMedia> };
  responses?: Record<string, { description?: string; content?: Record<string, OpenApiMedia> }>;
};
export type OpenApiDocument = {
  openapi: string;
  tags?: Array<{ name: string; description?: string }>;
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

export type FieldRow = { name: string; location?: string; type: string; required: boolean; description: string };
export type ResponseRow = { status: string; description: string; mediaType: string; type: string; fields: FieldRow[] };
export type OperationEntry = {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  authentication: 'required' | 'optional' | 'session';
  parameters: FieldRow[];
  body: FieldRow[];
  responses: ResponseRow[];
};
export type TagSection = { name: string; description: string; operations: OperationEntry[] };

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return (name ? document.components?.schemas?.[name] : schema) ?? {};
}

function describeBounds(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minLength !== undefined && schema.minLength > 0) parts.push(`≥ ${schema.minLength} chars`);
  if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** A short, readable type such as "string (date-time) or null" or "array of Problem". */
export function describeType(schema: JsonSchema | undefined, document: OpenApiDocument): string {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map((entry) => describeType(entry, document)).join(' or ');
  if (schema.enum) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const described = types.map((type) => {
    if (type === 'array') return `array of ${describeType(schema.items, document)}`;
    if (type === 'object' && schema.properties) return 'object';
    return schema.format ? `${type} (${schema.format})` : type;
  });
  return (described.join(' or ') || 'any') + describeBounds(schema);
}

function fieldsOf(schema: JsonSchema | undefined, document: OpenApiDocument): FieldRow[] {
  const resolved = resolve(document, schema);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).map(([name, property]) => ({
    name,
    type: describeType(property, document),
    required: required.has(name),
    description: resolve(document, property).description ?? property.description ?? '',
  }));
}

function authenticationOf(operation: OpenApiOperation): OperationEntry['authentication'] {
  const security = operation.security ?? [];
  if (security.some((requirement) => Object.keys(requirement).length === 0)) return 'optional';
  return security.some((requirement) => 'bearerAuth' in requirement) ? 'required' : 'session';
}

function toEntry(document: OpenApiDocument, method: string, path: string, operation: OpenApiOperation): OperationEntry {
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  return {
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId ?? '',
    summary: operation.summary ?? '',
    description: operation.description ?? '',
    authentication: authenticationOf(operation),
    parameters: (operation.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      location: parameter.in,
      type: describeType(parameter.schema, document),
      required: parameter.required ?? false,
      description: parameter.description ?? parameter.schema?.description ?? '',
    })),
    body: mediaType ? fieldsOf(media?.schema, document) : [],
    responses: Object.entries(operation.responses ?? {}).map(([status, response]) => {
      const [type, content] = Object.entries(response.content ?? {})[0] ?? ['', undefined];
      return {
        status,
        description: response.description ?? '',
        mediaType: type,
        type: content ? describeType(content.schema, document) : '',
        // Problem documents are described once, under Errors; successes list their fields.
        fields: Number(status) < 300 && content ? fieldsOf(content.schema, document) : [],
      };
    }),
  };
}

/** Operations grouped by their first tag, in the order the document declares its tags. */
export function groupOperationsByTag(document: OpenApiDocument): TagSection[] {
  const sections = new Map<string, TagSection>(
    (document.tags ?? []).map((tag) => [
      tag.name,
      { name: tag.name, description: tag.description ?? '', operations: [] },
    ]),
  );
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'Other';
      if (!sections.has(tag)) sections.set(tag, { name: tag, description: '', operations: [] });
      sections.get(tag)!.operations.push(toEntry(document, method, path, operation));
    }
  }
  return [...sections.values()].filter((section) => section.operations.length > 0);
}
