/**
 * Reads and validates the `RINGBACK_CONFIG` file. Errors name the file and the key path, in one line,
 * because an operator fixing a typo at 2 a.m. should not have to read a stack trace.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigFileSchema, type ConfigFile } from './file-schema.ts';
import { checkConfigSemantics } from './semantics.ts';

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `unknown key ${keys.join(', ')}`;
  }
  return `${path || '(top level)'}: ${issue.message}`;
}

/** Parses config text (YAML or JSON by extension; YAML also reads JSON) into a validated ConfigFile. */
export function parseConfigText(text: string, file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(
      `config file ${file} is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (raw === null || raw === undefined) raw = {};
  const result = ConfigFileSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new ConfigError(`config file ${file}: ${first ? describeIssue(first) : 'invalid'}`);
  }
  const problem = checkConfigSemantics(result.data);
  if (problem) throw new ConfigError(`config file ${file}: ${problem}`);
  return result.data;
}

export function loadConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`config file ${file} cannot be read (${code ?? (err as Error).message})`);
  }
  return parseConfigText(text, file);
}
