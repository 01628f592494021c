/**
 * Offline check of the HubSpot project (hsproject.json + hubspot-app/), run by `npm test` through
 * test/hubspot-app-project.test.ts and by hand with `node --import tsx scripts/validate-hubspot-project.ts`.
 *
 * HubSpot validates component configs against schemas it serves at upload time, which needs an
 * account and the network. Offline we run what the CLI runs locally — `@hubspot/project-parsing-lib`
 * (project config, metafile discovery, profile variables, uid rules, component directories) — and add
 * the rules of HubSpot's documented component configs that this project relies on: types and card
 * locations, object types, entrypoints that exist (with a package.json beside them and a
 * `hubspot.extend` call), the router-based `pages` config (entrypoint only; the older `page` type
 * sits at location "home"), https URLs, webhook subscriptions, and profile variables defined in
 * every profile.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProjectConfig, isKnownPlatformVersion, getProjectMetadata } from '@hubspot/project-parsing-lib/projects';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { getAllHsProfiles, loadHsProfileFile, validateProfileVariables } from '@hubspot/project-parsing-lib/profiles';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import { Components } from '@hubspot/project-parsing-lib/constants';

export const CARD_LOCATIONS = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] as const;
/** Standard CRM objects a card may name (HubSpot's app card reference). */
export const CARD_OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets', 'leads', 'appointments', 'courses', 'listings', 'services'];
const TOP_LEVEL_FIELDS = new Set(['uid', 'type', 'config', 'dependencies', 'permissions']);
const ENTRYPOINT_DIR: Record<string, string> = { card: '/app/cards/', page: '/app/pages/', pages: '/app/pages/', settings: '/app/settings/' };
const WEBHOOK_TYPES = /^object\.(creation|deletion|merge|restore|propertyChange|associationChange)$/;

export interface ProjectReport {
  errors: string[];
  /** uid → type, for the components found. */
  components: Record<string, string>;
  profiles: string[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export async function validateHubSpotProject(projectDir: string): Promise<ProjectReport> {
  const errors: string[] = [];
  const components: Record<string, string> = {};
  let project;
  try {
    project = parseProjectConfig(projectDir);
  } catch (err) {
    return { errors: [`hsproject.json: ${(err as Error).message}`], components, profiles: [] };
  }
  if (!isKnownPlatformVersion(project.platformVersion)) errors.push(`hsproject.json: unknown platformVersion ${project.platformVersion}`);
  const srcDir = resolve(projectDir, project.srcDir);

  // 1. Every metafile parses, has only the allowed top-level fields, a valid and unique uid.
  const metaFiles = findMetaFiles(srcDir);
  const raw = new Map<string, Json>();
  const uids = new Map<string, string>();
  for (const file of metaFiles) {
    const rel = relative(srcDir, file).split(sep).join('/');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      errors.push(`${rel}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!isObj(json)) {
      errors.push(`${rel}: must be a JSON object`);
      continue;
    }
    for (const k of Object.keys(json)) if (!TOP_LEVEL_FIELDS.has(k)) errors.push(`${rel}: unexpected top-level field ${k}`);
    const uid = typeof json.uid === 'string' ? json.uid : '';
    const uidProblem = validateUid(uid);
    if (uidProblem) errors.push(`${rel}: uid: ${uidProblem}`);
    const seen = uids.get(uid);
    if (seen) errors.push(`${rel}: uid ${uid} is also used by ${seen}`);
    uids.set(uid, rel);
    if (!isObj(json.config)) errors.push(`${rel}: config must be an object`);
    raw.set(rel, json);
  }

  // 2. Types are known, each in its documented directory, singular ones at most once.
  const metadata = await getProjectMetadata(srcDir);
  for (const [type, meta] of Object.entries(metadata.components)) {
    if (meta.count > meta.maxCount) errors.push(`${type}: ${meta.count} components, at most ${meta.maxCount} allowed (${meta.hsMetaFiles.join(', ')})`);
  }
  for (const [rel, json] of raw) {
    const type = String(json.type ?? '');
    const component = (Components as Record<string, { dir: string; parentComponent?: string }>)[type];
    if (!component) {
      errors.push(`${rel}: unknown component type "${type}"`);
      continue;
    }
    const parent = component.parentComponent ? (Components as Record<string, { dir: string }>)[component.parentComponent]?.dir : '';
    const expected = [parent, component.dir].filter(Boolean).join('/');
    const actual = rel.split('/').slice(0, -1).join('/');
    if (actual !== expected) errors.push(`${rel}: a ${type} component belongs in ${expected}/`);
    components[String(json.uid)] = type;
  }
  if (!Object.values(components).includes('app')) errors.push('the project has no app component (app/app-hsmeta.json)');

  // 3. Profiles: well formed, and every variable a metafile uses is defined in each of them.
  const profiles = await getAllHsProfiles(srcDir);
  const used = new Set<string>();
  for (const json of raw.values()) for (const m of JSON.stringify(json).matchAll(/\$\{([^}]+)\}/g)) used.add(m[1]!);
  for (const profile of profiles) {
    const file = `hsprofile.${profile}.json`;
    let content;
    try {
      content = loadHsProfileFile(srcDir, profile);
    } catch (err) {
      errors.push(`${file}: ${(err as Error).message}`);
      continue;
    }
    if (typeof content.accountId !== 'number') errors.push(`${file}: accountId must be a HubSpot account id (a number)`);
    const vars = content.variables ?? {};
    const check = validateProfileVariables(vars, file);
    errors.push(...check.errors.map((e) => `${file}: ${e}`));
    for (const name of used) if (!(name in vars)) errors.push(`${file}: variable ${name} is used by a component but not defined`);
  }
  if (used.size > 0 && profiles.length === 0) errors.push(`components use profile variables (${[...used].join(', ')}) but there is no hsprofile.*.json`);
  errors.push(...checkSharedCopies(srcDir));
  if (errors.length) return { errors, components, profiles };

  // 4. The parsing library's own translation (what `hs project upload` builds), once per profile,
  //    then the documented config rules on the resolved values.
  for (const profile of profiles.length ? profiles : [undefined]) {
    const label = profile ? `profile ${profile}` : 'no profile';
    try {
      const { intermediateRepresentation: ir, skippedHsMetaFiles } = await translate(
        { projectSourceDir: srcDir, platformVersion: project.platformVersion },
        { skipValidation: true, ...(profile ? { profile } : {}) },
      );
      for (const skipped of skippedHsMetaFiles) errors.push(`${label}: ${skipped} is not in a component directory and would be ignored`);
      for (const node of Object.values(ir.intermediateNodesIndexedByUid)) {
        const type = components[node.uid] ?? '';
        errors.push(...checkConfig(type, node.config as Json, srcDir).map((e) => `${label}: ${node.metaFilePath}: ${e}`));
      }
    } catch (err) {
      errors.push(`${label}: project-parsing-lib: ${(err as Error).message}`);
    }
  }
  return { errors, components, profiles };
}

function checkConfig(type: string, c: Json, srcDir: string): string[] {
  const e: string[] = [];
  const https = (v: unknown, what: string) => {
    if (typeof v !== 'string' || !/^https:\/\/[^\s/$.?#].[^\s]*$/.test(v)) e.push(`${what} must be an https URL (got ${JSON.stringify(v)})`);
  };
  const entrypoint = (dir: string) => {
    const ep = c.entrypoint;
    if (typeof ep !== 'string' || !ep.startsWith(dir) || !/\.(jsx|tsx)$/.test(ep)) e.push(`entrypoint must be a .jsx/.tsx file under ${dir}`);
    else if (!existsSync(join(srcDir, ep))) e.push(`entrypoint ${ep} does not exist`);
    else e.push(...checkEntrypoint(srcDir, ep));
  };
  switch (type) {
    case 'app': {
      for (const k of ['name', 'description', 'distribution']) if (typeof c[k] !== 'string' || !c[k]) e.push(`${k} is required`);
      if (typeof c.name === 'string' && (c.name.length > 200 || c.name.trim() !== c.name)) e.push('name: at most 200 characters, no surrounding spaces');
      if (!['marketplace', 'private'].includes(String(c.distribution))) e.push('distribution must be marketplace or private');
      const auth = isObj(c.auth) ? c.auth : {};
      if (c.distribution === 'marketplace' && auth.type !== 'oauth') e.push('a marketplace app needs auth.type "oauth"');
      if (auth.type === 'oauth') {
        if (!strings(auth.redirectUrls) || auth.redirectUrls.length === 0) e.push('auth.redirectUrls: at least one URL');
        else auth.redirectUrls.forEach((u, i) => https(u, `auth.redirectUrls[${i}]`));
      }
      if (!strings(auth.requiredScopes) || auth.requiredScopes.length === 0) e.push('auth.requiredScopes: a list of scopes');
      for (const k of ['optionalScopes', 'conditionallyRequiredScopes']) if (auth[k] !== undefined && !strings(auth[k])) e.push(`auth.${k}: a list of scopes`);
      const permitted = isObj(c.permittedUrls) ? c.permittedUrls : {};
      if (!strings(permitted.fetch)) e.push('permittedUrls.fetch: a list of URLs');
      else permitted.fetch.forEach((u, i) => https(u, `permittedUrls.fetch[${i}]`));
      if (c.distribution === 'marketplace' && !isObj(c.support)) e.push('support: a marketplace app lists its support contacts');
      break;
    }
    case 'card': {
      for (const k of ['name', 'location']) if (typeof c[k] !== 'string' || !c[k]) e.push(`${k} is required`);
      if (!(CARD_LOCATIONS as readonly string[]).includes(String(c.location))) e.push(`location must be one of ${CARD_LOCATIONS.join(', ')}`);
      if (String(c.location).startsWith('crm.')) {
        if (!strings(c.objectTypes) || c.objectTypes.length === 0) e.push('objectTypes: the CRM objects the card appears on');
        else for (const t of c.objectTypes) if (!CARD_OBJECT_TYPES.includes(t)) e.push(`objectTypes: unknown object type ${t}`);
      }
      entrypoint(ENTRYPOINT_DIR.card!);
      break;
    }
    case 'pages':
      // The router-based app pages component (current docs): its config is the entrypoint alone.
      entrypoint(ENTRYPOINT_DIR.pages!);
      for (const k of Object.keys(c)) {
        if (k !== 'entrypoint') e.push(`unexpected config field ${k}: a pages component takes only entrypoint ("location" belongs to the older page type)`);
      }
      break;
    case 'page':
      // The older app home page: one page, at location "home".
      entrypoint(ENTRYPOINT_DIR.page!);
      if (c.location !== 'home') e.push('location must be "home" for a page component');
      break;
    case 'settings':
      entrypoint(ENTRYPOINT_DIR.settings!);
      break;
    case 'webhooks': {
      const settings = isObj(c.settings) ? c.settings : {};
      https(settings.targetUrl, 'settings.targetUrl');
      if (!Number.isInteger(settings.maxConcurrentRequests) || (settings.maxConcurrentRequests as number) < 1) e.push('settings.maxConcurrentRequests: a positive integer');
      const subs = isObj(c.subscriptions) ? c.subscriptions : {};
      const crm = Array.isArray(subs.crmObjects) ? subs.crmObjects : [];
      crm.forEach((s: unknown, i) => {
        const at = `subscriptions.crmObjects[${i}]`;
        if (!isObj(s)) return e.push(`${at}: an object`);
        if (!WEBHOOK_TYPES.test(String(s.subscriptionType))) e.push(`${at}.subscriptionType: object.* event type`);
        if (typeof s.objectType !== 'string' || !/^[a-z_]+$/.test(s.objectType)) e.push(`${at}.objectType: an object type name`);
        if (s.subscriptionType === 'object.propertyChange' && typeof s.propertyName !== 'string') e.push(`${at}.propertyName: required for property changes`);
        if (typeof s.active !== 'boolean') e.push(`${at}.active: true or false`);
      });
      break;
    }
  }
  return e;
}

/**
 * What HubSpot's build needs from a UI extension entrypoint: a package.json beside it that brings
 * `@hubspot/ui-extensions` and React (each component directory is built on its own), and a
 * `hubspot.extend(...)` call registering the extension (a file that only exports renders nothing).
 */
function checkEntrypoint(srcDir: string, ep: string): string[] {
  const e: string[] = [];
  const dir = join(srcDir, ep, '..');
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) e.push(`${relative(srcDir, dir)}/ has no package.json for the entrypoint's dependencies`);
  else {
    let deps: Record<string, unknown> = {};
    try {
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { dependencies?: Record<string, unknown> };
      deps = pkg.dependencies ?? {};
    } catch (err) {
      e.push(`${relative(srcDir, pkgPath)}: not valid JSON (${(err as Error).message})`);
    }
    for (const d of ['@hubspot/ui-extensions', 'react']) if (!(d in deps)) e.push(`${relative(srcDir, pkgPath)}: dependencies lack ${d}`);
  }
  if (!/\bhubspot\.extend\s*(<[^>]*>)?\s*\(/.test(readFileSync(join(srcDir, ep), 'utf8'))) e.push(`entrypoint ${ep} never calls hubspot.extend(...)`);
  for (const escape of importsOutside(srcDir, dir, join(srcDir, ep), new Set())) {
    e.push(`entrypoint ${ep}: ${escape}, outside ${relative(srcDir, dir)}/ (HubSpot packages each extension point on its own)`);
  }
  return e;
}

/** Relative imports reachable from `file` that leave `root`, as "<file> imports <specifier>". */
function importsOutside(srcDir: string, root: string, file: string, seen: Set<string>): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), m[1]!);
    if (!target.startsWith(root + sep)) out.push(`${relative(srcDir, file)} imports ${m[1]}`);
    else if (/\.(ts|tsx|js|jsx)$/.test(target) && existsSync(target)) out.push(...importsOutside(srcDir, root, target, seen));
  }
  return out;
}

/**
 * The client code the cards, the pages and the settings share (backend client, types, formats,
 * loading states) lives in cards/lib. Each extension point is packaged alone, so pages/ and
 * settings/ carry verbatim copies in their own lib/; these must match the source file for file.
 * `node --import tsx scripts/validate-hubspot-project.ts --sync-shared` rewrites the copies.
 */
export const SHARED_LIB = { source: 'app/cards/lib', copies: ['app/pages/lib', 'app/settings/lib'] } as const;
const isCode = (f: string) => /\.(ts|tsx)$/.test(f);
const sharedSources = (dir: string) => readdirSync(dir).filter((f) => isCode(f) && !/\.test\.tsx?$/.test(f)).sort();

export function checkSharedCopies(srcDir: string): string[] {
  const source = join(srcDir, SHARED_LIB.source);
  if (!existsSync(source)) return [];
  const files = sharedSources(source);
  const e: string[] = [];
  for (const copy of SHARED_LIB.copies) {
    // An extension point the project does not have needs no copy.
    if (!existsSync(join(srcDir, copy, '..'))) continue;
    const dir = join(srcDir, copy);
    const present = existsSync(dir) ? readdirSync(dir).filter(isCode) : [];
    for (const f of files) {
      if (!present.includes(f)) e.push(`${copy}/${f} is missing (a copy of ${SHARED_LIB.source}/${f}; run with --sync-shared)`);
      else if (readFileSync(join(dir, f), 'utf8') !== readFileSync(join(source, f), 'utf8')) {
        e.push(`${copy}/${f} differs from ${SHARED_LIB.source}/${f}: edit the source, then run with --sync-shared`);
      }
    }
    for (const f of present) if (!files.includes(f)) e.push(`${copy}/${f} has no source in ${SHARED_LIB.source}/ (shared code is edited there)`);
  }
  return e;
}

/** Rewrites every copy of the shared lib from its source; returns the files written or removed. */
export function syncSharedCopies(srcDir: string): string[] {
  const source = join(srcDir, SHARED_LIB.source);
  const files = sharedSources(source);
  const changed: string[] = [];
  for (const copy of SHARED_LIB.copies) {
    if (!existsSync(join(srcDir, copy, '..'))) continue;
    const dir = join(srcDir, copy);
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir).filter(isCode)) {
      if (!files.includes(f)) {
        rmSync(join(dir, f));
        changed.push(`${copy}/${f} (removed)`);
      }
    }
    for (const f of files) {
      const text = readFileSync(join(source, f), 'utf8');
      if (!existsSync(join(dir, f)) || readFileSync(join(dir, f), 'utf8') !== text) {
        writeFileSync(join(dir, f), text);
        changed.push(`${copy}/${f}`);
      }
    }
  }
  return changed;
}

function findMetaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findMetaFiles(path));
    else if (entry.name.endsWith('-hsmeta.json')) out.push(path);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  if (process.argv.includes('--sync-shared')) {
    for (const f of syncSharedCopies(join(root, parseProjectConfig(root).srcDir))) console.log(`synced ${f}`);
  }
  const report = await validateHubSpotProject(root);
  for (const err of report.errors) console.error(`✗ ${err}`);
  console.log(`${Object.keys(report.components).length} components, profiles: ${report.profiles.join(', ') || 'none'}`);
  process.exit(report.errors.length ? 1 : 0);
}
