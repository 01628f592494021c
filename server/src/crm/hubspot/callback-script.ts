/**
 * What a rep says when calling a missed caller back, by the location's vertical: an opener that owns
 * the missed call, the two or three questions that qualify the job, and the booking close. Plain
 * data so a vertical is one entry; the task body renders it with what the call told us.
 */

export interface CallbackScript {
  label: string;
  opener: string;
  questions: string[];
  close: string;
}

const GENERIC: CallbackScript = {
  label: 'General',
  opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when} and wanted to get right back to you. How can we help?',
  questions: ['What can we help you with today?', 'How soon do you need us?', 'What is the best address and time to reach you?'],
  close: 'Offer the first available appointment and confirm it back, with the best number to reach them.',
};

export const CALLBACK_SCRIPTS: Record<string, CallbackScript> = {
  hvac: {
    label: 'HVAC',
    opener: 'Hi {name}, this is [your name] from {location}. Sorry we missed your call {when} — are you without heating or cooling right now?',
    questions: [
      'Is the system not running at all, running but not cooling/heating, or making a noise?',
      'Roughly how old is the unit, and have we serviced it before?',
      'Is anyone at home vulnerable to the heat or cold (elderly, infants)? If so, treat it as an emergency visit.',
    ],
    close: 'Offer the next technician window today; for no heat/no cooling offer the emergency slot. Confirm the address and gate/pet notes.',
  },
  plumbing: {
    label: 'Plumbing',
    opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when} — is there water leaking right now?',
    questions: [
      'If water is leaking: do you know where the main shut-off valve is? Walk them through closing it.',
      'Which fixture is affected (toilet, sink, water heater, sewer line), and how long has it been happening?',
      'Is this a house or an apartment, and do you own the property?',
    ],
    close: 'Book the first available plumber; active leaks and sewer backups go to the emergency slot.',
  },
  electrical: {
    label: 'Electrical',
    opener: 'Hi {name}, this is [your name] from {location}. Sorry we missed your call {when}. Is anything sparking, smoking or without power?',
    questions: [
      'If there is burning smell or sparking: advise switching off the breaker and keeping clear — emergency visit.',
      'Is the problem one outlet or room, or the whole property?',
      'Is this a repair, or new work (panel upgrade, EV charger, lighting)?',
    ],
    close: 'Book an electrician visit; quote the diagnostic fee up front.',
  },
  roofing: {
    label: 'Roofing',
    opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when} — is water coming in right now?',
    questions: ['Is this storm damage, a leak, or a replacement quote?', 'How old is the roof and what material is it?', 'Do you plan to file an insurance claim?'],
    close: 'Book a free inspection; active leaks get a tarp visit first.',
  },
  dental: {
    label: 'Dental',
    opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when} — are you in any pain right now?',
    questions: [
      'If in pain or swelling: how long, and how bad from 1 to 10? Offer a same-day emergency visit.',
      'Are you a current patient with us, or would this be your first visit?',
      'Which dental insurance do you have, if any?',
    ],
    close: 'Offer the next opening (same day for pain); new patients: a new-patient exam and cleaning.',
  },
  medical: {
    label: 'Medical',
    opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when}. How can we help you today?',
    questions: [
      'If symptoms sound urgent (chest pain, trouble breathing), advise calling emergency services now.',
      'Are you an established patient, and which provider do you see?',
      'Which insurance plan do you have?',
    ],
    close: 'Offer the first appointment with their provider or the next available one.',
  },
  legal: {
    label: 'Legal',
    opener: 'Hi {name}, this is [your name] from {location}. Sorry we missed your call {when}. Are you calling about a new matter?',
    questions: ['What kind of matter is it, and is there a deadline or court date coming up?', 'Has anyone else been hired on this matter?', 'Where did it happen (jurisdiction)?'],
    close: 'Book a consultation with an attorney; check conflicts before sharing details.',
  },
  automotive: {
    label: 'Automotive',
    opener: 'Hi {name}, this is [your name] from {location}. We missed your call {when} — is the vehicle drivable?',
    questions: ['What is the year, make and model?', 'What is it doing (warning light, noise, no start)?', 'Do you need a tow or a loaner?'],
    close: 'Book a drop-off slot; offer a tow if it is not drivable.',
  },
};

const ALIASES: Record<string, string> = {
  heating: 'hvac',
  cooling: 'hvac',
  'home services': 'hvac',
  dentist: 'dental',
  dentistry: 'dental',
  orthodontics: 'dental',
  clinic: 'medical',
  healthcare: 'medical',
  law: 'legal',
  'law firm': 'legal',
  auto: 'automotive',
  'auto repair': 'automotive',
  electrician: 'electrical',
  roofer: 'roofing',
  plumber: 'plumbing',
};

export function scriptFor(vertical: string | null): CallbackScript {
  if (!vertical) return GENERIC;
  const v = vertical.trim().toLowerCase();
  return CALLBACK_SCRIPTS[v] ?? CALLBACK_SCRIPTS[ALIASES[v] ?? ''] ?? GENERIC;
}
