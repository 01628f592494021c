/**
 * The Salesforce package checked offline the way a deployment would fail: every metadata file is
 * well-formed XML with the root element its suffix names; every field the components, Apex, the
 * snapshot sync and the CRM writer use exists in the package or is standard; every cross-reference
 * (permission sets, layouts, list views, report type, pages, tabs, app) points at something real; and
 * the LWC compiler accepts every component.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@lwc/compiler';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from './salesforce-metadata-xml.ts';
import { emptyCounts, nullRanks, recoveryFigures } from '../shared/src/recovery-metrics.ts';
import {
  LOCATION_OBJECT,
  locationRecord,
  SNAPSHOT_OBJECT,
  snapshotRecord,
} from '../server/src/salesforce-sync/records.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = join(ROOT, 'salesforce-package');
const SRC = join(PKG, 'force-app/main/default');
const NS = 'http://soap.sforce.com/2006/04/metadata';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(SRC).filter((f) => !f.includes('__tests__'));
const read = (f: string) => readFileSync(f, 'utf8');
const xmlFiles = files.filter((f) => f.endsWith('.xml'));
const parsed = new Map(xmlFiles.map((f) => [f, parseXml(read(f))]));
const xml = (f: string) => parsed.get(f) as XmlElement;
const texts = (root: XmlElement, path: string) => root.all(path).map((e) => e.text);

const ROOTS: Record<string, string> = {
  '.field-meta.xml': 'CustomField',
  '.object-meta.xml': 'CustomObject',
  '.listView-meta.xml': 'ListView',
  '.permissionset-meta.xml': 'PermissionSet',
  '.layout-meta.xml': 'Layout',
  '.flexipage-meta.xml': 'FlexiPage',
  '.tab-meta.xml': 'CustomTab',
  '.app-meta.xml': 'CustomApplication',
  '.cls-meta.xml': 'ApexClass',
  '.js-meta.xml': 'LightningComponentBundle',
  '.externalCredential-meta.xml': 'ExternalCredential',
  '.namedCredential-meta.xml': 'NamedCredential',
  '.md-meta.xml': 'CustomMetadata',
  '.reportType-meta.xml': 'ReportType',
};

// The package's schema: object → fields, from objects/<Object>/fields.
const schema = new Map<string, Set<string>>();
for (const f of files.filter((p) => p.endsWith('.field-meta.xml'))) {
  const object = basename(dirname(dirname(f)));
  if (!schema.has(object)) schema.set(object, new Set());
  schema.get(object)!.add(basename(f).replace('.field-meta.xml', ''));
}
// Activity fields are Task's and Event's (permission sets and SOQL name them so).
for (const alias of ['Task', 'Event'])
  schema.set(alias, new Set([...(schema.get(alias) ?? []), ...(schema.get('Activity') ?? [])]));

const CUSTOM_STANDARD = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
];
const STANDARD: Record<string, string[]> = {
  Contact: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Phone',
    'MobilePhone',
    'HomePhone',
    'OtherPhone',
    'AccountId',
    'OwnerId',
    'LastModifiedDate',
  ],
  Lead: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Company',
    'Phone',
    'MobilePhone',
    'LeadSource',
    'Status',
    'OwnerId',
    'IsConverted',
    'ConvertedContactId',
    'LastModifiedDate',
  ],
  User: ['Id', 'Name', 'IsActive'],
  Account: ['Id', 'Name'],
  PermissionSet: ['Id', 'Name'],
  PermissionSetAssignment: ['Id', 'AssigneeId', 'PermissionSetId'],
};
function fieldExists(object: string, field: string): boolean {
  if (STANDARD[object]?.includes(field)) return true;
  const custom = schema.get(object);
  if (object.endsWith('__c') || object.endsWith('__mdt')) {
    return (
      !!custom?.has(field) ||
      CUSTOM_STANDARD.includes(field) ||
      (object.endsWith('__mdt') && ['DeveloperName', 'MasterLabel', 'Label'].includes(field))
    );
  }
  return !!custom?.has(field);
}
const objectNames = new Set([
  ...schema.keys(),
  ...files.filter((f) => f.endsWith('.object-meta.xml')).map((f) => basename(f).replace('.object-meta.xml', '')),
]);
const allFieldNames = new Set([...schema.values()].flatMap((s) => [...s]));

const lwcDir = join(SRC, 'lwc');
const components = readdirSync(lwcDir).filter((d) => statSync(join(lwcDir, d)).isDirectory());
const apex = files.filter((f) => f.endsWith('.cls'));
const sourceApiVersion = JSON.parse(read(join(PKG, 'sfdx-project.json'))).sourceApiVersion as string;

describe('salesforce package metadata', () => {
  it('parses every metadata file, with the root element and namespace its suffix names', () => {
    expect(xmlFiles.length).toBeGreaterThan(60);
    for (const f of xmlFiles) {
      const suffix = Object.keys(ROOTS).find((s) => f.endsWith(s));
      expect(suffix, `${relative(PKG, f)} has a known metadata suffix`).toBeDefined();
      expect(xml(f).name, relative(PKG, f)).toBe(ROOTS[suffix!]);
      expect(xml(f).attrs['xmlns'], relative(PKG, f)).toBe(NS);
    }
  });

  it('rejects malformed XML (the parser is a real check)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/mismatched/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/entity/);
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow(/one root/);
    expect(parseXml('<?xml version="1.0"?><!-- c --><a x="1">&lt;&amp;&#65;</a>').text).toBe('<&A');
  });

  it('uses one API version everywhere', () => {
    expect(sourceApiVersion).toMatch(/^\d+\.0$/);
    for (const f of xmlFiles.filter((p) => p.endsWith('.cls-meta.xml') || p.endsWith('.js-meta.xml'))) {
      expect(xml(f).child('apiVersion')?.text, relative(PKG, f)).toBe(sourceApiVersion);
    }
  });

  it('declares the fields the sync and the writer rely on, as Salesforce needs them', () => {
    const field = (object: string, name: string) =>
      xml(join(SRC, 'objects', object, 'fields', `${name}.field-meta.xml`));
    for (const [object, name] of [
      ['Activity', 'Ringback_Key__c'],
      ['Ringback_Location__c', 'Location_Id__c'],
      ['Ringback_Recovery_Snapshot__c', 'Snapshot_Key__c'],
    ] as const) {
      const f = field(object, name);
      expect([
        f.child('type')?.text,
        f.child('externalId')?.text,
        f.child('unique')?.text,
        f.child('length')?.text,
      ]).toEqual(['Text', 'true', 'true', '255']);
    }
    expect(field('Lead', 'Ringback_Created__c').child('type')?.text).toBe('Checkbox');
    const lookup = field('Ringback_Recovery_Snapshot__c', 'Location__c');
    expect([lookup.child('type')?.text, lookup.child('referenceTo')?.text]).toEqual(['Lookup', 'Ringback_Location__c']);
    for (const rate of ['Attempt', 'SLA_Met', 'Contact', 'Booking', 'Revenue', 'Recovery']) {
      expect(field('Ringback_Recovery_Snapshot__c', `${rate}_Rate__c`).child('type')?.text).toBe('Percent');
      expect(schema.get('Ringback_Recovery_Snapshot__c')!.has(`${rate}_Rank_Account__c`)).toBe(true);
      expect(schema.get('Ringback_Recovery_Snapshot__c')!.has(`${rate}_Rank_Vertical__c`)).toBe(true);
    }
    expect(field('Ringback_Recovery_Snapshot__c', 'Revenue__c').child('type')?.text).toBe('Currency');
  });

  it('every field an LWC imports or names exists', () => {
    for (const c of components) {
      for (const f of readdirSync(join(lwcDir, c)).filter((n) => n.endsWith('.js'))) {
        const source = read(join(lwcDir, c, f));
        for (const m of source.matchAll(/@salesforce\/schema\/(\w+)\.(\w+)/g)) {
          expect(fieldExists(m[1]!, m[2]!), `${c}/${f}: ${m[1]}.${m[2]}`).toBe(true);
        }
        for (const m of source.matchAll(/\b(\w+__c)\b/g)) {
          expect(allFieldNames.has(m[1]!) || objectNames.has(m[1]!), `${c}/${f}: ${m[1]}`).toBe(true);
        }
      }
    }
  });

  it('every field in Apex SOQL and sObject constructors exists on its object', () => {
    let checked = 0;
    for (const f of apex) {
      const source = read(f).replace(/\/\/.*$/gm, '');
      for (const q of source.matchAll(/\[\s*SELECT\s+([\s\S]+?)\s+FROM\s+(\w+)([\s\S]*?)\]/gi)) {
        const object = q[2]!;
        const clauses = `${q[1]} ${q[3]}`.replace(/:\s*[\w.()]+/g, ' ').replace(/'[^']*'/g, ' ');
        for (const token of clauses.match(/\b[A-Za-z_]\w*\b/g) ?? []) {
          if (SOQL_WORDS.has(token.toUpperCase()) || /^\d/.test(token)) continue;
          if (!/^[A-Z]/.test(token)) continue; // aliases and bind variables are lower camel case here
          expect(fieldExists(object, token), `${basename(f)}: ${object}.${token}`).toBe(true);
          checked++;
        }
      }
      for (const c of source.matchAll(/new\s+(\w+)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
        const object = c[1]!;
        if (!objectNames.has(object) && !STANDARD[object]) continue;
        for (const a of c[2]!.matchAll(/(\w+)\s*=(?!=)/g)) {
          expect(fieldExists(object, a[1]!), `${basename(f)}: new ${object}(${a[1]})`).toBe(true);
          checked++;
        }
      }
      for (const m of source.matchAll(/\b(\w+__c)\b/g)) {
        expect(allFieldNames.has(m[1]!) || objectNames.has(m[1]!), `${basename(f)}: ${m[1]}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('every field the snapshot sync and the Salesforce writer send exists', () => {
    const dirs = ['server/src/salesforce-sync', 'server/src/crm/salesforce'].map((d) => join(ROOT, d));
    const sources = dirs.flatMap((d) => {
      try {
        return walk(d).filter((p) => p.endsWith('.ts') && !p.endsWith('.test.ts'));
      } catch {
        return []; // a folder another engineer has not written yet
      }
    });
    expect(sources.length).toBeGreaterThan(0);
    for (const f of sources) {
      // Names built in template strings (`${stem}_Rate__c`) are checked below through real records.
      for (const m of read(f).matchAll(/(?<![\w}])([A-Za-z]\w*__c)\b/g)) {
        expect(allFieldNames.has(m[1]!) || objectNames.has(m[1]!), `${relative(ROOT, f)}: ${m[1]}`).toBe(true);
      }
    }
    const location = { id: 'phoenix', name: 'Phoenix', timezone: 'America/Phoenix', vertical: 'hvac' };
    const figures = { ...recoveryFigures(emptyCounts(), null), missed: 1 };
    const snapshot = snapshotRecord(
      { location, date: '2026-11-01', figures, accountRanks: nullRanks(), verticalRanks: nullRanks() },
      'a01',
    );
    for (const [object, record] of [
      [LOCATION_OBJECT, locationRecord(location)],
      [SNAPSHOT_OBJECT, snapshot],
    ] as const) {
      for (const field of Object.keys(record)) expect(fieldExists(object, field), `${object}.${field}`).toBe(true);
    }
    expect(Object.keys(snapshot).length).toBe(schema.get(SNAPSHOT_OBJECT)!.size + 1); // every package field, and Name
  });

  it('permission sets, layouts, list views and the report type name real fields', () => {
    for (const f of xmlFiles.filter((p) => p.endsWith('.permissionset-meta.xml'))) {
      for (const ref of texts(xml(f), 'fieldPermissions/field')) {
        const [object, field] = ref.split('.') as [string, string];
        expect(schema.get(object)?.has(field), `${basename(f)}: ${ref}`).toBe(true);
        const def = xml(
          join(
            SRC,
            'objects',
            object === 'Task' || object === 'Event' ? 'Activity' : object,
            'fields',
            `${field}.field-meta.xml`,
          ),
        );
        expect(def.child('required')?.text, `${ref} must not be required to carry field permissions`).not.toBe('true');
      }
      for (const object of texts(xml(f), 'objectPermissions/object'))
        expect(objectNames.has(object), object).toBe(true);
      for (const cls of texts(xml(f), 'classAccesses/apexClass'))
        expect(existsFile(`classes/${cls}.cls`), cls).toBe(true);
      for (const p of texts(xml(f), 'externalCredentialPrincipalAccesses/externalCredentialPrincipal')) {
        const [credential, principal] = p.split('-') as [string, string];
        const ec = xml(join(SRC, 'externalCredentials', `${credential}.externalCredential-meta.xml`));
        const principals = ec
          .all('externalCredentialParameters')
          .filter((e) => e.child('parameterType')?.text === 'NamedPrincipal');
        expect(principals.map((e) => e.child('parameterName')?.text)).toContain(principal);
      }
    }
    for (const f of xmlFiles.filter((p) => p.endsWith('.layout-meta.xml'))) {
      const object = basename(f).split('-')[0]!;
      for (const field of texts(xml(f), 'layoutSections/layoutColumns/layoutItems/field'))
        expect(fieldExists(object, field), `${basename(f)}: ${field}`).toBe(true);
      for (const rl of xml(f).all('relatedLists')) {
        const [child, lookup] = rl.child('relatedList')!.text.split('.') as [string, string];
        expect(fieldExists(child, lookup), `${basename(f)}: ${child}.${lookup}`).toBe(true);
        for (const field of texts(rl, 'fields').filter((n) => n !== 'NAME'))
          expect(fieldExists(child, field), field).toBe(true);
      }
    }
    for (const f of xmlFiles.filter((p) => p.endsWith('.listView-meta.xml'))) {
      const object = basename(dirname(dirname(f)));
      for (const column of texts(xml(f), 'columns').filter((n) => n !== 'NAME'))
        expect(fieldExists(object, column), `${object}: ${column}`).toBe(true);
    }
    for (const f of xmlFiles.filter((p) => p.endsWith('.reportType-meta.xml'))) {
      const base = xml(f).child('baseObject')!.text;
      const relationship = xml(f).child('join')!.child('relationship')!.text;
      const childField = xmlFiles
        .filter((p) => p.endsWith('.field-meta.xml'))
        .find(
          (p) =>
            xml(p).child('referenceTo')?.text === base &&
            `${xml(p).child('relationshipName')?.text}__r` === relationship,
        );
      const child = childField && basename(dirname(dirname(childField)));
      expect(child, `${relationship} is a child relationship of ${base}`).toBeDefined();
      for (const column of xml(f).all('sections/columns')) {
        const object = column.child('table')!.text === base ? base : child!;
        expect(fieldExists(object, column.child('field')!.text), `${object}.${column.child('field')!.text}`).toBe(true);
      }
    }
  });

  it('pages, tabs and the app point at components, pages and tabs that exist', () => {
    const exposed = new Map(components.map((c) => [c, xml(join(lwcDir, c, `${c}.js-meta.xml`))]));
    for (const f of xmlFiles.filter((p) => p.endsWith('.flexipage-meta.xml'))) {
      const page = xml(f);
      const type = page.child('type')!.text;
      for (const name of texts(page, 'flexiPageRegions/itemInstances/componentInstance/componentName').filter(
        (n) => !n.includes(':'),
      )) {
        const meta = exposed.get(name);
        expect(meta?.child('isExposed')?.text, `${basename(f)} uses exposed ${name}`).toBe('true');
        const target = type === 'AppPage' ? 'lightning__AppPage' : 'lightning__RecordPage';
        expect(texts(meta!, 'targets/target')).toContain(target);
        if (type === 'RecordPage') {
          expect(texts(meta!, 'targetConfigs/targetConfig/objects/object')).toContain(page.child('sobjectType')!.text);
        }
      }
    }
    for (const f of xmlFiles.filter((p) => p.endsWith('.tab-meta.xml'))) {
      const page = xml(f).child('flexiPage')?.text;
      if (page) expect(existsFile(`flexipages/${page}.flexipage-meta.xml`), page).toBe(true);
      else expect(objectNames.has(basename(f).replace('.tab-meta.xml', ''))).toBe(true);
    }
    for (const f of xmlFiles.filter((p) => p.endsWith('.app-meta.xml'))) {
      for (const tab of texts(xml(f), 'tabs').filter((t) => !t.startsWith('standard-')))
        expect(existsFile(`tabs/${tab}.tab-meta.xml`), tab).toBe(true);
      for (const page of texts(xml(f), 'actionOverrides/content'))
        expect(existsFile(`flexipages/${page}.flexipage-meta.xml`), page).toBe(true);
    }
    const named = xml(join(SRC, 'namedCredentials/Ringback_Backend.namedCredential-meta.xml'));
    expect(
      named
        .all('namedCredentialParameters')
        .map((p) => p.child('externalCredential')?.text)
        .filter(Boolean),
    ).toEqual(['Ringback_Backend']);
    const header = xml(join(SRC, 'externalCredentials/Ringback_Backend.externalCredential-meta.xml'))
      .all('externalCredentialParameters')
      .find((p) => p.child('parameterType')?.text === 'AuthHeader');
    expect(header?.child('parameterName')?.text).toBe('Authorization');
    expect(header?.child('parameterValue')?.text).toBe("{!'Bearer ' & $Credential.Ringback_Backend.AccountToken}");
    for (const f of apex)
      for (const m of read(f).matchAll(/callout:(\w+)/g))
        expect(existsFile(`namedCredentials/${m[1]}.namedCredential-meta.xml`)).toBe(true);
  });

  it('the LWC compiler accepts every component', () => {
    expect(components.length).toBeGreaterThanOrEqual(6);
    for (const c of components) {
      const dir = join(lwcDir, c);
      const apiVersion = Number(sourceApiVersion);
      for (const f of readdirSync(dir).filter((n) => /\.(js|html|css)$/.test(n))) {
        const result = transformSync(read(join(dir, f)), f, { name: c, namespace: 'c', apiVersion });
        expect(result.code.length, `${c}/${f}`).toBeGreaterThan(0);
        const problems = (result.warnings ?? []).filter(
          (w) => (w as { level?: number }).level !== undefined && (w as { level: number }).level <= 1,
        );
        expect(problems, `${c}/${f}`).toEqual([]);
      }
      expect(existsFile(`lwc/${c}/${c}.js`), `${c} has its module`).toBe(true);
    }
  });

  it('keeps jest tests out of deployments', () => {
    expect(read(join(PKG, '.forceignore'))).toMatch(/\*\*\/__tests__\/\*\*/);
  });
});

function existsFile(path: string): boolean {
  try {
    return statSync(join(SRC, path)).isFile();
  } catch {
    return false;
  }
}

const SOQL_WORDS = new Set(
  'SELECT FROM WHERE AND OR NOT IN LIKE NULL TRUE FALSE LIMIT ORDER BY ASC DESC NULLS FIRST LAST GROUP HAVING WITH USER_MODE SYSTEM_MODE SECURITY_ENFORCED COUNT SUM AVG MIN MAX COUNT_DISTINCT OFFSET TODAY YESTERDAY'.split(
    ' ',
  ),
);
