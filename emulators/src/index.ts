// Each emulator is a namespace: their type names (errors, stores, options) would otherwise collide.
export * as hubspot from './hubspot/index.ts';
export * as callrail from './callrail/index.ts';
export * as salesforce from './salesforce/index.ts';
