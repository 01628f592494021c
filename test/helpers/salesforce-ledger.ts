/**
 * What a Salesforce org holds for Ringback's cases, checked against contract §6 "Never twice": one
 * person per caller (the Contact that was there, or one Lead Ringback created), and per non-spam
 * case a call Task (`Ringback_Key__c` = `rb:<case>:call`, TaskSubtype Call) and a follow-up Task
 * (`rb:<case>:task`) on that person; a repeat dial only its own call Task (`rb:<case>:repeat_call`);
 * spam nothing. Returns every breach as a sentence.
 */
import type { SalesforceState } from '../../emulators/src/salesforce/index.ts';
import type { Ledger, LedgerCase } from './crm-traffic.ts';

export function salesforceLedger(
  state: SalesforceState,
  orgId: string,
  cases: LedgerCase[],
  known: Map<string, string>,
): Ledger {
  const tasks = state.records('Task', { orgId });
  const byKey = new Map<string, Array<Record<string, unknown>>>();
  for (const t of tasks) {
    const key = t['Ringback_Key__c'];
    if (typeof key === 'string' && key) byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }
  const leads = state.records('Lead', { orgId });
  const contacts = state.records('Contact', { orgId });
  const created = leads.filter((l) => l['Ringback_Created__c'] === true);
  const problems: string[] = [];

  const personOf = new Map<string, string>();
  const callers = new Set(cases.filter((c) => !c.spam && c.callerE164).map((c) => c.callerE164!));
  for (const caller of callers) {
    const holding = [...leads, ...contacts].filter((p) => p['Phone'] === caller);
    const expected = known.get(caller);
    if (expected ? holding.length !== 1 || holding[0]!['Id'] !== expected : holding.length !== 1) {
      problems.push(
        `caller ${caller}: ${holding.length} Leads and Contacts hold the number${expected ? ` (known Contact ${expected})` : ''}`,
      );
    }
    const id = expected ?? (holding.length === 1 ? String(holding[0]!['Id']) : null);
    if (id) personOf.set(caller, id);
  }

  let written = 0;
  for (const c of cases) {
    const before = problems.length;
    const call = byKey.get(c.repeatOf ? `rb:${c.id}:repeat_call` : `rb:${c.id}:call`) ?? [];
    const task = byKey.get(`rb:${c.id}:task`) ?? [];
    if (c.spam) {
      if (call.length + task.length > 0) problems.push(`spam case ${c.id} has Tasks`);
      continue;
    }
    const person = personOf.get(c.callerE164 ?? '');
    if (call.length !== 1 || call[0]!['TaskSubtype'] !== 'Call')
      problems.push(`case ${c.id}: ${call.length} call Tasks`);
    if (task.length !== (c.repeatOf ? 0 : 1)) problems.push(`case ${c.id}: ${task.length} follow-up Tasks`);
    if (c.crmCallId !== (call[0]?.['Id'] ?? null))
      problems.push(`case ${c.id}: call ${c.crmCallId} on the case, ${String(call[0]?.['Id'])} in Salesforce`);
    if (!c.repeatOf && c.crmTaskId !== (task[0]?.['Id'] ?? null))
      problems.push(`case ${c.id}: task ${c.crmTaskId} on the case, ${String(task[0]?.['Id'])} in Salesforce`);
    if (person) {
      if (c.crmContactId !== person)
        problems.push(`case ${c.id}: person ${c.crmContactId} on the case, ${person} in Salesforce`);
      for (const t of [...call, ...task])
        if (t['WhoId'] !== person)
          problems.push(`case ${c.id}: Task ${String(t['Id'])} is on ${String(t['WhoId'])}, not ${person}`);
    }
    if (problems.length === before) written++;
  }
  const keyed = [...byKey.values()].flat().length;
  const expected = cases.filter((c) => !c.spam).length + cases.filter((c) => !c.spam && !c.repeatOf).length;
  if (keyed !== expected) problems.push(`${keyed} Ringback Tasks in Salesforce for ${expected} expected`);
  const newCallers = [...callers].filter((caller) => !known.has(caller)).length;
  if (created.length !== newCallers) problems.push(`${created.length} Leads created for ${newCallers} new callers`);
  return { written, problems, summary: `Tasks ${keyed}, Leads created ${created.length}` };
}
