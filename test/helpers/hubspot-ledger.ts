/**
 * What a HubSpot emulator holds for Ringback's cases, checked against contract §6 "Never twice":
 * each non-spam case has one contact (created by Ringback or found), one call and one task keyed
 * `rb:<case>:call` / `rb:<case>:task` and associated to that contact; a repeat dial has only its own
 * call (`rb:<case>:repeat_call`) on its parent's contact; spam has nothing. Returns every breach as a
 * sentence, so a scenario can print them and fail on any.
 */
import type { EmulatorState } from '../../emulators/src/hubspot/index.ts';
import type { Ledger, LedgerCase } from './crm-traffic.ts';

export interface HubSpotLedger extends Ledger {
  calls: number;
  tasks: number;
  /** Contacts Ringback created (`ringback_created`). */
  contactsCreated: number;
  /** Emulator record ids (creation order) of each case's call and task, for order checks. */
  recordIds: Map<string, { call: number | null; task: number | null }>;
}

/** Contacts that existed before the scenario, by the caller number they hold. */
export type KnownContacts = Map<string, string>;

export function hubspotLedger(
  state: EmulatorState,
  portalId: number,
  cases: LedgerCase[],
  known: KnownContacts = new Map(),
): HubSpotLedger {
  const byKey = (type: string) => {
    const map = new Map<string, string[]>();
    for (const o of state.listObjects(portalId, type)) {
      const key = o.properties.ringback_key;
      if (key) map.set(key, [...(map.get(key) ?? []), o.id]);
    }
    return map;
  };
  const calls = byKey('calls');
  const tasks = byKey('tasks');
  const contacts = state.listObjects(portalId, 'contacts');
  const created = contacts.filter((c) => c.properties.ringback_created === 'true');
  const problems: string[] = [];
  for (const [key, ids] of [...calls, ...tasks])
    if (ids.length > 1) problems.push(`${ids.length} records carry ${key}`);

  // One contact per caller: the one that was there before, or a single one Ringback created.
  const contactOf = new Map<string, string>();
  const callers = new Set(cases.filter((c) => !c.spam && c.callerE164).map((c) => c.callerE164!));
  for (const caller of callers) {
    const holding = contacts.filter((c) => c.properties.phone === caller);
    const expected = known.get(caller);
    if (expected) {
      if (holding.length !== 1 || holding[0]!.id !== expected)
        problems.push(`caller ${caller}: known contact ${expected}, but ${holding.length} contacts hold the number`);
      contactOf.set(caller, expected);
    } else if (holding.length !== 1) {
      problems.push(`caller ${caller}: ${holding.length} contacts instead of one`);
    } else {
      contactOf.set(caller, holding[0]!.id);
    }
  }

  const associated = (type: string, id: string, contactId: string) =>
    state.listAssociations(portalId, type, id, 'contacts').some((a) => a.toObjectId === contactId);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const recordIds = new Map<string, { call: number | null; task: number | null }>();
  let written = 0;
  for (const c of cases) {
    const before = problems.length;
    const callKey = c.repeatOf ? `rb:${c.id}:repeat_call` : `rb:${c.id}:call`;
    const call = calls.get(callKey) ?? [];
    const task = tasks.get(`rb:${c.id}:task`) ?? [];
    recordIds.set(c.id, { call: call[0] ? Number(call[0]) : null, task: task[0] ? Number(task[0]) : null });
    if (c.spam) {
      if (call.length + task.length > 0) problems.push(`spam case ${c.id} has CRM records`);
      continue;
    }
    // A repeat dial's call goes on its parent's person; the parent's caller is the same number.
    const contactId = contactOf.get(c.callerE164 ?? '');
    if (call.length !== 1) problems.push(`case ${c.id}: ${call.length} call records`);
    if (c.repeatOf) {
      if (task.length !== 0) problems.push(`repeat case ${c.id}: ${task.length} tasks`);
      if (!byId.has(c.repeatOf)) problems.push(`repeat case ${c.id}: parent ${c.repeatOf} is not among the cases`);
    } else {
      if (task.length !== 1) problems.push(`case ${c.id}: ${task.length} task records`);
      if (c.crmTaskId !== (task[0] ?? null))
        problems.push(`case ${c.id}: task id ${c.crmTaskId} on the case, ${task[0]} in HubSpot`);
    }
    if (c.crmCallId !== (call[0] ?? null))
      problems.push(`case ${c.id}: call id ${c.crmCallId} on the case, ${call[0]} in HubSpot`);
    if (contactId) {
      if (c.crmContactId !== contactId)
        problems.push(`case ${c.id}: contact ${c.crmContactId} on the case, ${contactId} in HubSpot`);
      if (call[0] && !associated('calls', call[0], contactId))
        problems.push(`case ${c.id}: call not associated to contact ${contactId}`);
      if (task[0] && !associated('tasks', task[0], contactId))
        problems.push(`case ${c.id}: task not associated to contact ${contactId}`);
    }
    if (problems.length === before) written++;
  }
  const expectedCalls = cases.filter((c) => !c.spam).length;
  const expectedTasks = cases.filter((c) => !c.spam && !c.repeatOf).length;
  const keyedCalls = [...calls.values()].flat().length;
  const keyedTasks = [...tasks.values()].flat().length;
  if (keyedCalls !== expectedCalls) problems.push(`${keyedCalls} Ringback calls in HubSpot for ${expectedCalls} cases`);
  if (keyedTasks !== expectedTasks) problems.push(`${keyedTasks} Ringback tasks in HubSpot for ${expectedTasks} cases`);
  const newCallers = [...callers].filter((caller) => !known.has(caller)).length;
  if (created.length !== newCallers) problems.push(`${created.length} contacts created for ${newCallers} new callers`);
  return {
    written,
    calls: keyedCalls,
    tasks: keyedTasks,
    contactsCreated: created.length,
    problems,
    recordIds,
    summary: `calls ${keyedCalls}, tasks ${keyedTasks}, contacts created ${created.length}`,
  };
}
