export * from './call-event.ts';
export * from './policy.ts';
