// HubSpot-defined association type ids (Associations v4 "association type id values"; the same numbers as
// @hubspot/api-client's AssociationTypes enum). Each id is directional; `inverse` is the id HubSpot records
// for the other direction of the same link.

export interface AssociationTypeDef {
  typeId: number;
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  fromObjectTypeId: string;
  toObjectTypeId: string;
  /** null for the unlabeled default; "Primary" etc. for HubSpot's labeled types. */
  label: string | null;
  inverse: number;
}

const C = '0-1'; // contact
const CO = '0-2'; // company
const D = '0-3'; // deal
const T = '0-5'; // ticket
const CALL = '0-48';
const TASK = '0-27';
const MEETING = '0-47';
const NOTE = '0-46';

// [typeId, from, to, inverse, label?]
const PAIRS: Array<[number, string, string, number, string?]> = [
  [279, C, CO, 280],
  [1, C, CO, 2, 'Primary'],
  [4, C, D, 3],
  [15, C, T, 16],
  [193, C, CALL, 194],
  [199, C, MEETING, 200],
  [201, C, NOTE, 202],
  [203, C, TASK, 204],
  [449, C, C, 449],
  [342, CO, D, 341],
  [6, CO, D, 5, 'Primary'],
  [340, CO, T, 339],
  [25, CO, T, 26, 'Primary'],
  [181, CO, CALL, 182],
  [187, CO, MEETING, 188],
  [189, CO, NOTE, 190],
  [191, CO, TASK, 192],
  [450, CO, CO, 450],
  [13, CO, CO, 14, 'Parent Company'],
  [27, D, T, 28],
  [205, D, CALL, 206],
  [211, D, MEETING, 212],
  [213, D, NOTE, 214],
  [215, D, TASK, 216],
  [451, D, D, 451],
  [219, T, CALL, 220],
  [225, T, MEETING, 226],
  [227, T, NOTE, 228],
  [229, T, TASK, 230],
  [452, T, T, 452],
  [399, CALL, MEETING, 400],
];

function build(): AssociationTypeDef[] {
  const defs: AssociationTypeDef[] = [];
  for (const [typeId, from, to, inverse, label] of PAIRS) {
    defs.push({
      typeId,
      category: 'HUBSPOT_DEFINED',
      fromObjectTypeId: from,
      toObjectTypeId: to,
      label: label ?? null,
      inverse,
    });
    if (inverse !== typeId) {
      const inverseLabel = label === 'Parent Company' ? 'Child Company' : (label ?? null);
      defs.push({
        typeId: inverse,
        category: 'HUBSPOT_DEFINED',
        fromObjectTypeId: to,
        toObjectTypeId: from,
        label: inverseLabel,
        inverse: typeId,
      });
    }
  }
  return defs;
}

export const HUBSPOT_DEFINED_ASSOCIATION_TYPES: readonly AssociationTypeDef[] = build();
