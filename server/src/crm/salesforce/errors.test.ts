import { describe, expect, it } from 'vitest';
import { recordError, requestError, troubleOf } from './errors.ts';

describe('Salesforce errors', () => {
  it('tells owner, person and key troubles from the rest', () => {
    expect(troubleOf({ errorCode: 'INACTIVE_OWNER_OR_USER', message: 'x', fields: [] }, true)).toBe('owner');
    expect(troubleOf({ errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'x', fields: ['OwnerId'] }, true)).toBe(
      'owner',
    );
    expect(troubleOf({ errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'x', fields: ['WhoId'] }, true)).toBe(
      'person',
    );
    expect(troubleOf({ errorCode: 'ENTITY_IS_DELETED', message: 'x', fields: ['WhoId'] }, true)).toBe('person');
    expect(troubleOf({ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'x', fields: ['WhoId'] }, false)).toBe(
      'person',
    );
    expect(
      troubleOf(
        {
          errorCode: 'DUPLICATE_VALUE',
          message: 'duplicate value found: Ringback_Key__c',
          fields: ['Ringback_Key__c'],
        },
        false,
      ),
    ).toBe('key_taken');
    expect(troubleOf({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'x', fields: ['LastName'] }, false)).toBe('fatal');
  });

  it('gives rule rejections codes that say what to fix, and never retries them', () => {
    const dup = recordError(
      {
        errorCode: 'DUPLICATES_DETECTED',
        message: 'Use one of these records?',
        duplicateResult: { matchResults: [{ matchRecords: [{ record: { Id: '00Q1' } }] }] },
      },
      'the new Lead',
    );
    expect(dup).toMatchObject({ code: 'crm_duplicate_rule', retry: { kind: 'never' } });
    expect(dup.message).toContain('00Q1');
    expect(recordError({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }, 'x')).toMatchObject({
      code: 'crm_validation_rule',
      retry: { kind: 'never' },
    });
    expect(recordError({ errorCode: 'INVALID_FIELD', message: 'No such column Ringback_Key__c' }, 'x').code).toBe(
      'crm_field_missing',
    );
    expect(recordError({ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'busy' }, 'x').retry).toEqual({ kind: 'retry' });
  });

  it('retries outages, waits out limits, and stops on dead sessions', () => {
    expect(
      requestError(
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
        { reason: 'allocation_spent', afterMs: 3000 },
      ),
    ).toMatchObject({ code: 'crm_api_limit_exceeded', retry: { kind: 'after', afterMs: 3000 } });
    expect(
      requestError(
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many' },
        { reason: 'rate_limited', afterMs: 2000 },
      ),
    ).toMatchObject({ code: 'crm_rate_limited' });
    expect(requestError({ errorCode: 'SERVER_UNAVAILABLE', message: 'x' }, null)).toMatchObject({
      code: 'crm_unavailable',
      retry: { kind: 'retry' },
    });
    expect(requestError(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }), null).code).toBe(
      'crm_unreachable',
    );
    expect(requestError({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired' }, null)).toMatchObject({
      code: 'crm_auth_expired',
      retry: { kind: 'never' },
    });
  });
});
