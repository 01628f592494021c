import { Router } from 'express';
import { auth, param } from '../http.ts';
import { propertiesOf, recordsOf, requireObjectType } from '../portal.ts';
import { toApiObject } from '../record-view.ts';
import { searchView, type RecordContext } from '../records.ts';
import { matchesFilter, matchesQuery, parseSearch, sortComparator } from '../search-engine.ts';

// POST /crm/v3/objects/{objectType}/search. Search reads the indexed versions of records, so with
// searchLagMs > 0 a fresh write is not found yet (GET by id sees it at once).

export function searchRoutes(records: RecordContext): Router {
  const r = Router();

  r.post('/v3/objects/:objectType/search', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const defs = propertiesOf(portal, type.objectTypeId);
    const search = parseSearch(req.body, defs);
    const now = records.clock();
    const visible = [...recordsOf(portal, type.objectTypeId).values()].flatMap((record) => {
      const view = searchView(record, now);
      return view && !view.archived ? [{ id: record.id, record, properties: view.properties }] : [];
    });
    const hits = visible.filter(
      (v) =>
        (search.filterGroups.length === 0 ||
          search.filterGroups.some((group) =>
            group.every((f) => matchesFilter(v.properties, f, defs.get(f.propertyName))),
          )) &&
        (search.query === null || matchesQuery(v.properties, search.query, type.searchableProperties, defs)),
    );
    hits.sort(sortComparator(search.sorts[0], defs));
    const page = hits.slice(search.offset, search.offset + search.limit);
    const body: Record<string, unknown> = {
      total: hits.length,
      results: page.map((h) =>
        toApiObject(portal, type, h.record, { properties: search.properties, sourceProperties: h.properties }),
      ),
    };
    const next = search.offset + page.length;
    if (next < hits.length && page.length > 0) body.paging = { next: { after: String(next) } };
    res.json(body);
  });

  return r;
}
