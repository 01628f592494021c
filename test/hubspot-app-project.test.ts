/**
 * The HubSpot project in this repository passes the offline validator (project-parsing-lib plus the
 * documented component rules), and the validator catches each mistake it claims to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syncSharedCopies, validateHubSpotProject } from '../scripts/validate-hubspot-project.ts';

const ROOT = resolve(import.meta.dirname, '..');
const dirs: string[] = [];

/** A copy of the project (hsproject.json + hubspot-app/ without node_modules) to break on purpose. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbt-hsproj-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'hsproject.json'), join(dir, 'hsproject.json'));
  cpSync(join(ROOT, 'hubspot-app'), join(dir, 'hubspot-app'), { recursive: true, filter: (src) => !src.includes('node_modules') });
  return dir;
}
const edit = (dir: string, rel: string, change: (j: any) => void) => {
  const path = join(dir, 'hubspot-app', rel);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  writeFileSync(path, JSON.stringify(json));
};
const addCard = (dir: string, name: string, config: Record<string, unknown>, uid = name) => {
  writeFileSync(join(dir, 'hubspot-app/app/cards', `${name}-hsmeta.json`), JSON.stringify({ uid, type: 'card', config }));
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('HubSpot project', () => {
  it('is valid: app and webhooks parse on platform 2026.03 under every profile', async () => {
    const report = await validateHubSpotProject(ROOT);
    expect(report.errors).toEqual([]);
    expect(report.components.ringback_app).toBe('app');
    expect(report.components.ringback_webhooks).toBe('webhooks');
    expect(report.profiles.sort()).toEqual(['dev', 'prod']);
  });

  it('declares the contact card on contact tab and sidebar, the location card on companies, the pages and the settings', async () => {
    const { components } = await validateHubSpotProject(ROOT);
    expect(components).toMatchObject({
      ringback_contact_recovery: 'card',
      ringback_contact_recovery_sidebar: 'card',
      ringback_location_recovery: 'card',
      ringback_pages: 'pages',
      ringback_settings: 'settings',
    });
    const config = (rel: string) => JSON.parse(readFileSync(join(ROOT, 'hubspot-app/app', rel), 'utf8')).config;
    expect(config('cards/contact-recovery-hsmeta.json')).toMatchObject({ location: 'crm.record.tab', objectTypes: ['contacts'], entrypoint: '/app/cards/ContactRecovery.tsx' });
    expect(config('cards/contact-recovery-sidebar-hsmeta.json')).toMatchObject({ location: 'crm.record.sidebar', objectTypes: ['contacts'], entrypoint: '/app/cards/ContactRecovery.tsx' });
    expect(config('cards/location-recovery-hsmeta.json')).toMatchObject({ location: 'crm.record.tab', objectTypes: ['companies'], entrypoint: '/app/cards/LocationRecovery.tsx' });
    expect(config('pages/pages-hsmeta.json')).toEqual({ entrypoint: '/app/pages/Pages.tsx' });
    expect(config('settings/settings-hsmeta.json')).toEqual({ entrypoint: '/app/settings/Settings.tsx' });
  });

  it('keeps the shared client code copied verbatim into each extension point, and imports inside it', async () => {
    const dir = copyProject();
    const app = join(dir, 'hubspot-app/app');
    writeFileSync(join(app, 'pages/lib/api.ts'), readFileSync(join(app, 'pages/lib/api.ts'), 'utf8') + '\n// local tweak\n');
    writeFileSync(join(app, 'settings/lib/extra.ts'), 'export const x = 1;\n');
    rmSync(join(app, 'settings/lib/format.ts'));
    const dashboard = join(app, 'pages/Dashboard.tsx');
    writeFileSync(dashboard, readFileSync(dashboard, 'utf8').replace("from './lib/format.ts'", "from '../cards/lib/format.ts'"));
    let { errors } = await validateHubSpotProject(dir);
    expect(errors).toEqual([
      'app/pages/lib/api.ts differs from app/cards/lib/api.ts: edit the source, then run with --sync-shared',
      'app/settings/lib/format.ts is missing (a copy of app/cards/lib/format.ts; run with --sync-shared)',
      'app/settings/lib/extra.ts has no source in app/cards/lib/ (shared code is edited there)',
    ]);
    expect(syncSharedCopies(join(dir, 'hubspot-app')).sort()).toEqual([
      'app/pages/lib/api.ts',
      'app/settings/lib/extra.ts (removed)',
      'app/settings/lib/format.ts',
    ]);
    ({ errors } = await validateHubSpotProject(dir));
    expect(errors).toEqual(
      ['dev', 'prod'].map(
        (p) =>
          `profile ${p}: app/pages/pages-hsmeta.json: entrypoint /app/pages/Pages.tsx: app/pages/Dashboard.tsx imports ../cards/lib/format.ts, outside app/pages/ (HubSpot packages each extension point on its own)`,
      ),
    );
  });

  it('catches a pages component with a location, a page off "home", a missing package.json and an entrypoint that never registers', async () => {
    const dir = copyProject();
    edit(dir, 'app/pages/pages-hsmeta.json', (j) => (j.config.location = 'home'));
    rmSync(join(dir, 'hubspot-app/app/settings/package.json'));
    writeFileSync(join(dir, 'hubspot-app/app/cards/Quiet.tsx'), 'export function Quiet() { return null; }');
    addCard(dir, 'quiet', { name: 'Quiet', location: 'crm.record.tab', objectTypes: ['deals'], entrypoint: '/app/cards/Quiet.tsx' });
    let { errors } = await validateHubSpotProject(dir);
    let text = errors.join('\n');
    expect(text).toMatch(/pages-hsmeta.json: unexpected config field location: a pages component takes only entrypoint/);
    expect(text).toMatch(/settings-hsmeta.json: app\/settings\/ has no package.json/);
    expect(text).toMatch(/quiet-hsmeta.json: entrypoint \/app\/cards\/Quiet.tsx never calls hubspot.extend/);
    expect(text).not.toMatch(/ContactRecovery.tsx never calls/);

    edit(dir, 'app/pages/pages-hsmeta.json', (j) => {
      j.type = 'page';
      j.config.location = 'sidebar';
    });
    ({ errors } = await validateHubSpotProject(dir));
    text = errors.join('\n');
    expect(text).toMatch(/pages-hsmeta.json: location must be "home" for a page component/);
  });

  it('resolves the backend origin from the profile into redirect, fetch and webhook URLs', () => {
    const app = readFileSync(join(ROOT, 'hubspot-app/app/app-hsmeta.json'), 'utf8');
    expect(JSON.parse(app).config.auth.redirectUrls).toEqual(['${RINGBACK_ORIGIN}/oauth/hubspot/callback']);
    expect(JSON.parse(app).config.permittedUrls.fetch).toEqual(['${RINGBACK_ORIGIN}']);
    const prod = JSON.parse(readFileSync(join(ROOT, 'hubspot-app/hsprofile.prod.json'), 'utf8'));
    expect(prod.variables.RINGBACK_ORIGIN).toMatch(/^https:\/\/[^/]+$/);
  });

  it('catches duplicate uids, unknown types, misplaced files and unknown card locations', async () => {
    const dir = copyProject();
    mkdirSync(join(dir, 'hubspot-app/app/cards'), { recursive: true });
    writeFileSync(join(dir, 'hubspot-app/app/cards/Card.tsx'), 'export {};');
    addCard(dir, 'dup', { name: 'Dup', location: 'crm.record.tab', objectTypes: ['contacts'], entrypoint: '/app/cards/Card.tsx' }, 'ringback_app');
    addCard(dir, 'where', { name: 'Where', location: 'crm.dashboard', objectTypes: ['contacts'], entrypoint: '/app/cards/Card.tsx' });
    writeFileSync(join(dir, 'hubspot-app/app/webhooks/odd-hsmeta.json'), JSON.stringify({ uid: 'odd', type: 'widget', config: {} }));
    writeFileSync(join(dir, 'hubspot-app/app/cards/misplaced-hsmeta.json'), JSON.stringify({ uid: 'misplaced', type: 'settings', config: { entrypoint: '/app/settings/S.tsx' } }));
    const { errors } = await validateHubSpotProject(dir);
    expect(errors.join('\n')).toMatch(/uid ringback_app is also used by app\/app-hsmeta.json/);
    expect(errors.join('\n')).toMatch(/unknown component type "widget"/);
    expect(errors.join('\n')).toMatch(/misplaced-hsmeta.json: a settings component belongs in app\/settings\//);
  });

  it('catches card entrypoints that do not exist, bad object types and locations', async () => {
    const dir = copyProject();
    writeFileSync(join(dir, 'hubspot-app/app/cards/Real.tsx'), 'export {};');
    addCard(dir, 'ghost', { name: 'Ghost', location: 'crm.record.tab', objectTypes: ['contacts'], entrypoint: '/app/cards/Ghost.tsx' });
    addCard(dir, 'things', { name: 'Things', location: 'crm.record.sidebar', objectTypes: ['widgets'], entrypoint: '/app/cards/Real.tsx' });
    addCard(dir, 'place', { name: 'Place', location: 'crm.dashboard', objectTypes: ['contacts'], entrypoint: '/app/cards/Real.tsx' });
    const { errors } = await validateHubSpotProject(dir);
    const text = errors.join('\n');
    expect(text).toMatch(/ghost-hsmeta.json: entrypoint \/app\/cards\/Ghost.tsx does not exist/);
    expect(text).toMatch(/things-hsmeta.json: objectTypes: unknown object type widgets/);
    expect(text).toMatch(/place-hsmeta.json: location must be one of/);
    // Each is reported once per profile.
    expect(errors.filter((e) => e.includes('Ghost.tsx'))).toHaveLength(2);
  });

  it('catches a marketplace app without OAuth, non-https URLs and undefined profile variables', async () => {
    const dir = copyProject();
    edit(dir, 'app/app-hsmeta.json', (j) => {
      j.config.auth.type = 'static';
      j.config.permittedUrls.fetch.push('${BACKEND_TYPO}');
    });
    let { errors } = await validateHubSpotProject(dir);
    expect(errors).toContain('hsprofile.prod.json: variable BACKEND_TYPO is used by a component but not defined');
    edit(dir, 'app/app-hsmeta.json', (j) => j.config.permittedUrls.fetch.pop());
    edit(dir, 'hsprofile.prod.json', (j) => (j.variables.RINGBACK_ORIGIN = 'http://localhost:3000'));
    ({ errors } = await validateHubSpotProject(dir));
    const text = errors.join('\n');
    expect(text).toMatch(/profile prod: app\/app-hsmeta.json: a marketplace app needs auth.type "oauth"/);
    expect(text).toMatch(/profile prod: app\/app-hsmeta.json: permittedUrls.fetch\[0\] must be an https URL/);
    expect(text).toMatch(/profile prod: app\/webhooks\/webhooks-hsmeta.json: settings.targetUrl must be an https URL/);
    expect(text).not.toMatch(/profile dev: .*https/);
  });

  it('catches webhook subscriptions without a property or with an unknown event, and unparseable files', async () => {
    const dir = copyProject();
    edit(dir, 'app/webhooks/webhooks-hsmeta.json', (j) => {
      j.config.subscriptions.crmObjects.push({ subscriptionType: 'object.propertyChange', objectType: 'deal', active: true });
      j.config.subscriptions.crmObjects.push({ subscriptionType: 'deal.stageChange', objectType: 'deal', active: true });
    });
    let { errors } = await validateHubSpotProject(dir);
    expect(errors.join('\n')).toMatch(/crmObjects\[9\].propertyName: required for property changes/);
    expect(errors.join('\n')).toMatch(/crmObjects\[10\].subscriptionType: object.\* event type/);
    writeFileSync(join(dir, 'hubspot-app/app/webhooks/webhooks-hsmeta.json'), '{ "uid": ');
    ({ errors } = await validateHubSpotProject(dir));
    expect(errors.join('\n')).toMatch(/webhooks-hsmeta.json: not valid JSON/);
  });
});
