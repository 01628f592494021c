/**
 * A recovery policy form (the account's, or a location's overrides): every key optional, blank means
 * "inherit", and the value in force is shown as the placeholder.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { PolicyConfig } from '../../api/types.ts';
import { POLICY_FIELDS, policyFromForm, policyToForm, type PolicyForm as FormValues } from '../../lib/setup-forms.ts';

export interface PolicyFormProps {
  idPrefix: string;
  legend: string;
  policy: PolicyConfig | null | undefined;
  effective: PolicyConfig | null | undefined;
  disabled?: boolean;
  /** Standalone form with its own button; otherwise fields only, read through `onChange`. */
  onSave?: (policy: PolicyConfig) => void;
  onChange?: (result: ReturnType<typeof policyFromForm>) => void;
  busy?: boolean;
}

export function PolicyFields({
  idPrefix,
  legend,
  policy,
  effective,
  disabled,
  onSave,
  onChange,
  busy,
}: PolicyFormProps) {
  const [values, setValues] = useState<FormValues>(() => policyToForm(policy));
  const [error, setError] = useState<string | null>(null);
  const placeholders = policyToForm(effective);
  const policyKey = JSON.stringify(policy ?? {});
  useEffect(() => setValues(policyToForm(JSON.parse(policyKey) as PolicyConfig)), [policyKey]);

  const update = (id: keyof FormValues, value: string) => {
    const next = { ...values, [id]: value };
    setValues(next);
    onChange?.(policyFromForm(next));
  };
  const fields = (
    <fieldset className="policy-fields" disabled={disabled}>
      <legend>{legend}</legend>
      <p className="muted">Blank fields inherit; the grey value is the one in force.</p>
      <div className="field-grid">
        {POLICY_FIELDS.map((f) => {
          const id = `${idPrefix}-${f.id.replace('.', '-')}`;
          return (
            <div className="field" key={f.id}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                name={f.id}
                value={values[f.id]}
                placeholder={placeholders[f.id] || f.hint}
                onChange={(e) => update(f.id, e.target.value)}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
  if (!onSave) return fields;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = policyFromForm(values);
    if (!result.ok) return setError(result.error);
    setError(null);
    onSave(result.value);
  };
  return (
    <form onSubmit={submit} aria-label={legend}>
      {fields}
      {error ? (
        <p className="error-note" role="alert">
          {error}
        </p>
      ) : null}
      {disabled ? null : (
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save policy'}
        </button>
      )}
    </form>
  );
}
