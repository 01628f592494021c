/**
 * Contract §6 "Who" for Salesforce, as a pure choice over what a search returned: only records with a
 * phone field that is the caller's number (any stored format; a number without a country code takes
 * the tracking number's country) count; a Contact beats a Lead; among equals the most recently
 * modified wins; a converted Lead stands for the Contact it became.
 */
import { countryOfPhone, normalizePhone, type CountryCode } from '@ringback/shared';

export const CONTACT_PHONES = ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone'] as const;
export const LEAD_PHONES = ['Phone', 'MobilePhone'] as const;

/** A Contact or Lead as search and query results give it (`attributes.type` says which). */
export interface SfPersonRecord {
  attributes?: { type?: string };
  Id: string;
  OwnerId?: string | null;
  AccountId?: string | null;
  LastModifiedDate?: string | null;
  IsConverted?: boolean | null;
  ConvertedContactId?: string | null;
  ConvertedContact?: { OwnerId?: string | null; AccountId?: string | null; LastModifiedDate?: string | null } | null;
  Ringback_Created__c?: boolean | null;
  [phone: string]: unknown;
}

export interface ChosenPerson {
  id: string;
  objectType: 'contact' | 'lead';
  ownerId: string | null;
  sfAccountId: string | null;
  /** A Lead Ringback created (`Ringback_Created__c`), found again. */
  ringbackCreated: boolean;
  /** The converted Lead this Contact was reached through, if any. */
  viaLeadId: string | null;
  otherMatches: string[];
}

interface Candidate extends Omit<ChosenPerson, 'otherMatches'> {
  modified: number;
}

export function defaultCountryFor(trackingE164: string | null): CountryCode {
  return (trackingE164 && countryOfPhone(trackingE164)) || 'US';
}

function typeOf(r: SfPersonRecord): 'Contact' | 'Lead' | null {
  const t = r.attributes?.type ?? (r.Id.startsWith('003') ? 'Contact' : r.Id.startsWith('00Q') ? 'Lead' : null);
  return t === 'Contact' || t === 'Lead' ? t : null;
}

function hasNumber(r: SfPersonRecord, fields: readonly string[], callerE164: string, country: CountryCode): boolean {
  return fields.some((f) => {
    const v = r[f];
    return typeof v === 'string' && normalizePhone(v, country) === callerE164;
  });
}

const time = (v: string | null | undefined): number => (v ? Date.parse(v.replace(/\+0000$/, 'Z')) || 0 : 0);

export function choosePerson(
  records: SfPersonRecord[],
  callerE164: string,
  trackingE164: string | null,
): ChosenPerson | null {
  const country = defaultCountryFor(trackingE164);
  const byId = new Map<string, Candidate>();
  const add = (c: Candidate) => {
    const seen = byId.get(c.id);
    if (!seen || seen.modified < c.modified)
      byId.set(c.id, { ...c, viaLeadId: c.viaLeadId ?? seen?.viaLeadId ?? null });
  };
  for (const r of records) {
    const type = typeOf(r);
    if (type === 'Contact' && hasNumber(r, CONTACT_PHONES, callerE164, country)) {
      add({
        id: r.Id,
        objectType: 'contact',
        ownerId: r.OwnerId ?? null,
        sfAccountId: r.AccountId ?? null,
        ringbackCreated: false,
        viaLeadId: null,
        modified: time(r.LastModifiedDate),
      });
    } else if (type === 'Lead' && hasNumber(r, LEAD_PHONES, callerE164, country)) {
      if (r.IsConverted && r.ConvertedContactId) {
        const contact = r.ConvertedContact ?? null;
        add({
          id: r.ConvertedContactId,
          objectType: 'contact',
          ownerId: contact?.OwnerId ?? null,
          sfAccountId: contact?.AccountId ?? null,
          ringbackCreated: false,
          viaLeadId: r.Id,
          modified: time(contact?.LastModifiedDate ?? r.LastModifiedDate),
        });
      } else if (!r.IsConverted) {
        add({
          id: r.Id,
          objectType: 'lead',
          ownerId: r.OwnerId ?? null,
          sfAccountId: null,
          ringbackCreated: r.Ringback_Created__c === true,
          viaLeadId: null,
          modified: time(r.LastModifiedDate),
        });
      }
    }
  }
  const ranked = [...byId.values()].sort(
    (a, b) =>
      (a.objectType === b.objectType ? b.modified - a.modified : a.objectType === 'contact' ? -1 : 1) ||
      a.id.localeCompare(b.id),
  );
  const best = ranked[0];
  if (!best) return null;
  const { modified: _modified, ...chosen } = best;
  return { ...chosen, otherMatches: ranked.slice(1).map((c) => c.id) };
}

/** `003…` is a Contact, `00Q…` a Lead. */
export function objectTypeOfId(id: string): 'contact' | 'lead' {
  return id.startsWith('00Q') ? 'lead' : 'contact';
}
