import { Router } from 'express';
import { notFound, validationError } from '../errors.ts';
import { auth, boolParam, intParam, param, stringParam } from '../http.ts';
import { ownerView } from '../owner-view.ts';

// Owners API: GET /crm/v3/owners (email filter, paging, archived) and GET /crm/v3/owners/{ownerId}.

export function ownerRoutes(): Router {
  const r = Router();

  r.get('/v3/owners', (req, res) => {
    const { portal } = auth(res);
    const limit = intParam(req.query.limit, 'limit', 100, 1, 500);
    const after = stringParam(req.query.after);
    const email = stringParam(req.query.email)?.toLowerCase();
    const archived = boolParam(req.query.archived);
    const all = [...portal.owners.values()]
      .filter((o) => o.archived === archived)
      .filter((o) => email === undefined || o.email.toLowerCase() === email)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .filter((o) => after === undefined || Number(o.id) > Number(after));
    const page = all.slice(0, limit);
    const body: Record<string, unknown> = { results: page.map(ownerView) };
    const last = page[page.length - 1];
    if (all.length > limit && last) body.paging = { next: { after: last.id, link: `?after=${last.id}` } };
    res.json(body);
  });

  r.get('/v3/owners/:ownerId', (req, res) => {
    const { portal } = auth(res);
    const idProperty = stringParam(req.query.idProperty) ?? 'id';
    if (idProperty !== 'id' && idProperty !== 'userId')
      throw validationError(`idProperty must be id or userId, got ${idProperty}`);
    const id = param(req, 'ownerId');
    const archived = boolParam(req.query.archived);
    const owner = [...portal.owners.values()].find(
      (o) => (idProperty === 'id' ? o.id === id : String(o.userId) === id) && o.archived === archived,
    );
    if (!owner) throw notFound(`Owner ${id} not found`);
    res.json(ownerView(owner));
  });

  return r;
}
