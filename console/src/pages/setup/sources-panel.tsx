/**
 * Call-tracking sources: the webhook URL to paste into each provider, whether its key is set, and
 * (admin) a form to set it. Keys are write-only: the API never sends them back.
 */
import { useState, type FormEvent } from 'react';
import { accountPath } from '../../api/client.ts';
import type { SourceSetup } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Loading } from '../../components/status.tsx';
import { SaveStatus, useSave } from './use-save.tsx';

const PROVIDER_NAMES: Record<SourceSetup['provider'], string> = {
  callrail: 'CallRail',
  twilio: 'Twilio',
  invoca: 'Invoca',
  generic: 'Generic (Ringback JSON)',
};

const FIELDS: Record<
  SourceSetup['provider'],
  Array<{ name: string; label: string; secret: boolean; required: boolean }>
> = {
  callrail: [
    { name: 'signingKey', label: 'Signing key', secret: true, required: true },
    { name: 'apiKey', label: 'API key (for reconciliation)', secret: true, required: false },
    { name: 'accountId', label: 'CallRail account id', secret: false, required: false },
  ],
  twilio: [{ name: 'authToken', label: 'Auth token', secret: true, required: true }],
  invoca: [{ name: 'token', label: 'Shared token', secret: true, required: true }],
  generic: [{ name: 'secret', label: 'Signing secret', secret: true, required: true }],
};

function SourceForm({ accountId, source, onSaved }: { accountId: string; source: SourceSetup; onSaved(): void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [generated, setGenerated] = useState<string | null>(null);
  const { busy, error, saved, save } = useSave<SourceSetup>();
  const path = `${accountPath(accountId)}/sources/${source.provider}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    if (await save(path, body, `${PROVIDER_NAMES[source.provider]} key saved.`)) {
      setValues({});
      onSaved();
    }
  };
  const generate = async () => {
    const result = await save(path, { generate: true }, 'New secret generated. Copy it now: it is not shown again.');
    if (result?.generatedSecret) {
      setGenerated(result.generatedSecret);
      onSaved();
    }
  };
  return (
    <form
      className="source-form"
      onSubmit={(e) => void submit(e)}
      aria-label={`Set the ${PROVIDER_NAMES[source.provider]} key`}
    >
      {FIELDS[source.provider].map((f) => {
        const id = `src-${source.provider}-${f.name}`;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>
              {f.label}
              {f.required ? '' : ' (optional)'}
            </label>
            <input
              id={id}
              type={f.secret ? 'password' : 'text'}
              autoComplete="off"
              value={values[f.name] ?? ''}
              placeholder={source.fields.includes(f.name) ? 'set: type to replace' : ''}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
          </div>
        );
      })}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Save key
        </button>
        {source.provider === 'generic' || source.provider === 'invoca' ? (
          <button type="button" className="button secondary" disabled={busy} onClick={() => void generate()}>
            Generate a new secret
          </button>
        ) : null}
      </div>
      {generated ? (
        <p className="generated" role="status">
          New secret: <code>{generated}</code>
        </p>
      ) : null}
      <SaveStatus error={error} saved={saved} />
    </form>
  );
}

export function SourcesPanel({ accountId, admin }: { accountId: string; admin: boolean }) {
  const sources = useApi<{ items: SourceSetup[] }>(`${accountPath(accountId)}/sources`);
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Call-tracking sources</h2>
      <p className="muted">
        Point each provider's webhooks at its URL. Ringback checks every delivery's signature with the key set here.
      </p>
      {sources.error ? <ErrorNote error={sources.error} onRetry={sources.reload} /> : null}
      {!sources.data ? <Loading what="sources" /> : null}
      <ul className="source-list">
        {sources.data?.items.map((s) => (
          <li key={s.provider} className="source">
            <h3>
              {PROVIDER_NAMES[s.provider]}{' '}
              <span className={`tag ${s.configured ? 'tag-good' : 'tag-muted'}`}>
                {s.configured ? `configured: ${s.fields.join(', ')}` : 'not configured'}
              </span>
            </h3>
            <p>
              Webhook URL: <code className="url">{s.webhookUrl}</code>{' '}
              <button
                type="button"
                className="button link"
                onClick={() => void navigator.clipboard?.writeText(s.webhookUrl)}
              >
                Copy<span className="visually-hidden"> the {PROVIDER_NAMES[s.provider]} webhook URL</span>
              </button>
            </p>
            <p className="muted">Verification: {s.verification}.</p>
            {admin ? <SourceForm accountId={accountId} source={s} onSaved={sources.reload} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
