export { createSalesforcePort } from './adapter.ts';
export { salesforceConnection, forgetSalesforceConnection } from './connection.ts';
export { salesforceApiRoutes } from './api-routes.ts';
