import { randomUUID } from 'node:crypto';

// HubSpot's public APIs answer errors with one JSON shape:
// { status: "error", message, correlationId, category, subCategory?, context?, errors?, links? }.
// Routes throw HubSpotApiError; the app's error handler writes `status` and `body`.

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: ErrorDetail[];
  links?: Record<string, string>;
  [extra: string]: unknown;
}

export interface ErrorInit {
  message: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: ErrorDetail[];
  links?: Record<string, string>;
}

export function errorBody(init: ErrorInit): HubSpotErrorBody {
  const body: HubSpotErrorBody = {
    status: 'error',
    message: init.message,
    correlationId: randomUUID(),
    category: init.category,
  };
  if (init.subCategory !== undefined) body.subCategory = init.subCategory;
  if (init.context !== undefined) body.context = init.context;
  if (init.errors !== undefined) body.errors = init.errors;
  if (init.links !== undefined) body.links = init.links;
  return body;
}

/** An error the emulator answers with, carrying HubSpot's status code and body. */
export class HubSpotApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly body: HubSpotErrorBody;

  constructor(status: number, init: ErrorInit) {
    super(init.message);
    this.name = 'HubSpotApiError';
    this.status = status;
    this.code = init.category;
    this.body = errorBody(init);
  }
}

export const validationError = (message: string, extra: Omit<ErrorInit, 'message' | 'category'> = {}) =>
  new HubSpotApiError(400, { message, category: 'VALIDATION_ERROR', ...extra });

export const notFound = (message = 'resource not found') =>
  new HubSpotApiError(404, { message, category: 'OBJECT_NOT_FOUND' });

/** One failed property, in the JSON HubSpot embeds in "Property values were not valid: [...]". */
export interface PropertyError {
  name: string;
  error: string;
  message: string;
}

export function propertyValuesError(problems: PropertyError[]): HubSpotApiError {
  const detail = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.error,
    name: p.name,
    localizedErrorMessage: p.message,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(detail)}`, {
    errors: problems.map((p) => ({
      message: p.message,
      code: p.error,
      context: { propertyName: [p.name] },
    })),
  });
}
