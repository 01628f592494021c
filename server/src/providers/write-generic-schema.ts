/**
 * Regenerates generic.schema.json from the zod schema:
 *   node --import tsx server/src/providers/write-generic-schema.ts
 */
import { GENERIC_SCHEMA_FILE, writeGenericJsonSchema } from './generic-schema.ts';

writeGenericJsonSchema();
console.log(`wrote ${GENERIC_SCHEMA_FILE.pathname}`);
